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
    /// Every relation of the table: heap, TOAST (when PostgreSQL gives the table one), then each
    /// index in definition order.
    /// - Parameters:
    ///   - build: how each index is built (by index name).
    ///   - context: evaluates partial-index predicates (`now()` is the load time).
    public static func predict(rows: RowSet, build: (IndexDefinition) -> IndexBuild,
                               context: EvaluationContext = EvaluationContext()) throws(SizeModelError) -> [RelationSize] {
        let table = rows.table
        var widths = rows.columns.map(ColumnWidths.init)
        var ordering: [Int: ColumnVector] = [:]
        for (c, column) in table.columns.enumerated() where c < widths.count {
            widths[c].store(as: column, column: rows.columns[c])
            if table.indexes.contains(where: { $0.keyColumns.contains(column.name) }),
               let keys = UnmodelledTypeOrdering.column(column, values: rows.columns[c]) { ordering[c] = keys }
        }
        // An index holds its values whole or compressed in line, never as TOAST pointers.
        let indexed = Set(table.indexes.filter { $0.method == .btree }.flatMap { $0.keyColumns + $0.include }.compactMap(table.columnIndex))
        let indexWidths = IndexAttributeWidths.widths(widths, rows: rows, columns: indexed)
        let dropped = droppedAttributeCount(table)
        let toastChunks = externalizeOversizedValues(&widths, rows: rows, droppedAttributes: dropped)

        let lengths = (0..<rows.count).map { HeapTupleLayout.tupleLength(row: $0, columns: widths, droppedAttributes: dropped) }
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
            // Named as `pg_class` shows it, the table's OID unknown offline (``ToastRelationName``):
            // `size`, `plan` and every other report spell it alike.
            out.append(RelationSize(name: ToastRelationName(tableOID: nil, table: table.name).qualifiedName, kind: .toast,
                                    mainBytes: (toastHeap.pages + indexPages) * PageLayout.blockSize,
                                    fsmBytes: FreeSpaceMap.pages(heapPages: toastHeap.pages) * PageLayout.blockSize,
                                    vmBytes: VisibilityMap.pages(heapPages: toastHeap.pages) * PageLayout.blockSize))
        }
        // The row PostgreSQL stops at: during COPY the first row some index present refuses (indexes
        // in definition order), else the first index built after the load that refuses a row.
        var refused: (rank: (Int, Int, Int), violation: IndexRowSizeViolation)?
        for (position, index) in table.indexes.enumerated() {
            switch index.method {
            case .btree:
                let keys = try BTreeKeys(index: index, rows: rows, widths: indexWidths, context: context, heap: heap, ordering: ordering)
                if let v = IndexRowLimit.firstViolation(index: index, keys: keys, build: build(index), widths: indexWidths, table: table, heap: heap) {
                    let rank = build(index) == .incremental ? (0, v.row, position) : (1, position, 0)
                    if refused.map({ rank < $0.rank }) ?? true { refused = (rank, v) }
                }
                // No size once a row is refused: a tuple that fits no page cannot be placed.
                guard refused == nil else { continue }
                let dedup = BTreeDeduplication.applies(to: index, table: table)
                let ff = index.fillfactor ?? 90
                let pages: Int
                switch build(index) {
                case .bulk: pages = BTreeBulkBuild.pages(keys: keys, deduplicate: dedup, fillfactor: ff)
                case .incremental:
                    pages = BTreeIncrementalBuild.pages(keys: keys, heap: heap, deduplicate: dedup,
                                                        deduplicateNullKeys: BTreeDeduplication.appliesToNullKeys(of: index, table: table),
                                                        fillfactor: ff)
                }
                out.append(RelationSize(name: index.name, kind: .btree, mainBytes: pages * PageLayout.blockSize))
            case .brin:
                guard refused == nil else { continue }
                var values: [(width: Int, alignment: Int)] = []
                for name in index.keyColumns {
                    guard let c = table.columnIndex(name) else { throw .unknownColumn(name, table: table.name) }
                    let w = widths[c]
                    let widest = w.isVarlena ? Int(w.width.max() ?? 0) : w.storedLength
                    values.append((widest, w.alignment))
                }
                let keyColumns = index.keyColumns.compactMap { table.columnIndex($0) }
                let pages: Int
                if build(index) == .bulk, keyColumns.contains(where: { widths[$0].isVarlena }) {
                    // Variable-length values: each range's tuple holds its own min and max.
                    pages = BRINIndex.pages(tupleSizes: Self.brinTupleSizes(rows: rows, widths: widths, heap: heap, columns: keyColumns,
                                                                            pagesPerRange: index.pagesPerRange ?? 128))
                } else {
                    pages = BRINIndex.pages(heapPages: heap.pages, pagesPerRange: index.pagesPerRange ?? 128,
                                            valueWidths: values, summarizedPartialRange: build(index) == .bulk)
                }
                // brin_doinsert records extended pages in the FSM, so a BRIN with summaries has an FSM fork.
                let fsm = pages > 2 ? FreeSpaceMap.pages(heapPages: pages) * PageLayout.blockSize : 0
                out.append(RelationSize(name: index.name, kind: .brin, mainBytes: pages * PageLayout.blockSize, fsmBytes: fsm))
            case .hash, .gin, .gist, .spgist:
                throw .unsupportedIndex(index.name, reason: "\(index.method.rawValue) indexes are not modelled")
            }
        }
        if let refused { throw .indexRowTooLarge(refused.violation) }
        return table.unlogged ? withInitForks(out) : out
    }

    /// An UNLOGGED table's relations with their init forks (`heap_create_init_fork`,
    /// `index_build` → `ambuildempty`): the heap's is empty, each B-tree's and BRIN's is its
    /// metapage (`btbuildempty`, `brinbuildempty`), and the TOAST relation's is its index's
    /// metapage. `pg_total_relation_size` counts them (dbsize.c sums every fork).
    static func withInitForks(_ relations: [RelationSize]) -> [RelationSize] {
        relations.map { r in
            var r = r
            r.initBytes = r.kind == .heap ? 0 : PageLayout.blockSize
            return r
        }
    }

    /// The summary tuple of each block range of a bulk-built minmax BRIN over `columns`: the range's
    /// rows (by the heap block each row went to) give each column's min and max (``SQLExpression``'s
    /// comparison: byte order for text, where the server's collation may pick other values of
    /// about the same width) and whether it holds a NULL.
    static func brinTupleSizes(rows: RowSet, widths: [ColumnWidths], heap: HeapRelation, columns: [Int], pagesPerRange: Int) -> [Int] {
        let ranges = (heap.pages + max(1, pagesPerRange) - 1) / max(1, pagesPerRange)
        guard ranges > 0 else { return [] }
        var minRow = [[Int]](repeating: [Int](repeating: -1, count: columns.count), count: ranges)
        var maxRow = minRow
        var hasNull = [Bool](repeating: false, count: ranges)
        for r in 0..<rows.count {
            let range = Int(heap.block[r]) / max(1, pagesPerRange)
            guard range < ranges else { continue }
            for (k, c) in columns.enumerated() {
                if widths[c].isNull(r) { hasNull[range] = true; continue }
                let v = rows.columns[c].value(at: r)
                if minRow[range][k] < 0 || (SQLExpression.compare(v, rows.columns[c].value(at: minRow[range][k])) ?? 0) < 0 { minRow[range][k] = r }
                if maxRow[range][k] < 0 || (SQLExpression.compare(v, rows.columns[c].value(at: maxRow[range][k])) ?? 0) > 0 { maxRow[range][k] = r }
            }
        }
        return (0..<ranges).map { range in
            let values = columns.enumerated().map { k, c -> (min: (width: Int, short: Bool), max: (width: Int, short: Bool), alignment: Int)? in
                let lo = minRow[range][k], hi = maxRow[range][k]
                guard lo >= 0, hi >= 0 else { return nil }
                let w = widths[c]
                func part(_ row: Int) -> (width: Int, short: Bool) {
                    w.isVarlena ? (Int(w.width[row]), w.isShort[row]) : (w.storedLength, false)
                }
                return (part(lo), part(hi), w.alignment)
            }
            return BRINIndex.tupleSize(values: values, anyNull: hasNull[range])
        }
    }

    /// Why the model cannot size `index` (its access method, or a key that is an expression), or
    /// nil when it can.
    public static func unmodelledReason(_ index: IndexDefinition) -> String? {
        switch index.method {
        case .hash, .gin, .gist, .spgist: return "\(index.method.rawValue) indexes are not modelled"
        case .btree, .brin: break
        }
        if index.keys.contains(where: { $0.column == nil }) { return "expression keys are not modelled" }
        // BRIN summaries other than minmax store their own serialized forms (brin_minmax_multi.c,
        // brin_bloom.c, brin_inclusion.c), not a min and a max.
        if index.method == .brin, let opclass = index.keys.compactMap(\.operatorClass).first(where: {
            let o = $0.lowercased()
            return o.contains("minmax_multi") || o.contains("bloom") || o.contains("inclusion")
        }) {
            return "BRIN operator class \(opclass) is not modelled; only minmax summaries are"
        }
        return nil
    }

    /// The dropped attributes (``DroppedAttribute``) the loaded table's tuples carry as NULLs. A
    /// hypertable's rows go to chunks TimescaleDB creates after the schema, which inherit only the
    /// live columns (`ts_chunk_create_table` builds them from the parent's columns), so none there.
    static func droppedAttributeCount(_ table: TableDefinition) -> Int {
        table.hypertable == nil ? table.droppedAttributes.count : 0
    }

    /// Whether PostgreSQL gives the table a TOAST table (``ToastTableRule``).
    public static func hasToastTable(_ table: TableDefinition) -> Bool {
        ToastTableRule.needsToastTable(table)
    }

    /// The bytes pglz sees for a value of `column` carried as text: a jsonb document's or an array's
    /// binary form (without its header), otherwise ``storedText(_:column:)``.
    static func storedBytes(_ text: String, column: ColumnDefinition) -> [UInt8] {
        if column.type == .jsonb { return JsonbBinary.encode(canonical: text) }
        if let name = column.catalogType, name.hasPrefix("_"), let b = ArrayStorage.binary(text, catalogType: name) { return Array(b.dropFirst(4)) }
        if let name = column.catalogType, let b = RangeStorage.binary(text, catalogType: name) { return Array(b.dropFirst(4)) }
        return storedText(text, column: column)
    }

    /// The bytes PostgreSQL stores for a text value of `column`: `character(n)` values blank-padded
    /// to n characters, others as they are.
    static func storedText(_ text: String, column: ColumnDefinition) -> [UInt8] {
        var bytes = Array(text.utf8)
        if let n = column.blankPaddedLength {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: ColumnWidths.blankPadding(text, to: n)))
        }
        return bytes
    }

    /// `heap_toast_insert_or_update` for rows over `TOAST_TUPLE_THRESHOLD` (heaptoast.c), shrinking
    /// the tuple's data to the table's target (`toast_tuple_target`, `TOAST_TUPLE_TARGET` by default)
    /// in its four rounds, each taking the widest candidate first (`toast_tuple_find_biggest_attribute`):
    /// 1. EXTENDED values are pglz-compressed inline — kept when that saves more than 2 bytes — and
    ///    an EXTENDED or EXTERNAL value still wider than the target goes out of line at once;
    /// 2. EXTENDED and EXTERNAL values still inline go out of line;
    /// 3. MAIN values are compressed inline;
    /// 4. MAIN values go out of line, now only past `TOAST_TUPLE_TARGET_MAIN` (8,160 B).
    /// PLAIN values are never touched. Each column's storage is its `SET STORAGE` or its type's
    /// (text, varchar, json, jsonb: EXTENDED; other types are not toasted here). Returns the chunk
    /// sizes written to the TOAST table in insertion order. Values are compressed as the bytes
    /// PostgreSQL stores (``storedBytes(_:column:)``: jsonb in its binary form).
    static func externalizeOversizedValues(_ widths: inout [ColumnWidths], rows: RowSet, droppedAttributes: Int = 0) -> [Int] {
        let table = rows.table
        let storage: [ColumnStorage?] = widths.indices.map { c in
            guard widths[c].isVarlena else { return nil }
            if c < table.columns.count, let set = table.columns[c].storage { return set }
            switch widths[c].type { case .text, .varchar, .json, .jsonb: return .extended; default: return nil }
        }
        let toastable = widths.indices.filter { storage[$0] != nil && storage[$0] != .plain }
        guard !toastable.isEmpty else { return [] }
        let hasToastTable = hasToastTable(table)
        var chunks: [Int] = []
        // The smallest value worth toasting: MAXALIGN(TOAST_POINTER_SIZE).
        let minimum = PageLayout.maxAligned(Toast.pointerSize)
        for r in 0..<rows.count {
            var (data, hasNull) = HeapTupleLayout.dataSize(row: r, columns: widths)
            let hoff = HeapTupleLayout.headerLength(columnCount: widths.count + droppedAttributes, hasNull: hasNull || droppedAttributes > 0)
            guard hoff + data > Toast.tupleThreshold else { continue }
            var maxData = (table.toastTupleTarget ?? Toast.tupleTarget) - hoff
            // In-memory size (4-byte header) of each candidate; compressed payload bytes when compressed.
            var size: [Int: Int] = [:]
            var compressed: [Int: Int] = [:]
            var incompressible = Set<Int>()
            var external = Set<Int>()
            for c in toastable where !widths[c].isNull(r) {
                let stored = Int(widths[c].width[r])
                size[c] = widths[c].isShort[r] ? stored + 3 : stored
            }
            func externalize(_ c: Int) {
                let payload = compressed[c].map { 4 + $0 } ?? ((size[c] ?? 4) - 4)
                chunks += Toast.chunks(bytes: payload)
                widths[c].width[r] = Int32(Toast.pointerSize)
                widths[c].isShort[r] = true
                external.insert(c)
            }
            func tryCompression(_ c: Int) {
                if case .string(let strings) = rows.columns[c].storage, let raw = Optional(Self.storedBytes(strings[r], column: table.columns[c])),
                   let z = Toast.compressedDatumSize(payload: raw) {
                    compressed[c] = z - Toast.compressedHeaderSize
                    size[c] = z
                    widths[c].width[r] = Int32(z)
                    widths[c].isShort[r] = false
                } else {
                    incompressible.insert(c)
                }
            }
            func biggest(forCompression: Bool, main: Bool) -> Int? {
                toastable.filter { c in
                    guard let s = size[c], s > minimum, !external.contains(c) else { return false }
                    if forCompression && (compressed[c] != nil || incompressible.contains(c)) { return false }
                    return main ? storage[c] == .main : (storage[c] == .extended || storage[c] == .external)
                }.max { (size[$0] ?? 0) < (size[$1] ?? 0) }
            }
            func shrink() { (data, hasNull) = HeapTupleLayout.dataSize(row: r, columns: widths) }
            while data > maxData, let c = biggest(forCompression: true, main: false) {
                if storage[c] == .extended { tryCompression(c) } else { incompressible.insert(c) }
                if (size[c] ?? 0) > maxData && hasToastTable { externalize(c) }
                shrink()
            }
            while data > maxData, hasToastTable, let c = biggest(forCompression: false, main: false) {
                externalize(c)
                shrink()
            }
            while data > maxData, let c = biggest(forCompression: true, main: true) {
                tryCompression(c)
                shrink()
            }
            maxData = Toast.tupleTargetMain - hoff
            while data > maxData, hasToastTable, let c = biggest(forCompression: false, main: true) {
                externalize(c)
                shrink()
            }
        }
        return chunks
    }
}
