#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `float4in` / `float8in`: how PostgreSQL reads `real` and `double precision` text.
///
/// PostgreSQL hands the text to the C library's `strtod` (`strtof` for `real`), so Chunkwise does
/// the same: decimal and hexadecimal (`0x1p3`) spellings, `inf`/`infinity`/`nan` with a sign, white
/// space around. A finite spelling that overflows to ±infinity, or a non-zero one that underflows to
/// zero, is `"…" is out of range for type double precision` (a denormal result is kept, as
/// PostgreSQL keeps it), tested before anything left over, which is `invalid input syntax`.
public enum PGFloat {
    /// Parses `text` as `type` (`.float4` or `.float8`); a `.float4` value is returned widened.
    public static func parse<S: StringProtocol>(_ text: S, type: PGType) throws(ValueError) -> Double {
        let original = String(text)
        let typeName = type == .float4 ? "real" : "double precision"
        var bytes = Array(original.utf8)
        // A NUL would end the C string early; the COPY reader refuses it before this, others here.
        guard !bytes.contains(0) else { throw .invalidSyntax(type: typeName, text: original) }
        var start = 0
        while start < bytes.count && InputText.isSpace(bytes[start]) { start += 1 }
        guard start < bytes.count else { throw .invalidSyntax(type: typeName, text: original) }
        bytes.append(0)
        let (value, consumed): (Double, Int) = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                let begin = chars + start
                var end: UnsafeMutablePointer<CChar>?
                let v = type == .float4 ? Double(strtof(begin, &end)) : strtod(begin, &end)
                return (v, end.map { UnsafePointer($0) - begin } ?? 0)
            }
        }
        guard consumed > 0 else { throw .invalidSyntax(type: typeName, text: original) }
        // A range error comes before any trailing text is looked at (float8in_internal tests
        // strtod's errno first): float8in names the number strtod read, float4in the whole input.
        let spelled = bytes[start..<(start + consumed)]
        if value.isInfinite && !spellsInfinity(spelled) || value == 0 && hasNonZeroMantissa(spelled) {
            let named = type == .float4 ? original : String(decoding: spelled, as: UTF8.self)
            throw .refused(message: "\"\(named)\" is out of range for type \(typeName)", sqlState: "22003")
        }
        var rest = start + consumed
        while rest < bytes.count - 1 && InputText.isSpace(bytes[rest]) { rest += 1 }
        guard rest == bytes.count - 1 else { throw .invalidSyntax(type: typeName, text: original) }
        return value
    }

    /// The value of a plain decimal spelling (`-12.5`, `3e-7`: a sign, digits, a point, an
    /// exponent; nothing else, at most 64 bytes) that is in range, read from the field's bytes
    /// without building a `String`; nil for anything else — words, spaces, hexadecimal, an
    /// overflow or underflow, bytes that are not ASCII — which ``parse(_:type:)`` then reads and
    /// refuses with PostgreSQL's message. The COPY reader's path for every float field.
    public static func parsePlainDecimal(bytes: UnsafeRawBufferPointer, type: PGType) -> Double? {
        let n = bytes.count
        guard n > 0, n <= 64 else { return nil }
        var i = 0
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") { i = 1 }
        var digits = 0
        var nonZero = false
        var sawPoint = false
        while i < n {
            let c = bytes[i]
            if c >= 0x30 && c <= 0x39 {
                digits += 1
                if c != 0x30 { nonZero = true }
            } else if c == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < n {
            guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { return nil }
            i += 1
            if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            let exponentStart = i
            while i < n, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
            guard i > exponentStart, i == n else { return nil }
        }
        let value: Double = withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buffer in
            for k in 0..<n { buffer[k] = CChar(bitPattern: bytes[k]) }
            buffer[n] = 0
            guard let begin = buffer.baseAddress else { return .nan }
            var end: UnsafeMutablePointer<CChar>?
            let v = type == .float4 ? Double(strtof(begin, &end)) : strtod(begin, &end)
            guard let end, end - begin == n else { return .nan }
            return v
        }
        // NaN cannot come from a plain decimal: it marks a parse that stopped early.
        guard !value.isNaN, !value.isInfinite, !(value == 0 && nonZero) else { return nil }
        return value
    }

    /// Whether the consumed text is the word `inf`/`infinity` (with a sign), not a number.
    private static func spellsInfinity(_ spelled: ArraySlice<UInt8>) -> Bool {
        spelled.contains { $0 == UInt8(ascii: "i") || $0 == UInt8(ascii: "I") }
    }

    /// Whether the number's digits before its exponent include a non-zero one (so a zero result
    /// is an underflow, not a zero).
    private static func hasNonZeroMantissa(_ spelled: ArraySlice<UInt8>) -> Bool {
        let lower = spelled.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        if lower.contains(UInt8(ascii: "n")) { return false }  // nan
        var digits = lower[...]
        if let s = digits.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { digits = digits.dropFirst() }
        let hex = digits.starts(with: [UInt8(ascii: "0"), UInt8(ascii: "x")])
        if hex { digits = digits.dropFirst(2) }
        let exponentMark = hex ? UInt8(ascii: "p") : UInt8(ascii: "e")
        for c in digits {
            if c == exponentMark { break }
            if c == UInt8(ascii: ".") || c == UInt8(ascii: "0") { continue }
            return true
        }
        return false
    }
}
