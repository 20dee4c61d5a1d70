import Schema
import Storage

/// The entries of one B-tree index over loaded rows: which rows it holds (partial indexes filter),
/// their keys in an order-preserving word encoding, and their tuple sizes.
///
/// Entry numbers follow file order, which is also heap-TID order, so ties between equal keys are
/// broken by entry number exactly as PostgreSQL 12+ breaks them by heap TID.
public struct BTreeKeys: Sendable {
    /// Row number in the loaded data of each entry.
    public let rows: [Int32]
    /// MAXALIGNed leaf tuple size (key and INCLUDE columns) of each entry.
    public let leafSize: [Int32]
    /// Number of key columns (INCLUDE columns excluded).
    public let keyCount: Int
    /// Words per entry and the word where each key column starts (plus the end).
    let stride: Int
    let attributeStart: [Int]
    let words: [UInt64]
    /// Key column widths (for pivot tuple sizes).
    let keyWidths: [ColumnWidths]

    /// Builds the entries of `index` over `rows`.
    /// - Parameter widths: stored widths of every table column, in table column order.
    /// Heap TID of each entry as one sortable number (block << 16 | offset): ties between equal keys
    /// follow it. Usually file order, but not when the free space map sends a row to an earlier page.
    let tid: [Int64]

    /// - Parameter ordering: by table column, values that sort as PostgreSQL sorts the column's
    ///   (``UnmodelledTypeOrdering``) where its text does not.
    public init(index: IndexDefinition, rows data: RowSet, widths: [ColumnWidths], context: EvaluationContext,
                heap: HeapRelation? = nil, ordering: [Int: ColumnVector] = [:]) throws(SizeModelError) {
        let table = data.table
        var keyColumns: [Int] = []
        for key in index.keys {
            guard let name = key.column, let c = table.columnIndex(name) else {
                throw .unsupportedIndex(index.name, reason: "expression keys are not modelled")
            }
            keyColumns.append(c)
        }
        var includeColumns: [Int] = []
        for name in index.include {
            guard let c = table.columnIndex(name) else { throw .unknownColumn(name, table: table.name) }
            includeColumns.append(c)
        }
        // Partial index: keep the rows the predicate selects.
        var selected: [Int32] = []
        selected.reserveCapacity(data.count)
        if let predicate = index.predicate {
            guard predicate.isEvaluable else {
                throw .unsupportedIndex(index.name, reason: "predicate \(index.predicateSQL ?? "") cannot be evaluated")
            }
            for r in 0..<data.count {
                let t = predicate.truth(context: context) { name in data.column(name)?.value(at: r) }
                if t.selectsRow { selected.append(Int32(r)) }
            }
        } else {
            selected = (0..<Int32(data.count)).map { $0 }
        }
        rows = selected
        tid = selected.map { r in heap.map { Int64($0.block[Int(r)]) << 16 | Int64($0.offset[Int(r)]) } ?? Int64(r) }
        keyCount = keyColumns.count
        keyWidths = keyColumns.map { widths[$0] }
        let leafColumns = (keyColumns + includeColumns).map { widths[$0] }
        leafSize = selected.map { r in
            let (size, hasNull) = HeapTupleLayout.dataSize(row: Int(r), columns: leafColumns)
            return Int32(PageLayout.maxAligned((hasNull ? 16 : 8) + size))
        }
        // Word layout: per key column one NULL-ordering word plus its value words.
        var starts: [Int] = []
        var widthsInWords: [Int] = []
        var position = 0
        for (k, c) in keyColumns.enumerated() {
            starts.append(position)
            let w = BTreeKeys.valueWords(column: ordering[c] ?? data.columns[c], rows: selected)
            widthsInWords.append(w)
            position += 1 + w
            _ = k
        }
        starts.append(position)
        attributeStart = starts
        stride = position
        var encoded = [UInt64](repeating: 0, count: position * selected.count)
        for (k, c) in keyColumns.enumerated() {
            let key = index.keys[k]
            BTreeKeys.encode(column: ordering[c] ?? data.columns[c], rows: selected, into: &encoded, stride: position, at: starts[k],
                             valueWords: widthsInWords[k], descending: key.descending, nullsFirst: key.effectiveNullsFirst)
        }
        words = encoded
    }

    public var count: Int { rows.count }

    /// Three-way comparison of two entries, heap TID (entry number) breaking ties.
    @inline(__always) func compare(_ a: Int, _ b: Int) -> Int {
        let ba = a * stride, bb = b * stride
        for i in 0..<stride {
            let x = words[ba + i], y = words[bb + i]
            if x != y { return x < y ? -1 : 1 }
        }
        let ta = tid[a], tb = tid[b]
        return ta == tb ? 0 : (ta < tb ? -1 : 1)
    }

    /// `_bt_keep_natts_fast`: key columns a pivot between `a` and `b` must keep: one more than the
    /// number of equal leading columns (keyCount + 1 when every key column is equal).
    @inline(__always) func keepNatts(_ a: Int, _ b: Int) -> Int {
        let ba = a * stride, bb = b * stride
        for k in 0..<keyCount {
            for i in attributeStart[k]..<attributeStart[k + 1] where words[ba + i] != words[bb + i] {
                return k + 1
            }
        }
        return keyCount + 1
    }

    /// Compares entry `e` with a pivot made from entry `p` truncated to `natts` key columns.
    /// Truncated columns are minus infinity, so an entry equal on the kept columns sorts after it.
    @inline(__always) func compare(entry e: Int, pivot p: Int, natts: Int) -> Int {
        if natts == 0 { return 1 }
        let be = e * stride, bp = p * stride
        let end = natts > keyCount ? stride : attributeStart[natts]
        for i in 0..<end {
            let x = words[be + i], y = words[bp + i]
            if x != y { return x < y ? -1 : 1 }
        }
        if natts > keyCount { return tid[e] == tid[p] ? 0 : (tid[e] < tid[p] ? -1 : 1) }
        return 1
    }

    /// Whether two entries have equal keys (deduplication groups them).
    @inline(__always) func equalKeys(_ a: Int, _ b: Int) -> Bool { keepNatts(a, b) > keyCount }

    /// Size of a pivot tuple built from entry `e` keeping `natts` key columns (`_bt_truncate`):
    /// keyCount + 1 means every key column plus an appended heap TID.
    func pivotSize(_ e: Int, natts: Int) -> Int {
        if natts == 0 { return 8 }
        let kept = Array(keyWidths.prefix(min(natts, keyCount)))
        let (size, hasNull) = HeapTupleLayout.dataSize(row: Int(rows[e]), columns: kept)
        let base = PageLayout.maxAligned((hasNull ? 16 : 8) + size)
        return natts > keyCount ? base + PageLayout.maxAligned(6) : base
    }

    /// Whether any key column of entry `e` is NULL (INCLUDE columns aside).
    func hasNullKey(_ e: Int) -> Bool {
        let row = Int(rows[e])
        return keyWidths.contains { $0.isNull(row) }
    }

    /// Size of the key-only (non-posting) tuple of entry `e`, the base of a posting list.
    func keyTupleSize(_ e: Int) -> Int {
        let (size, hasNull) = HeapTupleLayout.dataSize(row: Int(rows[e]), columns: keyWidths)
        return PageLayout.maxAligned((hasNull ? 16 : 8) + size)
    }

    // MARK: Encoding

    static let stringWordCap = 8

    static func valueWords(column: ColumnVector, rows: [Int32]) -> Int {
        switch column.storage {
        case .uuid: return 2
        case .numeric: return 2
        // A wide NUMERIC column encodes each value's rank among the rows (exact order and equality).
        case .wideNumeric: return 1
        case .string(let a):
            var longest = 0
            for r in rows where !column.isNull(at: Int(r)) { longest = max(longest, a[Int(r)].utf8.count) }
            return min((longest + 7) / 8, stringWordCap) + 1
        default: return 1
        }
    }

    static func encode(column: ColumnVector, rows: [Int32], into out: inout [UInt64], stride: Int, at start: Int,
                       valueWords: Int, descending: Bool, nullsFirst: Bool) {
        let flip: UInt64 = descending ? ~0 : 0
        // A wide NUMERIC column's values by their rank among the column's (exact order and equality).
        let wideRanks: [Int] = { if case .wideNumeric = column.storage { RowOrdering.denseRanks(column) } else { [] } }()
        for (e, r32) in rows.enumerated() {
            let r = Int(r32)
            let base = e * stride + start
            if column.isNull(at: r) {
                out[base] = nullsFirst ? 0 : 2
                continue
            }
            out[base] = 1
            switch column.storage {
            case .bool(let a): out[base + 1] = (a[r] ? 1 : 0) ^ flip
            case .int64(let a): out[base + 1] = (UInt64(bitPattern: a[r]) ^ (1 << 63)) ^ flip
            case .time(let a): out[base + 1] = (UInt64(bitPattern: a[r]) ^ (1 << 63)) ^ flip
            case .double(let a):
                let bits = a[r].bitPattern
                out[base + 1] = (bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)) ^ flip
            case .uuid(let a):
                out[base + 1] = a[r].high ^ flip
                out[base + 2] = a[r].low ^ flip
            case .numeric(let u, let s):
                // Scale every value to 18 fraction digits so 1.0 and 1.00 encode alike. Numbers stay
                // within ±2^123 there, so the ends of Int128 hold -Infinity < … < Infinity < NaN.
                var v = Int128(u[r])
                var scale = Int(s[r])
                switch PGNumeric.special(scale: scale) {
                case .negativeInfinity?: v = .min; scale = 18
                case .infinity?: v = .max - 1; scale = 18
                case .nan?: v = .max; scale = 18
                case nil: break
                }
                while scale < 18 { v *= 10; scale += 1 }
                while scale > 18 { v /= 10; scale -= 1 }
                let bits = UInt128(bitPattern: v) ^ (UInt128(1) << 127)
                out[base + 1] = UInt64(truncatingIfNeeded: bits >> 64) ^ flip
                out[base + 2] = UInt64(truncatingIfNeeded: bits) ^ flip
            case .wideNumeric:
                out[base + 1] = UInt64(wideRanks[r]) ^ flip
            case .string(let a):
                // Byte order (C collation) in fixed words, then the length: prefixes sort first.
                let bytes = Array(a[r].utf8)
                let dataWords = valueWords - 1
                for w in 0..<dataWords {
                    var word: UInt64 = 0
                    for b in 0..<8 {
                        let i = w * 8 + b
                        word = (word << 8) | UInt64(i < bytes.count ? bytes[i] : 0)
                    }
                    out[base + 1 + w] = word ^ flip
                }
                out[base + valueWords] = UInt64(bytes.count) ^ flip
            }
        }
    }
}

/// Why a size could not be predicted.
public enum SizeModelError: Error, Sendable, Equatable, CustomStringConvertible {
    case unsupportedIndex(String, reason: String)
    case unknownColumn(String, table: String)
    case unknownTable(String)
    /// A row whose index tuple PostgreSQL refuses (row: its position among the loaded rows).
    case indexRowTooLarge(IndexRowSizeViolation)

    public var description: String {
        switch self {
        case .indexRowTooLarge(let v): return "row \(v.row + 1) of the data: \(v.message)"
        case .unsupportedIndex(let name, let reason): return "index \"\(name)\": \(reason)"
        case .unknownColumn(let c, let t): return "column \"\(c)\" of relation \"\(t)\" does not exist"
        case .unknownTable(let t): return "relation \"\(t)\" does not exist"
        }
    }
}
