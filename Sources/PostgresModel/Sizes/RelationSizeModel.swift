import Schema
import Storage

/// Predicts PostgreSQL 15 relation sizes for a table loaded with given rows by COPY in file order
/// and then vacuumed (`VACUUM (ANALYZE)` creates the FSM and VM forks).
///
/// ```swift
/// let sizes = try RelationSizeModel.predict(rows: rowSet, build: { _ in .bulk })
/// let total = sizes.reduce(0) { $0 + $1.totalBytes }
/// ```
public enum RelationSizeModel {
    /// Every relation of the table: heap, TOAST (when the table has a TOAST-able column), then each
    /// index in definition order.
    /// - Parameters:
    ///   - build: how each index is built (by index name).
    ///   - context: evaluates partial-index predicates (`now()` is the load time).
    public static func predict(rows: RowSet, build: (IndexDefinition) -> IndexBuild,
                               context: EvaluationContext = EvaluationContext()) throws(SizeModelError) -> [RelationSize] {
        let table = rows.table
        var widths = rows.columns.map(ColumnWidths.init)
        let toastChunks = externalizeOversizedValues(&widths, table: table)

        let lengths = (0..<rows.count).map { HeapTupleLayout.tupleLength(row: $0, columns: widths) }
        let heap = HeapRelation(tupleLengths: lengths, fillfactor: table.fillfactor ?? 100)
        var out = [RelationSize(name: table.name, kind: .heap, mainBytes: heap.mainBytes,
                                fsmBytes: FreeSpaceMap.pages(heapPages: heap.pages) * PageLayout.blockSize,
                                vmBytes: VisibilityMap.pages(heapPages: heap.pages) * PageLayout.blockSize)]
        if hasToastTable(table) {
            let toastHeap = HeapRelation(tupleLengths: toastChunks.map(Toast.chunkTupleLength))
            // The (chunk_id, chunk_seq) index grows by appends: right-most splits leave pages 90 % full;
            // an empty one is its metapage.
            let entries = toastChunks.count
            let leafBytes = Double(entries * (16 + PageLayout.linePointer))
            let leaves = entries == 0 ? 0 : Int((leafBytes / (Double(PageLayout.btreeUsable) * 0.9)).rounded(.up))
            let indexPages = 1 + leaves + (leaves > 1 ? 1 : 0)
            out.append(RelationSize(name: "pg_toast_\(table.name)", kind: .toast,
                                    mainBytes: (toastHeap.pages + indexPages) * PageLayout.blockSize,
                                    fsmBytes: FreeSpaceMap.pages(heapPages: toastHeap.pages) * PageLayout.blockSize,
                                    vmBytes: VisibilityMap.pages(heapPages: toastHeap.pages) * PageLayout.blockSize))
        }
        for index in table.indexes {
            switch index.method {
            case .btree:
                let keys = try BTreeKeys(index: index, rows: rows, widths: widths, context: context)
                let dedup = BTreeDeduplication.applies(to: index, table: table)
                let ff = index.fillfactor ?? 90
                let pages: Int
                switch build(index) {
                case .bulk: pages = BTreeBulkBuild.pages(keys: keys, deduplicate: dedup, fillfactor: ff)
                case .incremental: pages = BTreeIncrementalBuild.pages(keys: keys, heap: heap, deduplicate: dedup, fillfactor: ff)
                }
                out.append(RelationSize(name: index.name, kind: .btree, mainBytes: pages * PageLayout.blockSize))
            case .brin:
                var values: [(width: Int, alignment: Int)] = []
                for name in index.keyColumns {
                    guard let c = table.columnIndex(name) else { throw .unknownColumn(name, table: table.name) }
                    let w = widths[c]
                    let widest = w.type.isVarlena ? Int(w.width.max() ?? 0) : w.type.typlen
                    values.append((widest, w.type.typalign))
                }
                let pages = BRINIndex.pages(heapPages: heap.pages, pagesPerRange: index.pagesPerRange ?? 128,
                                            valueWidths: values, summarizedPartialRange: build(index) == .bulk)
                // brin_doinsert records extended pages in the FSM, so a BRIN with summaries has an FSM fork.
                let fsm = pages > 2 ? FreeSpaceMap.pages(heapPages: pages) * PageLayout.blockSize : 0
                out.append(RelationSize(name: index.name, kind: .brin, mainBytes: pages * PageLayout.blockSize, fsmBytes: fsm))
            case .hash, .gin, .gist:
                throw .unsupportedIndex(index.name, reason: "\(index.method.rawValue) indexes are not modelled")
            }
        }
        return out
    }

    /// Whether PostgreSQL gives the table a TOAST table: some column is a varlena that can be
    /// stored out of line (`needs_toast_table`; numeric counts, its storage is MAIN).
    public static func hasToastTable(_ table: TableDefinition) -> Bool {
        table.columns.contains { $0.type.isVarlena }
    }

    /// Moves the widest EXTENDED values (text, varchar, jsonb) of rows over the threshold out of line
    /// (`heap_toast_insert_or_update`), widest first, until the tuple fits; returns the chunk sizes
    /// written to the TOAST table in insertion order.
    static func externalizeOversizedValues(_ widths: inout [ColumnWidths], table: TableDefinition) -> [Int] {
        let extended = widths.indices.filter { c in
            switch widths[c].type { case .text, .varchar, .jsonb: return true; default: return false }
        }
        guard !extended.isEmpty, let rowCount = widths.first?.width.count else { return [] }
        var chunks: [Int] = []
        for r in 0..<rowCount {
            var len = HeapTupleLayout.tupleLength(row: r, columns: widths)
            guard len > Toast.tupleThreshold else { continue }
            while len > Toast.tupleThreshold {
                guard let c = extended.filter({ Int(widths[$0].width[r]) > Toast.pointerSize })
                    .max(by: { widths[$0].width[r] < widths[$1].width[r] }) else { break }
                let stored = Int(widths[c].width[r])
                let dataBytes = stored - (widths[c].isShort[r] ? 1 : 4)
                chunks += Toast.chunks(bytes: dataBytes)
                widths[c].width[r] = Int32(Toast.pointerSize)
                widths[c].isShort[r] = true
                len = HeapTupleLayout.tupleLength(row: r, columns: widths)
            }
        }
        return chunks
    }
}
