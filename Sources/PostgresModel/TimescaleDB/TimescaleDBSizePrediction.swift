import Schema
import Storage

/// What TimescaleDB's size functions would report for a hypertable holding these rows:
/// `hypertable_detailed_size` before compression, `hypertable_compression_stats` before/after,
/// `hypertable_detailed_size` after compressing every chunk, the number of compressed rows
/// (batches), per chunk and in total, plus a per-column breakdown of compressed bytes.
///
/// Built from TimescaleDB's own algorithms (simple8b-RLE, DELTADELTA, GORILLA, ARRAY,
/// DICTIONARY, BOOL, UUID) and PostgreSQL 15's TOAST (pglz, 1996-byte chunks), heap and btree
/// page filling. docs/TIMESCALEDB_MODEL.md lists what it assumes and how close it gets.
public struct TimescaleDBSizePrediction: Sendable {
    public struct Chunk: Sendable {
        /// Chunk range in µs since the Unix epoch, end exclusive.
        public var rangeStart: Int64
        public var rangeEnd: Int64
        public var rows: Int
        /// `relation_size` of the chunk as loaded (= `chunk_compression_stats.before_*`).
        public var before: TimescaleDBRelationSizes
        /// `relation_size` of its compressed chunk (= `chunk_compression_stats.after_*`).
        public var after: TimescaleDBRelationSizes?
        /// What remains of the uncompressed chunk after compression (truncated heap, empty indexes).
        public var emptied: TimescaleDBRelationSizes
        public var compressedBatches: Int
    }

    public var version: TimescaleDBVersion
    public var chunks: [Chunk]
    /// `hypertable_detailed_size` before compression (chunks + the empty root table).
    public var uncompressed: TimescaleDBRelationSizes
    public var compressionStatsBefore: TimescaleDBRelationSizes
    public var compressionStatsAfter: TimescaleDBRelationSizes
    /// `hypertable_detailed_size` after compressing every chunk.
    public var detailedSizeAfter: TimescaleDBRelationSizes
    public var compressedBatches: Int
    /// Per source column, compressed bytes summed over all chunks, largest first.
    public var columns: [ColumnCompressionBreakdown]

    public var chunkCount: Int { chunks.count }

    /// The hypertable's indexes the size model sizes: the B-tree and BRIN ones of `given`, and
    /// TimescaleDB's default `(time DESC)` index unless `createDefaultIndexes` is false or an index
    /// of exactly one attribute, the time column, exists (any method, partial or not:
    /// src/indexing.c `indexing_create_and_verify_hypertable_indexes`).
    public static func sizedIndexes(of table: TableDefinition, given: [IndexDefinition], timeColumn: String,
                                    createDefaultIndexes: Bool) -> [IndexDefinition] {
        var indexes = given.filter { $0.method == .btree || $0.method == .brin }
        if createDefaultIndexes, !given.contains(where: { $0.keyColumns + $0.include == [timeColumn] }) {
            indexes.append(IndexDefinition(name: "\(table.name)_\(timeColumn)_idx", table: table.name,
                                           keys: [.init(column: timeColumn, descending: true)]))
        }
        return indexes
    }

    /// Predicts sizes for `rows` in a hypertable on `timeColumn` with chunks of `chunkInterval`
    /// µs; `compression` nil predicts the uncompressed hypertable only.
    ///
    /// `indexes` are the hypertable's indexes (default: the table definition's); TimescaleDB's
    /// default `(time DESC)` index is added unless an index on exactly the time column exists or
    /// `createDefaultIndexes` is false (`create_hypertable(…, create_default_indexes => false)`).
    /// `compressedWidthFactor` > 1 predicts compressed chunks that many times as wide (the
    /// sampled segments' batches repeated; `plan` samples a few tickers of many).
    public static func predict(rows: RowSet, timeColumn: String, chunkInterval: Int64,
                               compression: CompressionSettings?, version: TimescaleDBVersion = .calibrated,
                               indexes: [IndexDefinition]? = nil, createDefaultIndexes: Bool = true,
                               compressedWidthFactor: Double = 1) throws(TimescaleDBModelError) -> TimescaleDBSizePrediction {
        let table = rows.table
        guard let timeIndex = table.columnIndex(timeColumn) else { throw .unknownColumn(timeColumn) }
        guard table.columns[timeIndex].type.partitionsByTime || table.columns[timeIndex].type.isInteger else {
            throw .notATimeColumn(timeColumn)
        }
        guard chunkInterval > 0 else { throw .invalidInterval("chunk_time_interval must be positive") }
        if let compression {
            for c in compression.segmentBy + compression.orderBy.map(\.column) where table.columnIndex(c) == nil {
                throw .unknownColumn(c)
            }
        }
        let hypertableIndexes = Self.sizedIndexes(of: table, given: indexes ?? table.indexes, timeColumn: timeColumn,
                                                  createDefaultIndexes: createDefaultIndexes)

        // Chunk of each row: range_start = floor(t / interval) * interval (dimension.c).
        // The engine's routing: the same internal time and the same slices.
        let time = rows.columns[timeIndex]
        let times = Hypertable.internalTimes(of: time, isDate: table.columns[timeIndex].type == .date)
        let limits = Hypertable.timeSliceLimits(of: table.columns[timeIndex].type)
        var byChunk: [Int64: [Int]] = [:]
        var order: [Int64] = []
        for r in 0..<rows.count {
            // create_hypertable makes the time column NOT NULL, so such a row never loads.
            if time.isNull(at: r) { throw .nullTime(column: timeColumn, table: table.name) }
            let start = ChunkRange.timeSlice(containing: times[r], interval: chunkInterval, within: limits).start
            if byChunk[start] == nil { order.append(start) }
            byChunk[start, default: []].append(r)
        }

        let pageSize = 8192
        let emptied = TimescaleDBRelationSizes(table: 0, index: hypertableIndexes.count * pageSize,
                                    toast: table.columns.contains { $0.type.isVarlena } ? pageSize : 0)
        var orderedColumns = Set<Int>()
        for c in (compression?.segmentBy ?? []) + (compression?.orderBy.map(\.column) ?? []) {
            if let i = table.columnIndex(c) { orderedColumns.insert(i) }
        }
        let ordering = RowOrdering(rows: rows, columns: orderedColumns)
        var chunks: [Chunk] = []
        var columnTotals: [String: ColumnCompressionBreakdown] = [:]
        for start in order.sorted() {
            let chunkRows = byChunk[start] ?? []
            let before = try UncompressedChunkModel(rows: rows, chunkRows: chunkRows, indexes: hypertableIndexes).sizes
            var after: TimescaleDBRelationSizes?
            var batches = 0
            if let compression {
                let model = CompressedChunkModel(rows: rows, chunkRows: chunkRows, settings: compression, version: version, ordering: ordering,
                                                 indexes: hypertableIndexes, widthFactor: compressedWidthFactor)
                after = model.sizes
                batches = model.batches
                for (name, b) in model.columns {
                    var t = columnTotals[name] ?? ColumnCompressionBreakdown(column: name, compressedBytes: 0, storedBytes: 0, algorithms: [:])
                    t.compressedBytes += b.compressedBytes
                    t.storedBytes += b.storedBytes
                    for (k, v) in b.algorithms { t.algorithms[k, default: 0] += v }
                    columnTotals[name] = t
                }
            }
            chunks.append(Chunk(rangeStart: start, rangeEnd: start &+ chunkInterval, rows: chunkRows.count,
                                before: before, after: after, emptied: emptied, compressedBatches: batches))
        }

        // The root table stays empty: each index is a metapage, its TOAST index a metapage.
        let root = emptied
        let before = chunks.reduce(TimescaleDBRelationSizes()) { $0 + $1.before }
        let after = chunks.reduce(TimescaleDBRelationSizes()) { $0 + ($1.after ?? TimescaleDBRelationSizes()) }
        let leftover = chunks.reduce(TimescaleDBRelationSizes()) { $0 + $1.emptied }
        return TimescaleDBSizePrediction(
            version: version, chunks: chunks, uncompressed: before + root,
            compressionStatsBefore: before, compressionStatsAfter: after,
            detailedSizeAfter: compression == nil ? before + root : after + leftover + root,
            compressedBatches: chunks.reduce(0) { $0 + $1.compressedBatches },
            // Ties broken by name: dictionary order must not leak into the output.
            columns: columnTotals.values.sorted { $0.storedBytes != $1.storedBytes ? $0.storedBytes > $1.storedBytes : $0.column < $1.column })
    }

    /// The `predicted_timescaledb` object of `chunkwise compare` (CLI.md).
    public var compareSummary: TimescaleDBCompareSummary {
        TimescaleDBCompareSummary(
            beforeCompressionTotalBytes: compressionStatsBefore.total,
            afterCompressionTableBytes: compressionStatsAfter.table,
            afterCompressionIndexBytes: compressionStatsAfter.index,
            afterCompressionToastBytes: compressionStatsAfter.toast,
            afterCompressionTotalBytes: compressionStatsAfter.total,
            compressedBatches: compressedBatches,
            columns: columns.map { c in
                TimescaleDBCompareSummary.Column(
                    name: c.column,
                    algorithm: c.algorithms.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? "-",
                    compressedBytes: c.compressedBytes, storedBytes: c.storedBytes)
            })
    }
}

/// `predicted_timescaledb` in `chunkwise compare --json`: the `hypertable_compression_stats`
/// figures TimescaleDB would report for the same rows and settings.
public struct TimescaleDBCompareSummary: Sendable, Hashable, Codable {
    public var beforeCompressionTotalBytes: Int
    public var afterCompressionTableBytes: Int
    public var afterCompressionIndexBytes: Int
    public var afterCompressionToastBytes: Int
    public var afterCompressionTotalBytes: Int
    public var compressedBatches: Int
    /// Per compressed column (segmentby columns are stored once per batch and not listed),
    /// largest stored first: what explains the total.
    public var columns: [Column]

    public struct Column: Sendable, Hashable, Codable {
        public var name: String
        /// The algorithm most batches used (`array`, `dictionary`, `deltadelta`, `gorilla`, `bool`, `uuid`, `null`).
        public var algorithm: String
        /// Datum bytes as TimescaleDB builds them.
        public var compressedBytes: Int
        /// Bytes after PostgreSQL's TOAST compression (pglz on ARRAY/DICTIONARY columns).
        public var storedBytes: Int

        enum CodingKeys: String, CodingKey {
            case name, algorithm
            case compressedBytes = "compressed_bytes"
            case storedBytes = "stored_bytes"
        }
    }

    enum CodingKeys: String, CodingKey {
        case columns
        case beforeCompressionTotalBytes = "before_compression_total_bytes"
        case afterCompressionTableBytes = "after_compression_table_bytes"
        case afterCompressionIndexBytes = "after_compression_index_bytes"
        case afterCompressionToastBytes = "after_compression_toast_bytes"
        case afterCompressionTotalBytes = "after_compression_total_bytes"
        case compressedBatches = "compressed_batches"
    }
}
