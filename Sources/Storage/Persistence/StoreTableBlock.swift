import Schema

/// The table block (block 1 of a store file): the table's columns and unique indexes, the
/// hypertable's options and compression settings, and the counters that keep chunk names stable.
enum StoreTableBlock {
    static func encode(_ ht: Hypertable, now: Int64?) -> [UInt8] {
        var e = StoreEncoder()
        e.u8(StoreFormat.Kind.table.rawValue)
        e.string(ht.table.name)
        e.count(ht.table.columns.count)
        for c in ht.table.columns { e.string(c.name); e.string(c.type.sqlName); e.bool(c.notNull) }
        let uniques = ht.table.uniqueIndexes.filter { $0.keyColumns.count == $0.keys.count }
        e.count(uniques.count)
        for u in uniques { e.string(u.name); e.strings(u.keyColumns) }
        e.i64(Int64(ht.id))
        let o = ht.options
        e.string(o.timeColumn)
        e.i64(o.chunkInterval)
        e.bool(o.space != nil)
        if let s = o.space { e.string(s.column); e.count(s.partitions) }
        e.count(o.blockSize)
        e.strings(o.indexedColumns)
        e.bool(ht.compression != nil)
        if let c = ht.compression {
            e.strings(c.segmentBy)
            e.count(c.orderBy.count)
            for k in c.orderBy { e.string(k.column); e.bool(k.descending); e.bool(k.nullsFirst) }
            e.count(c.batchSizeLimit)
            e.i32(c.zstdLevel)
            e.string(c.zstdDictionary.rawValue)
        }
        e.i64(Int64(ht.droppedChunkCount))
        e.i64(Int64(ht.upcomingChunkID))
        e.bool(now != nil)
        if let now { e.i64(now) }
        e.count(ht.chunks.count)
        return e.bytes
    }

    /// The decoded table block, with the number of chunk blocks that must follow.
    struct Content {
        var tableName: String
        var columns: [StoredColumnDefinition]
        var uniqueIndexes: [(name: String, columns: [String])]
        var hypertableID: Int
        var options: HypertableOptions
        var compression: CompressionSettings?
        var droppedChunkCount: Int
        var nextChunkID: Int
        var now: Int64?
        var chunkCount: Int
    }

    static func decode(_ d: inout StoreDecoder) throws(StoreDecoder.Malformed) -> Content {
        let name = try d.string("table name")
        let columnCount = try d.count("column count", minimumBytes: 9)
        guard columnCount >= 1, columnCount <= 1600 else { throw .init(detail: "\(columnCount) columns (PostgreSQL allows 1 to 1600)") }
        var columns: [StoredColumnDefinition] = []
        for _ in 0..<columnCount {
            let column = try d.string("column name")
            let typeName = try d.string("column type")
            guard let type = PGType(sql: typeName) else { throw .init(detail: "column \"\(column)\": unknown type \"\(typeName)\"") }
            columns.append(StoredColumnDefinition(name: column, type: type, notNull: try d.bool("not-null flag")))
        }
        let names = Set(columns.map(\.name))
        guard names.count == columns.count else { throw .init(detail: "duplicate column names") }
        let uniqueCount = try d.count("unique index count", minimumBytes: 8)
        var uniques: [(name: String, columns: [String])] = []
        for _ in 0..<uniqueCount {
            let index = try d.string("unique index name")
            let keys = try d.strings("unique index columns")
            guard !keys.isEmpty, keys.allSatisfy(names.contains) else { throw .init(detail: "unique index \"\(index)\" names unknown columns") }
            uniques.append((index, keys))
        }
        let id = try d.i64("hypertable id")
        guard id >= 1 && id <= Int64(Int32.max) else { throw .init(detail: "hypertable id \(id) out of range") }
        let timeColumn = try d.string("time column")
        let interval = try d.i64("chunk interval")
        var space: SpaceDimension?
        if try d.bool("space flag") {
            let column = try d.string("space column")
            space = SpaceDimension(column: column, partitions: Int(try d.u32("partitions")))
        }
        let blockSize = Int(try d.u32("block size"))
        guard (1...1_000_000).contains(blockSize) else { throw .init(detail: "block size \(blockSize) out of range") }
        let indexed = try d.strings("indexed columns")
        var compression: CompressionSettings?
        if try d.bool("compression flag") {
            let segmentBy = try d.strings("segmentby")
            let keyCount = try d.count("orderby count", minimumBytes: 6)
            var keys: [CompressionSettings.OrderKey] = []
            for _ in 0..<keyCount {
                keys.append(CompressionSettings.OrderKey(column: try d.string("orderby column"), descending: try d.bool("descending flag"),
                                                         nullsFirst: try d.bool("nulls-first flag")))
            }
            var settings = CompressionSettings(segmentBy: segmentBy, orderBy: keys, batchSizeLimit: Int(try d.u32("batch size limit")))
            settings.zstdLevel = try d.i32("zstd level")
            guard (0...22).contains(settings.zstdLevel) else { throw .init(detail: "zstd level \(settings.zstdLevel) out of range") }
            let mode = try d.string("zstd dictionary mode")
            guard let m = ZstdDictionaryMode(rawValue: mode) else { throw .init(detail: "unknown zstd dictionary mode \"\(mode)\"") }
            settings.zstdDictionary = m
            compression = settings
        }
        let dropped = try d.i64("dropped chunk count")
        let next = try d.i64("next chunk id")
        guard dropped >= 0, dropped <= Int64(Int32.max), next >= 1, next <= Int64(Int32.max) else {
            throw .init(detail: "chunk counters out of range")
        }
        var now: Int64?
        if try d.bool("now flag") { now = try d.i64("now") }
        let chunkCount = Int(try d.u32("chunk count"))
        return Content(tableName: name, columns: columns, uniqueIndexes: uniques, hypertableID: Int(id),
                       options: HypertableOptions(timeColumn: timeColumn, chunkInterval: interval, space: space, blockSize: blockSize,
                                                  indexedColumns: indexed),
                       compression: compression, droppedChunkCount: Int(dropped), nextChunkID: Int(next), now: now, chunkCount: chunkCount)
    }
}
