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
    /// `WITH (toast_tuple_target = …)`: the size TOAST shrinks a tuple over the threshold to
    /// (`RelationGetToastTupleTarget`); nil is `TOAST_TUPLE_TARGET` (2,032 B).
    public var toastTupleTarget: Int?
    public var foreignKeys: [ForeignKeyDefinition]
    /// Set once migrations call `create_hypertable` on the table.
    public var hypertable: HypertableDefinition?
    /// The schema its CREATE TABLE names (`mkt` of `mkt.trades`); nil when unqualified. The
    /// catalog keeps one namespace (search_path is not modelled): this is what `migrate` writes.
    public var schema: String?
    /// `PARTITION BY …`: a declaratively partitioned table (the parent of its partitions).
    public var partitionKey: PartitionKey?
    /// `ALTER TABLE … ENABLE ROW LEVEL SECURITY` is in force.
    public var rowLevelSecurity = false
    /// The attributes `DROP COLUMN` removed, which PostgreSQL keeps in the tuple descriptor
    /// (``DroppedAttribute``), in attnum order. None of them is in ``columns``.
    public var droppedAttributes: [DroppedAttribute] = []
    /// `CREATE UNLOGGED TABLE` or `ALTER TABLE … SET UNLOGGED` (`relpersistence = 'u'`): each of its
    /// indexes, and its TOAST table's, has an init fork (the relation as empty, copied over the
    /// main fork at crash recovery).
    public var unlogged = false

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

    /// `natts` of the table's tuple descriptor: its columns and the dropped attributes it keeps.
    public var attributeCount: Int { columns.count + droppedAttributes.count }

    /// Every attribute in attnum order, dropped ones as they were when dropped: the table's widest
    /// shape, which decided its TOAST table.
    public var attributesInOrder: [ColumnDefinition] {
        var out: [ColumnDefinition] = []
        var live = columns[...]
        var dropped = droppedAttributes[...]
        while !live.isEmpty || !dropped.isEmpty {
            if let d = dropped.first, d.position <= out.count || live.isEmpty {
                out.append(d.column)
                dropped = dropped.dropFirst()
            } else if let c = live.first {
                out.append(c)
                live = live.dropFirst()
            }
        }
        return out
    }

    /// Column `index` of ``columns`` removed as `DROP COLUMN` removes it: kept as a
    /// ``DroppedAttribute`` at its attnum. (Indexes and constraints on it are the caller's.)
    public mutating func dropColumn(at index: Int) {
        // Its attnum: the live columns before it, and the dropped attributes placed among them.
        var position = index
        for d in droppedAttributes where d.position <= position { position += 1 }
        droppedAttributes.append(DroppedAttribute(position: position, column: columns[index]))
        droppedAttributes.sort { $0.position < $1.position }
        columns.remove(at: index)
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

extension TableDefinition {
    /// The table with column `old` named `new` everywhere the definition names it: the column, its
    /// indexes' keys, INCLUDE lists and predicates, CHECK predicates, foreign keys, and the
    /// hypertable's dimensions and compression settings (TimescaleDB renames those with it).
    public func renamingColumn(_ old: String, to new: String) -> TableDefinition {
        func n(_ c: String) -> String { c == old ? new : c }
        var t = self
        for i in t.columns.indices where t.columns[i].name == old { t.columns[i].name = new }
        for i in t.indexes.indices {
            for k in t.indexes[i].keys.indices { t.indexes[i].keys[k].column = t.indexes[i].keys[k].column.map(n) }
            t.indexes[i].include = t.indexes[i].include.map(n)
            t.indexes[i].predicate = t.indexes[i].predicate?.renamingColumn(old, to: new)
        }
        for i in t.checks.indices { t.checks[i].predicate = t.checks[i].predicate.renamingColumn(old, to: new) }
        for i in t.columns.indices { t.columns[i].generated = t.columns[i].generated?.renamingColumn(old, to: new) }
        for i in t.foreignKeys.indices { t.foreignKeys[i].columns = t.foreignKeys[i].columns.map(n) }
        if var h = t.hypertable {
            h.timeColumn = n(h.timeColumn)
            h.segmentBy = h.segmentBy.map(n)
            for o in h.orderBy.indices { h.orderBy[o].column = n(h.orderBy[o].column) }
            for d in h.additionalDimensions.indices { h.additionalDimensions[d].column = n(h.additionalDimensions[d].column) }
            t.hypertable = h
        }
        return t
    }
}

