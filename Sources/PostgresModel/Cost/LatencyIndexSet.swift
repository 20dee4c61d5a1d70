import Foundation

/// The indexes a planned table has, in the latency model's column names: the queries pin
/// `ticker_id` and `interval` and range over `timestamp`, so a team's table names its instrument
/// column `ticker_id`, its bar-interval column `interval` and its time column `timestamp` here
/// (`symbol`, `timeframe`, `ts` …); any other column keeps a name no query binds.
///
/// The size models' relation lists carry no columns; this says which of their indexes the planner
/// can use and how (``LatencyScenario/fromPlan(tickers:barsPerSeriesPerDay:days:plain001:plain009:chunkIntervalDays:chunks:compressedChunks:typicalChunkRows:typicalChunkHeapBytes:typicalChunkIndexBytes:compressedBatches:compressedHeapBytes:compressedToastBytes:compressedIndexBytes:sharedBuffersBytes:q1Interval:nowIntoNewestChunk:indexes:)``).
public struct LatencyIndexSet: Sendable, Hashable {
    /// One index: its relation name, key columns in the model's names (`"timestamp DESC"`), method.
    public struct Index: Sendable, Hashable {
        public var name: String
        public var columns: [String]
        public var method: IndexShape.Method
        public var isPartial: Bool

        public init(name: String, columns: [String], method: IndexShape.Method = .btree, isPartial: Bool = false) {
            self.name = name
            self.columns = columns
            self.method = method
            self.isPartial = isPartial
        }
    }

    /// The plain table's indexes by relation name (C1, and C2 with migration 009's); a relation
    /// not named here is left out of the plan (the planner cannot be told what it covers).
    public var plain: [String: Index]
    /// The indexes each chunk carries (C3, C4's uncompressed chunks), copied under the chunk's
    /// name; nil keeps the NQP 001 set of ``LatencyScenario/approximate(tickers:rowsPerSeriesPerDay:days:chunkIntervalDays:compressAfterDays:sharedBuffersBytes:q1Interval:nowIntoNewestChunk:)``.
    public var chunk: [Index]?
    /// Key columns of each compressed chunk's index: its segmentby columns, then the first
    /// orderby column's metadata.
    public var compressed: [String]
    /// What follows the compressed chunk's name in its index's name (`ticker_id_interval__ts_meta_idx`).
    public var compressedNameSuffix: String

    public init(plain: [String: Index], chunk: [Index]?, compressed: [String], compressedNameSuffix: String) {
        self.plain = plain
        self.chunk = chunk
        self.compressed = compressed
        self.compressedNameSuffix = compressedNameSuffix
    }

    /// The NQP `market_data` table's indexes (001 and 009) and its compression
    /// (`segmentby ticker_id, interval`, `orderby timestamp DESC`).
    public static let nqp = LatencyIndexSet(
        plain: Dictionary(uniqueKeysWithValues: LatencyScenario.nqpIndexColumns.map { name, columns in
            (name, Index(name: name, columns: columns, method: name.hasSuffix("_brin") ? .brin : .btree,
                         isPartial: name.hasSuffix("_interval") || name.hasSuffix("_recent")))
        }),
        chunk: nil,
        compressed: ["ticker_id", "interval", "timestamp DESC"],
        compressedNameSuffix: "ticker_id_interval__ts_meta_idx")
}
