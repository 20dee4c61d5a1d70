/// `float8out` as PostgreSQL 15 runs it with its default `extra_float_digits = 1`
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
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        // Swift's description holds the shortest round-trip digits too; only the layout differs.
        let (digits, exponent) = decimalDigits(abs(value).description)
        let sign = value < 0 ? "-" : ""
        if exponent >= -4 && exponent < 15 {
            if exponent < 0 { return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits }
            if digits.count <= exponent + 1 { return sign + digits + String(repeating: "0", count: exponent + 1 - digits.count) }
            let point = digits.index(digits.startIndex, offsetBy: exponent + 1)
            return sign + digits[..<point] + "." + digits[point...]
        }
        let mantissa = digits.count == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
        let magnitude = String(abs(exponent))
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
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
