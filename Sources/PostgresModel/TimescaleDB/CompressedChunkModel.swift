import Schema
import Storage

/// Sizes of one compressed chunk relation as `relation_size()` reports them right after
/// `compress_chunk` (the `after_*` figures of `chunk_compression_stats`).
public struct TimescaleDBRelationSizes: Sendable, Hashable, Codable {
    /// Heap: main fork + FSM + VM (TimescaleDB's relation_size heap = total − index − toast).
    public var table: Int
    public var index: Int
    /// TOAST heap (main + FSM + VM) and its index.
    public var toast: Int
    public var total: Int { table + index + toast }

    public init(table: Int = 0, index: Int = 0, toast: Int = 0) {
        self.table = table
        self.index = index
        self.toast = toast
    }

    public static func + (a: Self, b: Self) -> Self {
        TimescaleDBRelationSizes(table: a.table + b.table, index: a.index + b.index, toast: a.toast + b.toast)
    }
}

/// Predicted compressed bytes of one source column, summed over batches.
public struct ColumnCompressionBreakdown: Sendable, Hashable, Codable {
    public var column: String
    /// Datum bytes as TimescaleDB builds them (before PostgreSQL's TOAST compression).
    public var compressedBytes: Int
    /// Bytes after TOAST: pglz-compressed size where it applied, else the datum size.
    public var storedBytes: Int
    /// Batches per algorithm actually used (e.g. a DICTIONARY column may fall back to ARRAY).
    public var algorithms: [String: Int]
}

/// The compressed form of one chunk: batches, per-column datums, and the relation sizes that
/// PostgreSQL ends up with after toasting and inserting them.
struct CompressedChunkModel: Sendable {
    static let pageSize = 8192
    /// `timescaledb.debug_toast_tuple_target` default applied to compressed chunks.
    static let compressedToastTupleTarget = 128
    /// TOAST_MAX_CHUNK_SIZE for 8 kB pages (heaptoast.h).
    static let toastMaxChunkSize = 1996

    var batches = 0
    var sizes = TimescaleDBRelationSizes()
    var columns: [String: ColumnCompressionBreakdown] = [:]

    /// `widthFactor` > 1 stands for a chunk `widthFactor` times as wide (more segments of the same
    /// kind): the batches are encoded once and inserted that many times over (whole cycles, then
    /// a prefix), so page filling, TOAST chunking and the FSM behave as at full width.
    init(rows: RowSet, chunkRows: [Int], settings: CompressionSettings, version: TimescaleDBVersion, ordering: RowOrdering,
         indexes: [IndexDefinition], widthFactor: Double = 1) {
        let table = rows.table
        let segIdx = settings.segmentBy.compactMap { table.columnIndex($0) }
        let ordIdx = settings.orderBy.compactMap { o in table.columnIndex(o.column).map { ($0, o) } }

        // Sort by segmentby (ASC NULLS LAST), then orderby; ties keep heap order.
        let segmentKeys = segIdx.map { (column: $0, descending: false, nullsFirst: false) }
        let orderKeys = ordIdx.map { (column: $0.0, descending: $0.1.descending, nullsFirst: $0.1.nullsFirst) }
        let sortedPositions = ordering.sorted(rows: chunkRows, keys: segmentKeys + orderKeys).order
        let sorted = sortedPositions.map { chunkRows[$0] }
        let segmentGroup = ordering.sorted(rows: chunkRows, keys: segmentKeys).group
        var segmentOfRow: [Int: Int] = [:]
        for (p, r) in chunkRows.enumerated() { segmentOfRow[r] = segmentGroup[p] }

        // Batches: a new one when a segmentby value changes or the batch is full.
        var groups: [[Int]] = []
        var current: [Int] = []
        for r in sorted {
            if let first = current.first {
                let sameSegment = segmentOfRow[first] == segmentOfRow[r]
                if !sameSegment || current.count >= settings.batchSizeLimit {
                    groups.append(current)
                    current = []
                }
            }
            current.append(r)
        }
        if !current.isEmpty { groups.append(current) }
        let factor = max(1, widthFactor.isFinite ? widthFactor : 1)
        let totalGroups = Int((Double(groups.count) * factor).rounded())
        batches = totalGroups

        let layout = CompressedChunkLayout(table: table, settings: settings, version: version, indexes: indexes)
        var heap = HeapPageFill()
        var toastHeap = HeapPageFill()
        var toastChunks = 0
        var breakdown: [String: ColumnCompressionBreakdown] = [:]

        var packed: [(tupleSize: Int, externals: [Int])] = []
        for g in groups {
            var attributes: [ToastedTuple.Attribute] = layout.fixedAttributes(rows: rows, batch: g)
            var columnOfAttribute: [Int: (name: String, encoded: EncodedColumnBatch)] = [:]
            for c in layout.compressedColumns {
                let encoded = ColumnBatchEncoding.encode(rows.columns[c.index], rows: g, version: version,
                                                         definition: table.columns[c.index])
                columnOfAttribute[attributes.count] = (c.name, encoded)
                attributes.append(.varlena(c.storage, bytes: encoded.bytes, size: encoded.size, alignment: 8))
            }
            attributes.append(contentsOf: layout.bloomAttributes(rows: rows, batch: g))
            let toasted = ToastedTuple(attributes: attributes, target: Self.compressedToastTupleTarget)
            var stored: [Int: Int] = [:]
            for e in toasted.externals { stored[e.attribute] = e.storedBytes + 4 }
            packed.append((toasted.tupleSize, toasted.externals.map(\.storedBytes)))
            for (attr, col) in columnOfAttribute {
                var b = breakdown[col.name] ?? ColumnCompressionBreakdown(column: col.name, compressedBytes: 0, storedBytes: 0, algorithms: [:])
                b.compressedBytes += col.encoded.size
                b.storedBytes += stored[attr] ?? col.encoded.size
                b.algorithms[col.encoded.algorithm.rawValue, default: 0] += 1
                breakdown[col.name] = b
            }
        }
        if factor != 1 {
            for (k, v) in breakdown {
                var b = v
                b.compressedBytes = Int((Double(b.compressedBytes) * factor).rounded())
                b.storedBytes = Int((Double(b.storedBytes) * factor).rounded())
                b.algorithms = b.algorithms.mapValues { Int((Double($0) * factor).rounded()) }
                breakdown[k] = b
            }
        }
        columns = breakdown
        for i in 0..<totalGroups where !packed.isEmpty {
            let item = packed[i % packed.count]
            for storedBytes in item.externals {
                var remaining = storedBytes
                while remaining > 0 {
                    let chunk = min(remaining, Self.toastMaxChunkSize)
                    // chunk_id oid, chunk_seq int4, chunk_data bytea with a 4-byte header (PLAIN).
                    toastHeap.insert(tupleLength: 24 + 4 + 4 + 4 + chunk)
                    toastChunks += 1
                    remaining -= chunk
                }
            }
            heap.insert(tupleLength: item.tupleSize)
        }

        // HEAP_INSERT_FROZEN into the new compressed chunk sets pages all-visible, creating the
        // visibility map fork (heapam.c; TimescaleDB api.c passes it for new compressed chunks).
        let vmPages = { (pages: Int) in pages > 0 ? 1 + pages / 32672 : 0 }
        sizes.table = (heap.pageCount + heap.fsmPages + vmPages(heap.pageCount)) * Self.pageSize
        sizes.index = BTreeSize.incrementalPages(entries: totalGroups, tupleSize: layout.indexTupleSize) * Self.pageSize
        let toastIndex = BTreeSize.incrementalPages(entries: toastChunks, tupleSize: 16) * Self.pageSize
        sizes.toast = (toastHeap.pageCount + toastHeap.fsmPages + vmPages(toastHeap.pageCount)) * Self.pageSize + toastIndex
    }
}
