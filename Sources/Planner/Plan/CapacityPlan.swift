import PostgresModel
/// The result of `chunkwise plan`: every figure the human table, JSON, markdown and HTML show
/// (CLI.md "plan"). Sizes are bytes as PostgreSQL's size functions report them; "engine" figures
/// are Chunkwise's own stored bytes, measured on the sampled chunks and scaled.
///
/// JSON uses snake_case keys (a `JSONEncoder` with `.convertToSnakeCase`, see ``jsonText()``).
public struct CapacityPlan: Sendable, Codable {
    public var scenario: [String: String]
    /// At `--now`, after retention.
    public var rows: Int
    public var chunks: Int
    public var compressedChunks: Int
    public var droppedChunks: Int
    public var sizes: Sizes
    public var timeline: [TimelineMonth]
    public var steadyState: SteadyState?
    public var memory: MemoryFit
    public var latency: [QueryLatencyFigure]
    public var targets: [TargetFigure]
    public var intervals: [IntervalFigure]
    public var method: Method
    public var warnings: [String]
    /// Per column of the table, in table order (``ColumnBytes``).
    public var columnBytes: [ColumnBytes] = []
    /// The continuous aggregates on the table, each its own materialized hypertable: storage on
    /// top of ``sizes`` (``ContinuousAggregateSizing``).
    public var continuousAggregates: [ContinuousAggregateFigure] = []

    /// One continuous aggregate's materialized hypertable at now.
    public struct ContinuousAggregateFigure: Sendable, Codable, Hashable {
        public var name: String
        /// `time_bucket`'s width, as PostgreSQL prints the interval.
        public var bucketWidth: String
        /// Its grouping columns besides the bucket.
        public var groupBy: [String]
        /// The materialization's chunk interval (10 × the source's).
        public var chunkInterval: String
        public var rows: Int
        public var chunks: Int
        public var tableBytes: Int
        public var indexBytes: Int
        public var toastBytes: Int
        public var totalBytes: Int
        /// The indexes TimescaleDB gives it.
        public var indexes: [String]
        /// What the figure assumes beyond the model's rules.
        public var notes: [String]
    }

    public struct PlainSizes: Sendable, Codable, Hashable {
        public var totalBytes: Int
        public var relations: [RelationSize]
    }

    public struct HypertableSizes: Sendable, Codable, Hashable {
        public var tableBytes: Int
        public var indexBytes: Int
        public var toastBytes: Int
        public var totalBytes: Int
    }

    public struct CompressionStats: Sendable, Codable, Hashable {
        public var compressedChunks: Int
        public var beforeCompressionTotalBytes: Int
        public var afterCompressionTotalBytes: Int
        public var compressedBatches: Int
    }

    public struct Sizes: Sendable, Codable {
        /// The plain table with its own (001) indexes, every row up to `--now` (no retention on a plain table).
        public var plain: PlainSizes
        /// The plain table after migration 009's indexes (nil when the table lacks their columns).
        public var plain009: PlainSizes?
        public var hypertableUncompressed: HypertableSizes
        /// As the policies leave it at `--now` (`hypertable_detailed_size`).
        public var hypertable: HypertableSizes
        public var compressionStats: CompressionStats
        public var engineBytes: Int

        enum CodingKeys: String, CodingKey {
            case plain, plain009 = "plain_009", hypertableUncompressed, hypertable, compressionStats, engineBytes
        }

        /// JSON always has `plain_009` (the CLI contract names it): a table migration 009's indexes
        /// do not apply to (one of the team's own) gains none of them, so it is `plain` again.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(plain, forKey: .plain)
            try c.encode(plain009 ?? plain, forKey: .plain009)
            try c.encode(hypertableUncompressed, forKey: .hypertableUncompressed)
            try c.encode(hypertable, forKey: .hypertable)
            try c.encode(compressionStats, forKey: .compressionStats)
            try c.encode(engineBytes, forKey: .engineBytes)
        }
    }

    public struct TimelineMonth: Sendable, Codable, Hashable {
        /// `YYYY-MM` in the scenario's time zone; figures are at the month's end (or `--end`).
        public var month: String
        public var rows: Int
        public var chunks: Int
        public var compressedChunks: Int
        public var plainBytes: Int
        public var hypertableBytes: Int
        public var engineBytes: Int
        /// The hypertable by tier at the month's end: chunks not (yet) compressed with the root
        /// table's fixed pages, and compressed chunks with what compression leaves of the originals;
        /// `uncompressed_bytes + compressed_bytes = hypertable_bytes`.
        public var uncompressedBytes: Int = 0
        public var compressedBytes: Int = 0
        /// Bytes retention has dropped since the start (each chunk as the policies had left it).
        public var droppedBytes: Int = 0
    }

    /// Bytes of one column in the hypertable's chunks at `--now` (after retention), from the sampled
    /// chunks scaled like every other size (two-width extrapolation, partial chunks prorated).
    public struct ColumnBytes: Sendable, Codable, Hashable {
        public var column: String
        /// The engine's plain bytes of the values (fixed width, text length + 4, NULL bitmap), all chunks.
        public var uncompressedBytes: Int
        /// The engine's bytes as the policies leave the chunks (compressed ones encoded, others plain).
        public var engineBytes: Int
        /// The engine's bytes of the compressed chunks only (compare with `timescaledb_compressed_bytes`).
        public var engineCompressedBytes: Int
        /// TimescaleDB's compressed datums of the compressed chunks after TOAST (0 for segmentby
        /// columns, stored inline in the compressed chunk's rows).
        public var timescaledbCompressedBytes: Int
        public init(column: String, uncompressedBytes: Int, engineBytes: Int, engineCompressedBytes: Int, timescaledbCompressedBytes: Int) {
            self.column = column
            self.uncompressedBytes = uncompressedBytes
            self.engineBytes = engineBytes
            self.engineCompressedBytes = engineCompressedBytes
            self.timescaledbCompressedBytes = timescaledbCompressedBytes
        }
    }

    public struct SteadyState: Sendable, Codable, Hashable {
        /// Whether retention has started dropping chunks within the horizon.
        public var reached: Bool
        public var hypertableBytes: Int
        public var peakHypertableBytes: Int
        public var peakMonth: String
    }

    public struct MemoryFit: Sendable, Codable, Hashable {
        /// The newest chunk with its indexes, uncompressed, once full (what inserts and recent
        /// queries touch): the largest of the last eight chunks up to now.
        public var activeChunkBytes: Int
        /// 25 % of `--memory` (TimescaleDB's chunk-size guidance).
        public var budgetBytes: Int
        public var sharedBuffersBytes: Int
        public var fits: Bool
        public var fitsSharedBuffers: Bool
        public var recommendedChunkInterval: String
        /// Why the recommendation is what it is.
        public var reason: String
        /// Per candidate interval (1 hour … 30 days): its newest chunk once full and the chunks the
        /// hypertable holds at `--now`, measured as a plan with that `--chunk-interval` measures them.
        public var candidates: [Candidate]

        public struct Candidate: Sendable, Codable, Hashable {
            public var chunkInterval: String
            public var activeChunkBytes: Int
            public var chunks: Int
            public var fits: Bool
        }
    }

    /// One query under one storage configuration (filled by the latency model).
    public struct QueryLatencyFigure: Sendable, Codable, Hashable {
        public var query: String
        public var config: String
        public var plan: String
        public var sharedHitBlocks: Int
        public var sharedReadBlocks: Int
        public var rows: Int
        public var planningMs: Double
        public var executionMs: Double
        public var firstRunMs: Double
        public init(query: String, config: String, plan: String, sharedHitBlocks: Int, sharedReadBlocks: Int, rows: Int,
                    planningMs: Double, executionMs: Double, firstRunMs: Double) {
            self.query = query
            self.config = config
            self.plan = plan
            self.sharedHitBlocks = sharedHitBlocks
            self.sharedReadBlocks = sharedReadBlocks
            self.rows = rows
            self.planningMs = planningMs
            self.executionMs = executionMs
            self.firstRunMs = firstRunMs
        }
    }

    public struct TargetFigure: Sendable, Codable, Hashable {
        public var query: String
        public var targetMs: Double
        public var predictedMs: Double
        public var config: String
        public var verdict: String
        public var change: String?
        public init(query: String, targetMs: Double, predictedMs: Double, config: String, verdict: String, change: String?) {
            self.query = query
            self.targetMs = targetMs
            self.predictedMs = predictedMs
            self.config = config
            self.verdict = verdict
            self.change = change
        }
    }

    /// Rows per series per day and per chunk for each interval, from the calendar.
    /// One bar interval's rows at `--now`.
    public struct IntervalFigure: Sendable, Codable, Hashable {
        public var interval: String
        /// Rows of this interval the hypertable holds at `--now`, after retention (the top-level
        /// ``CapacityPlan/rows`` summed by interval). Before session 34 it counted every bar from
        /// `--start` to `--end`, retention ignored.
        public var rows: Int
        public var rowsPerTickerPerWeek: Int
        /// Rows of this interval loaded up to `--now`, dropped ones included: what the plain table
        /// (no retention) holds.
        public var loadedRows: Int

        public init(interval: String, rows: Int, rowsPerTickerPerWeek: Int, loadedRows: Int) {
            self.interval = interval
            self.rows = rows
            self.rowsPerTickerPerWeek = rowsPerTickerPerWeek
            self.loadedRows = loadedRows
        }
    }

    public struct Method: Sendable, Codable, Hashable {
        public var sampledChunks: Int
        public var chunkShapes: Int
        public var sampleRows: Int
        public var seconds: Double
        public var notes: [String]
    }

    /// The JSON document of `plan --json`.
    public func jsonText() throws -> String {
        String(decoding: try PlanJSON.encoder.encode(self), as: UTF8.self)
    }
}

import Foundation

/// One JSON style for plan documents: snake_case keys by strategy, sorted keys.
public enum PlanJSON {
    public static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
