import Schema
import Storage

/// Builds a generated table row by row from named values; columns not set are NULL (or fail if
/// NOT NULL). The prediction generators use it: their rows are few, so `Value`s are fine there.
struct RowSetBuilder {
    let table: TableDefinition
    private(set) var rows: RowSet
    private var pending: [Value]

    init(table: TableDefinition) {
        self.table = table
        self.rows = RowSet(table: table)
        self.pending = Array(repeating: .null, count: table.columns.count)
    }

    mutating func set(_ column: String, _ value: Value) {
        if let i = table.columnIndex(column) { pending[i] = value }
    }

    mutating func endRow() {
        rows.append(row: pending)
        pending = Array(repeating: .null, count: table.columns.count)
    }
}
