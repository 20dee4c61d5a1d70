import Schema
import Storage

/// Rows ordered the way PostgreSQL's default btree operator classes order them (uuid/bytes in
/// memcmp order, numeric by value, text by bytes — the C collation), precomputed as one dense
/// rank per row and column so that sorting a chunk compares integers.
struct RowOrdering: Sendable {
    /// rank[column][row]: equal values share a rank; nil for columns never ordered on.
    private let ranks: [[Int]?]
    private let nulls: [[Bool]]

    init(rows: RowSet, columns: Set<Int>) {
        var ranks = [[Int]?](repeating: nil, count: rows.columns.count)
        for c in columns where c < rows.columns.count { ranks[c] = Self.denseRanks(rows.columns[c]) }
        self.ranks = ranks
        self.nulls = rows.columns.map { col in col.hasNulls ? (0..<col.count).map { col.isNull(at: $0) } : [] }
    }

    /// −1, 0, 1 comparing rows a and b on column c, NULLs placed per `nullsFirst`.
    func compare(_ c: Int, _ a: Int, _ b: Int, nullsFirst: Bool, descending: Bool = false) -> Int {
        let n = nulls[c]
        if !n.isEmpty {
            let na = n[a], nb = n[b]
            if na || nb {
                if na && nb { return 0 }
                return na == nullsFirst ? -1 : 1
            }
        }
        guard let r = ranks[c] else { return 0 }
        let x = r[a], y = r[b]
        if x == y { return 0 }
        return (x < y) != descending ? -1 : 1
    }

    /// One sort key per listed row combining the given columns' ranks in mixed radix (NULLs and
    /// DESC applied), so that ordering rows is ordering integers; nil if the key overflows Int64.
    func compositeKeys(rows: [Int], keys: [(column: Int, descending: Bool, nullsFirst: Bool)]) -> [Int64]? {
        var out = [Int64](repeating: 0, count: rows.count)
        for k in keys {
            guard let r = ranks[k.column] else { continue }
            let n = nulls[k.column]
            let maxRank = rows.reduce(0) { max($0, r[$1]) }
            let radix = Int64(maxRank + 2)
            for (p, row) in rows.enumerated() {
                var v: Int64
                if !n.isEmpty && n[row] {
                    v = k.nullsFirst ? 0 : radix - 1
                } else {
                    let x = Int64(k.descending ? maxRank - r[row] : r[row])
                    v = k.nullsFirst ? x + 1 : x
                }
                let (m, o1) = out[p].multipliedReportingOverflow(by: radix)
                let (a, o2) = m.addingReportingOverflow(v)
                if o1 || o2 { return nil }
                out[p] = a
            }
        }
        return out
    }

    /// Positions 0..<rows.count in key order, ties in position order, plus each position's
    /// equal-key class (consecutive integers in key order).
    func sorted(rows: [Int], keys: [(column: Int, descending: Bool, nullsFirst: Bool)]) -> (order: [Int], group: [Int]) {
        var order: [Int]
        var group = [Int](repeating: 0, count: rows.count)
        if let composite = compositeKeys(rows: rows, keys: keys) {
            order = rows.indices.sorted { composite[$0] != composite[$1] ? composite[$0] < composite[$1] : $0 < $1 }
            var g = 0
            for (k, i) in order.enumerated() {
                if k > 0 && composite[order[k - 1]] != composite[i] { g += 1 }
                group[i] = g
            }
        } else {
            let cmp = { (a: Int, b: Int) -> Int in
                for k in keys {
                    let c = self.compare(k.column, rows[a], rows[b], nullsFirst: k.nullsFirst, descending: k.descending)
                    if c != 0 { return c }
                }
                return 0
            }
            order = rows.indices.sorted { let c = cmp($0, $1); return c != 0 ? c < 0 : $0 < $1 }
            var g = 0
            for (k, i) in order.enumerated() {
                if k > 0 && cmp(order[k - 1], i) != 0 { g += 1 }
                group[i] = g
            }
        }
        return (order, group)
    }

    static func denseRanks(_ column: ColumnVector) -> [Int] {
        switch column.storage {
        case .bool(let v): return v.map { $0 ? 1 : 0 }
        case .int64(let v), .time(let v): return dense(v)
        case .double(let v): return dense(v)
        case .wideNumeric(let v): return dense(v)
        case .numeric(let u, let s):
            // Compare at a common scale; values beyond Int64 at that scale fall back to Double order.
            // NaN and ±Infinity take PostgreSQL's numeric order (-Infinity < numbers < Infinity < NaN).
            if s.contains(where: PGNumeric.isSpecial(scale:)) {
                return dense(u.indices.map { PGNumeric(unscaled: u[$0], scale: Int(s[$0])) })
            }
            let scale = s.max().map(Int.init) ?? 0
            var exact = true
            var scaled: [Int64] = []
            scaled.reserveCapacity(u.count)
            for i in u.indices {
                var v = u[i]
                for _ in 0..<(scale - Int(s[i])) {
                    let (m, o) = v.multipliedReportingOverflow(by: 10)
                    if o { exact = false; break }
                    v = m
                }
                scaled.append(v)
            }
            if exact { return dense(scaled) }
            return dense(u.indices.map { PGNumeric(unscaled: u[$0], scale: Int(s[$0])).approximateValue })
        case .uuid(let v): return dense(Array(v))
        case .string(let v): return dense(v.map { Array($0.utf8) }, by: { $0.lexicographicallyPrecedes($1) })
        }
    }

    private static func dense<T: Comparable>(_ v: [T]) -> [Int] { dense(v, by: <) }

    private static func dense<T: Equatable>(_ v: [T], by less: (T, T) -> Bool) -> [Int] {
        let order = v.indices.sorted { less(v[$0], v[$1]) }
        var rank = [Int](repeating: 0, count: v.count)
        var r = 0
        for (k, i) in order.enumerated() {
            if k > 0 && v[order[k - 1]] != v[i] { r += 1 }
            rank[i] = r
        }
        return rank
    }
}
