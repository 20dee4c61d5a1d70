import Schema
import Storage

/// The volume column a profile is measured from, as numbers whatever its type: an integer,
/// `numeric` of any scale (narrow or wide) or a float column (docs/PLANNER.md says all are
/// supported). Before, only integer columns were read and any other type silently gave the
/// default statistics (median 400, log-σ 1).
enum ProfileVolumes {
    /// Each row's volume as a Double (NaN for a NaN/±Infinity numeric; NULL rows hold a
    /// placeholder the caller skips by the column's NULL flags); nil for a column of another type.
    static func values(_ column: ColumnVector) -> [Double]? {
        switch column.storage {
        case .int64(let values): return values.map(Double.init)
        case .double(let values): return values
        case .numeric(let unscaled, let scales):
            return unscaled.indices.map { r in
                let s = scales[r]
                return PGNumeric.isSpecial(scale: s) ? .nan : PGNumeric(unscaled: unscaled[r], scale: Int(s)).approximateValue
            }
        case .wideNumeric(let values): return values.map(\.approximateValue)
        default: return nil
        }
    }
}
