extension NumericValue {
    /// Parses numeric text the way `numeric_in` reads it (`-12.50`, `.5`, `1.5e3`, `1e 5`, `NaN`,
    /// `-Infinity`, 131,072 digits before the point), applying a column's `numeric(p, s)`: the value
    /// is rounded half away from zero to `s` digits and must stay below 10^(p − s)
    /// (`numeric field overflow`). Without a modifier, more than 131,072 digits before the point or
    /// 16,383 after it is `value overflows numeric format`.
    public static func parse<S: StringProtocol>(_ text: S, precision: Int? = nil, scale: Int? = nil) throws(ValueError) -> NumericValue {
        try InputText.parsing(text) { bytes throws(ValueError) in try parse(bytes: bytes, precision: precision, scale: scale) }
    }

    /// Byte-level form used by the COPY reader: the fixed-width fast path first, the general
    /// reader only for exponents and values wider than 18 digits.
    public static func parse(bytes: UnsafeRawBufferPointer, precision: Int?, scale: Int?) throws(ValueError) -> NumericValue {
        if let narrow = try PGNumeric.parseFixedWidth(bytes: bytes, precision: precision, scale: scale) { return .narrow(narrow) }
        return try parseAnyWidth(bytes: bytes, precision: precision, scale: scale)
    }

    /// The general reader: any number of digits and an exponent, exact (the COPY reader calls it
    /// when ``PGNumeric/parseFixedWidth(bytes:precision:scale:)`` returns nil).
    public static func parseAnyWidth(bytes: UnsafeRawBufferPointer, precision: Int?, scale columnScale: Int?) throws(ValueError) -> NumericValue {
        func syntax() -> ValueError { .invalidSyntax(type: "numeric", text: String(decoding: bytes, as: UTF8.self)) }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        var i = 0
        var end = bytes.count
        while i < end, InputText.isSpace(bytes[i]) { i += 1 }
        while end > i, InputText.isSpace(bytes[end - 1]) { end -= 1 }
        if let special = PGNumeric.parseSpecialWord(bytes, from: i, to: end) {
            return .narrow(try PGNumeric.checkedSpecial(special, precision: precision, scale: columnScale))
        }
        var negative = false
        if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var sawPoint = false
        var sawDigit = false
        while i < end {
            let c = bytes[i]
            if isDigit(c) {
                sawDigit = true
                // Leading zeros carry no value (their count only matters after the point, via the scale).
                if !digits.isEmpty || c != 0x30 { digits.append(c - 0x30) }
                if sawPoint { fractionDigits += 1 }
            } else if c == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { throw syntax() }
        var exponent = 0
        if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            // strtol: white space, an optional sign, then at least one digit.
            while i < end, InputText.isSpace(bytes[i]) { i += 1 }
            var exponentNegative = false
            if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            let exponentStart = i
            var magnitude = 0
            // INT_MAX / 2: numeric_in refuses an exponent this large before anything else.
            let exponentLimit = Int(Int32.max) / 2
            while i < end, isDigit(bytes[i]) {
                if magnitude < exponentLimit { magnitude = magnitude * 10 + Int(bytes[i] - 0x30) }
                i += 1
            }
            guard i > exponentStart else { throw syntax() }
            if magnitude >= exponentLimit { throw .numericValueOverflow }
            exponent = exponentNegative ? -magnitude : magnitude
        }
        guard i == end else { throw syntax() }

        // value = digits × 10^-scale, where the scale may be negative before padding.
        var scale = fractionDigits - exponent
        let displayScale = max(0, scale)
        if let cs = columnScale {
            // Digits before the point, known before anything is built: rounding away fraction
            // digits never gives fewer, so a value already too wide is refused here (an exponent
            // of 10^9 must not pad a billion zeros first; found by the values fuzzer).
            if !digits.isEmpty {
                let integerDigits = digits.count - scale
                if let p = precision, integerDigits > p - cs { throw .numericFieldOverflow(precision: p, scale: cs) }
                if integerDigits > PGWideNumeric.maximumIntegerDigits { throw .numericValueOverflow }
            }
            // Round (or pad) to the column's scale: at most p digits are built.
            digits = rounded(digits, from: scale, to: cs)
            scale = cs
            let integerDigits = max(0, digits.count - scale)
            if let p = precision, integerDigits > p - cs {
                throw .numericFieldOverflow(precision: p, scale: cs)
            }
            if integerDigits > PGWideNumeric.maximumIntegerDigits { throw .numericValueOverflow }
        } else {
            if (!digits.isEmpty && digits.count - scale > PGWideNumeric.maximumIntegerDigits) || displayScale > PGWideNumeric.maximumScale {
                throw .numericValueOverflow
            }
            if scale < 0 {
                if !digits.isEmpty { digits.append(contentsOf: repeatElement(0, count: -scale)) }
                scale = 0
            }
        }
        return NumericValue.make(negative: negative, digits: digits, scale: scale)
    }

    /// digits × 10^-scale rounded half away from zero (or padded with zeros) to `target` fraction
    /// digits, as digits × 10^-target without leading zeros. Nothing larger than the result is built.
    static func rounded(_ digits: [UInt8], from scale: Int, to target: Int) -> [UInt8] {
        if digits.isEmpty { return [] }
        if scale <= target {
            return digits + repeatElement(0, count: target - scale)
        }
        let drop = scale - target
        let keep = digits.count - drop
        if keep < 0 { return [] }
        if keep == 0 { return digits[0] >= 5 ? [1] : [] }
        var kept = Array(digits[..<keep])
        if digits[keep] >= 5 {
            var k = kept.count - 1
            while k >= 0 {
                if kept[k] == 9 { kept[k] = 0; k -= 1 } else { kept[k] += 1; break }
            }
            if k < 0 { kept.insert(1, at: 0) }
        }
        var start = 0
        while start < kept.count && kept[start] == 0 { start += 1 }
        return start == 0 ? kept : Array(kept[start...])
    }
}
