import Schema

extension ChunkSampler {
    /// Rows the narrowest width sample (`min(tickers, 7)` tickers over the whole chunk) may hold,
    /// in row budgets, before a chunk is sampled in time slices instead (a 7-day chunk of 7 futures
    /// tickers at 1m/5m/1h, ≈59,000 rows, is still sampled whole).
    static let longChunkBudgets = 8
    /// Bars per ticker the longer time slice aims at, in row budgets over the 7-ticker width.
    static let sliceBudgets = 4

    /// Sizes of a chunk window of any length at a cost bounded by the row budget: the window
    /// whole (``sizes(window:barsPerTicker:rowBudget:)``) when its narrowest sample fits
    /// ``longChunkBudgets`` budgets; otherwise two slices from the window's start of `d` and `2d`
    /// whole days (the largest `2d` whose bars per ticker stay within ``sliceBudgets`` budgets
    /// over 7 tickers), each sized at the full ticker count, and every size extrapolated linearly
    /// in bars to the whole window — a chunk's sizes are a fixed part plus a part per row, as
    /// across widths. Before, a chunk of a year (or of `9223372036854775807 microseconds`) was
    /// generated whole at 3 and 7 tickers: tens of seconds and gigabytes.
    ///
    /// Returns the sizes, the engine/model runs and the rows generated.
    func boundedSizes(window: (start: Int64, end: Int64), barsPerTicker: Int, rowBudget: Int) throws(PlanError) -> (ChunkSizes, runs: Int, rows: Int) {
        let n = scenario.tickers
        let narrowest = min(n, 7)
        let (wholeRows, o) = narrowest.multipliedReportingOverflow(by: barsPerTicker)
        let budget = max(1, rowBudget)
        if !o, wholeRows <= Self.longChunkBudgets * budget {
            let (sizes, runs) = try sizes(window: window, barsPerTicker: barsPerTicker, rowBudget: rowBudget)
            let w = Self.width(barsPerTicker: barsPerTicker, tickers: n, rowBudget: rowBudget)
            let (w1, w2) = Self.extrapolationWidths(budgetWidth: w)
            return (sizes, runs, (runs == 1 ? n : w1 + w2) * barsPerTicker)
        }
        let day: Int64 = 86_400_000_000
        let target = Self.sliceBudgets * budget / 7
        func bars(days: Int64) -> Int { barsPerTickerIn(from: window.start, to: window.start &+ days &* day) }
        // The largest doubling of days whose bars stay within the target, with fewer bars in its half.
        var long: Int64 = 2
        while long * 2 * day < window.end &- window.start, bars(days: long * 2) <= target { long *= 2 }
        var short = long / 2
        var (shortBars, longBars) = (bars(days: short), bars(days: long))
        // A slice that ends in a closed stretch (a weekend) may hold no more bars than its half:
        // lengthen the long slice a day at a time until it does.
        while longBars <= shortBars || shortBars == 0, (long + 1) * day < window.end &- window.start, long < 64 {
            long += 1
            short = max(1, long / 2)
            (shortBars, longBars) = (bars(days: short), bars(days: long))
        }
        guard shortBars > 0, longBars > shortBars else {
            let (sizes, runs) = try sizes(window: window, barsPerTicker: barsPerTicker, rowBudget: rowBudget)
            return (sizes, runs, min(n, 7) * barsPerTicker)
        }
        let (a, runsA) = try sizes(window: (window.start, window.start + short * day), barsPerTicker: shortBars, rowBudget: rowBudget)
        let (b, runsB) = try sizes(window: (window.start, window.start + long * day), barsPerTicker: longBars, rowBudget: rowBudget)
        var full = ChunkSizes.lerp(a, b, Double(barsPerTicker - shortBars) / Double(longBars - shortBars))
        full.emptied = b.emptied
        let rows = [(shortBars, runsA), (longBars, runsB)].reduce(0) { total, slice in
            let w = Self.width(barsPerTicker: slice.0, tickers: n, rowBudget: rowBudget)
            let (w1, w2) = Self.extrapolationWidths(budgetWidth: w)
            return total + (slice.1 == 1 ? n : w1 + w2) * slice.0
        }
        return (full, runsA + runsB, rows)
    }

    /// Bars one ticker has in `[from, to)` over the scenario's intervals and calendar.
    func barsPerTickerIn(from: Int64, to: Int64) -> Int {
        scenario.intervals.compactMap(BarInterval.init(name:)).reduce(0) {
            $0 + BarCalendar.bars(calendar: scenario.calendar, interval: $1, from: from, to: min(to, scenario.end))
        }
    }
}
