import Schema

/// The keys of one unique index present in one chunk, as an open-addressing hash table of row
/// references: 4 bytes a slot, no copy of the key. A reference is a position in the chunk's
/// uncompressed rows, or (negative) a position in ``batchKeys``, the key columns of the rows inside
/// the chunk's compressed batches, decoded only when an insert reaches a compressed chunk.
///
/// The hash reads the key columns' typed values (``RowKey``), so a check costs one hash of the
/// key and a probe, not a hash of a `Value` array. A table is *stale* after the chunk's rows moved
/// (compression, decompression, replaced rows); the hypertable rebuilds it before the next insert
/// that reaches the chunk, so a compressed chunk that receives no rows holds no key table at all.
struct ChunkKeyTable: Sendable {
    /// The key columns, by table column position.
    let columns: [Int]
    /// Slot → row reference, ``empty`` when unused. The capacity is a power of two, at most half full.
    private var slots: [Int32] = []
    private(set) var count = 0
    /// Key columns (by table position; other columns empty) of the rows in compressed batches.
    private(set) var batchKeys: [ColumnVector] = []
    /// Whether the table describes the chunk's current rows.
    private(set) var isCurrent = true

    private static let empty = Int32.min

    init(columns: [Int]) {
        self.columns = columns
    }

    /// Forgets every key; ``isCurrent`` turns false until the table is rebuilt.
    mutating func invalidate() {
        slots = []
        count = 0
        batchKeys = []
        isCurrent = false
    }

    /// A fresh table for a chunk's rows: first the batch rows' key columns (`batchKeys`, may be
    /// empty vectors), then the uncompressed rows. Rows with a NULL key value are left out unless
    /// `nullsNotDistinct`, where they are keys like any other (hashed with ``RowKey/nullKeyHash``).
    static func build(columns: [Int], batchKeys: [ColumnVector], rows: [ColumnVector], nullsNotDistinct: Bool = false) -> ChunkKeyTable {
        var table = ChunkKeyTable(columns: columns)
        table.batchKeys = batchKeys
        let batchCount = columns.first.map { batchKeys.isEmpty ? 0 : batchKeys[$0].count } ?? 0
        let rowCount = columns.first.map { rows[$0].count } ?? 0
        table.reserve(batchCount + rowCount, rows: rows)
        let nullHash = nullsNotDistinct ? RowKey.nullKeyHash : nil
        let batchHashes = batchCount > 0 ? RowKey.hashes(batchKeys, columns, rows: 0..<batchCount, nullHash: nullHash) : []
        for i in 0..<batchCount where nullsNotDistinct || !RowKey.hasNull(batchKeys, columns, row: i) {
            table.insert(reference: -Int32(i) - 1, hash: batchHashes[i], rows: rows)
        }
        let rowHashes = rowCount > 0 ? RowKey.hashes(rows, columns, rows: 0..<rowCount, nullHash: nullHash) : []
        for i in 0..<rowCount where nullsNotDistinct || !RowKey.hasNull(rows, columns, row: i) {
            table.insert(reference: Int32(i), hash: rowHashes[i], rows: rows)
        }
        return table
    }

    /// Whether the key of row `r` of `incoming` (hash `h`) is present; `rows` are the chunk's
    /// uncompressed columns.
    @inline(__always)
    func contains(_ incoming: [ColumnVector], row r: Int, hash h: UInt64, rows: [ColumnVector]) -> Bool {
        guard !slots.isEmpty else { return false }
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let ref = slots[s]
            if ref == Self.empty { return false }
            if ref >= 0 {
                if RowKey.equal(incoming, r, rows, Int(ref), columns: columns) { return true }
            } else if RowKey.equal(incoming, r, batchKeys, Int(-(ref + 1)), columns: columns) {
                return true
            }
            s = (s + 1) & mask
        }
    }

    /// Adds uncompressed row `position` of the chunk (its key must not be present).
    mutating func insert(row position: Int, hash h: UInt64, rows: [ColumnVector]) {
        insert(reference: Int32(truncatingIfNeeded: position), hash: h, rows: rows)
    }

    /// Makes room for `n` keys, so that many inserts do not grow the table one doubling at a time.
    mutating func reserveCapacity(_ n: Int, rows: [ColumnVector]) {
        reserve(n, rows: rows)
    }

    private mutating func insert(reference: Int32, hash h: UInt64, rows: [ColumnVector]) {
        if (count + 1) * 2 > slots.count { reserve(count + 1, rows: rows) }
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while slots[s] != Self.empty { s = (s + 1) & mask }
        slots[s] = reference
        count += 1
    }

    /// Grows the table to hold `n` keys at most half full, re-placing the present ones.
    private mutating func reserve(_ n: Int, rows: [ColumnVector]) {
        var capacity = max(slots.count, 16)
        while capacity < n * 2 { capacity *= 2 }
        guard capacity > slots.count else { return }
        let old = slots
        slots = Array(repeating: Self.empty, count: capacity)
        let mask = capacity - 1
        // The present keys' hashes, a column at a time (their rows are the chunk's, or its batches' keys).
        var rowHashes: [UInt64] = []
        var batchHashes: [UInt64] = []
        if count > 0 {
            let rowCount = columns.first.map { rows.isEmpty ? 0 : rows[$0].count } ?? 0
            rowHashes = rowCount > 0 ? RowKey.hashes(rows, columns, rows: 0..<rowCount) : []
            let batchCount = columns.first.map { batchKeys.isEmpty ? 0 : batchKeys[$0].count } ?? 0
            batchHashes = batchCount > 0 ? RowKey.hashes(batchKeys, columns, rows: 0..<batchCount) : []
        }
        for ref in old where ref != Self.empty {
            let h = ref >= 0 ? rowHashes[Int(ref)] : batchHashes[Int(-(ref + 1))]
            var s = Int(truncatingIfNeeded: h) & mask
            while slots[s] != Self.empty { s = (s + 1) & mask }
            slots[s] = ref
        }
    }
}

/// The keys an insert has accepted so far, per unique index: references to rows of the incoming
/// set, so a second row with the same key in one statement is found without copying keys.
struct IncomingKeyTable {
    let columns: [Int]
    private var slots: [Int32]
    /// The top byte of each occupied slot's hash: a probe compares rows only when it matches, so
    /// a new key (almost every row) is told apart without reading a column.
    private var tags: [UInt8]

    init(columns: [Int], capacity: Int) {
        self.columns = columns
        var n = 16
        while n < capacity * 2 { n *= 2 }
        slots = Array(repeating: Int32.min, count: n)
        tags = Array(repeating: 0, count: n)
    }

    @inline(__always) private static func tag(_ h: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: h >> 56) }

    /// Whether an accepted row has row `r`'s key.
    func contains(_ rows: [ColumnVector], row r: Int, hash h: UInt64) -> Bool {
        let mask = slots.count - 1
        let tag = Self.tag(h)
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let ref = slots[s]
            if ref == Int32.min { return false }
            if tags[s] == tag && RowKey.equal(rows, r, rows, Int(ref), columns: columns) { return true }
            s = (s + 1) & mask
        }
    }

    /// Records row `r` as accepted (its key is not present).
    mutating func insert(row r: Int, hash h: UInt64) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while slots[s] != Int32.min { s = (s + 1) & mask }
        slots[s] = Int32(truncatingIfNeeded: r)
        tags[s] = Self.tag(h)
    }
}
