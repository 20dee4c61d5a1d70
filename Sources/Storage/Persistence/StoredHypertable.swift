import Schema

/// The content of one table-store file, read and checked (every block's CRC32C, every length,
/// every value's kind) before anything is returned; turn it into the engine with ``hypertable(table:)``.
public struct StoredHypertable: Sendable {
    /// The file it was read from (named in every error).
    public let file: String
    public let tableName: String
    public let columns: [StoredColumnDefinition]
    /// The unique indexes the hypertable enforced: name and key columns.
    public let uniqueIndexes: [(name: String, columns: [String])]
    public let hypertableID: Int
    public let options: HypertableOptions
    public let compression: CompressionSettings?
    /// Chunks dropped before the save (by retention or `dropChunks`).
    public let droppedChunkCount: Int
    /// The simulated clock's end when the store was saved, if the saver knew it.
    public let now: Int64?
    let nextChunkID: Int
    let chunks: [StoredChunk]

    /// Live chunks in the file.
    public var chunkCount: Int { chunks.count }
    /// Rows in the file, compressed and uncompressed.
    public var rowCount: Int {
        chunks.reduce(0) { total, c in total + (c.openRows.first?.count ?? 0) + c.batches.reduce(0) { $0 + $1.rowCount } }
    }

    /// A table definition rebuilt from the file alone: the columns and the unique indexes (no
    /// defaults, CHECK constraints or other indexes; load with the migrations' definition when
    /// those matter).
    public var tableDefinition: TableDefinition {
        TableDefinition(
            name: tableName,
            columns: columns.map { ColumnDefinition($0.name, $0.type, notNull: $0.notNull) },
            indexes: uniqueIndexes.map { IndexDefinition(name: $0.name, table: tableName, keys: $0.columns.map { .init(column: $0) }, unique: true) })
    }

    init(file: String, tableName: String, columns: [StoredColumnDefinition], uniqueIndexes: [(name: String, columns: [String])],
         hypertableID: Int, options: HypertableOptions, compression: CompressionSettings?, droppedChunkCount: Int,
         now: Int64?, nextChunkID: Int, chunks: [StoredChunk]) {
        self.file = file
        self.tableName = tableName
        self.columns = columns
        self.uniqueIndexes = uniqueIndexes
        self.hypertableID = hypertableID
        self.options = options
        self.compression = compression
        self.droppedChunkCount = droppedChunkCount
        self.now = now
        self.nextChunkID = nextChunkID
        self.chunks = chunks
    }

    /// The hypertable as it was saved: the same chunks (names, ranges, compressed batches, open
    /// rows, status), settings and unique keys. `table` (default ``tableDefinition``) must have
    /// the same columns as the file; the engine state is rebuilt through its own insert path, so a
    /// file whose rows contradict it (a row outside its chunk's range, a duplicate key, a batch
    /// that does not decode) is refused as a whole.
    public func hypertable(table: TableDefinition? = nil) throws(StoreError) -> Hypertable {
        let definition = table ?? tableDefinition
        let given = definition.columns.map { StoredColumnDefinition(name: $0.name, type: $0.type, notNull: false) }
        let saved = columns.map { StoredColumnDefinition(name: $0.name, type: $0.type, notNull: false) }
        guard definition.name == tableName, given == saved else {
            throw .mismatch(file: file, detail: "saved for table \(tableName)(\(columns.map(\.description).joined(separator: ", "))), "
                            + "not \(definition.name)(\(definition.columns.map { "\($0.name) \($0.type.sqlName)" }.joined(separator: ", ")))")
        }
        do {
            return try Hypertable(restoring: self, table: definition)
        } catch {
            throw .mismatch(file: file, detail: "the saved chunks do not fit the table: \(error.description); nothing was loaded from this file")
        }
    }

    /// Every stored row (compressed batches decoded), chunk by chunk in creation order.
    public func rows(table: TableDefinition? = nil) throws(StoreError) -> RowSet {
        let ht = try hypertable(table: table)
        var all = RowSet(table: ht.table)
        for chunk in ht.chunks {
            do {
                if let rows = try ht.rows(ofChunk: chunk.name), rows.count > 0 { all = all.count == 0 ? rows : all.appending(rows) }
            } catch {
                throw .mismatch(file: file, detail: error.description)
            }
        }
        return RowSet(table: table ?? ht.table, columns: all.columns)
    }
}
