/// The state of `SUM(numeric)` / `AVG(numeric)` over a group: non-NULL count, exact sum and the
/// largest input display scale (PostgreSQL's `NumericAggState`: `N`, `sumX`, `maxScale`), and
/// like it the counts of NaN, Infinity and -Infinity inputs, which decide the result when present.
///
/// Inputs are the Int64-scaled column values; the sum runs in a 128-bit integer (no overflow for
/// fewer than 2^64 inputs of one scale) and falls back to ``PGDecimal`` only if it would overflow.
public struct NumericAccumulator: Sendable, Equatable {
    /// Non-NULL inputs seen.
    public private(set) var count: Int64 = 0
    private var sum: Int128 = 0
    private var sumScale = 0
    private var overflowed: PGDecimal?
    private var nanCount: Int64 = 0
    private var infinityCount: Int64 = 0
    private var negativeInfinityCount: Int64 = 0

    public init() {}

    /// Adds one non-NULL value.
    @inline(__always)
    public mutating func add(_ v: PGNumeric) {
        add(unscaled: v.unscaled, scale: v.scale)
    }

    /// Adds one non-NULL value given as unscaled integer and scale (a column vector's slot).
    @inline(__always)
    public mutating func add(unscaled: Int64, scale: Int) {
        count += 1
        if overflowed == nil, scale == sumScale {
            let (s, o) = sum.addingReportingOverflow(Int128(unscaled))
            if !o { sum = s; return }
        }
        addSlow(unscaled: unscaled, scale: scale)
    }

    private mutating func addSlow(unscaled: Int64, scale: Int) {
        if let special = PGNumeric.special(scale: scale) {
            // Specials stay out of the finite sum (`do_numeric_accum`); count stays the input count.
            switch special {
            case .nan: nanCount += 1
            case .infinity: infinityCount += 1
            case .negativeInfinity: negativeInfinityCount += 1
            }
            return
        }
        let finiteCount = count - nanCount - infinityCount - negativeInfinityCount
        let value = PGDecimal(PGNumeric(unscaled: unscaled, scale: scale))
        if let big = overflowed { overflowed = big + value; return }
        if finiteCount == 1 { sum = Int128(unscaled); sumScale = scale; return }
        if scale > sumScale, scale - sumScale <= 38 {
            var factor: Int128 = 1
            for _ in 0..<(scale - sumScale) { factor *= 10 }
            let (m, o1) = sum.multipliedReportingOverflow(by: factor)
            let (s, o2) = m.addingReportingOverflow(Int128(unscaled))
            if !o1 && !o2 { sum = s; sumScale = scale; return }
        } else if scale < sumScale, sumScale - scale <= 18 {
            let (m, o1) = Int128(unscaled).multipliedReportingOverflow(by: Int128(PGNumeric.powersOfTen[sumScale - scale]))
            let (s, o2) = sum.addingReportingOverflow(m)
            if !o1 && !o2 { sum = s; return }
        }
        overflowed = PGDecimal(unscaled: sum, scale: sumScale) + value
    }

    /// The special result when any input was special (`numeric_sum`/`numeric_avg`): NaN if any
    /// input was NaN or both infinities occurred, else the infinity seen.
    private var specialResult: PGDecimal? {
        if nanCount > 0 || (infinityCount > 0 && negativeInfinityCount > 0) { return PGDecimal(special: .nan) }
        if infinityCount > 0 { return PGDecimal(special: .infinity) }
        if negativeInfinityCount > 0 { return PGDecimal(special: .negativeInfinity) }
        return nil
    }

    /// `SUM(numeric)`: NULL (nil) over no non-NULL input; scale is the largest input scale.
    public var sumValue: PGDecimal? {
        guard count > 0 else { return nil }
        if let special = specialResult { return special }
        return overflowed ?? PGDecimal(unscaled: sum, scale: sumScale)
    }

    /// `AVG(numeric)` (`numeric_avg`): NULL over no non-NULL input, else `numeric_div(sumX, N)`
    /// with N as a scale-0 numeric, so the division's scale rule applies.
    public var average: PGDecimal? {
        guard let s = sumValue else { return nil }
        if !s.isFinite { return s }
        return s.divided(by: PGDecimal(count))
    }
}
