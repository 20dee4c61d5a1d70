/// The rows of one simulated insert that came from different statements: several files loaded one
/// after another under `ON CONFLICT DO UPDATE`. Each statement's rows go as an insert of their own,
/// in statement order, so a key a later file repeats replaces the earlier file's row, as loading
/// the files one after another would on the server, while a key repeated within one statement
/// still cannot be updated twice (`ON CONFLICT DO UPDATE command cannot affect row a second time`).
enum StatementGroups {
    /// `positions` (in insert order) split by `statements[position]`: each group keeps the given
    /// order, the groups come in statement order; one group when every row has one statement.
    static func split(_ positions: [Int], statements: [Int32]) -> [[Int]] {
        guard let first = positions.first, positions.contains(where: { statements[$0] != statements[first] }) else {
            return positions.isEmpty ? [] : [positions]
        }
        var groups: [Int32: [Int]] = [:]
        for p in positions { groups[statements[p], default: []].append(p) }
        return groups.keys.sorted().map { groups[$0]! }
    }
}
