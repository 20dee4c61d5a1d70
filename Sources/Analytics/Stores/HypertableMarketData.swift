import Schema
import Storage

/// `market_data` read from the engine: a ``Storage/Hypertable`` on `timestamp`, compressed or not.
///
/// A price range is one engine scan: chunk exclusion by the time window, segment lookup by
/// (ticker_id, interval) on compressed batches (and block-index pruning when those columns are
/// summarized), batch and block pruning by timestamp min/max. The latest price never reads a whole
/// chunk: it walks chunks newest first, ranks each chunk's batches and blocks that may hold the
/// series by their newest timestamp (from the summaries alone), reads them newest first — one
/// uncompressed block's rows directly, or one batch through an engine scan — and stops as soon as
/// the best bar found is newer than anything left.
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
            for candidate in candidates(in: chunk, ticker: ticker, interval: interval) {
                if let b = best, b.timestamp >= candidate.span.upperBound { break }
                let found: PriceBar?
                if let block = candidate.block {
                    found = try newest(in: chunk.rows, rows: chunk.blockIndex.rows(ofBlock: block, rowCount: chunk.rows.count),
                                       ticker: ticker, interval: interval)
                } else {
                    found = try scan(ScanRequest(time: candidate.span, equals: filters(ticker, interval))).max { $0.timestamp < $1.timestamp }
                }
                if let f = found, f.timestamp > (best?.timestamp ?? Int64.min) { best = f }
            }
        }
        return best
    }

    /// The newest bar of the series among some uncompressed rows, read from the typed columns.
    private func newest(in rows: RowSet, rows range: Range<Int>, ticker: PGUUID, interval: String) throws(AnalyticsError) -> PriceBar? {
        guard case .uuid(let tickers) = rows.columns[tickerColumn].storage, case .string(let intervals) = rows.columns[intervalColumn].storage,
              case .time(let times) = rows.columns[timeColumn].storage else { return nil }
        var bestRow: Int?
        for i in range where tickers[i] == ticker && intervals[i] == interval && !rows.columns[tickerColumn].isNull(at: i) {
            if let b = bestRow, times[b] >= times[i] { continue }
            bestRow = i
        }
        guard let row = bestRow else { return nil }
        return try PriceBar.bars(from: rows.gathering([row])).first
    }

    /// A batch or block that may hold the series: its time span, and for an uncompressed block its number.
    struct Candidate {
        var span: ClosedRange<Int64>
        var block: Int?
    }

    /// Time spans of the batches and blocks of every chunk that may hold the series, newest end first.
    func candidateSpans(ticker: PGUUID, interval: String) -> [ClosedRange<Int64>] {
        hypertable.chunks.flatMap { candidates(in: $0, ticker: ticker, interval: interval).map(\.span) }.sorted { $0.upperBound > $1.upperBound }
    }

    /// One chunk's batches and blocks that may hold the series, newest end first.
    func candidates(in chunk: Chunk, ticker: PGUUID, interval: String) -> [Candidate] {
        let tickerValue = Value.uuid(ticker), intervalValue = Value.text(interval)
        var found: [Candidate] = []
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
                    found.append(Candidate(span: lo...hi))
                } else {
                    found.append(Candidate(span: whole))
                }
            }
        }
        let index = chunk.blockIndex
        let timeSlot = index.columns.firstIndex(of: timeColumn)
        let tickerSlot = index.columns.firstIndex(of: tickerColumn)
        let intervalSlot = index.columns.firstIndex(of: intervalColumn)
        for (b, summaries) in index.blocks.enumerated() {
            if let s = tickerSlot, !summaries[s].mayContain(tickerValue) { continue }
            if let s = intervalSlot, !summaries[s].mayContain(intervalValue) { continue }
            if let s = timeSlot, case .timestamp(let lo) = summaries[s].min, case .timestamp(let hi) = summaries[s].max {
                found.append(Candidate(span: lo...hi, block: b))
            } else {
                found.append(Candidate(span: whole, block: b))
            }
        }
        return found.sorted { $0.span.upperBound > $1.span.upperBound }
    }
}
