import Schema

/// The keys compression sorts a chunk's rows by, as integers: each row's segment as a dense rank
/// (segments in ascending segmentby order, NULLS LAST), and per orderby key an `Int64` whose
/// ascending order is the key's order: an integer or time column's value (DESC flips the bits, so
/// no value overflows), or for a uuid, text or bool column, or one holding NULLs, the value's rank
/// (negated for DESC, NULL at either end). Sorting by these compares a few integers per pair of
/// rows instead of switching over column storage and comparing UUIDs and UTF-8 strings each time.
///
/// The ranks are exact: distinct values are found by hashing (UUID and integer values, strings by
/// their UTF-8 bytes, as ``ValueOrdering`` compares them) and ordered by ``ColumnVector/compareRows(_:_:nullsFirst:)``
/// on one row of each, so the order is the one the generic comparison gives. Float and numeric
/// columns are not covered: ``make(_:segmentColumns:orderKeys:)`` returns nil and the caller
/// compares values.
struct CompressionSortKeys {
    /// Row i's segment rank.
    var segment: [Int]
    /// Per orderby key, row i's key.
    var order: [[Int64]]

    static func make(_ rows: RowSet, segmentColumns: [Int], orderKeys: [(column: Int, descending: Bool, nullsFirst: Bool)]) -> CompressionSortKeys? {
        var order: [[Int64]] = []
        for key in orderKeys {
            let column = rows.columns[key.column]
            if !column.hasNulls {
                switch column.storage {
                case .int64(let a), .time(let a):
                    order.append(key.descending ? a.map { ~$0 } : a)
                    continue
                default: break
                }
            }
            guard let ranked = rankedOrderKey(column, descending: key.descending, nullsFirst: key.nullsFirst) else { return nil }
            order.append(ranked)
        }
        var segment = [Int](repeating: 0, count: rows.count)
        for c in segmentColumns {
            guard let (ranks, distinct) = denseRanks(rows.columns[c]) else { return nil }
            // Mixed radix, most significant first: ranks of earlier segmentby columns dominate.
            let (scaled, overflow) = segment.isEmpty ? (0, false) : (segment.max() ?? 0).multipliedReportingOverflow(by: distinct)
            guard !overflow, scaled <= Int.max - distinct else { return nil }
            for i in segment.indices { segment[i] = segment[i] * distinct + ranks[i] }
        }
        return CompressionSortKeys(segment: segment, order: order)
    }

    /// Row positions sorted by segment rank, then each orderby key, then position. That order is
    /// total, so it has exactly one sorted permutation; it is found here by bucketing the rows by
    /// segment (a counting sort, which keeps positions ascending inside a bucket) and then
    /// ordering each segment, which usually takes one pass: a segment's rows arrive in time order,
    /// so they are already in orderby order or exactly against it (DESC) and are reversed.
    func sortedRows() -> [Int] {
        let n = segment.count
        guard n > 1, let top = segment.max(), let bottom = segment.min(), bottom >= 0, top < 4 * n + 64 else {
            return comparisonSorted()
        }
        var starts = [Int](repeating: 0, count: top + 2)
        for s in segment { starts[s + 1] += 1 }
        for k in 1..<starts.count { starts[k] += starts[k - 1] }
        var next = starts
        var rows = [Int](repeating: 0, count: n)
        for i in 0..<n {
            rows[next[segment[i]]] = i
            next[segment[i]] += 1
        }
        let order = self.order
        func less(_ i: Int, _ j: Int) -> Bool {
            for k in order where k[i] != k[j] { return k[i] < k[j] }
            return i < j
        }
        rows.withUnsafeMutableBufferPointer { all in
            for s in 0...top where starts[s + 1] - starts[s] > 1 {
                var part = UnsafeMutableBufferPointer(rebasing: all[starts[s]..<starts[s + 1]])
                if (1..<part.count).allSatisfy({ less(part[$0 - 1], part[$0]) }) { continue }
                if (1..<part.count).allSatisfy({ less(part[$0], part[$0 - 1]) }) {
                    part.reverse()
                    continue
                }
                part.sort(by: less)
            }
        }
        return rows
    }

    /// An orderby key from the column's dense value ranks, for the keys plain integers do not
    /// give (uuid, text and bool columns; integer and time columns holding NULLs): a value's rank,
    /// negated for DESC, and NULL before or after every value as the key's NULLS placement says.
    static func rankedOrderKey(_ column: ColumnVector, descending: Bool, nullsFirst: Bool) -> [Int64]? {
        guard let (ranks, _) = denseRanks(column) else { return nil }
        var keys = [Int64](repeating: 0, count: ranks.count)
        for i in ranks.indices {
            if column.isNull(at: i) {
                keys[i] = nullsFirst ? .min : .max
            } else {
                keys[i] = descending ? -Int64(ranks[i]) : Int64(ranks[i])
            }
        }
        return keys
    }

    /// The same order by one comparison sort (segment ranks too wide to bucket).
    func comparisonSorted() -> [Int] {
        segment.withUnsafeBufferPointer { seg in
            (0..<seg.count).sorted { i, j in
                if seg[i] != seg[j] { return seg[i] < seg[j] }
                for k in order where k[i] != k[j] { return k[i] < k[j] }
                return i < j
            }
        }
    }

    /// Each row's rank among the column's distinct values (NULL after every value), and how many
    /// ranks there are; nil for storage this does not cover.
    static func denseRanks(_ column: ColumnVector) -> (ranks: [Int], distinct: Int)? {
        switch column.storage {
        case .uuid(let a):
            guard let codes = a.codes, let distinct = a.distinctValues else { return ranks(column, a.plainValues ?? Array(a), fast: { $0 }, key: { $0 }) }
            return codedRanks(column, codes: codes, distinct: distinct.count)
        case .int64(let a), .time(let a): return ranks(column, a, fast: { $0 }, key: { $0 })
        case .bool(let a): return ranks(column, a, fast: { $0 }, key: { $0 })
        case .string(let a):
            guard let codes = a.codes, let distinct = a.distinctValues else {
                return ranks(column, a.plainValues ?? Array(a), fast: StringBits.init, key: UTF8Key.init)
            }
            return codedRanks(column, codes: codes, distinct: distinct.count)
        case .double, .numeric, .wideNumeric: return nil
        }
    }

    /// ``denseRanks(_:)`` of a dictionary-coded column: its codes already number the distinct
    /// values, so only the codes this column uses (and NULL) get ids.
    private static func codedRanks(_ column: ColumnVector, codes: [UInt16], distinct: Int) -> (ranks: [Int], distinct: Int) {
        var idOfCode = [Int](repeating: -1, count: distinct)
        var firstRow: [Int] = []
        var nullID: Int?
        var ids = [Int](repeating: 0, count: codes.count)
        for i in codes.indices {
            if column.isNull(at: i) {
                if nullID == nil { nullID = firstRow.count; firstRow.append(i) }
                ids[i] = nullID ?? 0
                continue
            }
            let c = Int(codes[i])
            if idOfCode[c] < 0 { idOfCode[c] = firstRow.count; firstRow.append(i) }
            ids[i] = idOfCode[c]
        }
        return renumbered(column, ids: ids, firstRow: firstRow)
    }

    /// Ids in first-seen order renumbered in value order (compareRows puts NULL last).
    private static func renumbered(_ column: ColumnVector, ids: [Int], firstRow: [Int]) -> (ranks: [Int], distinct: Int) {
        var ranks = ids
        let sorted = firstRow.indices.sorted { column.compareRows(firstRow[$0], firstRow[$1]) < 0 }
        var rankOfID = [Int](repeating: 0, count: firstRow.count)
        for (rank, id) in sorted.enumerated() { rankOfID[id] = rank }
        for i in ranks.indices { ranks[i] = rankOfID[ranks[i]] }
        return (ranks, firstRow.count)
    }

    /// Each row's id among the column's distinct values, renumbered in value order.
    ///
    /// Rows of one segment mostly follow each other, and a chunk holds few segment values: the
    /// previous row's and the first few distinct values' `fast` forms are checked before the
    /// `key` table, so most rows cost a comparison or a few and no hashing. Equal `fast` forms
    /// must mean equal keys; unequal ones may still be equal keys (then the table decides).
    private static func ranks<T, F: Equatable, K: Hashable>(_ column: ColumnVector, _ values: [T], fast: (T) -> F,
                                                            key: (T) -> K) -> (ranks: [Int], distinct: Int) {
        var firstRow: [Int] = []
        var ids: [K: Int] = [:]
        var ranks = [Int](repeating: 0, count: values.count)
        var nullID: Int?
        var previous: (fast: F, id: Int)?
        var few: [(fast: F, id: Int)] = []
        values.withUnsafeBufferPointer { v in
            for i in 0..<v.count {
                if column.isNull(at: i) {
                    if nullID == nil { nullID = firstRow.count; firstRow.append(i) }
                    ranks[i] = nullID ?? 0
                    continue
                }
                let f = fast(v[i])
                if let previous, previous.fast == f { ranks[i] = previous.id; continue }
                var found: Int?
                for entry in few where entry.fast == f {
                    found = entry.id
                    break
                }
                if found == nil {
                    let k = key(v[i])
                    if let known = ids[k] {
                        found = known
                    } else {
                        found = firstRow.count
                        ids[k] = firstRow.count
                        firstRow.append(i)
                    }
                    if few.count < 16 { few.append((f, found ?? 0)) }
                }
                let id = found ?? 0
                ranks[i] = id
                previous = (f, id)
            }
        }
        return renumbered(column, ids: ranks, firstRow: firstRow)
    }

    /// A string's representation (its 16 bytes): equal representations hold equal bytes (the same
    /// small-string bits, or the same buffer and count). A segment's repeated values are small
    /// strings or one interned buffer, so nearly every row matches the previous one's.
    struct StringBits: Equatable {
        let a: UInt64, b: UInt64
        @inline(__always) init(_ s: String) { (a, b) = unsafeBitCast(s, to: (UInt64, UInt64).self) }
    }
}
