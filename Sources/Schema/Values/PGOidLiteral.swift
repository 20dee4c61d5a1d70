/// `oid` text as PostgreSQL 15's `oidin` reads it: `strtoul` (white space, a sign, decimal digits:
/// `-1` is 4294967295), then only white space; a value that is neither an unsigned nor a signed
/// 32-bit number once extended is out of range.
public enum PGOidLiteral {
    /// The oid, or `invalid input syntax for type oid` / `value "…" is out of range for type oid`.
    public static func parse(_ text: String) -> Result<UInt32, ValueError> {
        let s = Array(text.utf8)
        let syntax = ValueError.invalidSyntax(type: "oid", text: text)
        guard !s.isEmpty else { return .failure(syntax) }
        var i = 0
        while i < s.count, InputText.isSpace(s[i]) { i += 1 }
        var negative = false
        if i < s.count, s[i] == 0x2B || s[i] == 0x2D {
            negative = s[i] == 0x2D
            i += 1
        }
        let digitsStart = i
        var magnitude: UInt64 = 0, overflow = false
        while i < s.count, s[i] >= 0x30 && s[i] <= 0x39 {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(UInt64(s[i] - 0x30))
            if o1 || o2 { overflow = true }
            magnitude = next
            i += 1
        }
        guard i > digitsStart else { return .failure(syntax) }
        if overflow { return .failure(.outOfRange(type: "oid", text: text)) }
        while i < s.count, InputText.isSpace(s[i]) { i += 1 }
        guard i == s.count else { return .failure(syntax) }
        // strtoul negates in unsigned arithmetic.
        let converted = negative ? 0 &- magnitude : magnitude
        let oid = UInt32(truncatingIfNeeded: converted)
        let signExtended = UInt64(bitPattern: Int64(Int32(bitPattern: oid)))
        guard converted == UInt64(oid) || converted == signExtended else { return .failure(.outOfRange(type: "oid", text: text)) }
        return .success(oid)
    }
}
