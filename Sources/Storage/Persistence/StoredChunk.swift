import Schema
import Codecs

/// One chunk as a store file holds it: its identity and status, its compressed batches with the
/// zstd dictionaries they need, and its uncompressed rows (one vector per table column).
struct StoredChunk: Sendable {
    var id: Int
    var timeRange: ChunkRange
    var spaceRange: ChunkRange?
    var isCompressed: Bool
    var bytesBeforeCompression: EngineBytes?
    var dictionaries: ChunkDictionaries
    var batches: [CompressedBatch]
    var openRows: [ColumnVector]

    /// Reads the chunk's state through the engine's public API.
    init(_ chunk: Chunk) {
        id = chunk.id
        timeRange = chunk.timeRange
        spaceRange = chunk.spaceRange
        isCompressed = chunk.isCompressed
        bytesBeforeCompression = chunk.bytesBeforeCompression
        dictionaries = chunk.zstdDictionaries
        batches = chunk.batches
        openRows = chunk.rows.columns
    }

    init(id: Int, timeRange: ChunkRange, spaceRange: ChunkRange?, isCompressed: Bool, bytesBeforeCompression: EngineBytes?,
         dictionaries: ChunkDictionaries, batches: [CompressedBatch], openRows: [ColumnVector]) {
        self.id = id
        self.timeRange = timeRange
        self.spaceRange = spaceRange
        self.isCompressed = isCompressed
        self.bytesBeforeCompression = bytesBeforeCompression
        self.dictionaries = dictionaries
        self.batches = batches
        self.openRows = openRows
    }

    /// The chunk block's payload.
    func encoded(columnCount: Int) -> [UInt8] {
        var e = StoreEncoder()
        e.u8(StoreFormat.Kind.chunk.rawValue)
        e.i64(Int64(id))
        e.i64(timeRange.start); e.i64(timeRange.end)
        e.bool(spaceRange != nil)
        if let s = spaceRange { e.i64(s.start); e.i64(s.end) }
        e.bool(isCompressed)
        e.bool(bytesBeforeCompression != nil)
        if let b = bytesBeforeCompression { e.i64(Int64(b.data)); e.i64(Int64(b.metadata)); e.i64(Int64(b.index)) }
        e.count(columnCount)
        for c in 0..<columnCount {
            if let d = dictionaries[c] { e.bool(true); e.blob(d.bytes); e.u64(d.checksum) } else { e.bool(false) }
        }
        e.count(batches.count)
        for batch in batches {
            e.count(batch.rowCount)
            e.count(batch.segmentValues.count)
            for v in batch.segmentValues { e.value(v) }
            e.count(batch.orderSummaries.count)
            for s in batch.orderSummaries { e.value(s.min); e.value(s.max); e.value(s.first); e.value(s.last) }
            e.count(batch.columns.count)
            for column in batch.columns {
                guard let column else { e.bool(false); continue }
                e.bool(true)
                e.string(column.codec)
                e.bool(column.usesDictionary)
                e.blob(column.bytes)
            }
        }
        e.count(openRows.count)
        for vector in openRows { e.column(vector) }
        return e.bytes
    }

    /// Decodes a chunk block's payload (after its kind byte) for a table of `columns`.
    static func decode(_ d: inout StoreDecoder, columns: [StoredColumnDefinition]) throws(StoreDecoder.Malformed) -> StoredChunk {
        let id = try d.i64("chunk id")
        guard id >= 1 && id <= Int64(Int32.max) else { throw .init(detail: "chunk id \(id) out of range") }
        let time = ChunkRange(start: try d.i64("chunk range start"), end: try d.i64("chunk range end"))
        guard time.start < time.end else { throw .init(detail: "chunk range \(time) is empty") }
        var space: ChunkRange?
        if try d.bool("space flag") {
            space = ChunkRange(start: try d.i64("space range start"), end: try d.i64("space range end"))
        }
        let compressed = try d.bool("compressed flag")
        var before: EngineBytes?
        if try d.bool("bytes-before flag") {
            let parts = [try d.i64("bytes before"), try d.i64("bytes before"), try d.i64("bytes before")]
            guard parts.allSatisfy({ $0 >= 0 }) else { throw .init(detail: "negative byte count") }
            before = EngineBytes(data: Int(parts[0]), metadata: Int(parts[1]), index: Int(parts[2]))
        }
        let dictionaryCount = try d.count("dictionary count")
        guard dictionaryCount == columns.count else {
            throw .init(detail: "\(dictionaryCount) dictionary slots for \(columns.count) columns")
        }
        var dictionaries: [ZstdDictionary?] = []
        for c in 0..<dictionaryCount {
            if try d.bool("dictionary flag") {
                let bytes = try d.blob("dictionary of column \(columns[c].name)")
                let checksum = try d.u64("dictionary checksum")
                let dictionary = ZstdDictionary(bytes: bytes, checksum: checksum)
                guard dictionary.isIntact else { throw .init(detail: "the zstd dictionary of column \"\(columns[c].name)\" fails its checksum") }
                dictionaries.append(dictionary)
            } else {
                dictionaries.append(nil)
            }
        }
        let batchCount = try d.count("batch count", minimumBytes: 12)
        var batches: [CompressedBatch] = []
        batches.reserveCapacity(batchCount)
        for b in 0..<batchCount {
            let rowCount = try d.u32("batch \(b + 1) row count")
            guard rowCount >= 1 && rowCount <= UInt32(CompressionSettings.maximumBatchSizeLimit) else { throw .init(detail: "batch \(b + 1) holds \(rowCount) rows") }
            let segmentCount = try d.count("segment value count")
            var segmentValues: [Value] = []
            for _ in 0..<segmentCount { segmentValues.append(try d.value("segment value")) }
            let summaryCount = try d.count("orderby summary count", minimumBytes: 4)
            var summaries: [CompressedBatch.OrderSummary] = []
            for _ in 0..<summaryCount {
                summaries.append(CompressedBatch.OrderSummary(min: try d.value("orderby min"), max: try d.value("orderby max"),
                                                              first: try d.value("orderby first"), last: try d.value("orderby last")))
            }
            let columnCount = try d.count("batch column count")
            guard columnCount == columns.count else { throw .init(detail: "batch \(b + 1) has \(columnCount) columns for \(columns.count)") }
            var stored: [StoredColumn?] = []
            for _ in 0..<columnCount {
                guard try d.bool("batch column flag") else { stored.append(nil); continue }
                let codec = try d.string("codec name")
                let usesDictionary = try d.bool("dictionary use flag")
                stored.append(StoredColumn(bytes: try d.blob("encoded column"), codec: codec, usesDictionary: usesDictionary))
            }
            batches.append(CompressedBatch(rowCount: Int(rowCount), segmentValues: segmentValues, orderSummaries: summaries, columns: stored))
        }
        let vectorCount = try d.count("open column count")
        guard vectorCount == columns.count else { throw .init(detail: "\(vectorCount) open columns for \(columns.count)") }
        var open: [ColumnVector] = []
        for c in columns {
            open.append(try d.column(c.type, "open rows of column \"\(c.name)\""))
        }
        guard Set(open.map(\.count)).count <= 1 else { throw .init(detail: "the open columns hold different row counts") }
        return StoredChunk(id: Int(id), timeRange: time, spaceRange: space, isCompressed: compressed, bytesBeforeCompression: before,
                           dictionaries: ChunkDictionaries(byColumn: dictionaries), batches: batches, openRows: open)
    }
}
