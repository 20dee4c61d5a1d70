/// `bit(n)` and `bit varying(n)` text as PostgreSQL 15's `bit_in` and `varbit_in` read it
/// (varbit.c): binary digits, or `B`/`b` then binary digits, or `X`/`x` then hexadecimal digits
/// (four bits each). The length is checked against the column's n before any digit is read: a
/// `bit(n)` value must have exactly n bits, a `bit varying(n)` at most n.
public enum PGBitLiteral {
    /// The value's bits (`true` for 1), or the server's refusal. `length` is the column's n (a
    /// `bit` column without one is `bit(1)`); nil for `bit varying` without a length.
    public static func parse(_ text: String, varying: Bool, length: Int?) -> Result<[Bool], ValueError> {
        let bytes = Array(text.utf8)
        var start = 0, hex = false
        if let first = bytes.first {
            if first == 0x62 || first == 0x42 {
                start = 1
            } else if first == 0x78 || first == 0x58 {
                start = 1
                hex = true
            }
        }
        let digits = bytes.count - start
        let (bitCount, overflow) = hex ? digits.multipliedReportingOverflow(by: 4) : (digits, false)
        // VARBITMAXLEN: the largest bit length a varlena can hold.
        let maximum = 0x3FFF_FFFF * 8 - 8 * 8
        if overflow || bitCount > maximum {
            return .failure(.refused(message: "bit string length exceeds the maximum allowed (\(maximum))", sqlState: "54000"))
        }
        if let n = length {
            if varying, bitCount > n {
                return .failure(.refused(message: "bit string too long for type bit varying(\(n))", sqlState: "22001"))
            }
            if !varying, bitCount != n {
                return .failure(.refused(message: "bit string length \(bitCount) does not match type bit(\(n))", sqlState: "22026"))
            }
        }
        var bits: [Bool] = []
        bits.reserveCapacity(bitCount)
        var i = start
        while i < bytes.count {
            let c = bytes[i]
            if hex {
                guard let value = ASCIIHex.value(c) else { return .failure(badDigit(bytes, at: i, kind: "hexadecimal")) }
                for shift in stride(from: 3, through: 0, by: -1) { bits.append(value >> UInt8(shift) & 1 == 1) }
            } else {
                guard c == 0x30 || c == 0x31 else { return .failure(badDigit(bytes, at: i, kind: "binary")) }
                bits.append(c == 0x31)
            }
            i += 1
        }
        return .success(bits)
    }

    /// `"<character>" is not a valid binary digit` (the whole character at `i`, as `pg_mblen` takes it).
    static func badDigit(_ bytes: [UInt8], at i: Int, kind: String) -> ValueError {
        let end = min(i + InputText.characterLength(lead: bytes[i]), bytes.count)
        let character = String(decoding: bytes[i..<end], as: UTF8.self)
        return .refused(message: "\"\(character)\" is not a valid \(kind) digit", sqlState: "22P02")
    }

    /// `bit_out`: the bits as binary digits.
    public static func text(_ bits: [Bool]) -> String {
        String(decoding: bits.map { $0 ? UInt8(0x31) : 0x30 }, as: UTF8.self)
    }

    /// Bytes of the stored value after its varlena header: the bit count (4 bytes) and the bits
    /// packed eight to a byte.
    public static func payloadSize(bitCount: Int) -> Int { 4 + (bitCount + 7) / 8 }
}
