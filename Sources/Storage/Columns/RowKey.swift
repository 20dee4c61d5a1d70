import Schema

/// Hashing and equality of a few columns of one row, read straight from the typed vectors: the
/// engine's unique-key and segment lookups compare keys without building a `Value` per row.
///
/// Equality is a unique index's: numerics by value (`1.0 = 1.00`), doubles with NaN equal to NaN,
/// text byte-wise (PostgreSQL's deterministic collations). A NULL equals a NULL and nothing else,
/// as a `NULLS NOT DISTINCT` index compares them; under `NULLS DISTINCT` rows with a NULL in the
/// key are the caller's business (it leaves them out: a NULL never equals anything there).
enum RowKey {
    /// Whether row `x` of `a` and row `y` of `b` hold equal values in the given columns (same
    /// positions in both, vectors of the same types).
    @inline(__always)
    static func equal(_ a: [ColumnVector], _ x: Int, _ b: [ColumnVector], _ y: Int, columns: [Int]) -> Bool {
        for c in columns where !equal(a[c], x, b[c], y) { return false }
        return true
    }

    /// Whether two values of vectors of one type are equal (NULL equal to NULL only).
    @inline(__always)
    static func equal(_ a: ColumnVector, _ x: Int, _ b: ColumnVector, _ y: Int) -> Bool {
        if a.hasNulls || b.hasNulls {
            let (nullX, nullY) = (a.isNull(at: x), b.isNull(at: y))
            if nullX || nullY { return nullX == nullY }
        }
        switch (a.storage, b.storage) {
        case (.bool(let p), .bool(let q)): return p[x] == q[y]
        case (.int64(let p), .int64(let q)), (.time(let p), .time(let q)): return p[x] == q[y]
        case (.double(let p), .double(let q)): return p[x] == q[y] || (p[x].isNaN && q[y].isNaN)
        case (.numeric(let u, let s), .numeric(let v, let t)):
            if s[x] == t[y] { return u[x] == v[y] }
            return PGNumeric(unscaled: u[x], scale: Int(s[x])) == PGNumeric(unscaled: v[y], scale: Int(t[y]))
        case (.wideNumeric(let p), .wideNumeric(let q)): return p[x] == q[y]
        case (.wideNumeric(let p), .numeric(let v, let t)): return p[x] == .narrow(PGNumeric(unscaled: v[y], scale: Int(t[y])))
        case (.numeric(let u, let s), .wideNumeric(let q)): return .narrow(PGNumeric(unscaled: u[x], scale: Int(s[x]))) == q[y]
        case (.uuid(let p), .uuid(let q)): return p[x] == q[y]
        case (.string(let p), .string(let q)):
            // The same representation (one interned buffer, or the same small-string bits) is the same bytes.
            if CompressionSortKeys.StringBits(p[x]) == CompressionSortKeys.StringBits(q[y]) { return true }
            return p[x].utf8.elementsEqual(q[y].utf8)
        default: return false
        }
    }

    /// The hash a NULL key value takes in a `NULLS NOT DISTINCT` unique index (``hashes(_:_:rows:nullHash:)``).
    static let nullKeyHash: UInt64 = 0x6E75_6C6C_6B65_7973

    /// The hash of a narrow NUMERIC: trailing zeros removed, so equal values hash alike.
    @inline(__always)
    static func numericHash(_ unscaled: Int64, _ scale: Int16) -> UInt64 {
        var v = unscaled, k = scale
        while k > 0 && v % 10 == 0 { v /= 10; k -= 1 }
        return mix(UInt64(bitPattern: v), UInt64(UInt16(bitPattern: k)))
    }

    /// The hash of a NUMERIC of any width, equal to the narrow hash for every value the narrow
    /// form can hold.
    static func numericHash(_ value: NumericValue) -> UInt64 {
        switch value {
        case .narrow(let n): return numericHash(n.unscaled, Int16(truncatingIfNeeded: n.scale))
        case .wide(let w):
            let (narrow, digits, scale) = w.withoutTrailingZeros
            if let narrow { return numericHash(narrow.unscaled, Int16(truncatingIfNeeded: narrow.scale)) }
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for d in digits { h = (h ^ UInt64(d)) &* 0x100_0000_01B3 }
            return mix(mix(h, UInt64(scale)), w.isNegative ? 1 : 0)
        }
    }

    /// The 64-bit hashes of rows `rows` for the key `columns` (positions into `vectors`), equal keys
    /// hashing alike, with `nullHash` mixed in for a NULL when given (a NULL row's hash is
    /// otherwise its placeholder's). One `switch` per column, not per row; a dictionary-coded
    /// column hashes each distinct value once.
    static func hashes(_ vectors: [ColumnVector], _ columns: [Int], rows: Range<Int>, nullHash: UInt64? = nil) -> [UInt64] {
        var out = [UInt64](repeating: 0x9E37_79B9_7F4A_7C15, count: rows.count)
        for c in columns { mixHashes(vectors[c], rows: rows, into: &out, nullHash: nullHash) }
        return out
    }

    /// Mixes each row's hash of one column into `out` (position k for row `rows.lowerBound + k`).
    private static func mixHashes(_ vector: ColumnVector, rows: Range<Int>, into out: inout [UInt64], nullHash: UInt64?) {
        @inline(__always) func each(_ value: (Int) -> UInt64) {
            let nulls = nullHash != nil && vector.hasNulls
            out.withUnsafeMutableBufferPointer { o in
                var k = 0
                for r in rows {
                    o[k] = mix(o[k], nulls && vector.isNull(at: r) ? nullHash ?? 0 : value(r))
                    k += 1
                }
            }
        }
        switch vector.storage {
        case .bool(let a): each { a[$0] ? 1 : 2 }
        case .int64(let a), .time(let a): a.withUnsafeBufferPointer { p in each { UInt64(bitPattern: p[$0]) } }
        case .double(let a):
            each {
                let x = a[$0]
                if x.isNaN { return 0x7FF8_0000_0000_0000 }
                return x == 0 ? 0 : x.bitPattern
            }
        case .numeric(let u, let s): each { numericHash(u[$0], s[$0]) }
        case .wideNumeric(let a): each { numericHash(a[$0]) }
        case .uuid(let a):
            guard let codes = a.codes, let distinct = a.distinctValues else {
                each { mix(a[$0].high, a[$0].low) }
                return
            }
            let hashOfCode = distinct.map { mix($0.high, $0.low) }
            each { hashOfCode[Int(codes[$0])] }
        case .string(let a):
            guard let codes = a.codes, let distinct = a.distinctValues else {
                each { stringHash(a[$0]) }
                return
            }
            // Only the codes these rows use are hashed (a gathered column shares a longer
            // dictionary): marked in one pass, each hashed once, then read per row.
            var used = [Bool](repeating: false, count: distinct.count)
            for r in rows { used[Int(codes[r])] = true }
            let hashOfCode = distinct.indices.map { used[$0] ? stringHash(distinct[$0]) : 0 }
            each { hashOfCode[Int(codes[$0])] }
        }
    }

    /// The hash of a text value: FNV-1a over its UTF-8 bytes.
    @inline(__always)
    static func stringHash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }

    /// Whether every row of `rows` holds the value of row `first` in one column (NULL equal to
    /// NULL): a group's key checked with one `switch` for the column.
    static func allEqual(_ vector: ColumnVector, rows: [Int], to first: Int) -> Bool {
        if vector.hasNulls {
            let null = vector.isNull(at: first)
            if rows.contains(where: { vector.isNull(at: $0) != null }) { return false }
            if null { return true }
        }
        switch vector.storage {
        case .string(let a):
            if let codes = a.codes {
                // One dictionary: equal codes are equal bytes, and distinct codes distinct bytes.
                let c = codes[first]
                return rows.allSatisfy { codes[$0] == c }
            }
            let v = a[first]
            return rows.allSatisfy { UTF8Equality.same(a[$0], v) }
        case .uuid(let a):
            if let codes = a.codes {
                let c = codes[first]
                return rows.allSatisfy { codes[$0] == c }
            }
            let v = a[first]
            return rows.allSatisfy { a[$0] == v }
        case .int64(let a), .time(let a):
            let v = a[first]
            return rows.allSatisfy { a[$0] == v }
        default:
            return rows.allSatisfy { equal(vector, $0, vector, first) }
        }
    }

    /// Whether row `r` has a NULL in any of the columns.
    @inline(__always)
    /// Per row, whether the key has a NULL; empty when no key column has a NULL at all.
    static func nullRows(_ vectors: [ColumnVector], _ columns: [Int], count: Int) -> [Bool] {
        let withNulls = columns.filter { vectors[$0].hasNulls }
        guard !withNulls.isEmpty else { return [] }
        var mask = [Bool](repeating: false, count: count)
        for c in withNulls {
            let isNull = vectors[c].isNull
            for r in 0..<count where isNull[r] { mask[r] = true }
        }
        return mask
    }

    static func hasNull(_ vectors: [ColumnVector], _ columns: [Int], row r: Int) -> Bool {
        for c in columns where vectors[c].isNull(at: r) { return true }
        return false
    }

    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        // A multiply-xorshift round (the 64-bit finalizer of MurmurHash3 over a ^ rotated b).
        var z = a ^ (b &* 0x9E37_79B9_7F4A_7C15)
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return z ^ (z >> 33)
    }
}
