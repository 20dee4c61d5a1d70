import Analytics
import Schema
import Storage

extension ServedTable {
    /// A set-returning function's rows as a table named after the function, so that a call is
    /// read as PostgREST reads `FROM fn(…)`: the same `select`, filters, `order`, ranges, counts
    /// and single object as a table read.
    ///
    /// With a `select` that lists columns (no `*`), PostgREST 12 has the call itself return only
    /// those columns (`SELECT pgrst_call.a, … FROM fn(…) pgrst_call`, Plan.inferColsEmbedNeeds):
    /// a selected column the function lacks is `42703 column pgrst_call.<column> does not exist`,
    /// and a filter or order on a column not selected is `column <fn>.<column> does not exist`
    /// (the table holds just the selected columns).
    init(function name: String, result: FunctionResult, returning select: [TableQuery.Selected]?) throws(RestError) {
        var kept = Array(result.columns.indices)
        if let select, !select.contains(.everyColumn) {
            let named = Set(select.map(\.column))
            for s in select where !result.columns.contains(where: { $0.name == s.column }) {
                throw RestError.unknownColumn(s.column, table: "pgrst_call", columns: result.columns.map(\.name))
            }
            kept = kept.filter { named.contains(result.columns[$0].name) }
        }
        let definition = TableDefinition(name: name, columns: kept.map { ColumnDefinition(result.columns[$0].name, result.columns[$0].type) })
        var columns = kept.map { ColumnVector(type: result.columns[$0].type, capacity: result.rows.count) }
        for row in result.rows {
            guard row.count == result.columns.count else {
                throw RestError.postgres("XX000", "function \(name) returned a row of \(row.count) values for \(result.columns.count) columns")
            }
            for (c, k) in kept.enumerated() where !columns[c].append(row[k]) {
                throw RestError.postgres("XX000", "function \(name) returned a value of another type for column \(result.columns[k].name)")
            }
        }
        self.init(definition: definition, rows: RowSet(table: definition, columns: columns))
    }

    /// The columns of the call itself, PostgREST's `pgrst_source` (`SELECT pgrst_call.… FROM
    /// fn(…) pgrst_call`), which names the CSV header of a call: every result column for a
    /// `select` with `*` (or none), else the selected columns once each in code-point order
    /// (Plan.inferColsEmbedNeeds returns `S.toList . S.fromList` of the names, before aliases and
    /// casts); nil when the call returned no row, before any filter or range.
    static func callColumns(_ result: FunctionResult, returning select: [TableQuery.Selected]?) -> [String]? {
        guard !result.rows.isEmpty else { return nil }
        guard let select, !select.contains(.everyColumn) else { return result.columns.map(\.name) }
        return Set(select.map(\.column)).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    /// The one column of a call to a function returning one value (`SELECT fn(…) pgrst_scalar`).
    static let scalarColumn = "pgrst_scalar"
}
