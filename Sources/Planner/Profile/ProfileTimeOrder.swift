import Foundation

/// How far an export's rows are from time order, as they stand in the file.
///
/// Live ingestion writes bars in time order, and `plan` models that order; an export sorted
/// otherwise (by ticker, then time, as `ORDER BY ticker_id, "timestamp"` writes it) fills its
/// B-trees and heap differently when loaded, so `size`/`simulate` of the file and a server
/// loading it disagree with the plan (ticker-led indexes come out smaller). The profile keeps
/// planning for time order and says how much of the file was not in it.
///
/// ```swift
/// let order = ProfileTimeOrder(times: [1, 2, 3, 1, 2, 3], series: [0, 0, 0, 1, 1, 1])
/// order.outOfOrderRows   // 2: two rows would have to move
/// order.seriesInOrder    // true: each series on its own is in time order
/// ```
struct ProfileTimeOrder: Sendable, Hashable {
    /// Rows with a time (NULL times are left out).
    var rows: Int
    /// The fewest rows that would have to move to put the file in time order: the rows outside
    /// its longest run of non-decreasing times (not necessarily adjacent).
    var outOfOrderRows: Int
    /// Whether every series (ticker and interval) is in time order on its own.
    var seriesInOrder: Bool

    /// `times` in file order (nil: NULL); `series` the row's series number, or nil for none.
    init(times: [Int64?], series: [Int?]) {
        var tails: [Int64] = []
        var counted = 0
        var lastOfSeries: [Int: Int64] = [:]
        var inOrder = true
        for (r, time) in times.enumerated() {
            guard let t = time else { continue }
            counted += 1
            // Longest non-decreasing subsequence (patience sorting): the first tail above t.
            var low = 0, high = tails.count
            while low < high {
                let mid = low + (high - low) / 2
                if tails[mid] <= t { low = mid + 1 } else { high = mid }
            }
            if low == tails.count { tails.append(t) } else { tails[low] = t }
            if r < series.count, let key = series[r] {
                if let previous = lastOfSeries[key], t < previous { inOrder = false }
                lastOfSeries[key] = t
            }
        }
        rows = counted
        outOfOrderRows = counted - tails.count
        seriesInOrder = inOrder
    }

    /// The profile's warning when some rows are out of order, nil when none are.
    func warning(timeColumn: String) -> String? {
        guard outOfOrderRows > 0, rows > 0 else { return nil }
        let share = Double(outOfOrderRows) / Double(rows) * 100
        let percent = share < 0.1 ? "under 0.1" : share >= 99.95 ? "100" : String(format: "%.1f", share)
        let pattern = seriesInOrder
            ? "each series' rows are in time order, so the file is sorted by series first; "
            : ""
        return "the export is not in time order: \(outOfOrderRows) of its \(rows) rows (\(percent) %) would have to move to put it "
            + "in \"\(timeColumn)\" order (\(pattern)live ingestion writes in time order, which the plan models). Loaded in the file's "
            + "order, a server's indexes and chunks differ from the plan's (ticker-led B-trees come out smaller); to check the plan "
            + "against this sample, load it sorted (COPY (SELECT … ORDER BY \"\(timeColumn)\") TO …)."
    }
}
