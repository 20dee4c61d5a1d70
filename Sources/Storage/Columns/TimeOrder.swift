/// Rows put in time order the way a hypertable replays them: by time, ties kept in input order
/// (a stable sort), and the one pass that tells whether rows already are.
public enum TimeOrder {
    /// Positions of `times` sorted by time, equal times in their input order.
    public static func stable(_ times: [Int64]) -> [Int] {
        times.indices.sorted { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }
    }

    /// Whether `times` never step back, and their least and greatest value (`Int64.max` and
    /// `Int64.min` for none).
    public static func scan(_ times: [Int64]) -> (sorted: Bool, low: Int64, high: Int64) {
        var sorted = true
        var low = Int64.max, high = Int64.min
        for r in times.indices {
            let t = times[r]
            if r > 0 && t < times[r - 1] { sorted = false }
            low = min(low, t)
            high = max(high, t)
        }
        return (sorted, low, high)
    }
}
