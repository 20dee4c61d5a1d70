/// `int2in` / `int4in` / `int8in`: how PostgreSQL 15 reads integer text.
public enum PGInteger {
    /// White space around (isspace), an optional sign, then decimal digits only (no `_`, no `0x`:
    /// those came in PostgreSQL 16). A value outside `lo…hi` is `value "…" is out of range for type …`.
    /// Inlinable: the COPY reader calls it once per integer field.
    @inlinable
    public static func parse(bytes b: UnsafeRawBufferPointer, min lo: Int64, max hi: Int64, type: PGType) throws(ValueError) -> Int64 {
        var i = 0, end = b.count
        while i < end, InputText.isSpace(b[i]) { i += 1 }
        while end > i, InputText.isSpace(b[end - 1]) { end -= 1 }
        var negative = false
        if i < end, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { negative = b[i] == UInt8(ascii: "-"); i += 1 }
        guard i < end else { throw .invalidSyntax(type: type.sqlName, text: String(decoding: b, as: UTF8.self)) }
        // Accumulate negatively so Int64.min parses.
        var v: Int64 = 0
        var overflow = false
        while i < end {
            let c = b[i]
            guard c >= 0x30 && c <= 0x39 else { throw .invalidSyntax(type: type.sqlName, text: String(decoding: b, as: UTF8.self)) }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.subtractingReportingOverflow(Int64(c - 0x30))
            // pg_strtoint16/32/64 stop at the digit that leaves the type: out of range even when
            // junk follows ("21474836480x" is out of range for integer, "1x" invalid syntax).
            if o1 || o2 || s < lo { throw .outOfRange(type: type.sqlName, text: String(decoding: b, as: UTF8.self)) }
            v = s
            i += 1
        }
        if !negative {
            if v == .min { overflow = true } else { v = -v }
        }
        if overflow || v < lo || v > hi { throw .outOfRange(type: type.sqlName, text: String(decoding: b, as: UTF8.self)) }
        return v
    }

    /// The same for text, with the range of `type` (int2, int4 or int8).
    public static func parse<S: StringProtocol>(_ text: S, type: PGType) throws(ValueError) -> Int64 {
        let range: (Int64, Int64) = type == .int2 ? (Int64(Int16.min), Int64(Int16.max))
            : type == .int4 ? (Int64(Int32.min), Int64(Int32.max)) : (.min, .max)
        return try InputText.parsing(text) { bytes throws(ValueError) in try parse(bytes: bytes, min: range.0, max: range.1, type: type) }
    }
}
