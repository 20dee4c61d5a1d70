import Schema

/// Adds incoming rows to existing rows of a table under all of its unique indexes, with
/// PostgreSQL's conflict behaviour (``ConflictAction``). The engine calls this where rows are
/// stored; the COPY reader does not, since conflicts depend on what is already there.
///
/// ```swift
/// let merged = try UniqueKeyMerge.merge(existing: stored, incoming: loaded, action: .nothing)
/// stored = merged.rows
/// ```
public enum UniqueKeyMerge {
    public struct Result: Sendable {
        /// Existing rows (updated in place under `.update`) followed by the inserted incoming rows.
        public var rows: RowSet
        /// Positions (among incoming rows) of the rows added as new rows.
        public var inserted: [Int]
        /// Positions of incoming rows dropped by `.nothing`.
        public var skipped: [Int]
        /// (existing position, incoming position) pairs replaced by `.update`.
        public var updated: [(existing: Int, incoming: Int)]
    }

    /// Merges `incoming` into `existing` (which must itself be free of duplicates).
    /// - Throws: the first ``UniqueViolation`` in incoming-row order, checking unique indexes in
    ///   table index order; nothing is merged then.
    public static func merge(existing: RowSet, incoming: RowSet, action: ConflictAction = .error,
                             zone: PGTimeZone = .utc) throws(UniqueViolation) -> Result {
        let all = existing.appending(incoming)
        let base = existing.count
        var indexes = existing.table.uniqueIndexes.compactMap { UniqueKeyIndex(index: $0, table: existing.table) }
        for r in 0..<base { for i in indexes.indices { indexes[i].insert(row: r, of: all) } }

        var inserted: [Int] = [], skipped: [Int] = [], updated: [(existing: Int, incoming: Int)] = []
        /// Result slot of each existing row, replaced by an incoming row under `.update`.
        var slots = Array(0..<base)
        switch action {
        case .error:
            for j in 0..<incoming.count {
                let r = base + j
                for i in indexes.indices where indexes[i].insert(row: r, of: all) != nil {
                    throw indexes[i].violation(row: r, incomingRow: j, of: all, zone: zone)
                }
                inserted.append(j)
            }
        case .nothing:
            for j in 0..<incoming.count {
                let r = base + j
                // A row is dropped when any unique index already holds its key (existing or earlier incoming).
                if indexes.contains(where: { $0.find(row: r, of: all) != nil }) { skipped.append(j); continue }
                for i in indexes.indices { indexes[i].insert(row: r, of: all) }
                inserted.append(j)
            }
        case .update(let target):
            let arbiter = target.flatMap { name in indexes.firstIndex { $0.index.name == name } }
                ?? indexes.firstIndex { $0.index.origin != .primaryKey } ?? indexes.indices.first
            for j in 0..<incoming.count {
                let r = base + j
                if let a = arbiter, let holder = indexes[a].find(row: r, of: all) {
                    // The key now belongs to a row this command inserted or already updated.
                    if holder >= base {
                        throw indexes[a].violation(row: r, incomingRow: j, of: all, zone: zone, kind: .updateAffectsRowTwice)
                    }
                    // Other unique indexes must still hold with the new row in the old one's place.
                    for i in indexes.indices where i != a {
                        if let other = indexes[i].find(row: r, of: all), other != holder {
                            throw indexes[i].violation(row: r, incomingRow: j, of: all, zone: zone)
                        }
                    }
                    for i in indexes.indices {
                        indexes[i].remove(row: holder, of: all)
                        indexes[i].insert(row: r, of: all)
                    }
                    slots[holder] = r
                    updated.append((existing: holder, incoming: j))
                    continue
                }
                for i in indexes.indices where indexes[i].insert(row: r, of: all) != nil {
                    throw indexes[i].violation(row: r, incomingRow: j, of: all, zone: zone)
                }
                inserted.append(j)
            }
        }
        let order = slots + inserted.map { base + $0 }
        let rows = (order.count == all.count && updated.isEmpty) ? all : all.gathering(order)
        return Result(rows: rows, inserted: inserted, skipped: skipped, updated: updated)
    }
}
