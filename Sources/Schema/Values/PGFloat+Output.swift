#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `float8out` (and `float4out`, below) as PostgreSQL 15 runs it with its default `extra_float_digits = 1`
/// (float.c `float8out_internal`, src/common/d2s.c `double_to_shortest_decimal_buf`): the fewest
/// digits that read back to the same double; plain notation while the decimal exponent is from −4
/// to 14, otherwise `d.ddde±XX` with at least two exponent digits; `NaN`, `Infinity`, `-Infinity`,
/// `-0`.
///
///     PGFloat.shortestText(1e20)   // "1e+20"
///     PGFloat.shortestText(1e14)   // "100000000000000"
///     PGFloat.shortestText(0.00001) // "1e-05"
extension PGFloat {
    public static func shortestText(_ value: Double) -> String {
        if let special = specialText(value) { return special }
        let (digits, exponent) = shortestDigits(abs(value))
        return text(digits: digits, exponent: exponent, negative: value < 0, plainBelow: 15)
    }

    /// `float4out` at `extra_float_digits = 1` (src/common/f2s.c `float_to_shortest_decimal_buf`):
    /// the fewest digits that read back to the same `real`, plain while the decimal exponent is
    /// from −4 to 5 (`123456`, `1.234567e+06`, `1e+06`).
    public static func shortestText(_ value: Float) -> String {
        if let special = specialText(value) { return special }
        let (digits, exponent) = shortestDigits(abs(value))
        return text(digits: digits, exponent: exponent, negative: value < 0, plainBelow: 6)
    }

    /// What both output functions print without digits: `NaN`, `±Infinity`, `0` and `-0`.
    private static func specialText<F: BinaryFloatingPoint>(_ value: F) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        return nil
    }

    /// Ryū's output: plain notation for a decimal exponent from −4 to `plainBelow − 1`, else
    /// `d.ddde±XX` with at least two exponent digits.
    private static func text(digits: String, exponent: Int, negative: Bool, plainBelow: Int) -> String {
        let sign = negative ? "-" : ""
        if exponent >= -4 && exponent < plainBelow {
            if exponent < 0 { return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits }
            if digits.count <= exponent + 1 { return sign + digits + String(repeating: "0", count: exponent + 1 - digits.count) }
            let point = digits.index(digits.startIndex, offsetBy: exponent + 1)
            return sign + digits[..<point] + "." + digits[point...]
        }
        let mantissa = digits.count == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
        let magnitude = String(abs(exponent))
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
    }

    /// The significant digits of a positive finite double and the decimal exponent of the first.
    /// Swift's description holds the shortest round-trip digits, like Ryū; but it also takes a
    /// spelling exactly halfway to a neighbouring double (which reads back by ties-to-even), and
    /// PostgreSQL's Ryū does not: then the nearest spelling strictly inside, one digit longer or more.
    ///
    /// Below 2⁵³ no spelling of at most 17 digits lies halfway: a midpoint between two doubles
    /// there needs more digits (53 − e binary fraction digits at magnitude 2ᵉ), so only larger
    /// values are checked.
    private static func shortestDigits(_ value: Double) -> (String, Int) {
        var (digits, exponent) = decimalDigits(value.description)
        guard value >= 0x1p53 else { return (digits, exponent) }
        var precision = digits.count
        while precision < 17 && isHalfway(digits, exponent, of: value) {
            precision += 1
            (digits, exponent) = rounded(value, significantDigits: precision)
        }
        return (digits, exponent)
    }

    /// The same for a `real`: Swift's shortest digits, unless they lie exactly halfway to a
    /// neighbouring `real` (possible from 2²⁴ up), then the nearest spelling strictly inside.
    private static func shortestDigits(_ value: Float) -> (String, Int) {
        var (digits, exponent) = decimalDigits(value.description)
        guard value >= 0x1p24 else { return (digits, exponent) }
        var precision = digits.count
        while precision < 9 && isHalfway(digits, exponent, of: value) {
            precision += 1
            (digits, exponent) = rounded(Double(value), significantDigits: precision)
        }
        return (digits, exponent)
    }

    private static func isHalfway(_ digits: String, _ exponent: Int, of value: Float) -> Bool {
        let (up, down) = nudged(digits, exponent)
        return strtof(up, nil) != value || strtof(down, nil) != value
    }

    /// `0.d₁d₂… × 10^(exponent+1)` nudged up and down by 10⁻⁴⁰ of itself, as text.
    private static func nudged(_ digits: String, _ exponent: Int) -> (up: String, down: String) {
        let e = "e\(exponent + 1)"
        let up = "0." + digits + String(repeating: "0", count: 40) + "1" + e
        var lowered = Array(digits.utf8)
        var k = lowered.count - 1
        while lowered[k] == UInt8(ascii: "0") { lowered[k] = UInt8(ascii: "9"); k -= 1 }
        lowered[k] -= 1
        return (up, "0." + String(decoding: lowered, as: UTF8.self) + String(repeating: "9", count: 40) + e)
    }

    /// Whether `0.d₁d₂… × 10^(exponent+1)` reads back to `value` only because it lies exactly on the
    /// edge of its rounding interval: a nudge of 10⁻⁴⁰ of it either way reads as another double.
    private static func isHalfway(_ digits: String, _ exponent: Int, of value: Double) -> Bool {
        let (up, down) = nudged(digits, exponent)
        return strtod(up, nil) != value || strtod(down, nil) != value
    }

    /// `value` correctly rounded to `significantDigits` digits (C's `%.*e`), trailing zeros dropped.
    private static func rounded(_ value: Double, significantDigits: Int) -> (String, Int) {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([Int32(significantDigits - 1), value]) { vsnprintf(&buffer, buffer.count, "%.*e", $0) }
        return decimalDigits(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// The significant digits (no leading or trailing zeros) of a positive finite number's text
    /// (`123.45`, `1.5e-07`, `5e-324`) and the decimal exponent of the first of them.
    private static func decimalDigits(_ text: String) -> (String, Int) {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let point = mantissa.firstIndex(of: ".") ?? mantissa.endIndex
        var all = Array(mantissa.filter { $0 != "." })
        var leading = mantissa.distance(from: mantissa.startIndex, to: point) - 1
        while all.first == "0" { all.removeFirst(); leading -= 1 }
        while all.last == "0" { all.removeLast() }
        return (String(all), exponent + leading)
    }
}
