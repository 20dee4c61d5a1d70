import Codecs
import Schema

/// `ALTER TABLE … SET (timescaledb.compress, compress_segmentby, compress_orderby)` plus the
/// batch size limit (`timescaledb.compression_batch_size_limit`).
public struct CompressionSettings: Sendable, Hashable {
    /// One `compress_orderby` key.
    public struct OrderKey: Sendable, Hashable, CustomStringConvertible {
        public var column: String
        public var descending: Bool
        /// After PostgreSQL's default (NULLS FIRST for DESC, NULLS LAST for ASC).
        public var nullsFirst: Bool

        public init(column: String, descending: Bool = false, nullsFirst: Bool? = nil) {
            self.column = column
            self.descending = descending
            self.nullsFirst = nullsFirst ?? descending
        }

        public var description: String {
            var s = column + (descending ? " DESC" : "")
            if nullsFirst != descending { s += nullsFirst ? " NULLS FIRST" : " NULLS LAST" }
            return s
        }
    }

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
    /// default is the time column DESC, as TimescaleDB picks when no unique index supplies one.
    public init(segmentBy: String, orderBy: String?, timeColumn: String,
                batchSizeLimit: Int = CompressionSettings.defaultBatchSizeLimit) throws(HypertableError) {
        let segments = segmentBy.split(separator: ",").map { Self.unquote($0) }.filter { !$0.isEmpty }
        var keys: [OrderKey] = []
        if let orderBy, !Self.trimmed(orderBy).isEmpty {
            for part in orderBy.split(separator: ",") {
                let words = part.split(separator: " ").map { String($0) }.filter { !$0.isEmpty }
                guard let first = words.first else { continue }
                var key = OrderKey(column: Self.unquote(Substring(first)))
                var i = 1
                var explicitNulls: Bool?
                while i < words.count {
                    switch words[i].lowercased() {
                    case "asc": key.descending = false
                    case "desc": key.descending = true
                    case "nulls":
                        guard i + 1 < words.count else {
                            throw .invalidCompressionSettings("unable to parse ordering option \"\(Self.trimmed(part))\"")
                        }
                        switch words[i + 1].lowercased() {
                        case "first": explicitNulls = true
                        case "last": explicitNulls = false
                        default: throw .invalidCompressionSettings("unable to parse ordering option \"\(Self.trimmed(part))\"")
                        }
                        i += 1
                    default: throw .invalidCompressionSettings("unable to parse ordering option \"\(Self.trimmed(part))\"")
                    }
                    i += 1
                }
                key.nullsFirst = explicitNulls ?? key.descending
                keys.append(key)
            }
        } else {
            keys = [OrderKey(column: timeColumn, descending: true)]
        }
        self.init(segmentBy: segments, orderBy: keys, batchSizeLimit: batchSizeLimit)
    }

    static func trimmed(_ s: some StringProtocol) -> String {
        String(s.drop { $0 == " " || $0 == "\t" || $0 == "\n" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\n" }.reversed())
    }

    static func unquote(_ s: Substring) -> String {
        var t = trimmed(s)
        if t.count >= 2, t.hasPrefix("\""), t.hasSuffix("\"") { t = String(t.dropFirst().dropLast()) }
        return t
    }

    /// The codec options batches are encoded with (the zstd stage at `zstdLevel`, off at 0).
    var encodingOptions: EncodingOptions {
        EncodingOptions(zstdLevel: max(zstdLevel, 1), useZstd: zstdLevel > 0)
    }

    /// Checks the settings against a table the way `ALTER TABLE … SET (timescaledb.compress …)` does.
    public func validate(against table: TableDefinition) throws(HypertableError) {
        for c in segmentBy + orderBy.map(\.column) where table.columnIndex(c) == nil {
            throw .unknownColumn(table: table.name, column: c)
        }
        for key in orderBy where segmentBy.contains(key.column) {
            throw .invalidCompressionSettings("cannot use column \"\(key.column)\" for both ordering and segmenting")
        }
        if Set(segmentBy).count != segmentBy.count {
            throw .invalidCompressionSettings("duplicate column name in compress_segmentby")
        }
        guard (1...Self.maximumBatchSizeLimit).contains(batchSizeLimit) else {
            throw .invalidCompressionSettings("\(batchSizeLimit) is outside the valid range for parameter \"timescaledb.compression_batch_size_limit\" (1 .. 32767)")
        }
    }
}
