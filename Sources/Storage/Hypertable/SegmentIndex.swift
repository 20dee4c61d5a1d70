import Schema

/// Per chunk, where each segment's rows are: for every key of the hypertable's segment columns
/// (the compression `segmentby` columns, or the block-indexed columns before compression is
/// enabled), the positions of its uncompressed rows, its batches, and its newest row and batch.
///
/// TimescaleDB reaches one segment through the compressed chunk's index on the segmentby columns
/// and an uncompressed chunk through a B-tree such as migration 009's (ticker_id, interval,
/// timestamp); this dictionary plays both roles, so a scan for one series never tests other
/// series' rows and the latest row of a series is one lookup per chunk.
struct SegmentIndex: Sendable {
    struct Entry: Sendable {
        /// Uncompressed row positions, in storage order.
        var rows: [Int] = []
        /// Whether `rows` are in non-decreasing time order (true in the usual append-in-time workload),
        /// so a time window is two binary searches.
        var rowsTimeSorted = true
        /// The uncompressed row with the greatest time (the first one on ties).
        var newestRow: Int?
        /// Batch positions, in compression order.
        var batches: [Int] = []
        /// The batch whose time maximum is the greatest.
        var newestBatch: Int?
    }

    /// Table column positions of the key; empty disables the index.
    let columns: [Int]
    let timeColumn: Int
    private(set) var entries: [[Value]: Entry] = [:]

    init(columns: [Int], timeColumn: Int) {
        self.columns = columns
        self.timeColumn = timeColumn
    }

    subscript(key: [Value]) -> Entry? { entries[key] }

    /// The time column's stored integers (µs for timestamps, the raw value for integer columns).
    static func rawTimes(_ column: ColumnVector) -> [Int64]? {
        switch column.storage {
        case .time(let a), .int64(let a): return a
        default: return nil
        }
    }

    /// The stored integer of a time-column value (days for a date, as `rawTimes` reads them).
    static func rawTime(_ value: Value) -> Int64? {
        switch value {
        case .timestamp(let v), .int(let v), .date(let v): return v
        default: return nil
        }
    }

    /// Indexes rows appended at positions `old..<rows.count`. The new rows are first grouped by key
    /// with a typed hash (``RowKey``), so the dictionary keyed by `[Value]` is touched once per
    /// segment, not once per row.
    mutating func addRows(_ rows: RowSet, from old: Int) {
        guard !columns.isEmpty, let times = Self.rawTimes(rows.columns[timeColumn]), old < rows.count else { return }
        let vectors = rows.columns
        let rowHashes = RowKey.hashes(vectors, columns, rows: old..<rows.count, nullHash: 0x5555)
        // Rows are grouped by hash alone; each group's key is then checked column by column.
        // Should two keys ever share a hash, the rows are grouped again comparing every row.
        var groups = Self.groups(rowHashes, from: old) { _, _ in true }
        let verified = groups.allSatisfy { group in
            columns.allSatisfy { RowKey.allEqual(vectors[$0], rows: group.rows, to: group.first) }
        }
        if !verified { groups = Self.groups(rowHashes, from: old) { Self.sameKey(vectors, $0, $1, columns) } }
        for group in groups {
            let key = columns.map { vectors[$0].value(at: group.first) }
            var entry = entries.removeValue(forKey: key) ?? Entry()
            for i in group.rows {
                if let last = entry.rows.last, times[last] > times[i] { entry.rowsTimeSorted = false }
                if entry.newestRow.map({ times[$0] < times[i] }) ?? true { entry.newestRow = i }
                entry.rows.append(i)
            }
            entries[key] = entry
        }
    }

    /// Rows `first..<first + hashes.count` grouped by hash (and `same`, given the first row of a
    /// group and a candidate), groups in order of their first row. Each row's group is found in a
    /// first pass that counts the groups' rows, so every group's list is allocated once at its size.
    private static func groups(_ hashes: [UInt64], from first: Int, same: (Int, Int) -> Bool) -> [(first: Int, rows: [Int])] {
        // Groups found so far, in an open-addressing table of group numbers keyed by the hash
        // (a power of two of slots, at most half full; -1 is empty).
        var slots = [Int](repeating: -1, count: 64)
        var groupHashes: [UInt64] = []
        var firsts: [Int] = []
        var counts: [Int] = []
        let groupOfRow = [Int](unsafeUninitializedCapacity: hashes.count) { groupOfRow, initialized in
            for (k, h) in hashes.enumerated() {
                let i = first + k
                var mask = slots.count - 1
                var s = Int(truncatingIfNeeded: h) & mask
                var group = -1
                while slots[s] >= 0 {
                    let g = slots[s]
                    if groupHashes[g] == h && same(firsts[g], i) { group = g; break }
                    s = (s + 1) & mask
                }
                if group < 0 {
                    group = firsts.count
                    slots[s] = group
                    groupHashes.append(h)
                    firsts.append(i)
                    counts.append(0)
                    if firsts.count * 2 > slots.count {
                        slots = [Int](repeating: -1, count: slots.count * 2)
                        mask = slots.count - 1
                        for (g, gh) in groupHashes.enumerated() {
                            var t = Int(truncatingIfNeeded: gh) & mask
                            while slots[t] >= 0 { t = (t + 1) & mask }
                            slots[t] = g
                        }
                    }
                }
                counts[group] += 1
                groupOfRow.initializeElement(at: k, to: group)
                initialized = k + 1
            }
        }
        var groups: [(first: Int, rows: [Int])] = firsts.indices.map { g in
            var rows: [Int] = []
            rows.reserveCapacity(counts[g])
            return (firsts[g], rows)
        }
        for (k, g) in groupOfRow.enumerated() { groups[g].rows.append(first + k) }
        return groups
    }

    /// Drops the unused capacity of the row lists.
    mutating func compact() {
        for key in Array(entries.keys) {
            if let rows = entries[key]?.rows, rows.capacity > rows.count {
                entries[key]?.rows = rows.withUnsafeBufferPointer { Array($0) }
            }
        }
    }

    /// Whether rows x and y hold the same segment key (NULL equal to NULL, as `[Value]` keys compare).
    private static func sameKey(_ vectors: [ColumnVector], _ x: Int, _ y: Int, _ columns: [Int]) -> Bool {
        for c in columns {
            let nx = vectors[c].isNull(at: x), ny = vectors[c].isNull(at: y)
            if nx != ny { return false }
            if !nx && !RowKey.equal(vectors[c], x, vectors[c], y) { return false }
        }
        return true
    }

    /// Re-indexes every uncompressed row (after rows were replaced).
    mutating func rebuildRows(_ rows: RowSet) {
        for key in Array(entries.keys) {
            entries[key]?.rows = []
            entries[key]?.rowsTimeSorted = true
            entries[key]?.newestRow = nil
            if entries[key]?.batches.isEmpty == true { entries[key] = nil }
        }
        addRows(rows, from: 0)
    }

    /// Re-indexes the batches. `keyPositions[k]` is the position in `segmentValues` of key column
    /// `k`; nil when the batches cannot be keyed (the segment columns are not all segmentby columns),
    /// in which case the index covers no batch and scans fall back to testing batches one by one.
    mutating func rebuildBatches(_ batches: [CompressedBatch], keyPositions: [Int]?, timeSummary: Int?) {
        for key in Array(entries.keys) {
            entries[key]?.batches = []
            entries[key]?.newestBatch = nil
            if entries[key]?.rows.isEmpty == true { entries[key] = nil }
        }
        guard let keyPositions, !columns.isEmpty else { return }
        for (b, batch) in batches.enumerated() {
            let key = keyPositions.map { batch.segmentValues[$0] }
            var entry = entries[key] ?? Entry()
            if let t = timeSummary, let hi = Self.rawTime(batch.orderSummaries[t].max) {
                let best = entry.newestBatch.flatMap { Self.rawTime(batches[$0].orderSummaries[t].max) }
                if best.map({ $0 < hi }) ?? true { entry.newestBatch = b }
            }
            entry.batches.append(b)
            entries[key] = entry
        }
    }
}
