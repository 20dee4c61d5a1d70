import Foundation

/// What the latency model needs to know about one capacity-plan scenario, without any data:
/// the shape of `market_data`, the windows the five queries ask for, the relation sizes of the
/// plain table under the 001 and 009 index sets (C1, C2), the hypertable's chunks (C3, and C4 with
/// the compression policy applied), the two prediction tables, and `shared_buffers`.
///
/// Everything here is what the size models (``RelationSizeModel``, ``TimescaleDBSizePrediction``)
/// and the simulated chunk timeline already predict; ``LatencyCalibration`` fills the same struct
/// from a `latency_*.json` calibration file, so predictions for a plan and for a calibration entry
/// go through the same code.
public struct LatencyScenario: Codable, Sendable, Hashable {
    /// The `market_data` rows, by series.
    public var marketData: MarketDataShape
    /// The windows Q1–Q5 ask for and how many rows fall in them.
    public var windows: QueryWindows
    /// The plain table with the original (001) indexes: configuration C1.
    public var plain001: TableShape
    /// The plain table with the migration-009 indexes: configuration C2.
    public var plain009: TableShape
    /// The hypertable before compression (C3); `nil` when the plan has no hypertable.
    public var hypertable: HypertableShape?
    /// The hypertable as the compression policy leaves it (C4); `nil` when nothing is compressed
    /// or there is no hypertable (C4 then equals C3).
    public var compressedHypertable: HypertableShape?
    /// `predictions` (Q4).
    public var predictions: PredictionTableShape
    /// `block_predictions` (Q5).
    public var blockPredictions: PredictionTableShape
    /// `shared_buffers` in bytes (hot runs read from it; what does not fit comes from the OS cache).
    public var sharedBuffersBytes: Int

    public init(marketData: MarketDataShape, windows: QueryWindows, plain001: TableShape, plain009: TableShape,
                hypertable: HypertableShape?, compressedHypertable: HypertableShape?,
                predictions: PredictionTableShape, blockPredictions: PredictionTableShape, sharedBuffersBytes: Int) {
        self.marketData = marketData
        self.windows = windows
        self.plain001 = plain001
        self.plain009 = plain009
        self.hypertable = hypertable
        self.compressedHypertable = compressedHypertable
        self.predictions = predictions
        self.blockPredictions = blockPredictions
        self.sharedBuffersBytes = sharedBuffersBytes
    }
}

/// The rows of `market_data`, by series (ticker × interval).
public struct MarketDataShape: Codable, Sendable, Hashable {
    /// Distinct `ticker_id`s.
    public var tickers: Int
    /// Rows per interval name (`"1m"`, `"5m"`, `"1h"` …), all tickers together.
    public var rowsPerInterval: [String: Int]
    /// Days from the first to the last row.
    public var spanDays: Double

    public init(tickers: Int, rowsPerInterval: [String: Int], spanDays: Double) {
        self.tickers = max(1, tickers)
        self.rowsPerInterval = rowsPerInterval
        self.spanDays = max(spanDays, 1.0 / 1440)
    }

    /// All rows.
    public var totalRows: Int { rowsPerInterval.values.reduce(0, +) }
    /// Share of all rows that have this interval (0 when the interval is absent).
    public func intervalShare(_ interval: String) -> Double {
        let total = totalRows
        return total == 0 ? 0 : Double(rowsPerInterval[interval] ?? 0) / Double(total)
    }
    /// Number of distinct intervals.
    public var intervalCount: Int { max(1, rowsPerInterval.filter { $0.value > 0 }.count) }
}

/// The windows of Q1–Q5 (calibration README): Q1 the latest row of one series, Q2 the last 24 h of
/// 1m bars, Q3 the last 30 days of 1h bars (1m when there are no 1h bars), Q4 30 days of
/// predictions, Q5 7 days of block predictions. Row counts are properties of the data (a plan
/// computes them from its session calendar); the model predicts everything else.
public struct QueryWindows: Codable, Sendable, Hashable {
    /// The interval Q1 asks for (`get_latest_price(ticker, interval)`).
    public var q1Interval: String
    /// A time bound on Q1 (`AND timestamp > now() - bound`), in days; `nil` = the NQP query, no bound.
    public var q1TimeBoundDays: Double?
    /// Q2's interval (`1m`) and length in days (1).
    public var q2Interval: String
    public var q2Days: Double
    /// Rows of the queried series in Q2's window (1,440 for a full 24-hour session of 1m bars).
    public var q2SeriesRows: Int
    /// Q3's interval (`1h`, or `1m` when there are no 1h bars) and length in days (30).
    public var q3Interval: String
    public var q3Days: Double
    /// Rows of the queried series in Q3's window.
    public var q3SeriesRows: Int
    /// Q4's window in days (30) and Q5's (7).
    public var q4Days: Double
    public var q5Days: Double

    public init(q1Interval: String = "1m", q1TimeBoundDays: Double? = nil, q2Interval: String = "1m", q2Days: Double = 1,
                q2SeriesRows: Int, q3Interval: String, q3Days: Double = 30, q3SeriesRows: Int,
                q4Days: Double = 30, q5Days: Double = 7) {
        self.q1Interval = q1Interval
        self.q1TimeBoundDays = q1TimeBoundDays
        self.q2Interval = q2Interval
        self.q2Days = q2Days
        self.q2SeriesRows = q2SeriesRows
        self.q3Interval = q3Interval
        self.q3Days = q3Days
        self.q3SeriesRows = q3SeriesRows
        self.q4Days = q4Days
        self.q5Days = q5Days
    }
}

/// One index as the planner and the executor see it.
public struct IndexShape: Codable, Sendable, Hashable {
    public enum Method: String, Codable, Sendable, Hashable { case btree, brin }
    /// The relation name (`idx_market_data_timestamp`).
    public var name: String
    /// Key columns in order (`["ticker_id", "interval", "timestamp"]`); INCLUDE columns are not keys.
    public var columns: [String]
    public var method: Method
    /// Main-fork pages.
    public var pages: Int
    /// B-tree levels from root to leaf, leaf included (1 = the root is the only leaf). A descent
    /// touches this many pages.
    public var levels: Int
    /// Heap rows per leaf page (after deduplication: posting lists hold many rows per tuple).
    public var rowsPerLeaf: Double
    /// A partial index (`WHERE …`): usable only for queries implying its predicate.
    public var isPartial: Bool

    public init(name: String, columns: [String], method: Method = .btree, pages: Int, levels: Int, rowsPerLeaf: Double, isPartial: Bool = false) {
        self.name = name
        self.columns = columns
        self.method = method
        self.pages = max(1, pages)
        self.levels = max(1, levels)
        self.rowsPerLeaf = max(1, rowsPerLeaf)
        self.isPartial = isPartial
    }

    /// Levels of a B-tree with this many pages and rows per leaf: internal pages hold about
    /// `fanout` downlinks (8 KB pages at 70 % fill with 16–40-byte keys: 150–350).
    public static func levels(pages: Int, fanout: Double = 250) -> Int {
        let leaves = Double(max(1, pages - 1))
        if leaves <= 1 { return 1 }
        return 1 + Int(saturating: (log(leaves) / log(fanout)).rounded(.up))
    }

    /// An index whose levels and rows per leaf are derived from its page count and row count.
    public static func derived(name: String, columns: [String], method: Method = .btree, pages: Int, rows: Double, isPartial: Bool = false) -> IndexShape {
        let levels = method == .brin ? 1 : IndexShape.levels(pages: pages)
        let leafPages = max(1.0, Double(pages) * (levels > 1 ? 0.99 : 1) - 1)
        return IndexShape(name: name, columns: columns, method: method, pages: pages, levels: levels,
                          rowsPerLeaf: max(1, rows / leafPages), isPartial: isPartial)
    }
}

/// A heap with its indexes: the plain `market_data`, one chunk, or a prediction table.
public struct TableShape: Codable, Sendable, Hashable {
    public var name: String
    /// Live rows (`reltuples`).
    public var rows: Double
    /// Heap main-fork pages.
    public var heapPages: Int
    public var indexes: [IndexShape]

    public init(name: String, rows: Double, heapPages: Int, indexes: [IndexShape]) {
        self.name = name
        self.rows = max(0, rows)
        self.heapPages = max(1, heapPages)
        self.indexes = indexes
    }

    /// Heap rows per page.
    public var rowsPerPage: Double { max(1, rows / Double(heapPages)) }
    /// Heap plus index pages.
    public var totalPages: Int { heapPages + indexes.reduce(0) { $0 + $1.pages } }
}

/// The hypertable: its chunks, oldest first.
public struct HypertableShape: Codable, Sendable, Hashable {
    /// `chunk_time_interval` in days.
    public var chunkIntervalDays: Double
    public var chunks: [ChunkShape]

    public init(chunkIntervalDays: Double, chunks: [ChunkShape]) {
        self.chunkIntervalDays = chunkIntervalDays
        self.chunks = chunks
    }

    /// A hypertable of `chunkCount` equal chunks ending at now (the newest chunk holds now), the
    /// `compressedChunks` oldest of them compressed. Sizes are per chunk; `indexes` are one chunk's.
    public static func uniform(chunkIntervalDays: Double, chunkCount: Int, rowsPerChunk: Double, heapPagesPerChunk: Int,
                               indexes: [IndexShape], compressedChunks: Int = 0, compressed: CompressedChunkShape? = nil) -> HypertableShape {
        var chunks: [ChunkShape] = []
        let n = max(0, chunkCount)
        for i in 0..<n {
            let end = Double(n - 1 - i) * chunkIntervalDays + chunkIntervalDays / 2
            let isCompressed = i < compressedChunks && compressed != nil
            chunks.append(ChunkShape(rangeStartDays: -(end), rangeEndDays: -(end) + chunkIntervalDays,
                                     table: TableShape(name: "_hyper_1_\(i + 1)_chunk", rows: isCompressed ? 0 : rowsPerChunk,
                                                       heapPages: isCompressed ? 1 : heapPagesPerChunk, indexes: indexes),
                                     rows: rowsPerChunk, compressed: isCompressed ? compressed : nil))
        }
        return HypertableShape(chunkIntervalDays: chunkIntervalDays, chunks: chunks)
    }

    public var compressedChunkCount: Int { chunks.filter { $0.compressed != nil }.count }
    /// Pages of every relation (for the shared_buffers fit).
    public var totalPages: Int {
        chunks.reduce(0) { $0 + $1.table.totalPages + ($1.compressed.map { $0.heapPages + $0.toastPages + $0.index.pages } ?? 0) }
    }
}

/// One chunk. Ranges are days relative to now (`-1 … 0` is the last day).
public struct ChunkShape: Codable, Sendable, Hashable {
    public var rangeStartDays: Double
    public var rangeEndDays: Double
    /// The chunk's own (uncompressed) heap and indexes; emptied (0 rows) once compressed.
    public var table: TableShape
    /// Rows the chunk holds (compressed or not).
    public var rows: Double
    /// The compressed chunk when the chunk is compressed.
    public var compressed: CompressedChunkShape?

    public init(rangeStartDays: Double, rangeEndDays: Double, table: TableShape, rows: Double, compressed: CompressedChunkShape? = nil) {
        self.rangeStartDays = rangeStartDays
        self.rangeEndDays = rangeEndDays
        self.table = table
        self.rows = rows
        self.compressed = compressed
    }

    /// The fraction of `[from, to]` (days relative to now) this chunk covers, as a share of the chunk.
    func overlap(from: Double, to: Double) -> Double {
        let lo = max(from, rangeStartDays), hi = min(to, rangeEndDays)
        guard hi > lo else { return 0 }
        return (hi - lo) / max(rangeEndDays - rangeStartDays, 1e-9)
    }
}

/// A compressed chunk (TimescaleDB): one row per batch in a small heap, the column data mostly in TOAST.
public struct CompressedChunkShape: Codable, Sendable, Hashable {
    /// Compressed rows (batches): one per segment (`segmentby` value) per up to 1,000 rows.
    public var batches: Int
    /// Heap main pages of the compressed relation.
    public var heapPages: Int
    /// TOAST pages of the compressed relation.
    public var toastPages: Int
    /// The compressed relation's index on the segmentby columns and the orderby metadata.
    public var index: IndexShape
    /// Compressed bytes per row and column of the data columns (for whether a batch's column is
    /// TOASTed and how many TOAST pages reading it touches).
    public var compressedBytesPerValue: Double

    public init(batches: Int, heapPages: Int, toastPages: Int, index: IndexShape, compressedBytesPerValue: Double) {
        self.batches = max(1, batches)
        self.heapPages = max(1, heapPages)
        self.toastPages = max(0, toastPages)
        self.index = index
        self.compressedBytesPerValue = compressedBytesPerValue
    }
}

/// `predictions` or `block_predictions`: one row per ticker per hour.
public struct PredictionTableShape: Codable, Sendable, Hashable {
    public var table: TableShape
    public var tickers: Int
    /// Days the table spans.
    public var spanDays: Double
    /// Rows written at the same moment in random order (one per ticker each hour): an index on
    /// `created_at` visits them out of heap order.
    public var rowsPerTimeGroup: Int

    public init(table: TableShape, tickers: Int, spanDays: Double, rowsPerTimeGroup: Int? = nil) {
        self.table = table
        self.tickers = max(1, tickers)
        self.spanDays = max(spanDays, 1.0 / 24)
        self.rowsPerTimeGroup = max(1, rowsPerTimeGroup ?? tickers)
    }
}

extension Int {
    /// The nearest representable Int: NaN is 0, values beyond the range clamp to its ends (sizes
    /// computed from user inputs never trap).
    init(saturating x: Double) {
        if x.isNaN { self = 0 } else if x >= 9.2e18 { self = Int.max } else if x <= -9.2e18 { self = Int.min } else { self = Int(x) }
    }
}
