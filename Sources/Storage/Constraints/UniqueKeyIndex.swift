import Schema

/// Finds rows with equal keys under one unique index, the way a PostgreSQL unique B-tree does:
/// keys compare by value (`1.0 = 1.00`, text byte-wise), any NULL in a key makes it distinct from
/// every other key (PostgreSQL 15 default `NULLS DISTINCT`; under `NULLS NOT DISTINCT` a NULL equals
/// a NULL), and a partial index only holds rows its predicate selects.
///
/// ```swift
/// var index = UniqueKeyIndex(index: table.uniqueIndexes[1], table: table)!
/// let earlier = index.insert(row: 7, of: rows)   // row that already holds the key, or nil
/// ```
public struct UniqueKeyIndex: Sendable {
    public let index: IndexDefinition
    let positions: [Int]
    let names: [String]
    /// Key hash → rows with that hash.
    private var buckets: [Int: [Int]] = [:]

    /// nil when the index is not unique or has expression keys (not modelled).
    public init?(index: IndexDefinition, table: TableDefinition) {
        guard index.unique, index.keys.allSatisfy({ $0.column != nil }) else { return nil }
        var positions: [Int] = []
        for name in index.keyColumns {
            guard let p = table.columnIndex(name) else { return nil }
            positions.append(p)
        }
        self.index = index
        self.positions = positions
        self.names = index.keyColumns
    }

    /// Whether the row takes part: no NULL key column (unless `NULLS NOT DISTINCT`) and, for a
    /// partial index, the predicate holds.
    public func covers(row r: Int, of rows: RowSet) -> Bool {
        if !index.nullsNotDistinct {
            for p in positions where rows.columns[p].isNull(at: r) { return false }
        }
        if let predicate = index.predicate {
            return predicate.truth { name in rows.column(name)?.value(at: r) }.selectsRow
        }
        return true
    }

    /// The row already indexed with the same key as row `r`, if any; does not insert.
    public func find(row r: Int, of rows: RowSet) -> Int? {
        guard covers(row: r, of: rows), let bucket = buckets[hash(row: r, of: rows)] else { return nil }
        return bucket.first { keysEqual(r, $0, rows) }
    }

    /// Indexes row `r` unless its key is present; returns the row already holding the key.
    @discardableResult
    public mutating func insert(row r: Int, of rows: RowSet) -> Int? {
        guard covers(row: r, of: rows) else { return nil }
        let h = hash(row: r, of: rows)
        if let bucket = buckets[h], let other = bucket.first(where: { keysEqual(r, $0, rows) }) { return other }
        buckets[h, default: []].append(r)
        return nil
    }

    /// Forgets row `r`'s entry (the row was replaced).
    public mutating func remove(row r: Int, of rows: RowSet) {
        let h = hash(row: r, of: rows)
        guard var bucket = buckets[h], let i = bucket.firstIndex(of: r) else { return }
        bucket.remove(at: i)
        buckets[h] = bucket.isEmpty ? nil : bucket
    }

    /// The violation PostgreSQL reports for row `r`'s key.
    func violation(row r: Int, incomingRow: Int, of rows: RowSet, zone: PGTimeZone, kind: UniqueViolation.Kind = .duplicateKey) -> UniqueViolation {
        let values = positions.map { p in rows.columns[p].value(at: r).text(as: rows.table.columns[p].type, zone: zone) ?? "null" }
        return UniqueViolation(kind: kind, constraint: index.name, keyColumns: names.map(QuotedIdentifier.quote),
                               keyValues: values, incomingRow: incomingRow)
    }

    private func hash(row r: Int, of rows: RowSet) -> Int {
        var hasher = Hasher()
        for p in positions {
            // Only a NULLS NOT DISTINCT index holds NULLs: they hash alike, whatever the placeholder.
            if rows.columns[p].isNull(at: r) {
                hasher.combine(0x6E75_6C6C)
                continue
            }
            switch rows.columns[p].storage {
            case .bool(let a): hasher.combine(a[r])
            case .int64(let a), .time(let a): hasher.combine(a[r])
            case .double(let a): hasher.combine(a[r])
            case .numeric(let u, let s): hasher.combine(PGNumeric(unscaled: u[r], scale: Int(s[r])))
            case .wideNumeric(let a): hasher.combine(a[r])
            case .uuid(let a): hasher.combine(a[r])
            case .string(let a): hasher.combine(a[r])
            }
        }
        return hasher.finalize()
    }

    private func keysEqual(_ x: Int, _ y: Int, _ rows: RowSet) -> Bool {
        for p in positions {
            let (nullX, nullY) = (rows.columns[p].isNull(at: x), rows.columns[p].isNull(at: y))
            if nullX || nullY {
                if nullX != nullY { return false }
                continue
            }
            let equal: Bool
            switch rows.columns[p].storage {
            case .bool(let a): equal = a[x] == a[y]
            case .int64(let a), .time(let a): equal = a[x] == a[y]
            case .double(let a): equal = a[x] == a[y] || (a[x].isNaN && a[y].isNaN)
            case .numeric(let u, let s): equal = PGNumeric(unscaled: u[x], scale: Int(s[x])) == PGNumeric(unscaled: u[y], scale: Int(s[y]))
            case .wideNumeric(let a): equal = a[x] == a[y]
            case .uuid(let a): equal = a[x] == a[y]
            // Deterministic collations compare bytes, not Unicode canonical equivalence.
            case .string(let a): equal = a[x].utf8.elementsEqual(a[y].utf8)
            }
            if !equal { return false }
        }
        return true
    }
}
