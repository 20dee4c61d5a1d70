/// A `macaddr8` value's text read as PostgreSQL 15's `macaddr8_in` reads it (mac8.c): leading
/// white space, then two hex digits per byte, six or eight bytes, each optionally followed by one
/// separator (`:`, `-` or `.`, the same one throughout), white space allowed only at the end after
/// the sixth or eighth byte. A six-byte address becomes eight by `FF:FE` in its middle (EUI-48 to
/// EUI-64). The server's loop reads bytes while two characters remain, so a single character left
/// at the end is ignored, as there.
public enum PGMacaddr8Literal {
    /// The eight bytes, or `invalid input syntax for type macaddr8`.
    public static func parse(_ text: String) -> Result<[UInt8], ValueError> {
        var s = Array(text.utf8)
        if let nul = s.firstIndex(of: 0) { s.removeSubrange(nul...) }
        let refusal = ValueError.invalidSyntax(type: "macaddr8", text: text)
        func at(_ i: Int) -> UInt8 { i < s.count ? s[i] : 0 }
        var i = 0
        while i < s.count, InputText.isSpace(s[i]) { i += 1 }
        var octets: [UInt8] = []
        var separator: UInt8?
        while at(i) != 0 && at(i + 1) != 0 {
            guard octets.count < 8, let high = ASCIIHex.value(s[i]), let low = ASCIIHex.value(s[i + 1]) else { return .failure(refusal) }
            octets.append(high << 4 | low)
            i += 2
            let c = at(i)
            if c == 0x3A || c == 0x2D || c == 0x2E {
                if let separator, separator != c { return .failure(refusal) }
                separator = c
                i += 1
            }
            if octets.count == 6 || octets.count == 8, InputText.isSpace(at(i)) {
                i += 1
                while InputText.isSpace(at(i)) { i += 1 }
                if at(i) != 0 { return .failure(refusal) }
            }
        }
        if octets.count == 6 {
            octets = Array(octets[0..<3]) + [0xFF, 0xFE] + Array(octets[3..<6])
        } else if octets.count != 8 {
            return .failure(refusal)
        }
        return .success(octets)
    }

    /// `macaddr8_out`: eight two-digit lowercase hex bytes separated by colons.
    public static func text(_ octets: [UInt8]) -> String { PGMacaddrLiteral.text(octets) }
}
