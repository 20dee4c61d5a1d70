import Schema
import Storage

/// The price columns a profile is measured from (NUMERIC of either width, or float4/float8), every
/// value brought to one scale.
///
/// A `numeric(p, s)` column gives every value scale `s`, but an unconstrained `numeric` keeps
/// each value's own display scale (`3888.5` and `3888.75`), so the unscaled integers of two rows
/// are not comparable until both are rescaled. The common scale is the one 99 % of the finite
/// non-zero values stay within (``commonScale(_:)``; a stray value with more digits is rounded),
/// lowered (values rounded half away from zero, as numeric input rounds) only while some value
/// would need more than 18 digits at it.
struct ProfilePrices {
    /// Unscaled at ``scale``; nil for a column the rows lack (only `close` is required).
    var open: [Int64]?, high: [Int64]?, low: [Int64]?
    var close: [Int64]
    var scale: Int
    /// Rows with a NaN or infinite price, which tell nothing about ticks, steps or levels.
    var special: [Bool]

    static let columnNames = ["open", "high", "low", "close"]

    /// Reads and rescales the price columns of `rows`; a price of more than 18 digits is named by
    /// row and column.
    static func read(_ rows: RowSet) throws(MarketDataProfile.MeasureError) -> ProfilePrices {
        let n = rows.count
        var narrow: [String: (unscaled: [Int64], scales: [Int16])] = [:]
        for name in columnNames {
            guard let c = rows.column(name) else { continue }
            switch c.storage {
            case .numeric(let u, let s): narrow[name] = (u, Array(s))
            case .wideNumeric(let values):
                guard let fixed = NumericValue.fixedWidth(values) else {
                    let row = values.firstIndex { if case .wide = $0 { true } else { false } } ?? 0
                    throw .unsupportedPrice(column: name, row: row + 1, text: values[row].description)
                }
                narrow[name] = fixed
            case .double(let values):
                // float4/float8 prices: each value as the shortest decimal that reads back to it
                // (what PostgreSQL 12+ prints), then measured like a numeric column.
                var u: [Int64] = [], sc: [Int16] = []
                u.reserveCapacity(values.count)
                sc.reserveCapacity(values.count)
                for (row, v) in values.enumerated() {
                    if c.isNull(at: row) {
                        u.append(0)
                        sc.append(0)
                        continue
                    }
                    let number: PGNumeric
                    if v.isNaN { number = .nan } else if v.isInfinite { number = v > 0 ? .infinity : .negativeInfinity } else {
                        let text = "\(v)"
                        guard case .narrow(let x)? = try? NumericValue.parse(text) else {
                            throw .unsupportedPrice(column: name, row: row + 1, text: text)
                        }
                        number = x
                    }
                    u.append(number.unscaled)
                    sc.append(Int16(clamping: number.scale))
                }
                narrow[name] = (u, sc)
            default: continue
            }
        }
        guard narrow["close"] != nil else { throw .missingColumn("close") }
        var special = [Bool](repeating: false, count: n)
        var scaleCounts: [Int: Int] = [:]
        for (name, column) in narrow {
            let c = rows.column(name)!
            for r in 0..<min(n, column.scales.count) {
                if PGNumeric.isSpecial(scale: column.scales[r]) { special[r] = true } else if !c.isNull(at: r), column.unscaled[r] != 0 {
                    scaleCounts[Int(column.scales[r]), default: 0] += 1
                }
            }
        }
        var scale = commonScale(scaleCounts)
        // While some value needs more than 18 digits at this scale: one digit fewer, rounded.
        // At scale 0 every value of at most 18 digits fits.
        var values = rescaled(narrow, to: scale, special: special, checkWidth: scale > 0)
        while values == nil {
            scale -= 1
            values = rescaled(narrow, to: scale, special: special, checkWidth: scale > 0)
        }
        let v = values ?? [:]
        return ProfilePrices(open: v["open"], high: v["high"], low: v["low"], close: v["close"] ?? [], scale: scale, special: special)
    }

    /// The smallest scale that at least 99 % of the finite non-zero prices have or stay within
    /// (2 when there are none). A stray value with more digits — a float export's denormal
    /// `1e-320`, a price with float noise in its last digits — is rounded to it instead of setting
    /// the scale for every price (and with it the tick and every statistic in ticks); 99 % is the
    /// tick's own rule (``MarketDataProfile/quantum(of:)``), so a scale used by more than 1 % of
    /// prices still counts.
    static func commonScale(_ counts: [Int: Int]) -> Int {
        let total = counts.values.reduce(0, +)
        guard total > 0 else { return 2 }
        var within = 0
        for s in counts.keys.sorted() {
            within += counts[s]!
            if Double(within) >= 0.99 * Double(total) { return s }
        }
        return counts.keys.max()!
    }

    /// Every finite value at `scale`, nil when one does not fit in 18 digits there (`checkWidth`).
    /// Special values (and NULLs' placeholders) become 0.
    private static func rescaled(_ columns: [String: (unscaled: [Int64], scales: [Int16])], to scale: Int,
                                 special: [Bool], checkWidth: Bool) -> [String: [Int64]]? {
        var out: [String: [Int64]] = [:]
        for (name, column) in columns {
            var values = [Int64](repeating: 0, count: column.unscaled.count)
            for r in column.unscaled.indices where !(r < special.count && special[r]) && !PGNumeric.isSpecial(scale: column.scales[r]) {
                let own = Int(column.scales[r])
                if own == scale {
                    values[r] = column.unscaled[r]
                    continue
                }
                let v = PGNumeric(unscaled: column.unscaled[r], scale: own).rescaled(to: scale)
                if checkWidth {
                    guard let v, v.unscaled.magnitude < UInt64(PGNumeric.powersOfTen[18]) else { return nil }
                }
                values[r] = v?.unscaled ?? 0
            }
            out[name] = values
        }
        return out
    }
}
