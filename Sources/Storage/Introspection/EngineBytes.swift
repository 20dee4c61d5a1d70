import Schema

/// Bytes the engine stores for a structure, split the way `hypertable_detailed_size` splits a
/// relation: data (row values or encoded batch columns), metadata (per-batch counts, segmentby
/// values, orderby min/max/first/last) and index (block-index summaries).
///
/// Every number is counted from the stored values, never estimated:
/// - an uncompressed value takes its plain width: bool 1 B, integers/timestamps/doubles 8 B,
///   numeric 10 B (8 B unscaled + 2 B scale), uuid 16 B, text/jsonb 4 B length + UTF-8 bytes;
///   a column with any NULL adds a 1-bit-per-row NULL bitmap (rounded up to bytes);
/// - an encoded batch column takes its encoded byte length; a chunk's zstd dictionary its
///   length + 8 B checksum, once per chunk and column;
/// - batch metadata: 4 B row count (`_ts_meta_count` int4) + the segmentby values + 4 values
///   per orderby key, each at its plain width (NULL: 0 B);
/// - a block-index summary: min and max at plain width + 1 B has-NULL flag.
/// Swift's in-memory object headers and array capacity slack are not counted.
public struct EngineBytes: Sendable, Hashable {
    public var data: Int
    public var metadata: Int
    public var index: Int

    public init(data: Int = 0, metadata: Int = 0, index: Int = 0) {
        self.data = data
        self.metadata = metadata
        self.index = index
    }

    public var total: Int { data + metadata + index }

    public static func + (a: EngineBytes, b: EngineBytes) -> EngineBytes {
        EngineBytes(data: a.data + b.data, metadata: a.metadata + b.metadata, index: a.index + b.index)
    }

    public static let zero = EngineBytes()

    /// The plain width of one value.
    public static func width(of value: Value) -> Int {
        switch value {
        case .null: return 0
        case .bool: return 1
        case .int, .float, .timestamp, .date, .time: return 8
        case .numeric: return 10
        case .wideNumeric(let n): return 4 + n.description.utf8.count
        case .uuid: return 16
        case .text(let s), .jsonb(let s): return 4 + s.utf8.count
        case .interval: return 16
        }
    }

    /// The plain bytes of a column's values plus its NULL bitmap.
    public static func width(of column: ColumnVector) -> Int {
        let n = column.count
        var bytes = column.hasNulls ? (n + 7) / 8 : 0
        switch column.storage {
        case .bool: bytes += n
        case .int64, .double, .time: bytes += 8 * n
        case .numeric: bytes += 10 * n
        case .wideNumeric(let a): bytes += a.reduce(4 * n) { $0 + $1.description.utf8.count }
        case .uuid: bytes += 16 * n
        case .string(let a):
            bytes += 4 * n
            if let codes = a.codes, let distinct = a.distinctValues {
                // Each distinct value's length once, then a lookup per row.
                let lengths = distinct.map { $0.utf8.count }
                for c in codes { bytes += lengths[Int(c)] }
            } else {
                for s in a { bytes += s.utf8.count }
            }
        }
        return bytes
    }

    /// Uncompressed rows and their block index.
    public static func uncompressed(rows: RowSet, blockIndex: BlockIndex) -> EngineBytes {
        let data = rows.columns.reduce(0) { $0 + width(of: $1) }
        var index = 0
        for block in blockIndex.blocks {
            for summary in block { index += width(of: summary.min) + width(of: summary.max) + 1 }
        }
        return EngineBytes(data: data, metadata: 0, index: index)
    }

    /// One compressed batch.
    public static func batch(_ batch: CompressedBatch) -> EngineBytes {
        let data = batch.columns.reduce(0) { $0 + ($1?.bytes.count ?? 0) }
        var metadata = 4 + batch.segmentValues.reduce(0) { $0 + width(of: $1) }
        for s in batch.orderSummaries {
            metadata += width(of: s.min) + width(of: s.max) + width(of: s.first) + width(of: s.last)
        }
        return EngineBytes(data: data, metadata: metadata, index: 0)
    }

    /// A compressed chunk's zstd dictionaries (data: each dictionary's bytes and its 8-byte checksum).
    public static func dictionaries(_ dictionaries: ChunkDictionaries) -> EngineBytes {
        EngineBytes(data: dictionaries.storedBytes, metadata: 0, index: 0)
    }

    /// A chunk as it is stored now: batches and their dictionaries plus uncompressed rows and their block index.
    public static func chunk(_ chunk: Chunk) -> EngineBytes {
        chunk.batches.reduce(uncompressed(rows: chunk.rows, blockIndex: chunk.blockIndex) + dictionaries(chunk.zstdDictionaries)) {
            $0 + batch($1)
        }
    }
}
