import Codecs
import Schema

/// `ALTER TABLE … SET (timescaledb.compress, compress_segmentby, compress_orderby)` plus the
/// batch size limit (`timescaledb.compression_batch_size_limit`).
public struct CompressionSettings: Sendable, Hashable {
    /// One `compress_orderby` key (Schema's one order-key type).
    public typealias OrderKey = CompressionOrderKey

    public var segmentBy: [String]
    public var orderBy: [OrderKey]
    /// Rows per batch at most: TimescaleDB 2.28 `TARGET_COMPRESSED_BATCH_SIZE` = 1000 (`ts:src/guc.h:183`).
    public var batchSizeLimit: Int
    /// The zstd level of the engine's codec stage (an engine option; TimescaleDB has no zstd stage).
    /// 0 turns the stage off.
    public var zstdLevel: Int32 = 3
    /// Whether the zstd stage trains a dictionary per column per chunk (an engine option).
    /// Off by default, so sizes match what they were before the option existed.
    public var zstdDictionary: ZstdDictionaryMode = .off

    public static let defaultBatchSizeLimit = 1000
    /// The largest limit TimescaleDB accepts (`GLOBAL_MAX_ROWS_PER_COMPRESSION` = INT16_MAX since 2.16).
    public static let maximumBatchSizeLimit = 32767

    public init(segmentBy: [String] = [], orderBy: [OrderKey], batchSizeLimit: Int = CompressionSettings.defaultBatchSizeLimit) {
        self.segmentBy = segmentBy
        self.orderBy = orderBy
        self.batchSizeLimit = batchSizeLimit
    }

    /// Parses the text of `compress_segmentby` and `compress_orderby`. Without an orderby the
    /// default is the time column DESC, as TimescaleDB picks when no unique index supplies one
    /// (callers that know the table pass ``TimescaleOrderByDefault/keys(of:segmentBy:partitioning:)``);
    /// an orderby without the time column gets `timeColumn DESC NULLS FIRST` appended unless the
    /// segmentby holds it, as TimescaleDB keeps it (``TimescaleOrderByDefault/completing(_:segmentBy:timeColumn:)``).
    public init(segmentBy: String, orderBy: String?, timeColumn: String,
                batchSizeLimit: Int = CompressionSettings.defaultBatchSizeLimit) throws(HypertableError) {
        let segments: [String]
        var keys: [OrderKey]
        do {
            segments = try CompressionOrderKey.parseSegmentBy(segmentBy)
            keys = try CompressionOrderKey.parseList(orderBy ?? "")
        } catch {
            throw .invalidCompressionSettings(error.description)
        }
        // Without an orderby the default is the time column DESC.
        keys = keys.isEmpty ? [OrderKey(column: timeColumn, descending: true)]
            : TimescaleOrderByDefault.completing(keys, segmentBy: segments, timeColumn: timeColumn)
        self.init(segmentBy: segments, orderBy: keys, batchSizeLimit: batchSizeLimit)
    }

    /// The codec options batches are encoded with (the zstd stage at `zstdLevel`, off at 0).
    var encodingOptions: EncodingOptions {
        EncodingOptions(zstdLevel: max(zstdLevel, 1), useZstd: zstdLevel > 0)
    }

    /// Checks the settings against a table the way `ALTER TABLE … SET (timescaledb.compress …)` does.
    /// In tsl/src/compression/create.c's order: segmentby columns (distinct, existing), then each
    /// orderby column (existing, of a type with a less-than operator, distinct, not a segmentby one).
    public func validate(against table: TableDefinition) throws(HypertableError) {
        var seen: Set<String> = []
        for c in segmentBy where !seen.insert(c).inserted {
            throw .invalidCompressionSettings("duplicate column name \"\(c)\" (compress_segmentby must reference distinct columns)")
        }
        for c in segmentBy where table.columnIndex(c) == nil {
            throw .unknownColumn(table: table.name, column: c)
        }
        seen = []
        for key in orderBy {
            guard let column = table.column(key.column) else { throw .unknownColumn(table: table.name, column: key.column) }
            if let type = column.typeWithoutLessThan {
                throw .invalidCompressionSettings("invalid ordering column type \(type): could not identify a less-than operator for the type")
            }
            guard seen.insert(key.column).inserted else {
                throw .invalidCompressionSettings("duplicate column name \"\(key.column)\" (compress_orderby must reference distinct columns)")
            }
        }
        for key in orderBy where segmentBy.contains(key.column) {
            throw .invalidCompressionSettings("cannot use column \"\(key.column)\" for both ordering and segmenting")
        }
        guard (1...Self.maximumBatchSizeLimit).contains(batchSizeLimit) else {
            throw .invalidCompressionSettings("\(batchSizeLimit) is outside the valid range for parameter \"timescaledb.compression_batch_size_limit\" (1 .. 32767)")
        }
    }
}
