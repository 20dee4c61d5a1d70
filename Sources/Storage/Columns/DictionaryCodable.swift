import Schema

/// A value a ``CodedArray`` can hold once per distinct value: equality and hashing that say
/// whether two values may share one dictionary entry (stored bytes alike, not merely equal as
/// `==` may say: `String`'s `==` is canonical equivalence).
public protocol DictionaryCodable: Hashable, Sendable {
    /// Whether `a` and `b` may be stored as one dictionary entry.
    static func sameCoded(_ a: Self, _ b: Self) -> Bool
    /// Hashes what ``sameCoded(_:_:)`` compares.
    func hashCoded(into hasher: inout Hasher)
}

extension PGUUID: DictionaryCodable {
    @inline(__always) public static func sameCoded(_ a: PGUUID, _ b: PGUUID) -> Bool { a == b }
    public func hashCoded(into hasher: inout Hasher) { hash(into: &hasher) }
}

extension String: DictionaryCodable {
    /// Same UTF-8 bytes (PostgreSQL's deterministic text equality).
    @inline(__always) public static func sameCoded(_ a: String, _ b: String) -> Bool { UTF8Equality.same(a, b) }
    public func hashCoded(into hasher: inout Hasher) {
        var copy = self
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
