import Codecs
import Schema

/// Converts a batch's column between the engine's ``ColumnVector`` and the Codecs layer's
/// ``ColumnBlock``, and stores what the codecs write.
///
/// The only file in Storage that calls the Codecs API. Type mapping: integers, timestamps,
/// dates and times → `.int64`; float4/float8 → `.float64`; NUMERIC → `.decimal` (exact scaled
/// integers); bool → `.bool`; uuid → `.uuid` halves; varchar/text/jsonb → `.bytes` (UTF-8).
public enum ColumnBlockAdapter {
    /// The Codecs layer's view of a column (public for benchmarks and tools that feed the codecs real columns).
    public static func block(_ column: ColumnVector) -> ColumnBlock {
        let data: ColumnData
        switch column.storage {
        case .bool(let a): data = .bool(a)
        case .int64(let a), .time(let a): data = .int64(a)
        case .double(let a): data = .float64(a)
        case .numeric(let u, let s): data = .decimal(unscaled: u, scales: s)
        case .uuid(let a): data = .uuid(high: a.map(\.high), low: a.map(\.low))
        case .string(let a): data = .bytes(a.map { Array($0.utf8) })
        }
        return ColumnBlock(data: data, nulls: column.hasNulls ? (0..<column.count).map { column.isNull(at: $0) } : [])
    }

    /// The Codecs layer's view of rows `positions` of a column, gathered straight into the codec
    /// arrays (no intermediate column). This and ``block(_:)`` are all compression reads of a chunk's
    /// uncompressed storage.
    static func block(_ column: ColumnVector, rows positions: [Int]) -> ColumnBlock {
        let data: ColumnData
        switch column.storage {
        case .bool(let a): data = .bool(positions.map { a[$0] })
        case .int64(let a), .time(let a): data = .int64(positions.map { a[$0] })
        case .double(let a): data = .float64(positions.map { a[$0] })
        case .numeric(let u, let s): data = .decimal(unscaled: positions.map { u[$0] }, scales: positions.map { s[$0] })
        case .uuid(let a): data = .uuid(high: positions.map { a[$0].high }, low: positions.map { a[$0].low })
        case .string(let a): data = .bytes(positions.map { Array(a[$0].utf8) })
        }
        return ColumnBlock(data: data, nulls: column.hasNulls ? positions.map { column.isNull(at: $0) } : [])
    }

    static func vector(_ block: ColumnBlock, type: PGType) throws(HypertableError) -> ColumnVector {
        let storage: ColumnVector.Storage
        switch (block.data, ColumnVector(type: type).storage) {
        case (.bool(let a), .bool): storage = .bool(a)
        case (.int64(let a), .int64): storage = .int64(a)
        case (.int64(let a), .time): storage = .time(a)
        case (.float64(let a), .double): storage = .double(a)
        case (.decimal(let u, let s), .numeric): storage = .numeric(unscaled: u, scales: s)
        case (.uuid(let h, let l), .uuid): storage = .uuid(zip(h, l).map { PGUUID(high: $0, low: $1) })
        case (.bytes(let a), .string): storage = .string(a.map { String(decoding: $0, as: UTF8.self) })
        default: throw .corruptBatch(chunk: "", detail: "a block of the wrong kind for type \(type.sqlName)")
        }
        return ColumnVector(type: type, storage: storage, isNull: block.nulls)
    }

    /// The codec stage of rows `positions` of a column.
    static func prepare(_ column: ColumnVector, rows positions: [Int], options: EncodingOptions) -> PreparedColumn {
        ColumnCodecs.prepare(block(column, rows: positions), options: options)
    }

    static func stored(_ encoded: EncodedColumn) -> StoredColumn {
        let suffix = encoded.usedDictionary ? "+zstd+dict" : (encoded.zstd ? "+zstd" : "")
        return StoredColumn(bytes: encoded.bytes, codec: encoded.codec + suffix, usesDictionary: encoded.usedDictionary)
    }

    static func decode(_ stored: StoredColumn, type: PGType, dictionary: ZstdDictionary?) throws(HypertableError) -> ColumnVector {
        let block: ColumnBlock
        do {
            block = try ColumnCodecs.decode(stored.bytes, zstdDictionary: dictionary)
        } catch {
            throw .corruptBatch(chunk: "", detail: "\(error)")
        }
        return try vector(block, type: type)
    }
}
