import Analytics
import Schema
import Storage

extension ServedTable {
    /// A set-returning function's rows as a table named after the function, so that a call is
    /// read as PostgREST reads `FROM fn(…)`: the same `select`, filters, `order`, ranges, counts
    /// and single object as a table read.
    init(function name: String, result: FunctionResult) throws(RestError) {
        let definition = TableDefinition(name: name, columns: result.columns.map { ColumnDefinition($0.name, $0.type) })
        var columns = result.columns.map { ColumnVector(type: $0.type, capacity: result.rows.count) }
        for row in result.rows {
            guard row.count == columns.count else {
                throw RestError.postgres("XX000", "function \(name) returned a row of \(row.count) values for \(columns.count) columns")
            }
            for (c, value) in row.enumerated() where !columns[c].append(value) {
                throw RestError.postgres("XX000", "function \(name) returned a value of another type for column \(result.columns[c].name)")
            }
        }
        self.init(definition: definition, rows: RowSet(table: definition, columns: columns))
    }
}
