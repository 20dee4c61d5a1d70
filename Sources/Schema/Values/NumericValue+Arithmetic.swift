/// `+`, `-`, `*` and `/` on NUMERIC values of any width, as PostgreSQL's `numeric_add`,
/// `numeric_sub`, `numeric_mul` and `numeric_div` compute them (CHECK expressions): two
/// fixed-width operands whose result fits 18 digits stay in 64-bit arithmetic; everything else
/// (wide values, NaN and the infinities, division) goes through ``PGDecimal``, which carries
/// PostgreSQL's result scales and special-value rules.
///
/// Each returns nil when PostgreSQL would raise an error instead of a value (division by zero, a
/// result past the numeric format), and a product or quotient is also nil past
/// ``multiplicationDigitBudget`` digit pairs, which bounds the time an adversarial value can take
/// (PostgreSQL would still compute it).
extension NumericValue {
    /// The most digit-by-digit products one multiplication or division may cost.
    public static let multiplicationDigitBudget = 40_000_000

    /// True for numbers, false for NaN and ±Infinity.
    public var isFinite: Bool {
        if case .narrow(let n) = self { return n.isFinite }
        return true
    }

    /// `-x`: NaN stays NaN, the infinities swap.
    public var negated: NumericValue {
        switch self {
        case .narrow(let n): return .narrow(n.negated)
        case .wide(let w): return .wide(PGWideNumeric(isNegative: !w.isNegative, digits: w.digits, scale: w.scale))
        }
    }

    /// `self + other`.
    public func adding(_ other: NumericValue) -> NumericValue? {
        if case .narrow(let a) = self, case .narrow(let b) = other, a.isFinite, b.isFinite {
            let s = max(a.scale, b.scale)
            if let x = a.rescaled(to: s), let y = b.rescaled(to: s) {
                let (r, o) = x.unscaled.addingReportingOverflow(y.unscaled)
                if !o, r.magnitude < UInt64(PGNumeric.powersOfTen[18]) { return .narrow(PGNumeric(unscaled: r, scale: s)) }
            }
        }
        return Self.value(of: PGDecimal(self) + PGDecimal(other))
    }

    /// `self - other`.
    public func subtracting(_ other: NumericValue) -> NumericValue? { adding(other.negated) }

    /// `self * other`.
    public func multiplied(by other: NumericValue) -> NumericValue? {
        if let p = decimalParts, let q = other.decimalParts {
            if case .narrow(let a) = self, case .narrow(let b) = other {
                let (r, o) = a.unscaled.multipliedReportingOverflow(by: b.unscaled)
                if !o, r.magnitude < UInt64(PGNumeric.powersOfTen[18]), p.scale + q.scale <= PGWideNumeric.maximumScale {
                    return .narrow(PGNumeric(unscaled: r, scale: p.scale + q.scale))
                }
            }
            guard p.digits.count * q.digits.count <= Self.multiplicationDigitBudget else { return nil }
        }
        return Self.value(of: PGDecimal(self) * PGDecimal(other))
    }

    /// `self / other`; nil for division by zero, as PostgreSQL raises an error there.
    public func divided(by other: NumericValue) -> NumericValue? {
        // Long division costs about (dividend digits, scaled by at most 1,000 result digits) ×
        // (divisor digits) once the divisor is wider than one 64-bit word; bounded like a product.
        if let p = decimalParts, let q = other.decimalParts, q.digits.count > 19,
           (p.digits.count + q.scale + 1_001) * q.digits.count > Self.multiplicationDigitBudget {
            return nil
        }
        return PGDecimal(self).divided(by: PGDecimal(other)).flatMap(Self.value(of:))
    }

    /// A result as a column value: nil past what PostgreSQL's numeric format holds (131,072 digits
    /// before the point, 16,383 after), where PostgreSQL reports `value overflows numeric format`.
    private static func value(of d: PGDecimal) -> NumericValue? {
        try? NumericValue.parse(d.description)
    }
}
