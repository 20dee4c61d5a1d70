import Schema
import Storage

/// The rows PostgreSQL refuses to index because their index tuple is too large: over
/// `INDEX_SIZE_MASK` (8191 bytes, `index_form_tuple`, every index) or, in a B-tree, over
/// `BTMaxItemSize` (2704 bytes, `_bt_check_third_page`). Both sizes are the MAXALIGNed tuple,
/// values compressed as ``IndexAttributeWidths`` compresses them.
enum IndexRowLimit {
    /// The entry of `keys` whose tuple PostgreSQL refuses first, or nil. Inserted during COPY,
    /// that is the first in load order. Built after the load, a tuple over 8191 bytes is refused
    /// as the heap is scanned (load order), else one over 2704 as the sorted tuples are written
    /// to the leaves (`_bt_buildadd`): the first in key order.
    /// - Parameter widths: the index's attribute widths (``IndexAttributeWidths``), in table column order.
    static func firstViolation(index: IndexDefinition, keys: BTreeKeys, build: IndexBuild, widths: [ColumnWidths],
                               table: TableDefinition, heap: HeapRelation) -> IndexRowSizeViolation? {
        let overIndexLimit = keys.leafSize.firstIndex { Int($0) > IndexRowSizeViolation.maximumIndexRowSize }
        let overBTreeLimit = keys.leafSize.indices.filter { Int(keys.leafSize[$0]) > IndexRowSizeViolation.maximumBTreeItemSize }
        let firstInKeyOrder = build == .bulk ? overBTreeLimit.min { keys.compare($0, $1) < 0 } : overBTreeLimit.first
        guard let e = overIndexLimit ?? firstInKeyOrder else { return nil }
        let size = Int(keys.leafSize[e])
        let row = Int(keys.rows[e])
        let columns = (index.keyColumns + index.include).compactMap { table.columnIndex($0) }
        let widest = columns.max { Int(widths[$0].width[row]) < Int(widths[$1].width[row]) } ?? 0
        return IndexRowSizeViolation(index: index.name, table: table.name, size: size,
                                     btree: size <= IndexRowSizeViolation.maximumIndexRowSize,
                                     heapBlock: Int(heap.block[row]), heapOffset: Int(heap.offset[row]),
                                     row: row, column: table.columns[widest].name)
    }
}
