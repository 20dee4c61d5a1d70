/// Exact `+`, `-`, `*` and `/` on NUMERIC values of any width, as PostgreSQL's `numeric_add`,
/// `numeric_sub`, `numeric_mul` and `numeric_div` compute them: the sum's display scale is the
/// larger of the two, the product's their sum, the quotient's `select_div_scale`'s (rounded there);
/// NaN and the infinities follow PostgreSQL 14+'s rules.
///
/// Each returns nil when PostgreSQL would raise an error instead of a value (the result overflows
/// the numeric format, division by zero), and a product or quotient is also nil past
/// ``multiplicationDigitBudget`` digit pairs, which bounds the time an adversarial value can take
/// (PostgreSQL would still compute it).
extension NumericValue {
    /// The most digit-by-digit products one multiplication performs (about 20 ms of work).
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
        if !isFinite || !other.isFinite {
            // Only specialness matters here: a wide number stands in as any finite one.
            func narrowed(_ v: NumericValue) -> PGNumeric { if case .narrow(let n) = v { n } else { PGNumeric(unscaled: 1, scale: 0) } }
            return PGNumeric.specialSum(narrowed(self), narrowed(other)).map { .narrow($0) }
        }
        if case .narrow(let a) = self, case .narrow(let b) = other {
            let s = max(a.scale, b.scale)
            if let x = a.rescaled(to: s), let y = b.rescaled(to: s) {
                let (r, o) = x.unscaled.addingReportingOverflow(y.unscaled)
                if !o, r.magnitude < UInt64(PGNumeric.powersOfTen[18]) { return .narrow(PGNumeric(unscaled: r, scale: s)) }
            }
        }
        guard let p = decimalParts, let q = other.decimalParts else { return nil }
        let s = max(p.scale, q.scale)
        let x = p.digits + [UInt8](repeating: 0, count: s - p.scale)
        let y = q.digits + [UInt8](repeating: 0, count: s - q.scale)
        if p.negative == q.negative {
            return Self.checked(negative: p.negative, digits: Self.sum(x, y), scale: s)
        }
        // Opposite signs: the larger magnitude's sign, the difference of magnitudes.
        let order = Self.compareMagnitudes(Self.stripped(x), s, Self.stripped(y), s)
        if order == 0 { return .narrow(PGNumeric(unscaled: 0, scale: s)) }
        return order > 0 ? Self.checked(negative: p.negative, digits: Self.difference(x, y), scale: s)
                         : Self.checked(negative: q.negative, digits: Self.difference(y, x), scale: s)
    }

    /// `self / other` (``PGDecimal``'s `numeric_div`); nil for division by zero, as PostgreSQL
    /// raises an error there.
    public func divided(by other: NumericValue) -> NumericValue? {
        // Long division costs about (dividend digits, scaled by at most 1,000 result digits) ×
        // (divisor digits) once the divisor is wider than one 64-bit word; bounded like a product.
        if let p = decimalParts, let q = other.decimalParts, q.digits.count > 19,
           (p.digits.count + q.scale + 1_001) * q.digits.count > Self.multiplicationDigitBudget {
            return nil
        }
        guard let q = PGDecimal(self).divided(by: PGDecimal(other)) else { return nil }
        return try? NumericValue.parse(q.description)
    }

    /// `self - other`.
    public func subtracting(_ other: NumericValue) -> NumericValue? { adding(other.negated) }

    /// `self * other`.
    public func multiplied(by other: NumericValue) -> NumericValue? {
        guard let p = decimalParts, let q = other.decimalParts else {
            return .narrow(Self.specialProduct(self, other))
        }
        let s = p.scale + q.scale
        if case .narrow(let a) = self, case .narrow(let b) = other {
            let (r, o) = a.unscaled.multipliedReportingOverflow(by: b.unscaled)
            if !o, r.magnitude < UInt64(PGNumeric.powersOfTen[18]), s <= PGWideNumeric.maximumScale {
                return .narrow(PGNumeric(unscaled: r, scale: s))
            }
        }
        guard p.digits.count * q.digits.count <= Self.multiplicationDigitBudget else { return nil }
        return Self.checked(negative: p.negative != q.negative, digits: Self.product(p.digits, q.digits), scale: s)
    }

    // MARK: Digit arithmetic (most significant digit first)

    /// `numeric_mul`'s special cases: NaN wins; an infinity times zero is NaN, else an infinity
    /// with the product's sign.
    private static func specialProduct(_ a: NumericValue, _ b: NumericValue) -> PGNumeric {
        func sign(_ v: NumericValue) -> Int? {
            switch v {
            case .wide(let w): return w.isNegative ? -1 : 1
            case .narrow(let n):
                switch n.special {
                case .nan: return nil
                case .infinity: return 1
                case .negativeInfinity: return -1
                case .none: return n.unscaled == 0 ? 0 : (n.unscaled < 0 ? -1 : 1)
                }
            }
        }
        guard let x = sign(a), let y = sign(b), x != 0, y != 0 else { return .nan }
        return x * y > 0 ? .infinity : .negativeInfinity
    }

    /// The value, or nil when PostgreSQL's numeric format cannot hold it (`value overflows numeric format`).
    private static func checked(negative: Bool, digits: [UInt8], scale: Int) -> NumericValue? {
        let significant = stripped(digits)
        guard scale <= PGWideNumeric.maximumScale, significant.count - scale <= PGWideNumeric.maximumIntegerDigits else { return nil }
        return make(negative: negative, digits: significant, scale: scale)
    }

    private static func stripped(_ digits: [UInt8]) -> [UInt8] {
        guard let first = digits.firstIndex(where: { $0 != 0 }) else { return [] }
        return Array(digits[first...])
    }

    private static func sum(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: max(a.count, b.count) + 1)
        var i = a.count - 1, j = b.count - 1, k = out.count - 1
        var carry: UInt8 = 0
        while k >= 0 {
            var d = carry
            if i >= 0 { d += a[i]; i -= 1 }
            if j >= 0 { d += b[j]; j -= 1 }
            out[k] = d % 10
            carry = d / 10
            k -= 1
        }
        return out
    }

    /// `a - b` for |a| ≥ |b| (equal lengths: both aligned to one scale).
    private static func difference(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: a.count)
        var borrow: Int = 0
        var j = b.count - 1
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            var d = Int(a[i]) - borrow - (j >= 0 ? Int(b[j]) : 0)
            j -= 1
            borrow = d < 0 ? 1 : 0
            if d < 0 { d += 10 }
            out[i] = UInt8(d)
        }
        return out
    }

    private static func product(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        guard !a.isEmpty, !b.isEmpty else { return [] }
        // Column sums, least significant first: at most 81 × min(count) each, far below UInt64's range.
        var columns = [UInt64](repeating: 0, count: a.count + b.count)
        for (i, x) in a.reversed().enumerated() where x != 0 {
            let xv = UInt64(x)
            for (j, y) in b.reversed().enumerated() { columns[i + j] &+= xv &* UInt64(y) }
        }
        var carry: UInt64 = 0
        for k in columns.indices {
            let v = columns[k] &+ carry
            columns[k] = v % 10
            carry = v / 10
        }
        return columns.reversed().map { UInt8($0) }
    }
}
