extension PGNumeric {
    /// NUMERIC input in exponent notation (`1.5e3`, `-2E-2`), which `numeric_in` accepts: the
    /// decimal point is moved and the plain form goes through ``PGNumeric/parse(_:precision:scale:)``,
    /// so rounding and `numeric field overflow` apply unchanged. Malformed text is `invalid input syntax`.
    static func parseExponent(_ text: String, precision: Int?, scale: Int?) throws(ValueError) -> PGNumeric {
        let syntax = ValueError.invalidSyntax(type: "numeric", text: text)
        let trimmed = text.trimmingPrefixAndSuffixSpaces()
        guard let e = trimmed.firstIndex(where: { $0 == "e" || $0 == "E" }) else { throw syntax }
        var mantissa = String(trimmed[..<e])
        let exponentText = trimmed[trimmed.index(after: e)...]
        let exponentDigits = exponentText.drop { $0 == "+" || $0 == "-" }
        guard exponentText.count - exponentDigits.count <= 1, !exponentDigits.isEmpty, exponentDigits.count <= 4,
              exponentDigits.allSatisfy({ $0.isASCII && $0.isNumber }), var exponent = Int(exponentDigits) else { throw syntax }
        if exponentText.first == "-" { exponent = -exponent }
        var negative = false
        if let sign = mantissa.first, sign == "-" || sign == "+" { negative = sign == "-"; mantissa.removeFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !mantissa.isEmpty, mantissa != ".",
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { throw syntax }
        var digits = String(parts[0]) + (parts.count == 2 ? String(parts[1]) : "")
        var point = parts[0].count + exponent
        if point <= 0 { digits = String(repeating: "0", count: 1 - point) + digits; point = 1 }
        if point > digits.count { digits += String(repeating: "0", count: point - digits.count) }
        let cut = digits.index(digits.startIndex, offsetBy: point)
        let plain = (negative ? "-" : "") + digits[..<cut] + "." + digits[cut...]
        // The plain form's scale: PostgreSQL keeps max(0, fraction digits − exponent).
        let fraction = parts.count == 2 ? parts[1].count : 0
        let displayScale = max(0, fraction - exponent)
        let value = try PGNumeric.parse(plain, precision: precision, scale: scale ?? displayScale)
        return value
    }
}

extension String {
    fileprivate func trimmingPrefixAndSuffixSpaces() -> Substring {
        // numeric_in's isspace: space, \t \n \v \f \r ("\r\n" is one Character of two such scalars).
        func isSpace(_ c: Character) -> Bool { c.unicodeScalars.allSatisfy { $0 == " " || (9...13).contains($0.value) } }
        var s = Substring(self)
        while let f = s.first, isSpace(f) { s.removeFirst() }
        while let l = s.last, isSpace(l) { s.removeLast() }
        return s
    }
}
