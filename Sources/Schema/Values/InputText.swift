/// What every value input function here shares with PostgreSQL's: C's `isspace` (space, \t, \n,
/// \v, \f, \r) for the white space allowed around a value, and the UTF-8 bytes of a Swift string
/// for the byte-level parsers the COPY reader calls directly.
@usableFromInline
enum InputText {
    /// `isspace` in the C locale.
    @inlinable @inline(__always)
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    /// Bytes of the UTF-8 character whose first byte is `lead`, as `pg_utf_mblen` counts them (a
    /// stray continuation byte counts one).
    static func characterLength(lead: UInt8) -> Int {
        lead & 0xE0 == 0xC0 ? 2 : lead & 0xF0 == 0xE0 ? 3 : lead & 0xF8 == 0xF0 ? 4 : 1
    }

    /// Runs a byte-level parser on the UTF-8 bytes of `text`.
    static func parsing<S: StringProtocol, T>(_ text: S, _ parse: (UnsafeRawBufferPointer) throws(ValueError) -> T) throws(ValueError) -> T {
        var copy = String(text)
        return try copy.withUTF8 { buf in
            Result { () throws(ValueError) -> T in try parse(UnsafeRawBufferPointer(buf)) }
        }.get()
    }
}
