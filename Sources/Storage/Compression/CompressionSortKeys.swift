import Schema

/// The keys compression sorts a chunk's rows by, as integers: each row's segment as a dense rank
/// (segments in ascending segmentby order, NULLS LAST), and per orderby key an `Int64` whose
/// ascending order is the key's order: an integer or time column's value (DESC flips the bits, so
/// no value overflows), a float's or numeric's order-keeping integer form, or for a uuid, text or
/// bool column, or an integer one holding NULLs, the value's rank (negated for DESC, NULL at
/// either end). Sorting by these compares a few integers per pair of
/// rows instead of switching over column storage and comparing UUIDs and UTF-8 strings each time.
///
/// The ranks are exact: distinct values are found by hashing (UUID and integer values, strings by
/// their UTF-8 bytes, as ``ValueOrdering`` compares them) and ordered by ``ColumnVector/compareRows(_:_:nullsFirst:)``
/// on one row of each, so the order is the one the generic comparison gives. Float and numeric
/// orderby keys map their values to order-keeping integers (``orderKey(_:descending:nullsFirst:)``);
/// float and numeric segmentby columns, and numerics wider than 18 digits, are not covered:
/// ``make(_:segmentColumns:orderKeys:)`` returns nil and the caller compares values.
struct CompressionSortKeys {
    /// Row i's segment rank.
    var segment: [Int]
    /// Per orderby key, row i's key.
    var order: [[Int64]]

    static func make(_ rows: RowSet, segmentColumns: [Int], orderKeys: [(column: Int, descending: Bool, nullsFirst: Bool)]) -> CompressionSortKeys? {
        var order: [[Int64]] = []
        for key in orderKeys {
            guard let k = orderKey(rows.columns[key.column], descending: key.descending, nullsFirst: key.nullsFirst) else { return nil }
            order.append(k)
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

    /// One orderby key's `Int64` per row, ascending in the key's order (DESC and NULLS FIRST/LAST
    /// included), or nil for a column this does not cover (NUMERIC wider than 18 digits, or whose
    /// values at a common scale leave `Int64`'s range).
    ///
    /// Integer and time columns give their values, float columns their IEEE bits made to order as
    /// PostgreSQL orders floats (−0 = 0, NaN above +∞ and equal to itself), numeric columns their
    /// unscaled values at the column's largest scale (−∞ and +∞ beyond every number, NaN above +∞);
    /// DESC flips the bits. NULL goes to `Int64.min` or `.max`, which no value key reaches. Integer
    /// and time columns holding NULLs, and uuid, text and bool columns, give their dense value
    /// ranks instead.
    static func orderKey(_ column: ColumnVector, descending: Bool, nullsFirst: Bool) -> [Int64]? {
        var keys: [Int64]
        switch column.storage {
        case .int64(let a), .time(let a):
            if !column.hasNulls { return descending ? a.map { ~$0 } : a }
            return rankedOrderKey(column, descending: descending, nullsFirst: nullsFirst)
        case .double(let a):
            keys = a.map(orderedBits)
        case .numeric(let unscaled, let scales):
            guard let k = numericKeys(unscaled: unscaled, scales: scales) else { return nil }
            keys = k
        case .wideNumeric: return nil
        case .uuid, .string, .bool:
            return rankedOrderKey(column, descending: descending, nullsFirst: nullsFirst)
        }
        if descending { for i in keys.indices { keys[i] = ~keys[i] } }
        if column.hasNulls {
            for i in keys.indices where column.isNull(at: i) { keys[i] = nullsFirst ? .min : .max }
        }
        return keys
    }

    /// A float's key: IEEE bits turned so that integer order is numeric order, after folding −0
    /// into 0 and every NaN into one above +∞. Never `Int64.min` or `.max`.
    static func orderedBits(_ x: Double) -> Int64 {
        let canonical = x.isNaN ? Double.nan : (x == 0 ? 0 : x)
        let bits = canonical.bitPattern
        let ordered = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
        return Int64(bitPattern: ordered ^ (1 << 63))
    }

    /// NUMERIC keys: each finite value's unscaled integer at the largest finite scale, the
    /// specials beyond them (−∞ < numbers < +∞ < NaN); nil when a value leaves the range
    /// strictly inside `Int64.min + 2 … Int64.max - 3`.
    static func numericKeys(unscaled: [Int64], scales: NumericScales) -> [Int64]? {
        let special = PGNumeric.Special.negativeInfinity.scale // the largest special tag
        var top = 0
        for s in scales where Int(s) > special { top = max(top, Int(s)) }
        let negativeInfinity = Int64.min + 2, infinity = Int64.max - 3, nan = Int64.max - 2
        var keys = [Int64](repeating: 0, count: unscaled.count)
        for (i, s) in scales.enumerated() {
            let scale = Int(s)
            switch scale {
            case PGNumeric.Special.negativeInfinity.scale: keys[i] = negativeInfinity
            case PGNumeric.Special.infinity.scale: keys[i] = infinity
            case ...special: keys[i] = nan
            default:
                var v = unscaled[i]
                if v != 0 {
                    guard top - scale <= 18 else { return nil }
                    for _ in 0..<(top - scale) {
                        let (product, overflow) = v.multipliedReportingOverflow(by: 10)
                        guard !overflow else { return nil }
                        v = product
                    }
                }
                guard v > negativeInfinity, v < infinity else { return nil }
                keys[i] = v
            }
        }
        return keys
    }

    /// An orderby key from the column's dense value ranks: a value's rank, negated for DESC, and
    /// NULL before or after every value as the key's NULLS placement says.
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
