import PostgresModel
import Storage

/// What `chunkwise compare` reports: the same rows through several compression settings.
///
/// Codable with the JSON field names of CLI.md (`rows`, `settings[].segmentby`, `orderby`,
/// `chunks`, `batches`, `engine_bytes`, `columns[].name/codec/engine_bytes`), plus extra fields.
public struct ComparisonReport: Sendable, Codable, Equatable {
    public var rows: Int
    /// Bytes of the input COPY text (all files).
    public var rawCopyBytes: Int
    /// µs, or for a table partitioned by an integer column the interval in its own integers.
    public var chunkIntervalMicroseconds: Int64
    /// true when the time column is an integer (absent otherwise).
    public var integerTime: Bool?
    public var batchSize: Int
    public var zstdLevel: Int32
    /// The comparison's dictionary mode (`off`, `on`, `auto`); a setting may override it.
    public var zstdDictionary: String
    public var settings: [SettingResult]
    public var recommendation: Recommendation

    enum CodingKeys: String, CodingKey {
        case rows, settings, recommendation
        case rawCopyBytes = "raw_copy_bytes"
        case chunkIntervalMicroseconds = "chunk_interval_us"
        case integerTime = "integer_time"
        case batchSize = "batch_size"
        case zstdLevel = "zstd_level"
        case zstdDictionary = "zstd_dictionary"
    }
}

/// One setting's result.
public struct SettingResult: Sendable, Codable, Equatable {
    public var segmentby: String
    public var orderby: String
    public var chunks: Int
    public var batches: Int
    public var rowsPerBatch: Double
    /// This setting's dictionary mode (`off`, `on`, `auto`).
    public var zstdDictionary: String
    /// Part of `engineBytes` that is zstd dictionaries (each with its checksum), over all chunks.
    public var zstdDictionaryBytes: Int
    /// Every byte the engine stores for the compressed chunks: encoded columns + zstd
    /// dictionaries + batch metadata.
    public var engineBytes: Int
    /// Part of `engineBytes` that is batch metadata (counts, segmentby values, orderby min/max/first/last).
    public var metadataBytes: Int
    public var bytesPerRow: Double
    /// Raw COPY text bytes ÷ engine bytes.
    public var ratioVsCopyText: Double
    /// The engine's uncompressed layout (plain-width values) ÷ engine bytes.
    public var ratioVsUncompressed: Double
    public var uncompressedBytes: Int
    /// Uncompressed engine bytes per second through compression (sort, batch, encode), one core.
    public var compressMBPerSecond: Double
    /// Uncompressed engine bytes per second back out of the batches (decode to column vectors).
    public var decompressMBPerSecond: Double
    /// Average rows per segment within a chunk.
    public var rowsPerSegmentPerChunk: Double
    public var columns: [ColumnResult]
    public var warnings: [String]
    /// What TimescaleDB itself would report for these rows and this setting
    /// (`hypertable_compression_stats`), from PostgresModel's TimescaleDB size model.
    public var predictedTimescaledb: TimescaleDBCompareSummary?

    enum CodingKeys: String, CodingKey {
        case segmentby, orderby, chunks, batches, columns, warnings
        case predictedTimescaledb = "predicted_timescaledb"
        case rowsPerBatch = "rows_per_batch"
        case zstdDictionary = "zstd_dictionary"
        case zstdDictionaryBytes = "zstd_dictionary_bytes"
        case engineBytes = "engine_bytes"
        case metadataBytes = "metadata_bytes"
        case bytesPerRow = "bytes_per_row"
        case ratioVsCopyText = "ratio_vs_copy_text"
        case ratioVsUncompressed = "ratio_vs_uncompressed"
        case uncompressedBytes = "uncompressed_bytes"
        case compressMBPerSecond = "compress_mb_per_s"
        case decompressMBPerSecond = "decompress_mb_per_s"
        case rowsPerSegmentPerChunk = "rows_per_segment_per_chunk"
    }
}

/// One column's cost under a setting.
public struct ColumnResult: Sendable, Codable, Equatable {
    public var name: String
    /// The codec most batches chose (`+zstd` when the zstd stage was kept); `segmentby` for
    /// segment columns, stored once per batch in its metadata.
    public var codec: String
    /// Encoded blocks plus this column's zstd dictionaries (segmentby columns: their values in
    /// the batch metadata).
    public var engineBytes: Int
    public var bytesPerRow: Double
    /// Part of `engineBytes` that is the column's zstd dictionaries, one per chunk at most.
    public var zstdDictionaryBytes: Int
    /// Chunks that keep a zstd dictionary for this column.
    public var zstdDictionaries: Int
    /// Plain-width bytes of the column's values.
    public var uncompressedBytes: Int
    /// How many batches chose each codec.
    public var codecCounts: [String: Int]

    enum CodingKeys: String, CodingKey {
        case name, codec
        case zstdDictionaryBytes = "zstd_dictionary_bytes"
        case zstdDictionaries = "zstd_dictionaries"
        case engineBytes = "engine_bytes"
        case bytesPerRow = "bytes_per_row"
        case uncompressedBytes = "uncompressed_bytes"
        case codecCounts = "codec_counts"
    }
}

/// The recommendation: a proposed setting, why, and the baseline it is compared with.
public struct Recommendation: Sendable, Codable, Equatable {
    /// TimescaleDB's own default rule applied to this table (segmentby from the leading columns
    /// of its unique indexes other than the time column, orderby from the first unique index's
    /// other columns and the time column DESC).
    public var timescaledbDefault: CompressionSettingText
    /// The proposal from column cardinalities and rows per segment per chunk.
    public var proposed: CompressionSettingText
    /// The smallest of the settings actually measured, on ``basis``.
    public var smallestMeasured: Int?
    public var reasons: [String]
    public var columnCardinalities: [ColumnCardinality]
    /// What to use: the smallest measured setting on ``basis`` (the proposal when it was measured
    /// and is that smallest, or when nothing was measured).
    public var recommended: CompressionSettingText = CompressionSettingText(segmentBy: "")
    /// `predicted TimescaleDB bytes` when the target is TimescaleDB, else `engine bytes`.
    public var basis: String = "engine bytes"
    /// The smallest measured setting by the engine's own bytes (differs from ``smallestMeasured``
    /// when the engine and TimescaleDB disagree; ``reasons`` then says so).
    public var smallestByEngine: Int?

    public init(timescaledbDefault: CompressionSettingText, proposed: CompressionSettingText, smallestMeasured: Int?,
                reasons: [String], columnCardinalities: [ColumnCardinality]) {
        self.timescaledbDefault = timescaledbDefault
        self.proposed = proposed
        self.smallestMeasured = smallestMeasured
        self.reasons = reasons
        self.columnCardinalities = columnCardinalities
        self.recommended = proposed
    }

    enum CodingKeys: String, CodingKey {
        case proposed, reasons, recommended, basis
        case smallestByEngine = "smallest_by_engine_setting"
        case timescaledbDefault = "timescaledb_default"
        case smallestMeasured = "smallest_measured_setting"
        case columnCardinalities = "column_cardinalities"
    }
}

/// Distinct values of a column, over all rows and on average within one chunk.
public struct ColumnCardinality: Sendable, Codable, Equatable {
    public var name: String
    public var distinct: Int
    public var distinctPerChunk: Double

    enum CodingKeys: String, CodingKey {
        case name, distinct
        case distinctPerChunk = "distinct_per_chunk"
    }
}

extension CompressionSettingText: Codable {
    enum CodingKeys: String, CodingKey {
        case segmentby, orderby
        case zstdDictionary = "zstd_dictionary"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let mode = try c.decodeIfPresent(String.self, forKey: .zstdDictionary)
        self.init(segmentBy: try c.decode(String.self, forKey: .segmentby), orderBy: try c.decodeIfPresent(String.self, forKey: .orderby),
                  zstdDictionary: mode.flatMap { ZstdDictionaryMode(rawValue: $0) })
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(segmentBy, forKey: .segmentby)
        try c.encode(orderBy, forKey: .orderby)
        try c.encodeIfPresent(zstdDictionary?.rawValue, forKey: .zstdDictionary)
    }
}
