import Schema
import Storage

/// Compares two rows of a column the way PostgreSQL's default btree operator class does
/// (uuid/bytes memcmp order, numeric by value, text by bytes — the C collation).
enum RowOrdering {
    static func compare(_ c: ColumnVector, _ a: Int, _ b: Int, nullsFirst: Bool) -> Int {
        let na = c.isNull(at: a), nb = c.isNull(at: b)
        if na || nb {
            if na && nb { return 0 }
            return na == nullsFirst ? -1 : 1
        }
        switch c.storage {
        case .bool(let v): return v[a] == v[b] ? 0 : (v[a] ? 1 : -1)
        case .int64(let v), .time(let v): return v[a] == v[b] ? 0 : (v[a] < v[b] ? -1 : 1)
        case .double(let v): return v[a] == v[b] ? 0 : (v[a] < v[b] ? -1 : 1)
        case .numeric(let u, let s):
            let x = PGNumeric(unscaled: u[a], scale: Int(s[a])), y = PGNumeric(unscaled: u[b], scale: Int(s[b]))
            return x == y ? 0 : (x < y ? -1 : 1)
        case .uuid(let v): return v[a] == v[b] ? 0 : (v[a] < v[b] ? -1 : 1)
        case .string(let v):
            let x = Array(v[a].utf8), y = Array(v[b].utf8)
            return x == y ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1)
        }
    }
}
