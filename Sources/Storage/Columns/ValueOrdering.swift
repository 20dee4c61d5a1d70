import Schema

/// Total orders over column values, used to sort rows for compression and to keep block and
/// batch min/max summaries.
///
/// Text compares by UTF-8 bytes (PostgreSQL's "C" collation); a database with a linguistic
/// collation may sort text differently, which only changes the order inside a segment, never
/// which rows a batch holds when text is a segmentby column. NULL placement is the caller's choice.
public enum ValueOrdering {
    /// −1, 0 or 1 for two non-NULL values of the same column type. Values of different kinds
    /// order by kind so that the order stays total.
    public static func compare(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _): return 1
        case (_, .null): return -1
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.int(let x), .int(let y)), (.timestamp(let x), .timestamp(let y)),
             (.date(let x), .date(let y)), (.time(let x), .time(let y)):
            return x < y ? -1 : (x > y ? 1 : 0)
        case (.float(let x), .float(let y)): return compareDoubles(x, y)
        case (.numeric(let x), .numeric(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.numeric, .wideNumeric), (.wideNumeric, .numeric), (.wideNumeric, .wideNumeric):
            guard let x = a.numericValue, let y = b.numericValue else { return 0 }
            return NumericValue.compare(x, y)
        case (.uuid(let x), .uuid(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.text(let x), .text(let y)), (.jsonb(let x), .jsonb(let y)): return compareUTF8(x, y)
        default: return kindRank(a) < kindRank(b) ? -1 : (kindRank(a) == kindRank(b) ? 0 : 1)
        }
    }

    /// PostgreSQL's float order: NaN sorts above every other value and equals itself.
    static func compareDoubles(_ x: Double, _ y: Double) -> Int {
        if x.isNaN { return y.isNaN ? 0 : 1 }
        if y.isNaN { return -1 }
        return x < y ? -1 : (x > y ? 1 : 0)
    }

    static func compareUTF8(_ x: String, _ y: String) -> Int {
        var i = x.utf8.makeIterator(), j = y.utf8.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let p?, let q?): if p != q { return p < q ? -1 : 1 }
            }
        }
    }

    private static func kindRank(_ v: Value) -> Int {
        switch v {
        case .null: return 99
        case .bool: return 0
        case .int: return 1
        case .float: return 2
        case .numeric, .wideNumeric: return 3
        case .uuid: return 4
        case .timestamp: return 5
        case .date: return 6
        case .time: return 7
        case .text: return 8
        case .jsonb: return 9
        case .interval: return 10
        }
    }
}

extension ColumnVector {
    /// Compares rows i and j of this column (−1, 0, 1) without building `Value`s; NULLs sort
    /// last unless `nullsFirst`.
    public func compareRows(_ i: Int, _ j: Int, nullsFirst: Bool = false) -> Int {
        let ni = isNull(at: i), nj = isNull(at: j)
        if ni || nj {
            if ni && nj { return 0 }
            return ni == nullsFirst ? -1 : 1
        }
        switch storage {
        case .bool(let a): return a[i] == a[j] ? 0 : (a[i] ? 1 : -1)
        case .int64(let a), .time(let a): return a[i] < a[j] ? -1 : (a[i] > a[j] ? 1 : 0)
        case .double(let a): return ValueOrdering.compareDoubles(a[i], a[j])
        case .numeric, .wideNumeric:
            return ValueOrdering.compare(value(at: i), value(at: j))
        case .uuid(let a): return a[i] < a[j] ? -1 : (a[i] == a[j] ? 0 : 1)
        case .string(let a): return ValueOrdering.compareUTF8(a[i], a[j])
        }
    }
}
