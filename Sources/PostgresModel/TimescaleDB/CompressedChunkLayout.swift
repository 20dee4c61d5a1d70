import Foundation
import Schema
import Storage

/// The columns of a compressed chunk (`tsl/src/compression/create.c`) and how each is stored.
///
/// In order: `_ts_meta_count int4`; the segmentby columns in their own type; per orderby column
/// `_ts_meta_min_N`/`_ts_meta_max_N` (storage PLAIN) and, from 2.28, `_ts_meta_v2_first_<col>` /
/// `_ts_meta_v2_last_<col>`; up to 2.16 `_ts_meta_sequence_num int4`; then per other column its
/// `compressed_data` (storage by default algorithm) preceded by any sparse index; composite
/// blooms last. The compressed chunk's index is a btree on (segmentby…, two metadata columns per
/// orderby column) — first/last from 2.28, min/max before, `_ts_meta_sequence_num` up to 2.16.
struct CompressedChunkLayout: Sendable {
    struct CompressedColumn: Sendable {
        var name: String
        var index: Int
        var storage: ToastedTuple.Storage
    }

    struct Bloom: Sendable {
        var columns: [Int]
        /// Single-column blooms are EXTERNAL, composite ones MAIN (create.c).
        var storage: ToastedTuple.Storage
    }

    let table: TableDefinition
    let settings: CompressionSettings
    let version: TimescaleDBVersion
    let segmentIndexes: [Int]
    let orderIndexes: [Int]
    let compressedColumns: [CompressedColumn]
    let blooms: [Bloom]
    let minmaxSparse: [Int]

    init(table: TableDefinition, settings: CompressionSettings, version: TimescaleDBVersion, indexes: [IndexDefinition]? = nil) {
        self.table = table
        self.settings = settings
        self.version = version
        segmentIndexes = settings.segmentBy.compactMap { table.columnIndex($0) }
        orderIndexes = settings.orderBy.compactMap { table.columnIndex($0.column) }
        var compressed: [CompressedColumn] = []
        for (i, c) in table.columns.enumerated() where !segmentIndexes.contains(i) {
            compressed.append(CompressedColumn(name: c.name, index: i,
                                               storage: CompressionAlgorithm.default(for: c, version: version).columnStorage))
        }
        compressedColumns = compressed

        // Automatic sparse indexes (create.c, auto_sparse_indexes on): for each btree index, each
        // key column that is neither segmentby nor orderby gets a bloom (hashable, not time,
        // not float/numeric, width ≥ 4 or varlena) when blooms exist, else a minmax.
        var single: [Int] = [], minmax: [Int] = [], composite: [[Int]] = []
        let segments = segmentIndexes
        let excluded = Set(segmentIndexes + orderIndexes)
        for idx in indexes ?? table.indexes where idx.method == .btree || idx.method == .hash || idx.method == .brin {
            let cols = idx.keyColumns.compactMap { table.columnIndex($0) }
            for c in cols where !excluded.contains(c) {
                let t = table.columns[c].type
                // A type carried as text without a hash operator class (money, …) cannot have a bloom.
                if version.hasBloomSparseIndexes && Self.bloomable(t) && !UnmodelledTypeStorage.lacksHash(table.columns[c]) {
                    if !single.contains(c) { single.append(c) }
                } else if version.hasMinmaxSparseIndexes && !minmax.contains(c) {
                    minmax.append(c)
                }
            }
            if version.hasCompositeBlooms {
                let candidates = cols.filter { !segments.contains($0) && Self.compositeHashable(table.columns[$0].type) }
                let width = candidates.reduce(0) { $0 + (table.columns[$1].type.typlen > 0 ? table.columns[$1].type.typlen : 4) }
                if cols.count >= 2, cols.count <= 8, candidates.count >= 2, width >= 4,
                   !composite.contains(where: { Set($0) == Set(candidates) }) {
                    composite.append(candidates)
                }
            }
        }
        blooms = single.map { Bloom(columns: [$0], storage: .external) } + composite.map { Bloom(columns: $0, storage: .main) }
        minmaxSparse = minmax
    }

    static func bloomable(_ t: PGType) -> Bool {
        switch t {
        case .timestamptz, .timestamp, .date, .time, .float4, .float8, .numeric, .bool, .int2: return false
        default: return true
        }
    }

    static func compositeHashable(_ t: PGType) -> Bool {
        switch t {
        case .float4, .float8: return false
        default: return true
        }
    }

    /// Width and alignment a value of this type takes in a heap row (varlenas assumed short).
    static func attribute(for column: ColumnVector, row: Int, storage: ToastedTuple.Storage,
                          definition: ColumnDefinition? = nil) -> ToastedTuple.Attribute {
        let t = column.type
        if t.typlen > 0 { return .fixed(t.typlen, alignment: t.typalign) }
        if let definition, let fixed = UnmodelledTypeStorage.fixed(definition) { return .fixed(fixed.length, alignment: fixed.alignment) }
        if column.isNull(at: row) {
            var a = ToastedTuple.Attribute.varlena(storage, bytes: nil, size: 0)
            a.isNull = true
            return a
        }
        var carried: SerializedDatum?
        if let definition, case .string(let a) = column.storage { carried = UnmodelledTypeStorage.datum(a[row], column: definition) }
        let d = carried ?? DatumSerialization.serialize(column, at: row)
        // Back to a 4-byte-header size: the toaster converts to short itself when it can.
        let payload = d.alignment == 1 && d.bytes.count <= 127 ? d.bytes.count - 1 : d.bytes.count - 4
        return .varlena(storage, bytes: nil, size: payload + 4, alignment: t.typalign)
    }

    /// count, segmentby values, orderby metadata (and sequence number up to 2.16).
    func fixedAttributes(rows: RowSet, batch: [Int]) -> [ToastedTuple.Attribute] {
        var out: [ToastedTuple.Attribute] = [.fixed(4, alignment: 4)]
        let first = batch[0], last = batch[batch.count - 1]
        for s in segmentIndexes {
            out.append(Self.attribute(for: rows.columns[s], row: first, storage: .extended, definition: table.columns[s]))
        }
        for o in orderIndexes {
            let c = rows.columns[o], d = table.columns[o]
            // min/max are PLAIN: a varlena keeps its 4-byte header.
            let metadata = Self.attribute(for: c, row: first, storage: .plain, definition: d)
            out.append(metadata)
            out.append(Self.attribute(for: c, row: last, storage: .plain, definition: d))
            if version.hasFirstLastMetadata {
                out.append(Self.attribute(for: c, row: first, storage: .plain, definition: d))
                out.append(Self.attribute(for: c, row: last, storage: .plain, definition: d))
            }
        }
        if version.hasSequenceNumber { out.append(.fixed(4, alignment: 4)) }
        for m in minmaxSparse {
            out.append(Self.attribute(for: rows.columns[m], row: first, storage: .main, definition: table.columns[m]))
            out.append(Self.attribute(for: rows.columns[m], row: last, storage: .main, definition: table.columns[m]))
        }
        return out
    }

    /// Bloom filter datums for one batch. TimescaleDB sizes a filter for p = 0.022 with k = 6
    /// hashes (≈ 8 bits per distinct value), folding a 16384-bit filter in halves down to at
    /// least 64 bits (batch_metadata_builder_bloom1.c); Chunkwise counts distinct values exactly
    /// and assumes an 8-byte datum header (an approximation of the bloom datum's framing).
    func bloomAttributes(rows: RowSet, batch: [Int]) -> [ToastedTuple.Attribute] {
        blooms.map { bloom in
            var seen = Set<[Value]>()
            for r in batch { seen.insert(bloom.columns.map { rows.columns[$0].value(at: r) }) }
            let needed = Double(seen.count) * 6.0 / -log(1.0 - pow(0.022, 1.0 / 6.0))
            var bits = 16384
            while bits / 2 >= 64 && Double(bits / 2) >= needed { bits /= 2 }
            return .varlena(bloom.storage, bytes: nil, size: bits / 8 + 8, alignment: 8)
        }
    }

    /// Index tuple of the compressed chunk's btree: 8-byte header + MAXALIGNed keys.
    var indexTupleSize: Int {
        var off = 0
        for s in segmentIndexes {
            let t = table.columns[s].type
            off = ToastedTuple.align(off, t.typlen > 0 ? t.typalign : 1) + (t.typlen > 0 ? t.typlen : 8)
        }
        if version.hasSequenceNumber {
            off = ToastedTuple.align(off, 4) + 4
        } else {
            for o in orderIndexes {
                let t = table.columns[o].type
                for _ in 0..<2 { off = ToastedTuple.align(off, t.typlen > 0 ? t.typalign : 1) + (t.typlen > 0 ? t.typlen : 8) }
            }
        }
        return ToastedTuple.maxAlign(8 + off)
    }
}
