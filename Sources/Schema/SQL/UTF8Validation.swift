/// Where a file's bytes stop being UTF-8, as PostgreSQL's `pg_verify_mbstr` finds it for a
/// UTF8 database: a migration holding such bytes is refused by the server at that statement
/// (`invalid byte sequence for encoding "UTF8": 0xff`), so Chunkwise names the place instead of
/// reading a replacement character.
public enum UTF8Validation {
    /// The first invalid sequence: its byte offset, 1-based line and column (in bytes), and the
    /// message PostgreSQL gives for it (the sequence's bytes as far as they go). Nil when valid.
    public static func firstInvalid(_ bytes: [UInt8]) -> (offset: Int, line: Int, column: Int, message: String)? {
        var i = 0, line = 1, lineStart = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A { line += 1; lineStart = i + 1 }
                if b == 0 { return (i, line, i - lineStart + 1, message(bytes, i, 1)) }
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return (i, line, i - lineStart + 1, message(bytes, i, 1))
            }
            for k in 1..<length {
                let ok = i + k < bytes.count && bytes[i + k] >= (k == 1 ? low : 0x80) && bytes[i + k] <= (k == 1 ? high : 0xBF)
                if !ok { return (i, line, i - lineStart + 1, message(bytes, i, length)) }
            }
            i += length
        }
        return nil
    }

    /// `invalid byte sequence for encoding "UTF8": 0xe2 0x28 0xa1` (report_invalid_encoding prints
    /// the bytes the sequence claims, as many as there are).
    static func message(_ bytes: [UInt8], _ at: Int, _ length: Int) -> String {
        let shown = bytes[at..<min(bytes.count, at + length)].map { "0x" + String($0, radix: 16, uppercase: false).leftPadded(2) }
        return "invalid byte sequence for encoding \"UTF8\": " + shown.joined(separator: " ")
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
