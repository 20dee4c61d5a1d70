import Schema

/// A table partitioned into chunks by time (and optionally by a hash of one column), the way
/// TimescaleDB's `create_hypertable` partitions it.
///
/// ```swift
/// var ht = try Hypertable(table: NQPTables.marketData,
///                         options: HypertableOptions(timeColumn: "timestamp", chunkInterval: 86_400_000_000))
/// try ht.insert(rows, onConflict: .error)
/// let hits = try ht.scan(ScanRequest(time: start...end, equals: [.init("ticker_id", .uuid(id))]))
/// ```
///
/// A value type: copying a hypertable copies its data (arrays are copy-on-write, so copies are
/// cheap until one side changes).
public struct Hypertable: Sendable {
    /// TimescaleDB's `hypertable_id`, used in chunk names.
    public let id: Int
    /// The table as the hypertable keeps it: unique constraints that lack a partitioning column
    /// are dropped (see ``droppedConstraints``).
    public let table: TableDefinition
    public let options: HypertableOptions
    /// Unique indexes that TimescaleDB would refuse on a hypertable because they lack the time
    /// column (or the space column), dropped when the hypertable was created.
    public let droppedConstraints: [IndexDefinition]
    /// Compression settings once compression is enabled.
    public internal(set) var compression: CompressionSettings?
    /// Live chunks in creation order.
    public internal(set) var chunks: [Chunk]
    /// Chunks removed by retention or `dropChunks`.
    public internal(set) var droppedChunkCount: Int

    let timeColumnIndex: Int
    /// Whether the time column is a `date` (its stored days become µs), decided once, not per row.
    let timeIsDate: Bool
    let spaceColumnIndex: Int?
    let uniqueIndexes: [(index: IndexDefinition, columns: [Int])]
    var nextChunkID: Int
    var chunkPositions: [ChunkKey: Int]
    /// Chunk positions by ascending time range (then space range): chunk exclusion is a binary search.
    var timeOrder: [Int] = []
    /// Table column positions the per-chunk ``SegmentIndex`` keys on: the compression segmentby
    /// columns once compression is enabled, the block-indexed columns besides time before.
    var segmentColumns: [Int] = []
    /// How batches map onto the segment index (see ``computedBatchKeyPositions``), set with compression.
    var batchKeyPositions: (positions: [Int]?, timeSummary: Int?) = (nil, nil)

    struct ChunkKey: Hashable, Sendable {
        var time: ChunkRange
        var space: ChunkRange?
    }

    /// Creates an empty hypertable. Unique constraints without every partitioning column are
    /// dropped and listed in ``droppedConstraints`` (TimescaleDB: "cannot create a unique index
    /// without the column … (used in partitioning)"); the caller decides how to warn.
    public init(table: TableDefinition, options: HypertableOptions, id: Int = 1) throws(HypertableError) {
        guard let t = table.columnIndex(options.timeColumn) else {
            throw .unknownColumn(table: table.name, column: options.timeColumn)
        }
        let timeType = table.columns[t].type
        guard timeType.partitionsByTime || timeType.isInteger else {
            throw .invalidTimeColumnType(column: options.timeColumn, type: timeType)
        }
        guard options.chunkInterval > 0 else { throw .invalidChunkInterval(options.chunkInterval) }
        var spaceIndex: Int?
        if let space = options.space {
            guard let s = table.columnIndex(space.column) else { throw .unknownColumn(table: table.name, column: space.column) }
            guard (1...32767).contains(space.partitions) else { throw .invalidPartitionCount(space.partitions) }
            spaceIndex = s
        }
        var indexed = [t]
        for name in options.indexedColumns {
            guard let c = table.columnIndex(name) else { throw .unknownColumn(table: table.name, column: name) }
            if !indexed.contains(c) { indexed.append(c) }
        }
        let partitioning = [options.timeColumn] + (options.space.map { [$0.column] } ?? [])
        var kept = table
        var dropped: [IndexDefinition] = []
        kept.indexes = table.indexes.filter { index in
            guard index.unique else { return true }
            let ok = partitioning.allSatisfy { index.keyColumns.contains($0) }
            if !ok { dropped.append(index) }
            return ok
        }
        // TimescaleDB makes the time column NOT NULL.
        kept.columns[t].notNull = true
        var uniques: [(IndexDefinition, [Int])] = []
        for index in kept.uniqueIndexes {
            let cols = index.keyColumns.compactMap { kept.columnIndex($0) }
            // Expression keys cannot be checked by value; such an index is not enforced here.
            if cols.count == index.keys.count { uniques.append((index, cols)) }
        }
        self.id = id
        self.table = kept
        self.options = options
        self.droppedConstraints = dropped
        self.compression = nil
        self.chunks = []
        self.droppedChunkCount = 0
        self.timeColumnIndex = t
        if case .date = timeType { self.timeIsDate = true } else { self.timeIsDate = false }
        self.timeSliceLimits = Self.timeSliceLimits(of: timeType)
        self.spaceColumnIndex = spaceIndex
        self.uniqueIndexes = uniques.map { (index: $0.0, columns: $0.1) }
        self.nextChunkID = 1
        self.chunkPositions = [:]
        self.blockColumns = indexed
        self.segmentColumns = indexed.filter { $0 != t }
    }

    /// Table column positions the block index summarizes (time first).
    let blockColumns: [Int]

    /// The time column's type.
    public var timeColumnType: PGType { table.columns[timeColumnIndex].type }

    /// The first and last internal time of the time column's type (TimescaleDB's `ts_time_get_min`
    /// and `ts_time_get_max`): a chunk whose slice would reach beyond them is open-ended there.
    /// Timestamps and dates: 4714-11-24 BC to the µs before 294247-01-02; integers: their type's range.
    /// Decided once with the table, not per routed row.
    public let timeSliceLimits: ClosedRange<Int64>

    /// ``timeSliceLimits`` of a time column of this type.
    public static func timeSliceLimits(of type: PGType) -> ClosedRange<Int64> {
        switch type {
        case .timestamptz, .timestamp, .date: return PGTimestamp.minimum...(PGTimestamp.end - 1)
        case .int2: return Int64(Int16.min)...Int64(Int16.max)
        case .int4: return Int64(Int32.min)...Int64(Int32.max)
        // The times a UUIDv7's 48-bit millisecond field holds: the last day's chunk is open-ended,
        // as TimescaleDB's uuid test shows it (`id >= 'fffffed0-3000-…'` without an upper bound).
        case .uuid: return 0...((1 << 48) * 1000 - 1)
        default: return Int64.min...Int64.max
        }
    }

    /// Human-readable warnings for ``droppedConstraints``, worded for a CLI's stderr.
    public var droppedConstraintWarnings: [String] {
        droppedConstraints.map { index in
            "WARNING: unique constraint \"\(index.name)\" on \(table.name)(\(index.keyColumns.joined(separator: ", "))) "
                + "does not include the partitioning column \"\(options.timeColumn)\"; TimescaleDB cannot keep it on a hypertable, "
                + "so it was dropped for this simulation (run `chunkwise check` on the migrations to see the error a real server gives)"
        }
    }

    /// Why ``enableCompression(_:)`` refuses new settings while compressed chunks exist.
    public static let settingsChangeRefusal = "changing compression settings while compressed chunks exist is not modelled "
        + "(TimescaleDB 2.28 accepts it and keeps each compressed chunk's own settings); decompress the compressed chunks first"

    /// Enables compression (`ALTER TABLE … SET (timescaledb.compress …)`).
    ///
    /// The engine keeps one set of settings per hypertable, so changing them while compressed
    /// chunks exist is refused: those chunks' batches were grouped and are decoded by the old
    /// settings. TimescaleDB 2.28 accepts the change there (since 2.16 each compressed chunk keeps
    /// the settings it was compressed with, in its own `compression_settings` row, and only
    /// `timescaledb.compress = false` is refused while compressed chunks exist); the refusal says
    /// so and that decompressing the chunks first is what the engine needs.
    public mutating func enableCompression(_ settings: CompressionSettings) throws(HypertableError) {
        try settings.validate(against: table)
        if let current = compression, current != settings, chunks.contains(where: \.isCompressed) {
            throw .invalidCompressionSettings(Self.settingsChangeRefusal)
        }
        compression = settings
        segmentColumns = settings.segmentBy.compactMap { table.columnIndex($0) }
        batchKeyPositions = computedBatchKeyPositions
        let keys = batchKeyPositions
        for position in chunks.indices {
            chunks[position].reindexSegments(columns: segmentColumns, timeColumn: timeColumnIndex, keyPositions: keys.positions,
                                             timeSummary: keys.timeSummary)
        }
    }

    /// How batches map onto the segment index: the position in `segmentValues` of each segment
    /// column (nil when one is not a segmentby column), and the orderby summary of the time column.
    var computedBatchKeyPositions: (positions: [Int]?, timeSummary: Int?) {
        guard let settings = compression else { return (nil, nil) }
        var positions: [Int]? = []
        for c in segmentColumns {
            guard let k = settings.segmentBy.firstIndex(of: table.columns[c].name) else { positions = nil; break }
            positions?.append(k)
        }
        return (positions, settings.orderBy.firstIndex { $0.column == options.timeColumn })
    }

    /// Re-sorts ``timeOrder`` after chunks were created or dropped.
    mutating func reorderChunks() {
        timeOrder = chunks.indices.sorted { a, b in
            let x = chunks[a], y = chunks[b]
            if x.timeRange != y.timeRange { return x.timeRange < y.timeRange }
            return (x.spaceRange?.start ?? 0) < (y.spaceRange?.start ?? 0)
        }
    }

    /// Internal time of a stored value of the time column: µs for timestamps, µs for dates
    /// (TimescaleDB converts a date to the timestamp at its midnight), a UUIDv7's embedded time as
    /// µs, the raw integer otherwise.
    func internalTime(_ column: ColumnVector, _ row: Int) -> Int64 {
        switch column.storage {
        case .time(let a): return timeIsDate ? Self.dateMicroseconds(a[row]) : a[row]
        case .int64(let a): return a[row]
        case .uuid(let ids): return ids[row].version7InternalTime
        default: return 0
        }
    }

    /// ``internalTime(_:_:)`` of every row, read a column at a time (a `switch` per row retains and
    /// releases the column's array): the stored array itself for timestamps and integers.
    func internalTimes(_ column: ColumnVector) -> [Int64] {
        Self.internalTimes(of: column, isDate: timeIsDate)
    }

    /// The internal time of every row of a time column (``internalTime(_:_:)``), for code that
    /// places rows in chunks without a hypertable (the TimescaleDB size model); `isDate` when the
    /// column holds `date` day numbers.
    public static func internalTimes(of column: ColumnVector, isDate: Bool) -> [Int64] {
        switch column.storage {
        case .time(let a): return isDate ? a.map(Self.dateMicroseconds) : a
        case .int64(let a): return a
        case .uuid(let ids): return ids.map(\.version7InternalTime)
        default: return Array(repeating: 0, count: column.count)
        }
    }

    /// The first row of a UUID time column whose value is not a version-7 UUID (nil for other
    /// storage): TimescaleDB cannot route it to a chunk.
    static func firstNonVersion7Row(_ column: ColumnVector) -> Int? {
        guard case .uuid(let ids) = column.storage else { return nil }
        return ids.indices.first { !column.isNull(at: $0) && !ids[$0].isVersion7 }
    }

    /// A date's day number as µs, infinities and days past the Int64 µs range pinned to the ends.
    static func dateMicroseconds(_ days: Int64) -> Int64 {
        let (v, overflow) = days.multipliedReportingOverflow(by: 86_400_000_000)
        return overflow ? (days > 0 ? Int64.max : Int64.min) : v
    }

    /// The chunk cell a row belongs in.
    func chunkKey(rows: RowSet, row: Int) -> ChunkKey {
        let time = ChunkRange.timeSlice(containing: internalTime(rows.columns[timeColumnIndex], row), interval: options.chunkInterval,
                                        within: timeSliceLimits)
        var space: ChunkRange?
        if let s = spaceColumnIndex, let dim = options.space {
            space = dim.slice(forHash: SpaceDimension.hash(rows.columns[s].value(at: row)))
        }
        return ChunkKey(time: time, space: space)
    }

    /// Seals the chunks whose time slice ends at or before `time` (see ``Chunk/seal()``): the
    /// caller promises no row earlier than `time` will come, so they receive no more rows.
    mutating func sealChunks(endingBy time: Int64) {
        for i in chunks.indices where chunks[i].timeRange.end <= time { chunks[i].seal() }
    }

    /// Total rows over every live chunk.
    public var rowCount: Int { chunks.reduce(0) { $0 + $1.rowCount } }

    /// The chunk with a given name.
    public func chunk(named name: String) -> Chunk? { chunks.first { $0.name == name } }

    /// Chunks whose whole range is older than `cutoff` (`range_end ≤ cutoff`), the test that
    /// `show_chunks(older_than => …)`, `drop_chunks` and both policies use (`ts:src/chunk.c:2287-2330`).
    public func chunkNames(olderThan cutoff: Int64) -> [String] {
        chunks.filter { $0.timeRange.end <= cutoff }.map(\.name)
    }

    /// Drops chunks whose range ends at or before `cutoff` (`drop_chunks(older_than => …)`).
    /// Returns the dropped chunks' names.
    @discardableResult
    public mutating func dropChunks(olderThan cutoff: Int64) -> [String] {
        let names = chunkNames(olderThan: cutoff)
        guard !names.isEmpty else { return [] }
        chunks.removeAll { $0.timeRange.end <= cutoff }
        droppedChunkCount += names.count
        chunkPositions = Dictionary(uniqueKeysWithValues: chunks.enumerated().map { (ChunkKey(time: $1.timeRange, space: $1.spaceRange), $0) })
        reorderChunks()
        return names
    }
}
