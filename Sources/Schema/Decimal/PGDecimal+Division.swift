/// Division as PostgreSQL 15's `numeric_div` does it: choose a result scale with
/// `select_div_scale`, then compute the exact quotient rounded (half away from zero) to that scale
/// (`div_var(..., rscale, round = true)`).
extension PGDecimal {
    /// PostgreSQL's `NUMERIC_MIN_SIG_DIGITS` (numeric.c): a quotient gets at least this many
    /// significant digits, "no less accurate than float8".
    public static let minimumSignificantDigits = 16
    /// `NUMERIC_MIN_DISPLAY_SCALE` and `NUMERIC_MAX_DISPLAY_SCALE` (= `NUMERIC_MAX_PRECISION`, 1000).
    public static let displayScaleRange = 0...1000
    /// `DEC_DIGITS`: decimal digits per base-`NBASE` (10000) digit in PostgreSQL's representation.
    /// The scale rule counts weights in these digits, so it is reproduced here exactly.
    static let decimalDigitsPerNBaseDigit = 4

    /// The weight (power of 10000) of the leading non-zero base-10000 digit and that digit, as
    /// PostgreSQL's normalized `NumericVar` would hold them; (0, 0) for zero.
    var nbaseWeightAndFirstDigit: (weight: Int, firstDigit: Int) {
        if magnitude.isZero { return (0, 0) }
        let digits = Array(magnitude.decimalString.utf8)
        // Power of ten of the leading decimal digit.
        let leadingPower = digits.count - 1 - scale
        let weight = floorDiv(leadingPower, PGDecimal.decimalDigitsPerNBaseDigit)
        // The base-10000 digit covers powers 4·weight … 4·weight+3; digits below the value's last
        // written digit are zero.
        var first = 0
        var power = leadingPower
        var i = 0
        while power >= weight * PGDecimal.decimalDigitsPerNBaseDigit {
            first = first * 10 + (i < digits.count ? Int(digits[i] - 0x30) : 0)
            i += 1
            power -= 1
        }
        return (weight, first)
    }

    /// `select_div_scale(var1, var2)`: 16 significant digits for the estimated quotient weight,
    /// at least either input's display scale, within 0…1000.
    public static func divisionScale(_ dividend: PGDecimal, _ divisor: PGDecimal) -> Int {
        let (w1, f1) = dividend.nbaseWeightAndFirstDigit
        let (w2, f2) = divisor.nbaseWeightAndFirstDigit
        // When the leading digits tie PostgreSQL assumes the dividend is the smaller.
        var qweight = w1 - w2
        if f1 <= f2 { qweight -= 1 }
        var rscale = minimumSignificantDigits - qweight * decimalDigitsPerNBaseDigit
        rscale = max(rscale, dividend.scale, divisor.scale, displayScaleRange.lowerBound)
        return min(rscale, displayScaleRange.upperBound)
    }

    /// `numeric_div`: nil for division by zero (SQL raises `division by zero`; the analytics
    /// functions guard with NULLIF and never get here with zero).
    /// With a special input (PostgreSQL 14+): NaN if either is NaN or both are infinite, an
    /// infinity over a number is an infinity signed by both signs (nil over zero), a number over
    /// an infinity is 0.
    public func divided(by divisor: PGDecimal) -> PGDecimal? {
        if special != nil || divisor.special != nil { return specialQuotient(divisor) }
        guard !divisor.isZero else { return nil }
        return divided(by: divisor, scale: PGDecimal.divisionScale(self, divisor))
    }

    /// The exact quotient rounded half away from zero to `rscale` fraction digits.
    public func divided(by divisor: PGDecimal, scale rscale: Int) -> PGDecimal? {
        if special != nil || divisor.special != nil { return specialQuotient(divisor) }
        guard !divisor.isZero else { return nil }
        // q·10^rscale = (A·10^-sa) / (B·10^-sb) · 10^rscale = A·10^(rscale+sb-sa) / B
        let k = rscale + divisor.scale - scale
        let n = k >= 0 ? magnitude.shiftedLeft(decimalDigits: k) : magnitude
        let d = k >= 0 ? divisor.magnitude : divisor.magnitude.shiftedLeft(decimalDigits: -k)
        var (q, r) = n.quotientAndRemainder(dividingBy: d)
        if DecimalMagnitude.compare(r.multiplied(by: 2), d) >= 0 { q = q + DecimalMagnitude(UInt64(1)) }
        return PGDecimal(isNegative: isNegative != divisor.isNegative, magnitude: q, scale: rscale)
    }
}

extension PGDecimal {
    /// `numeric_div` when either side is NaN or ±Infinity.
    func specialQuotient(_ divisor: PGDecimal) -> PGDecimal? {
        if special == .nan || divisor.special == .nan { return PGDecimal(special: .nan) }
        if special != nil {
            if divisor.special != nil { return PGDecimal(special: .nan) }
            if divisor.isZero { return nil }
            return PGDecimal(special: isNegative != divisor.isNegative ? .negativeInfinity : .infinity)
        }
        return PGDecimal(0)
    }
}

@inline(__always)
func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
