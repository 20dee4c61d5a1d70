/// A table as PostgreSQL's catalog would describe it: columns, constraints and indexes.
///
/// Index order is creation order; PRIMARY KEY and UNIQUE constraints appear as indexes with
/// their ``IndexDefinition/Origin`` and the names PostgreSQL gives them.
public struct TableDefinition: Sendable, Hashable {
    public var name: String
    public var columns: [ColumnDefinition]
    public var checks: [CheckConstraint]
    public var indexes: [IndexDefinition]
    /// `WITH (fillfactor = …)` on the table; nil is 100.
    public var fillfactor: Int?
    public var foreignKeys: [ForeignKeyDefinition]
    /// Set once migrations call `create_hypertable` on the table.
    public var hypertable: HypertableDefinition?

    public init(name: String, columns: [ColumnDefinition], checks: [CheckConstraint] = [], indexes: [IndexDefinition] = [], fillfactor: Int? = nil,
                foreignKeys: [ForeignKeyDefinition] = [], hypertable: HypertableDefinition? = nil) {
        self.name = name
        self.columns = columns
        self.checks = checks
        self.indexes = indexes
        self.fillfactor = fillfactor
        self.foreignKeys = foreignKeys
        self.hypertable = hypertable
    }

    /// The position of a column, or nil.
    public func columnIndex(_ name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    public func column(_ name: String) -> ColumnDefinition? {
        columnIndex(name).map { columns[$0] }
    }

    /// The PRIMARY KEY index, if any.
    public var primaryKey: IndexDefinition? { indexes.first { $0.origin == .primaryKey } }

    /// Every unique index (PRIMARY KEY, UNIQUE constraints, CREATE UNIQUE INDEX).
    public var uniqueIndexes: [IndexDefinition] { indexes.filter(\.unique) }

    /// The name PostgreSQL generates for a constraint or index: `table_col1_col2_suffix`, each part
    /// cut so the whole fits in NAMEDATALEN-1 = 63 bytes (`ChooseRelationName`/`makeObjectName`).
    public static func generatedName(table: String, columns: [String], suffix: String) -> String {
        let columnPart = columns.joined(separator: "_")
        var t = Array(table.utf8), c = Array(columnPart.utf8)
        let budget = 63 - suffix.utf8.count - 1 - (c.isEmpty ? 0 : 1)
        // makeObjectName trims the longer of the two names first, one byte at a time.
        while t.count + c.count > budget {
            if t.count > c.count { t.removeLast() } else { c.removeLast() }
        }
        var name = String(decoding: t, as: UTF8.self)
        if !c.isEmpty { name += "_" + String(decoding: c, as: UTF8.self) }
        return name + "_" + suffix
    }
}
