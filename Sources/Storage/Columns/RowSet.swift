import Schema

/// Rows of one table held column-wise: what COPY produces and what chunks store.
public struct RowSet: Sendable, Equatable {
    public let table: TableDefinition
    /// One vector per table column, in table column order.
    public private(set) var columns: [ColumnVector]

    public init(table: TableDefinition, columns: [ColumnVector]) {
        precondition(columns.count == table.columns.count, "one vector per column")
        self.table = table
        self.columns = columns
    }

    /// An empty row set for a table.
    public init(table: TableDefinition, capacity: Int = 0) {
        self.table = table
        self.columns = table.columns.map { ColumnVector(type: $0.type, capacity: capacity) }
    }

    public var count: Int { columns.first?.count ?? 0 }

    /// The vector of a named column.
    public func column(_ name: String) -> ColumnVector? {
        table.columnIndex(name).map { columns[$0] }
    }

    /// Row i as values in table column order.
    public func row(_ i: Int) -> [Value] { columns.map { $0.value(at: i) } }

    /// Appends a row of already-validated values in table column order.
    public mutating func append(row: [Value]) {
        precondition(row.count == columns.count, "one value per column")
        for (c, v) in row.enumerated() {
            let ok = columns[c].append(v)
            precondition(ok, "value kind does not match column \(table.columns[c].name)")
        }
    }

    /// The rows at the given positions, in that order.
    public func gathering(_ rows: [Int]) -> RowSet {
        RowSet(table: table, columns: columns.map { $0.gathering(rows) })
    }

    /// Rows `range`, copied array by array (no index per row, as ``gathering(_:)`` needs).
    public func rows(_ range: Range<Int>) -> RowSet {
        if range == 0..<count { return self }
        return RowSet(table: table, columns: columns.map { ColumnVector.concatenating([($0, .range(range))], type: $0.type) })
    }

    /// Appends another set's rows of the same table in place.
    public mutating func append(contentsOf other: RowSet) {
        precondition(other.columns.count == columns.count, "one vector per column")
        for c in columns.indices { columns[c].append(contentsOf: other.columns[c]) }
    }

    /// These rows followed by another set's rows of the same table.
    public func appending(_ other: RowSet) -> RowSet {
        RowSet(table: table, columns: zip(columns, other.columns).map { $0.appending($1) })
    }
}
