import Schema
import Storage

/// `relation_size()` of one uncompressed chunk after COPY and `VACUUM (ANALYZE)`: its heap
/// (main + FSM + VM), a copy of every hypertable index, and its (empty) TOAST relation.
struct UncompressedChunkModel: Sendable {
    static let pageSize = 8192
    var sizes = TimescaleDBRelationSizes()

    init(rows: RowSet, chunkRows: [Int], indexes: [IndexDefinition], ordering: RowOrdering) {
        let table = rows.table
        var heap = HeapPageFill(fillfactor: table.fillfactor ?? 100)
        for r in chunkRows { heap.insert(tupleLength: Self.heapTupleSize(rows, r)) }
        // VACUUM records every page's free space (creating the 3-page FSM) and sets the VM.
        let fsm = heap.pageCount > 0 ? 2 + max(1, (heap.pageCount + 4068) / 4069) : 0
        let vm = heap.pageCount > 0 ? 1 + heap.pageCount / 32672 : 0
        sizes.table = (heap.pageCount + fsm + vm) * Self.pageSize
        sizes.index = indexes.reduce(0) { $0 + Self.indexPages($1, rows: rows, chunkRows: chunkRows, ordering: ordering) } * Self.pageSize
        // A table with varlena columns has a TOAST relation: empty heap, one-page (metapage) index.
        sizes.toast = table.columns.contains { $0.type.isVarlena } ? Self.pageSize : 0
    }

    /// Heap tuple: 23-byte header (+ NULL bitmap) MAXALIGNed, then attributes aligned, varlenas
    /// under 127 bytes with a 1-byte header (heap_compute_data_size).
    static func heapTupleSize(_ rows: RowSet, _ r: Int) -> Int {
        let hasNull = rows.columns.contains { $0.isNull(at: r) }
        var off = 0
        for c in rows.columns where !c.isNull(at: r) {
            if c.type.typlen > 0 {
                off = ToastedTuple.align(off, c.type.typalign) + c.type.typlen
            } else {
                let d = DatumSerialization.serialize(c, at: r)
                off = ToastedTuple.align(off, d.alignment) + d.bytes.count
            }
        }
        return ToastedTuple.maxAlign(23 + (hasNull ? (rows.columns.count + 7) / 8 : 0)) + off
    }

    static func keyWidth(_ c: ColumnVector, _ r: Int, offset: Int) -> Int {
        if c.isNull(at: r) { return offset }
        if c.type.typlen > 0 { return ToastedTuple.align(offset, c.type.typalign) + c.type.typlen }
        let d = DatumSerialization.serialize(c, at: r)
        return ToastedTuple.align(offset, d.alignment) + d.bytes.count
    }

    /// Pages of one btree index on this chunk, simulated insert by insert in load order.
    static func indexPages(_ index: IndexDefinition, rows: RowSet, chunkRows: [Int], ordering: RowOrdering) -> Int {
        guard !chunkRows.isEmpty else { return 1 }
        let keyColumns = index.keys.compactMap { k in k.column.flatMap { rows.table.columnIndex($0) }.map { ($0, k) } }
        let includeColumns = index.include.compactMap { rows.table.columnIndex($0) }
        // Tuple width from the first row (fixed-width keys dominate; varlena keys assumed alike).
        let r0 = chunkRows[0]
        var off = 0
        for (c, _) in keyColumns { off = keyWidth(rows.columns[c], r0, offset: off) }
        for c in includeColumns { off = keyWidth(rows.columns[c], r0, offset: off) }
        let tupleSize = ToastedTuple.maxAlign(8 + off)
        // Rank every row by (key, heap TID) and give equal keys one group id.
        let keys = keyColumns.map { (column: $0.0, descending: $0.1.descending, nullsFirst: $0.1.effectiveNullsFirst) }
        let (order, group) = ordering.sorted(rows: chunkRows, keys: keys)
        var rank = [Int](repeating: 0, count: chunkRows.count)
        for (pos, i) in order.enumerated() { rank[i] = pos }
        var sim = LeafInsertionSimulation(tupleSize: tupleSize, deduplicate: !index.unique && includeColumns.isEmpty)
        for i in chunkRows.indices { sim.insert(rank: rank[i], group: group[i]) }
        let leaves = sim.leafCount
        return 1 + leaves + (leaves > 1 ? BTreeSize.internalPages(leaves: leaves, pivotSize: tupleSize) : 0)
    }
}
