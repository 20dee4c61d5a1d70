/// Addition, multiplication and rounding with PostgreSQL's result scales.
extension PGDecimal {
    /// `numeric_add`: exact, result scale = the larger input scale.
    /// NaN wins, `Infinity + -Infinity` is NaN, an infinity absorbs any number.
    public static func + (a: PGDecimal, b: PGDecimal) -> PGDecimal {
        if a.special != nil || b.special != nil {
            if a.special == .nan || b.special == .nan { return PGDecimal(special: .nan) }
            if a.special == nil { return b }
            if b.special == nil { return a }
            return a.special == b.special ? a : PGDecimal(special: .nan)
        }
        let (x, y, s) = aligned(a, b)
        if a.isNegative == b.isNegative { return PGDecimal(isNegative: a.isNegative, magnitude: x + y, scale: s) }
        if x >= y { return PGDecimal(isNegative: a.isNegative, magnitude: x - y, scale: s) }
        return PGDecimal(isNegative: b.isNegative, magnitude: y - x, scale: s)
    }

    public static prefix func - (a: PGDecimal) -> PGDecimal {
        if let s = a.special { return PGDecimal(special: PGNumeric(special: s).negated.special ?? .nan) }
        return PGDecimal(isNegative: !a.isNegative, magnitude: a.magnitude, scale: a.scale)
    }

    public static func - (a: PGDecimal, b: PGDecimal) -> PGDecimal { a + (-b) }

    /// `numeric_mul`: exact, result scale = the sum of the input scales (`100.0 * 3` is `300.0`).
    /// With a special input: NaN if either is NaN or an infinity meets zero, else an infinity
    /// signed by the product of the signs.
    public static func * (a: PGDecimal, b: PGDecimal) -> PGDecimal {
        if a.special != nil || b.special != nil {
            if a.special == .nan || b.special == .nan { return PGDecimal(special: .nan) }
            if (a.special == nil && a.isZero) || (b.special == nil && b.isZero) { return PGDecimal(special: .nan) }
            return PGDecimal(special: a.isNegative != b.isNegative ? .negativeInfinity : .infinity)
        }
        return PGDecimal(isNegative: a.isNegative != b.isNegative, magnitude: a.magnitude * b.magnitude, scale: a.scale + b.scale)
    }

    /// `round(numeric, int)` (`numeric_round`/`round_var`): half away from zero at `n` fraction
    /// digits; the result displays `max(n, 0)` digits, so `round(2.5, 0)` is `3` and
    /// `round(66.6666…, 2)` is `66.67`. Negative `n` rounds left of the point (`round(1250, -2)` is `1300`).
    /// NaN and ±Infinity round to themselves.
    public func rounded(toScale n: Int) -> PGDecimal {
        if special != nil { return self }
        let shown = max(n, 0)
        if n >= scale {
            return PGDecimal(isNegative: isNegative, magnitude: magnitude.shiftedLeft(decimalDigits: shown - scale), scale: shown)
        }
        let dropped = scale - n
        let divisor = DecimalMagnitude.tenToThe(dropped)
        var (q, r) = magnitude.quotientAndRemainder(dividingBy: divisor)
        // Half away from zero: the magnitude rounds up when the dropped part is at least half.
        if DecimalMagnitude.compare(r.multiplied(by: 2), divisor) >= 0 { q = q + DecimalMagnitude(UInt64(1)) }
        if n < 0 { q = q.shiftedLeft(decimalDigits: -n) }
        return PGDecimal(isNegative: isNegative, magnitude: q, scale: shown)
    }
}
