/// A chunk's rows shared out among its bar intervals, so that per-interval figures add up to the
/// chunk's own count.
///
/// A full chunk's rows are already a sum per interval; a chunk still filling at `--now` holds a
/// rounded share of them, which is split in proportion to each interval's full rows (largest
/// remainders, ties to the earlier interval).
///
/// ```swift
/// IntervalRowSplit.split(7, by: [10, 4])   // [5, 2]
/// IntervalRowSplit.split(14, by: [10, 4])  // [10, 4]
/// ```
enum IntervalRowSplit {
    /// `total` shared out by `weights` (each at least 0): whole numbers that sum to `total` when
    /// some weight is positive (all zeros otherwise, or for a `total` of 0 or less).
    static func split(_ total: Int, by weights: [Int]) -> [Int] {
        let clamped = weights.map { max(0, $0) }
        let sum = clamped.reduce(0) { $0.addingReportingOverflow($1).overflow ? Int.max : $0 + $1 }
        guard total > 0, sum > 0 else { return Array(repeating: 0, count: weights.count) }
        if sum == total { return clamped }
        // In Double: total × weight may not fit in 64 bits; the floors are then corrected to the total.
        let shares = clamped.map { Double(total) * (Double($0) / Double(sum)) }
        // (A floor at or above Double(total) is the total: Int(2^63) would trap.)
        var out = shares.map { $0.rounded(.down) < Double(total) ? Int(max(0, $0.rounded(.down))) : total }
        // Never more than the total (rounding in Double could overshoot by one).
        var assigned = 0
        for k in out.indices {
            out[k] = min(out[k], total - assigned)
            assigned += out[k]
        }
        var missing = total - assigned
        let order = shares.indices.sorted { (shares[$0] - shares[$0].rounded(.down)) > (shares[$1] - shares[$1].rounded(.down)) }
        var next = 0
        while missing > 0 && !order.isEmpty {
            let k = order[next % order.count]
            if clamped[k] > 0 {
                out[k] += 1
                missing -= 1
            }
            next += 1
        }
        return out
    }
}
