import Codecs

/// Round-trip helpers shared by the suites.
enum RoundTrip {
    /// What decode must give back: zero placeholders in NULL slots, `nulls` empty without NULLs.
    static func normalized(_ block: ColumnBlock) -> ColumnBlock {
        guard block.nulls.contains(true) else { return ColumnBlock(data: block.data, nulls: []) }
        let n = block.nulls
        func z<T>(_ v: [T], _ zero: T) -> [T] { v.enumerated().map { n[$0.offset] ? zero : $0.element } }
        switch block.data {
        case .int64(let v): return ColumnBlock(data: .int64(z(v, 0)), nulls: n)
        case .float64(let v): return ColumnBlock(data: .float64(z(v, 0)), nulls: n)
        case .decimal(let u, let s): return ColumnBlock(data: .decimal(unscaled: z(u, 0), scales: z(s, 0)), nulls: n)
        case .bool(let v): return ColumnBlock(data: .bool(z(v, false)), nulls: n)
        case .uuid(let h, let l): return ColumnBlock(data: .uuid(high: z(h, 0), low: z(l, 0)), nulls: n)
        case .bytes(let v): return ColumnBlock(data: .bytes(z(v, [])), nulls: n)
        }
    }

    /// Bit-exact equality (Double's == says NaN != NaN and 0.0 == -0.0).
    static func identical(_ a: ColumnBlock, _ b: ColumnBlock) -> Bool {
        guard a.nulls == b.nulls else { return false }
        if case .float64(let x) = a.data, case .float64(let y) = b.data {
            return x.map(\.bitPattern) == y.map(\.bitPattern)
        }
        return a.data == b.data
    }
}
