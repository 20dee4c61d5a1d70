import Schema
import Storage

/// `market_data` read from the engine: a ``Storage/Hypertable`` on `timestamp`, compressed or not.
///
/// The store holds a snapshot of the hypertable. With (ticker_id, interval) as its segment columns
/// — the compression segmentby, or the block-indexed columns of an uncompressed hypertable — it
/// reads through a ``Storage/SegmentReader``: the series is one lookup in a sorted directory, chunk exclusion
/// and batch pruning are one binary search over the series' runs (its rows in each chunk, each of
/// its batches) by their time min/max, then two binary searches in each remaining run. A chunk's
/// uncompressed rows are read in place (one ``PriceColumnBlock`` over the chunk's columns, the
/// series' rows picked by position); a batch's nine columns are decoded into a block the first
/// time a call reads it. Blocks are shared by later calls, so a hot 31-chunk range costs 31
/// references, not 31 column copies.
/// The latest price reads the series' newest run only, once: the bar is kept per series (made with the
/// store for a live series, on the first call otherwise), so a hot call is a lookup. Otherwise it falls back to the engine's
/// generic column scan, with the same answers. This store knows nothing of how batches are encoded.
///
/// ```swift
/// var ht = try Hypertable(table: NQPTables.marketData,
///                         options: HypertableOptions(timeColumn: "timestamp", indexedColumns: ["ticker_id", "interval"]))
/// try ht.insert(rows)
/// let store = try HypertableMarketData(hypertable: ht)
/// ```
public struct HypertableMarketData: MarketDataSource {
    /// The snapshot and everything built over it, behind one reference: a call through
    /// `any MarketDataSource` then copies one pointer, not the hypertable's fields (a hot latest
    /// price is a few dozen nanoseconds, and copying a 448-byte value was a third of it).
    private let state: State

    /// The hypertable this store reads (a snapshot taken at `init`).
    public var hypertable: Hypertable { state.hypertable }

    private final class State: Sendable {
        let hypertable: Hypertable
        /// ``PriceRange/scannedColumns`` resolved once, for the generic path.
        let projection: Hypertable.ColumnProjection
        /// The segment reader, when the segment columns are exactly (ticker_id, interval).
        let reader: SegmentReader<PriceColumnBlock>?
        /// The reader's segments by (ticker, interval).
        let segments: SeriesDirectory<Int>
        /// Per segment, its newest bar once known: filled with the store when the reader built that
        /// row's view up front (a live series: the newest chunk is uncompressed), by the first call
        /// otherwise. A hot latest price is then the directory lookup and one atomic load.
        let newestBars: WriteOnceReferences<NewestBar>

        init(hypertable: Hypertable, projection: Hypertable.ColumnProjection, reader: SegmentReader<PriceColumnBlock>?,
             segments: SeriesDirectory<Int>, newestBars: WriteOnceReferences<NewestBar>) {
            self.hypertable = hypertable
            self.projection = projection
            self.reader = reader
            self.segments = segments
            self.newestBars = newestBars
        }
    }

    /// A segment's newest bar, or none (a segment with no row in the snapshot).
    private final class NewestBar: Sendable {
        let bar: PriceBar?
        init(_ bar: PriceBar?) { self.bar = bar }
    }

    public init(hypertable: Hypertable) throws(AnalyticsError) {
        let t = hypertable.table
        guard hypertable.options.timeColumn == "timestamp", let projection = try? hypertable.projection(PriceRange.scannedColumns) else {
            throw .invalidData("hypertable \"\(t.name)\" is not market_data partitioned on \"timestamp\"")
        }
        let built: SegmentReader<PriceColumnBlock>?
        do { built = try SegmentReader(hypertable: hypertable) } catch { throw .invalidData(error.description) }
        // Kept only when its segment columns are exactly (ticker_id, interval).
        let reader = built.flatMap { r in Set(r.segmentColumnNames) == ["ticker_id", "interval"] && r.segmentColumnNames.count == 2 ? r : nil }
        var segments: [(ticker: PGUUID, interval: String, location: Int)] = []
        let newestBars = WriteOnceReferences<NewestBar>(count: reader?.segmentCount ?? 0)
        if let reader {
            let tickerFirst = reader.segmentColumnNames[0] == "ticker_id"
            for (key, id) in reader.segments {
                let values = key.values
                guard values.count == 2, case .uuid(let ticker) = values[tickerFirst ? 0 : 1],
                      case .text(let interval) = values[tickerFirst ? 1 : 0] else { continue }
                segments.append((ticker, interval, id))
            }
            for s in 0..<reader.segmentCount {
                if let view = reader.prebuiltNewest(segment: s) { newestBars.store(NewestBar(view.bar(0)), at: s) }
            }
        }
        state = State(hypertable: hypertable, projection: projection, reader: reader, segments: SeriesDirectory(segments),
                      newestBars: newestBars)
    }

    private func filters(_ ticker: PGUUID, _ interval: String) -> [ScanRequest.Equality] {
        [.init("ticker_id", .uuid(ticker)), .init("interval", .text(interval))]
    }

    private func engine(_ body: () throws(HypertableError) -> ColumnScan) throws(AnalyticsError) -> PriceRange {
        let scan: ColumnScan
        do { scan = try body() } catch { throw .invalidData(error.description) }
        return try PriceRange(scan: scan)
    }

    private func segment(_ ticker: PGUUID, _ interval: String) -> Int? {
        state.segments.location(ticker: ticker, interval: interval)
    }

    public func bars(ticker: PGUUID, interval: String, from start: Int64, through end: Int64) throws(AnalyticsError) -> PriceRange {
        guard start <= end else { return PriceRange() }
        if let reader = state.reader {
            guard let s = segment(ticker, interval) else { return PriceRange() }
            var parts: [PriceRange.Columns] = []
            parts.reserveCapacity(reader.runCount(segment: s, time: start...end))
            var count = 0
            do {
                try reader.forEachRun(segment: s, time: start...end) { block, rows in
                    parts.append(PriceRange.Columns(block: block, rows: rows, start: count))
                    count += rows.count
                }
            } catch { throw .invalidData(error.description) }
            return PriceRange(startedParts: parts, count: count)
        }
        return try engine { () throws(HypertableError) in
            try state.hypertable.scanColumns(time: start...end, equals: filters(ticker, interval), projection: state.projection)
        }
    }

    /// Always inlined into the protocol witness, so a call through `any MarketDataSource` copies
    /// the bar once less.
    @inline(__always)
    public func latestBar(ticker: PGUUID, interval: String) throws(AnalyticsError) -> PriceBar? {
        // The hot path is the directory lookup and a borrowed read of the kept bar, with no retain
        // (the directory is empty without a reader).
        if let s = segment(ticker, interval), let known = state.newestBars.unretained(at: s) {
            return known._withUnsafeGuaranteedRef { $0.bar }
        }
        return try firstLatestBar(ticker: ticker, interval: interval)
    }

    /// The newest bar read from the segment's newest run (and kept), or from the generic scan.
    @inline(never)
    private func firstLatestBar(ticker: PGUUID, interval: String) throws(AnalyticsError) -> PriceBar? {
        if let reader = state.reader {
            guard let s = segment(ticker, interval) else { return nil }
            let bar: PriceBar?
            do { bar = try reader.newest(segment: s).map { $0.view.bar($0.row) } } catch { throw .invalidData(error.description) }
            return state.newestBars.store(NewestBar(bar), at: s).bar
        }
        return try engine { () throws(HypertableError) in
            try state.hypertable.latestRow(equals: filters(ticker, interval), projection: state.projection)
        }.last
    }
}
