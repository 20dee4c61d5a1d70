import Schema
import Storage

/// `market_data` read from the engine: a ``Storage/Hypertable`` on `timestamp`, compressed or not.
///
/// A price range is one engine scan: chunk exclusion by the time window, segment lookup by
/// (ticker_id, interval) on compressed batches (and block-index pruning when those columns are
/// summarized), batch and block pruning by timestamp min/max. The latest price never reads a whole
/// chunk: it ranks every batch and block that may hold the series by its newest timestamp (from
/// the summaries alone) and scans them newest first, one at a time, stopping once the best bar
/// found is newer than anything left.
///
/// ```swift
/// var ht = try Hypertable(table: NQPTables.marketData, options: HypertableOptions(timeColumn: "timestamp"))
/// try ht.insert(rows)
/// let store = try HypertableMarketData(hypertable: ht)
/// ```
public struct HypertableMarketData: MarketDataSource {
    public let hypertable: Hypertable
    private let timeColumn: Int
    private let tickerColumn: Int
    private let intervalColumn: Int
    /// Chunk positions, newest time range first (chunks are immutable in this snapshot).
    private let newestFirst: [Int]

    public init(hypertable: Hypertable) throws(AnalyticsError) {
        let t = hypertable.table
        guard hypertable.options.timeColumn == "timestamp", let time = t.columnIndex("timestamp"),
              let ticker = t.columnIndex("ticker_id"), let interval = t.columnIndex("interval") else {
            throw .invalidData("hypertable \"\(t.name)\" is not market_data partitioned on \"timestamp\"")
        }
        self.hypertable = hypertable
        timeColumn = time
        tickerColumn = ticker
        intervalColumn = interval
        newestFirst = hypertable.chunks.indices.sorted { hypertable.chunks[$0].timeRange.end > hypertable.chunks[$1].timeRange.end }
    }

    private func filters(_ ticker: PGUUID, _ interval: String) -> [ScanRequest.Equality] {
        [.init("ticker_id", .uuid(ticker)), .init("interval", .text(interval))]
    }

    private func scan(_ request: ScanRequest) throws(AnalyticsError) -> [PriceBar] {
        do {
            return try PriceBar.bars(from: hypertable.scan(request).rows)
        } catch let error as HypertableError {
            throw .invalidData(error.description)
        } catch let error as AnalyticsError {
            throw error
        } catch {
            throw .invalidData("\(error)")
        }
    }

    public func bars(ticker: PGUUID, interval: String, from start: Int64, through end: Int64) throws(AnalyticsError) -> ArraySlice<PriceBar> {
        guard start <= end else { return [] }
        let found = try scan(ScanRequest(time: start...end, equals: filters(ticker, interval)))
        // The engine returns storage order; the SQL orders by timestamp (unique per series).
        return ArraySlice(found.sorted { $0.timestamp < $1.timestamp })
    }

    public func latestBar(ticker: PGUUID, interval: String) throws(AnalyticsError) -> PriceBar? {
        var best: PriceBar?
        for position in newestFirst {
            let chunk = hypertable.chunks[position]
            // Chunks hold times below their range end; an older chunk cannot beat what was found.
            if let b = best, b.timestamp >= chunk.timeRange.end &- 1 { break }
            for span in candidateSpans(in: chunk, ticker: ticker, interval: interval) {
                if let b = best, b.timestamp >= span.upperBound { break }
                for bar in try scan(ScanRequest(time: span, equals: filters(ticker, interval))) where bar.timestamp > (best?.timestamp ?? Int64.min) {
                    best = bar
                }
            }
        }
        return best
    }

    /// Time spans of the batches and blocks of every chunk that may hold the series, newest end first.
    func candidateSpans(ticker: PGUUID, interval: String) -> [ClosedRange<Int64>] {
        hypertable.chunks.flatMap { candidateSpans(in: $0, ticker: ticker, interval: interval) }.sorted { $0.upperBound > $1.upperBound }
    }

    /// Time spans of one chunk's batches and blocks that may hold the series, newest end first.
    func candidateSpans(in chunk: Chunk, ticker: PGUUID, interval: String) -> [ClosedRange<Int64>] {
        let tickerValue = Value.uuid(ticker), intervalValue = Value.text(interval)
        var spans: [ClosedRange<Int64>] = []
        let table = hypertable.table
        let whole = chunk.timeRange.start...(chunk.timeRange.end &- 1)
        if let settings = hypertable.compression {
            let segment = settings.segmentBy.map { table.columnIndex($0) }
            let order = settings.orderBy.firstIndex { $0.column == "timestamp" }
            for batch in chunk.batches {
                var mayMatch = true
                for (k, column) in segment.enumerated() {
                    if column == tickerColumn, batch.segmentValues[k] != tickerValue { mayMatch = false }
                    if column == intervalColumn, batch.segmentValues[k] != intervalValue { mayMatch = false }
                }
                guard mayMatch else { continue }
                if let order, case .timestamp(let lo) = batch.orderSummaries[order].min,
                   case .timestamp(let hi) = batch.orderSummaries[order].max {
                    spans.append(lo...hi)
                } else {
                    spans.append(whole)
                }
            }
        }
        let index = chunk.blockIndex
        let timeSlot = index.columns.firstIndex(of: timeColumn)
        let tickerSlot = index.columns.firstIndex(of: tickerColumn)
        let intervalSlot = index.columns.firstIndex(of: intervalColumn)
        for summaries in index.blocks {
            if let s = tickerSlot, !summaries[s].mayContain(tickerValue) { continue }
            if let s = intervalSlot, !summaries[s].mayContain(intervalValue) { continue }
            if let s = timeSlot, case .timestamp(let lo) = summaries[s].min, case .timestamp(let hi) = summaries[s].max {
                spans.append(lo...hi)
            } else {
                spans.append(whole)
            }
        }
        return spans.sorted { $0.upperBound > $1.upperBound }
    }
}
