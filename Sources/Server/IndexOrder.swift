import Schema

/// The btree index a read's `order` can be taken from once its `eq` filters fix the leading
/// columns (`ticker_id=eq.…&order=timestamp.desc` on `(ticker_id, timestamp DESC)`): PostgreSQL
/// may then read the rows in index order instead of sorting them, so rows tying on every `order`
/// key come in the order of the index's remaining keys and then of their heap position
/// (ascending on a forward scan, descending on a backward one). Whether it does is the planner's
/// cost choice; ``ServedTable/select(_:zone:clock:bound:)`` takes the index over a table of more
/// than ``ServedTable/sortedTableRows`` rows, or for a `LIMIT` of at most a third of the rows.
struct IndexOrder {
    /// Keys that break ties after the `order` terms: (column, descending, NULLs first).
    var tieKeys: [(column: Int, descending: Bool, nullsFirst: Bool)]
    /// A backward scan: ties in descending heap order.
    var backward: Bool

    init(tieKeys: [(column: Int, descending: Bool, nullsFirst: Bool)], backward: Bool) {
        self.tieKeys = tieKeys
        self.backward = backward
    }

    /// The columns a read's top-level `eq` filters fix.
    static func fixedColumns(_ query: TableQuery) -> Set<String> {
        Set(query.filters.filter { $0.op == .eq && !$0.negated }.map(\.column))
    }

    /// The index with the fewest keys that gives `query.order` after its `eq`-fixed columns;
    /// nil when none does.
    init?(_ query: TableQuery, table: TableDefinition) {
        let fixed = IndexOrder.fixedColumns(query)
        guard !query.order.isEmpty, query.order.allSatisfy(\.path.isEmpty) else { return nil }
        var best: (keys: Int, order: IndexOrder)?
        for index in table.indexes where index.method == .btree && index.predicate == nil {
            let keys = index.keys
            guard keys.allSatisfy({ $0.column != nil }) else { continue }
            var i = 0, j = 0, backward: Bool?, matched = true
            while j < query.order.count {
                let term = query.order[j]
                if i < keys.count, keys[i].column == term.column {
                    let key = keys[i]
                    let forward = term.descending == key.descending && term.nullsFirst == key.effectiveNullsFirst
                    let reverse = term.descending != key.descending && term.nullsFirst != key.effectiveNullsFirst
                    guard forward || reverse, backward == nil || backward == reverse else { matched = false; break }
                    backward = reverse
                    i += 1; j += 1
                } else if i < keys.count, let c = keys[i].column, fixed.contains(c) {
                    i += 1
                } else if fixed.contains(term.column) {
                    j += 1
                } else {
                    matched = false; break
                }
            }
            guard matched, let backward else { continue }
            var ties: [(column: Int, descending: Bool, nullsFirst: Bool)] = []
            for key in keys[i...] {
                guard let name = key.column, let c = table.columnIndex(name) else { continue }
                ties.append((c, key.descending != backward, key.effectiveNullsFirst != backward))
            }
            if best == nil || keys.count < best!.keys { best = (keys.count, IndexOrder(tieKeys: ties, backward: backward)) }
        }
        guard let best else { return nil }
        self = best.order
    }
}
