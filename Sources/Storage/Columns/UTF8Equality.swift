import Codecs

/// Byte equality of strings: whether two strings have the same UTF-8 bytes. `String`'s own `==`
/// is Unicode canonical equivalence, which is not what text comparison in the "C" collation
/// (``ValueOrdering``) or a byte-keyed codec needs.
enum UTF8Equality {
    /// Whether `a` and `b` hold the same UTF-8 bytes, compared in place (small strings on the
    /// stack, native ones in their buffer), eight bytes at a time.
    @inline(__always)
    static func same(_ a: String, _ b: String) -> Bool {
        // Identical representations (the same small-string bits, or the same native buffer and
        // count) hold the same bytes: the common case of a value repeated from row to row.
        if unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self) { return true }
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in RawByteEquality.same(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y)) } }
    }
}

/// A string compared and hashed by its UTF-8 bytes (not Unicode canonical equivalence, which
/// `String`'s own `==` uses), matching ``ValueOrdering``'s byte order.
struct UTF8Key: Hashable {
    let text: String
    init(_ text: String) { self.text = text }
    static func == (a: UTF8Key, b: UTF8Key) -> Bool { UTF8Equality.same(a.text, b.text) }
    func hash(into hasher: inout Hasher) {
        var copy = text
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
