import Schema
import Storage

/// `market_data` held in memory, indexed by (ticker_id, interval) with each series sorted by
/// timestamp: the reference store for tests and for data too small to need the engine.
///
/// ```swift
/// let store = InMemoryMarketData(bars: [bar1, bar2])
/// let latest = store.latestBar(ticker: nq, interval: "1m")
/// ```
public struct InMemoryMarketData: MarketDataSource {
    struct SeriesKey: Hashable, Sendable {
        var ticker: PGUUID
        var interval: String
    }

    /// One series sorted by timestamp, column-wise (the same view a price range returns).
    struct Series: Sendable {
        var block: PriceColumnBlock
        var latest: PriceBar?
    }

    private let series: [Series]
    /// Positions in `series`.
    private let directory: SeriesDirectory<Int>

    /// Bars in any order. Rows repeating a (ticker, timestamp, interval) — which the table's UNIQUE
    /// constraint forbids — keep their input order.
    public init(bars: [PriceBar]) {
        var grouped: [SeriesKey: [PriceBar]] = [:]
        for bar in bars { grouped[SeriesKey(ticker: bar.tickerID, interval: bar.interval), default: []].append(bar) }
        var built: [Series] = []
        var keys: [(ticker: PGUUID, interval: String, location: Int)] = []
        for (key, list) in grouped {
            let sorted = list.enumerated().sorted { a, b in
                a.element.timestamp != b.element.timestamp ? a.element.timestamp < b.element.timestamp : a.offset < b.offset
            }.map(\.element)
            keys.append((key.ticker, key.interval, built.count))
            built.append(Series(block: PriceColumnBlock(bars: sorted), latest: sorted.last))
        }
        series = built
        directory = SeriesDirectory(keys)
    }

    /// Rows of a `market_data`-shaped table (the columns the functions return must be present).
    public init(rows: RowSet) throws(AnalyticsError) {
        self.init(bars: try PriceBar.bars(from: rows))
    }

    public func latestBar(ticker: PGUUID, interval: String) -> PriceBar? {
        directory.location(ticker: ticker, interval: interval).flatMap { series[$0].latest }
    }

    public func bars(ticker: PGUUID, interval: String, from start: Int64, through end: Int64) -> PriceRange {
        guard start <= end, let k = directory.location(ticker: ticker, interval: interval) else { return PriceRange() }
        let block = series[k].block
        let lo = block.timestamps.firstIndex(notBefore: start)
        let hi = block.timestamps.firstIndex(after: end)
        return lo < hi ? PriceRange(parts: [PriceRange.Columns(block: block, rows: .range(lo..<hi))]) : PriceRange()
    }
}

extension PriceBar {
    /// The bars of a `market_data`-shaped row set.
    public static func bars(from rows: RowSet) throws(AnalyticsError) -> [PriceBar] {
        func column(_ name: String) throws(AnalyticsError) -> ColumnVector {
            guard let c = rows.column(name) else { throw .invalidData("column \"\(name)\" of relation \"\(rows.table.name)\" does not exist") }
            return c
        }
        let id = try column("id"), ticker = try column("ticker_id"), ts = try column("timestamp")
        let open = try column("open"), high = try column("high"), low = try column("low"), close = try column("close")
        let volume = try column("volume"), interval = try column("interval")
        // Typed arrays read directly: this runs once per row an engine scan returns.
        guard case .uuid(let ids) = id.storage, case .uuid(let tickers) = ticker.storage, case .time(let times) = ts.storage,
              let o = PriceColumn(open), let h = PriceColumn(high), let l = PriceColumn(low), let c = PriceColumn(close),
              case .int64(let volumes) = volume.storage, case .string(let intervals) = interval.storage
        else { throw .invalidData("\(rows.table.name) is not shaped like market_data (column types differ)") }
        for column in [id, ticker, ts, open, high, low, close, interval] where column.hasNulls {
            guard let row = (0..<rows.count).first(where: { column.isNull(at: $0) }) else { continue }
            throw .invalidData("row \(row + 1) of \(rows.table.name): a NOT NULL column the price functions read is NULL")
        }
        var out: [PriceBar] = []
        out.reserveCapacity(rows.count)
        for i in 0..<rows.count {
            out.append(PriceBar(id: ids[i], tickerID: tickers[i], timestamp: times[i], open: o[i], high: h[i], low: l[i], close: c[i],
                                volume: volume.isNull(at: i) ? nil : volumes[i], interval: intervals[i]))
        }
        return out
    }
}
