import Schema

/// Where each (ticker_id, interval) series is, as a sorted index: tickers in UUID order (binary
/// search), then the few intervals of a ticker (linear, compared as strings).
///
/// The role of an index on `(ticker_id, interval)`. A dictionary would hash the UUID and the
/// string on every lookup; for the latest price, where the lookup is most of the call, comparing
/// a handful of integers is cheaper.
struct SeriesDirectory<Location: Sendable>: Sendable {
    private let tickers: [PGUUID]
    /// Parallel to `tickers`.
    private let intervals: [[(interval: String, location: Location)]]

    init(_ entries: [(ticker: PGUUID, interval: String, location: Location)]) {
        let sorted = entries.sorted { $0.ticker != $1.ticker ? $0.ticker < $1.ticker : $0.interval < $1.interval }
        var tickers: [PGUUID] = []
        var intervals: [[(interval: String, location: Location)]] = []
        for e in sorted {
            if tickers.last != e.ticker {
                tickers.append(e.ticker)
                intervals.append([])
            }
            intervals[intervals.count - 1].append((e.interval, e.location))
        }
        self.tickers = tickers
        self.intervals = intervals
    }

    func location(ticker: PGUUID, interval: String) -> Location? {
        var lo = 0, hi = tickers.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tickers[mid] < ticker { lo = mid + 1 } else { hi = mid }
        }
        guard lo < tickers.count, tickers[lo] == ticker else { return nil }
        for entry in intervals[lo] where entry.interval == interval { return entry.location }
        return nil
    }
}
