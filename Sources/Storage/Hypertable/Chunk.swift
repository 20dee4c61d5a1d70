import Schema

/// One chunk of a hypertable: the rows of one time slice (× one hash slice with a space dimension).
///
/// An uncompressed chunk keeps its rows column-wise with a ``BlockIndex``. Compressing it moves
/// the rows into ``CompressedBatch``es; rows inserted afterwards stay uncompressed beside the
/// batches and the chunk is *partial* until the next compression merges them, as TimescaleDB's
/// chunk status bits "compressed" and "partial" describe.
public struct Chunk: Sendable {
    /// The `<n>` of `_hyper_<htid>_<n>_chunk`: creation order, starting at 1, never reused.
    public let id: Int
    /// `_hyper_<htid>_<n>_chunk`, the name TimescaleDB gives the chunk table.
    public let name: String
    /// The time slice, `[start, end)` in internal time.
    public let timeRange: ChunkRange
    /// The hash slice with a space dimension.
    public let spaceRange: ChunkRange?
    /// The uncompressed rows: all rows of an uncompressed chunk, the partial rows of a compressed one.
    public internal(set) var rows: RowSet
    /// Min/max summaries over `rows`.
    public internal(set) var blockIndex: BlockIndex
    /// The compressed batches, in the order compression wrote them (segment, then orderby).
    public internal(set) var batches: [CompressedBatch] {
        didSet { decodedBatches = DecodedBatchCache() }
    }
    /// The zstd dictionaries the batches' columns were compressed with (none unless the
    /// compression settings ask for them, see ``ZstdDictionaryMode``).
    public internal(set) var zstdDictionaries: ChunkDictionaries {
        didSet { decodedBatches = DecodedBatchCache() }
    }
    /// Whether the chunk has been compressed (TimescaleDB chunk status bit 1).
    public internal(set) var isCompressed: Bool
    /// The engine bytes of the chunk measured just before its last compression
    /// (`hypertable_compression_stats` "before").
    public internal(set) var bytesBeforeCompression: EngineBytes?
    /// Per unique index of the hypertable, the keys present in this chunk. Every unique index of a
    /// hypertable contains the partitioning columns, so equal keys always meet in the same chunk.
    /// Stale after the rows moved (see ``ChunkKeyTable``); the hypertable rebuilds them on demand.
    var uniqueKeys: [ChunkKeyTable]
    /// Where each segment's rows and batches are (see ``SegmentIndex``).
    var segmentIndex: SegmentIndex
    /// Decoded batch columns of recent column scans.
    var decodedBatches = DecodedBatchCache()
    /// Whether ``seal()`` ran since the last append.
    private(set) var isSealed = false

    init(id: Int, hypertableID: Int, timeRange: ChunkRange, spaceRange: ChunkRange?, table: TableDefinition,
         blockIndex: BlockIndex, segmentIndex: SegmentIndex, uniqueKeyColumns: [[Int]]) {
        self.id = id
        self.name = "_hyper_\(hypertableID)_\(id)_chunk"
        self.timeRange = timeRange
        self.spaceRange = spaceRange
        self.rows = RowSet(table: table)
        self.blockIndex = blockIndex
        self.segmentIndex = segmentIndex
        self.batches = []
        self.zstdDictionaries = .none
        self.isCompressed = false
        self.bytesBeforeCompression = nil
        self.uniqueKeys = uniqueKeyColumns.map { ChunkKeyTable(columns: $0) }
    }

    /// Rows in the chunk, compressed and uncompressed.
    public var rowCount: Int { rows.count + batches.reduce(0) { $0 + $1.rowCount } }

    /// Compressed with uncompressed rows beside the batches (TimescaleDB status bit 8, "partial").
    public var isPartial: Bool { isCompressed && rows.count > 0 }

    /// Appends rows (already checked) and brings the block index up to date.
    mutating func append(_ new: RowSet) {
        isSealed = false
        let old = rows.count
        if old == 0 { rows = new } else { rows.append(contentsOf: new) }
        blockIndex.extend(rows: rows, oldCount: old)
        segmentIndex.addRows(rows, from: old)
    }

    /// Gives back what a chunk that receives no more rows does not need: the unused capacity of
    /// its row arrays and its key tables (rebuilt from the rows if an insert does reach it).
    mutating func seal() {
        guard !isSealed else { return }
        isSealed = true
        for u in uniqueKeys.indices { uniqueKeys[u].invalidate() }
        guard rows.count > 0 else { return }
        rows = RowSet(table: rows.table, columns: rows.columns.map { $0.compacted() })
        segmentIndex.compact()
    }

    /// Replaces the uncompressed rows and rebuilds the block index.
    mutating func replaceRows(_ new: RowSet) {
        rows = new
        for u in uniqueKeys.indices { uniqueKeys[u].invalidate() }
        blockIndex.rebuild(rows: rows)
        segmentIndex.rebuildRows(rows)
    }

    /// Re-indexes the batches by segment after they changed (see ``SegmentIndex/rebuildBatches``).
    mutating func reindexBatches(keyPositions: [Int]?, timeSummary: Int?) {
        segmentIndex.rebuildBatches(batches, keyPositions: keyPositions, timeSummary: timeSummary)
    }

    /// Rebuilds the segment index on other key columns.
    mutating func reindexSegments(columns: [Int], timeColumn: Int, keyPositions: [Int]?, timeSummary: Int?) {
        segmentIndex = SegmentIndex(columns: columns, timeColumn: timeColumn)
        segmentIndex.addRows(rows, from: 0)
        segmentIndex.rebuildBatches(batches, keyPositions: keyPositions, timeSummary: timeSummary)
    }
}
