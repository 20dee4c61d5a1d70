import Schema
import Storage

/// `market_data` read from the engine: a ``Storage/Hypertable`` on `timestamp`, compressed or not.
///
/// Both functions are one typed, column-projected engine call
/// (``Storage/Hypertable/scanColumns(time:equals:columns:)`` and
/// ``Storage/Hypertable/latestRow(equals:columns:)``): with (ticker_id, interval) as the segment
/// columns — the compression segmentby, or the block-indexed columns of an uncompressed
/// hypertable — a price range is chunk exclusion by binary search, one segment lookup per chunk,
/// batch pruning by timestamp min/max, only the overlapping batches' nine columns decoded, and two
/// binary searches in each chunk's time-sorted uncompressed rows of the series; the latest price is
/// one segment lookup in the newest chunk(s). The answer is a ``PriceRange`` view of the engine's
/// own columns. This store knows nothing of how batches are encoded.
///
/// ```swift
/// var ht = try Hypertable(table: NQPTables.marketData,
///                         options: HypertableOptions(timeColumn: "timestamp", indexedColumns: ["ticker_id", "interval"]))
/// try ht.insert(rows)
/// let store = try HypertableMarketData(hypertable: ht)
/// ```
public struct HypertableMarketData: MarketDataSource {
    public let hypertable: Hypertable
    /// ``PriceRange/scannedColumns`` resolved once.
    private let projection: Hypertable.ColumnProjection

    public init(hypertable: Hypertable) throws(AnalyticsError) {
        let t = hypertable.table
        guard hypertable.options.timeColumn == "timestamp", let projection = try? hypertable.projection(PriceRange.scannedColumns) else {
            throw .invalidData("hypertable \"\(t.name)\" is not market_data partitioned on \"timestamp\"")
        }
        self.hypertable = hypertable
        self.projection = projection
    }

    private func filters(_ ticker: PGUUID, _ interval: String) -> [ScanRequest.Equality] {
        [.init("ticker_id", .uuid(ticker)), .init("interval", .text(interval))]
    }

    private func engine(_ body: () throws(HypertableError) -> ColumnScan) throws(AnalyticsError) -> PriceRange {
        let scan: ColumnScan
        do { scan = try body() } catch { throw .invalidData(error.description) }
        return try PriceRange(scan: scan)
    }

    public func bars(ticker: PGUUID, interval: String, from start: Int64, through end: Int64) throws(AnalyticsError) -> PriceRange {
        guard start <= end else { return PriceRange() }
        return try engine { () throws(HypertableError) in
            try hypertable.scanColumns(time: start...end, equals: filters(ticker, interval), projection: projection)
        }
    }

    public func latestBar(ticker: PGUUID, interval: String) throws(AnalyticsError) -> PriceBar? {
        try engine { () throws(HypertableError) in
            try hypertable.latestRow(equals: filters(ticker, interval), projection: projection)
        }.last
    }
}
