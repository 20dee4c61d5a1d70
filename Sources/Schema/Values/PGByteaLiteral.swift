/// A `bytea` value's text read as PostgreSQL 15's `byteain` reads it. `\x` starts the hex format:
/// pairs of hex digits, white space (space, tab, newline, carriage return) allowed before a pair
/// but not inside one. Anything else is the escape format: bytes as written, `\\` for a backslash
/// and `\nnn` (three octal digits, the first 0–3) for any byte; any other backslash is refused.
public enum PGByteaLiteral {
    /// The bytes `text` stands for, or the error the server raises for it.
    public static func parse(_ text: String) -> Result<[UInt8], ValueError> {
        var bytes = Array(text.utf8)
        // C reads the text up to its first NUL; the server's text never holds one.
        if let nul = bytes.firstIndex(of: 0) { bytes.removeSubrange(nul...) }
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x") {
            return hex(bytes)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        func byte(_ k: Int) -> UInt8 { k < bytes.count ? bytes[k] : 0 }
        func octal(_ c: UInt8, upTo top: UInt8) -> Bool { c >= 0x30 && c <= top }
        while i < bytes.count {
            let c = bytes[i]
            if c != UInt8(ascii: "\\") {
                out.append(c)
                i += 1
            } else if octal(byte(i + 1), upTo: 0x33), octal(byte(i + 2), upTo: 0x37), octal(byte(i + 3), upTo: 0x37) {
                out.append((byte(i + 1) - 0x30) << 6 | (byte(i + 2) - 0x30) << 3 | (byte(i + 3) - 0x30))
                i += 4
            } else if byte(i + 1) == UInt8(ascii: "\\") {
                out.append(c)
                i += 2
            } else {
                return .failure(.refused(message: "invalid input syntax for type bytea", sqlState: "22P02"))
            }
        }
        return .success(out)
    }

    /// `byteaout` with `bytea_output = hex` (the default): `\x` and two lowercase hex digits a byte.
    public static func hexText(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        out.reserveCapacity(2 + bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `hex_decode` of what follows `\x`.
    private static func hex(_ bytes: [UInt8]) -> Result<[UInt8], ValueError> {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count - 2) / 2)
        var i = 2
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D {
                i += 1
                continue
            }
            guard let high = ASCIIHex.value(c) else { return .failure(badDigit(bytes, at: i)) }
            i += 1
            guard i < bytes.count else {
                return .failure(.refused(message: "invalid hexadecimal data: odd number of digits", sqlState: "22023"))
            }
            guard let low = ASCIIHex.value(bytes[i]) else { return .failure(badDigit(bytes, at: i)) }
            i += 1
            out.append(high << 4 | low)
        }
        return .success(out)
    }

    /// `invalid hexadecimal digit: "…"` naming the character at `i` (all its UTF-8 bytes).
    private static func badDigit(_ bytes: [UInt8], at i: Int) -> ValueError {
        let lead = bytes[i]
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        let character = String(decoding: bytes[i..<min(bytes.count, i + length)], as: UTF8.self)
        return .refused(message: "invalid hexadecimal digit: \"\(character)\"", sqlState: "22023")
    }
}
