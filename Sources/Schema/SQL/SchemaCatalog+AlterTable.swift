extension SchemaCatalog {
    mutating func alterTable(_ a: AlterTable) -> [CatalogDiagnostic] {
        guard tables[a.table] != nil else {
            // ALTER TABLE also reaches sequences and views (OWNER TO, RENAME, SET SCHEMA).
            if let kind = otherRelations[a.table] { return [.warning("ALTER TABLE on \(kind) \"\(a.table)\" not modelled")] }
            if a.ifExists { return [.notice("relation \"\(a.table)\" does not exist, skipping")] }
            return [.error("relation \"\(a.table)\" does not exist")]
        }
        // RENAME TO stands alone (the grammar allows no other action beside it).
        if a.actions.count == 1, case .renameTable(let new) = a.actions[0] { return renameTable(a.table, to: new) }
        // ALTER TABLE is atomic: every action changes only this table, which is put back as it was
        // unless every action succeeds (copying the whole catalog per statement was quadratic).
        let saved = tables[a.table]
        var committed = false
        defer { if !committed { setTable(a.table, saved) } }
        var out: [CatalogDiagnostic] = []
        for action in a.actions {
            guard var table = tables[a.table] else { return [.error("relation \"\(a.table)\" does not exist")] }
            switch action {
            case .addColumn(let spec, let ifNotExists):
                if table.columnIndex(spec.name) != nil {
                    if ifNotExists { out.append(.notice("column \"\(spec.name)\" of relation \"\(a.table)\" already exists, skipping")); continue }
                    return [.error("column \"\(spec.name)\" of relation \"\(a.table)\" already exists")]
                }
                // tablecmds.c ATExecAddColumn: the new attnum may not pass MaxHeapAttributeNumber
                // (dropped columns keep their numbers).
                if table.attributeCount >= Self.maxColumns { return [Self.tooManyColumns] }
                switch column(from: spec, table: a.table) {
                case .failure(let d): return [d]
                case .success(let (col, warnings)):
                    // ADD COLUMN evaluates a non-volatile DEFAULT at once (the column's missing value),
                    // so a value that does not fit fails the ALTER, unlike CREATE TABLE.
                    if let tooLong = Self.addedDefaultTooLong(spec, column: col, warnings: warnings) { return [tooLong] }
                    table.columns.append(col)
                    // A generated column's expression: over the table's columns, immutable, assignable.
                    if let e = spec.generatedExpression {
                        if let d = checkAssignment(e, place: .generatedColumn, column: col, columns: table.columns) { return [d] }
                        table.columns[table.columns.count - 1].generated = e
                        table.columns[table.columns.count - 1].generatedSQL = spec.generatedSQL
                        if let warning = Self.generatedNotComputed(e, column: spec.name, table: a.table) { out.append(warning) }
                    }
                    out += warnings
                }
                setTable(a.table, table)
                for c in spec.constraints {
                    if let d = addConstraint(c, to: a.table) { return [d] }
                }
            case .dropColumn(let name, let ifExists):
                guard let i = table.columnIndex(name) else {
                    if ifExists { out.append(.notice("column \"\(name)\" of relation \"\(a.table)\" does not exist, skipping")); continue }
                    return [.error("column \"\(name)\" of relation \"\(a.table)\" does not exist")]
                }
                // PostgreSQL keeps the attribute, dropped (attisdropped), in the tuple descriptor.
                table.dropColumn(at: i)
                // Indexes and constraints on the column go with it (PostgreSQL drops them as dependents).
                table.indexes.removeAll { $0.keyColumns.contains(name) || $0.include.contains(name) || ($0.predicate?.referencedColumns.contains(name) ?? false) }
                table.checks.removeAll { $0.predicate.referencedColumns.contains(name) }
                table.foreignKeys.removeAll { $0.columns.contains(name) }
                setTable(a.table, table)
            case .alterColumnType(let name, let typeSQL, let type, let using):
                guard let i = table.columnIndex(name) else { return [.error("column \"\(name)\" of relation \"\(a.table)\" does not exist")] }
                if !using, let refusal = castRefusal(table.columns[i], to: typeSQL) { return [refusal] }
                if let refusal = defaultCastRefusal(table.columns[i], to: typeSQL) { return [refusal] }
                if case .failure(let refusal) = carry(typeSQL, modelled: type, into: &table.columns[i]) { return [refusal] }
                // ATExecAlterColumnType: the new type's typstorage, and the default compression.
                table.columns[i].storage = nil
                table.columns[i].compression = nil
                if type == nil && table.columns[i].enumLabels == nil {
                    out.append(Self.carriedTypeWarning(typeSQL: typeSQL, column: table.columns[i]))
                }
                setTable(a.table, table)
            case .alterColumnSetDefault(let name, let sql, let expression):
                guard let i = table.columnIndex(name) else { return [.error("column \"\(name)\" of relation \"\(a.table)\" does not exist")] }
                // cookDefault, as for CREATE TABLE: resolved and coerced by assignment, not evaluated.
                if let expression, let refusal = checkAssignment(expression, place: .columnDefault, column: table.columns[i], columns: []) {
                    return [refusal]
                }
                table.columns[i].defaultValue = sql.map { .expression($0) }
                // The value the engine fills in where it can (now(), a literal, gen_random_uuid()), as CREATE TABLE's.
                if let expression, let found = Self.enumDefault(expression, column: table.columns[i]) {
                    switch found {
                    case .success(let d): table.columns[i].defaultValue = d
                    case .failure(let refusal): return [refusal]
                    }
                } else if let expression, Self.isCarried(table.columns[i]) {
                    // A carried type's constant, read by its input as CREATE TABLE's is; anything else stays SQL.
                    if let d = Self.carriedDefault(expression, column: table.columns[i]) { table.columns[i].defaultValue = d }
                } else if let expression, let sql, case .success(let d) = ColumnDefaultRules.defaultValue(expression, sql: sql, for: table.columns[i].type, column: name) {
                    table.columns[i].defaultValue = d
                }
                table.columns[i].defaultSQL = ColumnDefaultRules.writtenSQL(sql, for: table.columns[i].defaultValue)
                setTable(a.table, table)
            case .alterColumnAddIdentity(let name, let sequenceName):
                // ATExecAddIdentity, after the type check transformColumnDefinition makes.
                guard let i = table.columnIndex(name) else { return [.error("column \"\(name)\" of relation \"\(a.table)\" does not exist")] }
                let column = table.columns[i]
                guard column.type.isInteger, column.catalogType == nil else { return [.error("identity column type must be smallint, integer, or bigint")] }
                if !column.notNull {
                    return [.error("column \"\(name)\" of relation \"\(a.table)\" must be declared NOT NULL before identity can be added")]
                }
                if column.defaultValue == .sequence { return [.error("column \"\(name)\" of relation \"\(a.table)\" is already an identity column")] }
                if column.defaultValue != nil { return [.error("column \"\(name)\" of relation \"\(a.table)\" already has a default value")] }
                table.columns[i].defaultValue = .sequence
                setTable(a.table, table)
                // A later `nextval('public.t_id_seq')` finds it (``implicitSequenceExists`` names the default one).
                if let sequenceName { otherRelations[sequenceName] = "sequence" }
            case .alterColumnDropIdentity(let name, let ifExists):
                // ATExecDropIdentity. (A serial column's nextval default is held as an identity's
                // sequence here, so DROP IDENTITY on one is taken where the server refuses it.)
                guard let i = table.columnIndex(name) else { return [.error("column \"\(name)\" of relation \"\(a.table)\" does not exist")] }
                guard table.columns[i].defaultValue == .sequence else {
                    if ifExists { continue }
                    return [.error("column \"\(name)\" of relation \"\(a.table)\" is not an identity column")]
                }
                table.columns[i].defaultValue = nil
                setTable(a.table, table)
            case .alterColumnDropExpression(let name, let ifExists):
                // ATExecDropExpression: the values stay, computed no more.
                guard let i = table.columnIndex(name) else { return [.error("column \"\(name)\" of relation \"\(a.table)\" does not exist")] }
                guard table.columns[i].generated != nil else {
                    if ifExists { continue }
                    return [.error("column \"\(name)\" of relation \"\(a.table)\" is not a stored generated column")]
                }
                table.columns[i].generated = nil
                table.columns[i].generatedSQL = nil
                setTable(a.table, table)
            case .alterColumnSetCompression(let name, let method):
                guard let i = table.columnIndex(name) else { return [.error("column \"\(name)\" of relation \"\(a.table)\" does not exist")] }
                switch ColumnCompression.method(method, for: table.columns[i]) {
                case .failure(let d): return [d]
                case .success(let m): table.columns[i].compression = m
                }
                setTable(a.table, table)
            case .alterColumnSetStorage(let name, let written):
                // ATExecSetStorage: a storage name, and a toastable type for any but PLAIN.
                guard let i = table.columnIndex(name) else { return [.error("column \"\(name)\" of relation \"\(a.table)\" does not exist")] }
                guard let storage = ColumnStorage(rawValue: written.lowercased()) else {
                    return [CatalogDiagnostic(severity: .error, message: "invalid storage type \"\(written)\"", sqlState: "22023")]
                }
                let column = table.columns[i]
                if storage != .plain, column.enumLabels != nil || (column.catalogType == nil && !column.type.isVarlena) {
                    return [CatalogDiagnostic(severity: .error, message: "column data type \(PostgresBuiltinCatalog.shared.display(column.typeName)) can only have storage PLAIN",
                                              sqlState: "22023")]
                }
                table.columns[i].storage = storage
                setTable(a.table, table)
            case .alterColumnNotNull(let name, let set):
                guard let i = table.columnIndex(name) else { return [.error("column \"\(name)\" of relation \"\(a.table)\" does not exist")] }
                if !set, table.primaryKey?.keyColumns.contains(name) == true {
                    return [.error("column \"\(name)\" is in a primary key")]
                }
                table.columns[i].notNull = set
                setTable(a.table, table)
            case .addConstraint(let c):
                if case .exclude(let sql) = c.kind { out.append(Self.excludeNotModelled(sql)); continue }
                if let d = addConstraint(c, to: a.table) { return [d] }
            case .dropConstraint(let name, let ifExists):
                let before = table
                table.indexes.removeAll { $0.name == name && $0.origin != .createIndex }
                table.checks.removeAll { $0.name == name }
                table.foreignKeys.removeAll { $0.name == name }
                if table == before {
                    if ifExists { out.append(.notice("constraint \"\(name)\" of relation \"\(a.table)\" does not exist, skipping")); continue }
                    return [.error("constraint \"\(name)\" of relation \"\(a.table)\" does not exist")]
                }
                setTable(a.table, table)
            case .renameColumn(let old, let new):
                guard table.columnIndex(old) != nil else { return [CatalogDiagnostic(severity: .error, message: "column \"\(old)\" does not exist", sqlState: "42703")] }
                guard table.columnIndex(new) == nil else {
                    return [CatalogDiagnostic(severity: .error, message: "column \"\(new)\" of relation \"\(a.table)\" already exists", sqlState: "42701")]
                }
                setTable(a.table, table.renamingColumn(old, to: new))
                // Other tables' foreign keys name the column too.
                for name in tableOrder where name != a.table {
                    guard var other = tables[name], other.foreignKeys.contains(where: { $0.referencedTable == a.table }) else { continue }
                    for f in other.foreignKeys.indices where other.foreignKeys[f].referencedTable == a.table {
                        other.foreignKeys[f].referencedColumns = other.foreignKeys[f].referencedColumns.map { $0 == old ? new : $0 }
                    }
                    setTable(name, other)
                }
            case .renameConstraint(let old, let new):
                let owned = table.indexes.contains { $0.name == old && $0.origin != .createIndex }
                    || table.checks.contains { $0.name == old } || table.foreignKeys.contains { $0.name == old }
                guard owned else {
                    return [CatalogDiagnostic(severity: .error, message: "constraint \"\(old)\" for table \"\(a.table)\" does not exist", sqlState: "42704")]
                }
                // A key's index takes the new name too, and must not clash with another relation.
                if table.indexes.contains(where: { $0.name == old }), relationExists(new) {
                    return [CatalogDiagnostic(severity: .error, message: "relation \"\(new)\" already exists", sqlState: "42P07")]
                }
                for i in table.indexes.indices where table.indexes[i].name == old { table.indexes[i].name = new }
                for i in table.checks.indices where table.checks[i].name == old { table.checks[i].name = new }
                for i in table.foreignKeys.indices where table.foreignKeys[i].name == old { table.foreignKeys[i].name = new }
                setTable(a.table, table)
            case .renameTable:
                // Beside other actions the grammar refuses it.
                return [CatalogDiagnostic(severity: .error, message: "syntax error at or near \"RENAME\"", sqlState: "42601")]
            case .setOptions(let options):
                // A partitioned table takes no storage parameter (partitioned_table_reloptions).
                if table.partitionKey != nil, let option = options.keys.sorted().first(where: { !$0.contains(".") }) {
                    return [CatalogDiagnostic(severity: .error, message: "unrecognized parameter \"\(option)\"", sqlState: "22023")]
                }
                if let refusal = TableStorageOptions.apply(options, to: &table) { return [refusal] }
                setTable(a.table, table)
            case .other(let text):
                let words = text.uppercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
                if words == "ENABLE ROW LEVEL SECURITY" || words == "DISABLE ROW LEVEL SECURITY" {
                    table.rowLevelSecurity = words.hasPrefix("ENABLE")
                    setTable(a.table, table)
                }
                // ATExecSetRelPersistence: the table, its indexes and TOAST table are rewritten
                // with the new persistence.
                if words == "SET UNLOGGED" || words == "SET LOGGED" {
                    table.unlogged = words == "SET UNLOGGED"
                    setTable(a.table, table)
                    continue
                }
                out.append(.warning("ALTER TABLE action not modelled: \(text)"))
            }
        }
        committed = true
        return out
    }

    /// `value too long for type character varying(n)` (or `numeric field overflow`) when ADD
    /// COLUMN's default, evaluated now, does not fit the column's type modifier. Volatile defaults
    /// are evaluated per row later instead.
    static func addedDefaultTooLong(_ spec: ColumnSpec, column: ColumnDefinition, warnings: [CatalogDiagnostic]) -> CatalogDiagnostic? {
        for phrase in ["value too long", "numeric field overflow"] {
            guard let w = warnings.first(where: { $0.message.contains(phrase) }) else { continue }
            guard let start = w.message.firstRange(of: phrase) else { return .error(w.message) }
            // numeric's detail (the precision and scale) is PostgreSQL's DETAIL line, not its message.
            if phrase == "numeric field overflow" { return .error(phrase) }
            let end = w.message.firstRange(of: " (every insert")?.lowerBound ?? w.message.endIndex
            return .error(String(w.message[start.lowerBound..<end]))
        }
        guard case .varchar(let n?) = column.type, let e = spec.defaultExpression, e.isEvaluable else { return nil }
        // A fixed transaction time: only the length of the text matters.
        guard let v = e.scalar(context: EvaluationContext(now: 1_735_689_600_000_000), value: { _ in nil }),
              var text = v.text(as: .timestamptz) else { return nil }
        if case .bool(let b) = v { text = b ? "true" : "false" }   // boolout via the text cast
        return text.count > n ? .error("value too long for type character varying(\(n))") : nil
    }

    /// `ALTER TABLE old RENAME TO new`: the table's name changes; its indexes and constraints keep
    /// theirs (PostgreSQL renames none of them), other tables' foreign keys follow it.
    mutating func renameTable(_ old: String, to new: String) -> [CatalogDiagnostic] {
        guard var table = tables[old] else { return [.error("relation \"\(old)\" does not exist")] }
        if relationExists(new) { return [CatalogDiagnostic(severity: .error, message: "relation \"\(new)\" already exists", sqlState: "42P07")] }
        table.name = new
        for i in table.indexes.indices { table.indexes[i].table = new }
        setTable(old, nil)
        setTable(new, table)
        tableOrder = tableOrder.map { $0 == old ? new : $0 }
        if tablesWithRows.remove(old) != nil { tablesWithRows.insert(new) }
        for name in tableOrder where name != new {
            guard var other = tables[name], other.foreignKeys.contains(where: { $0.referencedTable == old }) else { continue }
            for f in other.foreignKeys.indices where other.foreignKeys[f].referencedTable == old { other.foreignKeys[f].referencedTable = new }
            setTable(name, other)
        }
        return []
    }
}

extension SchemaCatalog {
    /// `ATPrepAlterColumnType` without USING: the column's values must reach the new type by an
    /// assignment coercion (a cast of context `a` or `i`, or I/O to a string type); otherwise
    /// `column "x" cannot be cast automatically to type integer` (42804). Nil when the coercion
    /// exists, and when either type is one the built-in catalog cannot judge (a type `CREATE TYPE`
    /// or an extension defines). Arrays coerce element by element (`array_coerce`); nothing else
    /// becomes an array.
    func castRefusal(_ column: ColumnDefinition, to typeSQL: String) -> CatalogDiagnostic? {
        let builtin = PostgresBuiltinCatalog.shared
        let source = column.typeName
        guard case .success(let found) = catalogTypeName(typeSQL), let target = found,
              builtin.types[source] != nil, builtin.types[target] != nil,
              !userTypes.contains(source), !userTypes.contains(target) else { return nil }
        let resolver = resolver(.columnDefault, columns: [])
        let sourceElement = source.hasPrefix("_") ? builtin.types[source]?.element : nil
        let targetElement = target.hasPrefix("_") ? builtin.types[target]?.element : nil
        let coercible: Bool
        switch (sourceElement, targetElement) {
        case (let s?, let t?): coercible = resolver.canCoerce(s, to: t, context: "a")
        case (nil, _?): coercible = false
        default: coercible = resolver.canCoerce(source, to: target, context: "a")
        }
        guard !coercible else { return nil }
        // format_type_be: the type's name without its modifiers.
        return .error("column \"\(column.name)\" cannot be cast automatically to type \(builtin.display(target))")
    }

    /// `ATExecAlterColumnType` on a column with a DEFAULT: the default, stripped of the implicit
    /// coercion cookDefault gave it, must reach the new type by an assignment coercion, USING or
    /// not; otherwise `default for column "y" cannot be cast automatically to type integer`
    /// (42804). The stripped default's type: `now()`'s timestamptz, `nextval`'s bigint,
    /// `gen_random_uuid()`'s uuid, a literal's the column's own; nil for other defaults and for
    /// types the built-in catalog cannot judge.
    func defaultCastRefusal(_ column: ColumnDefinition, to typeSQL: String) -> CatalogDiagnostic? {
        let builtin = PostgresBuiltinCatalog.shared
        let source: String
        switch column.defaultValue {
        case nil, .expression?: return nil
        case .now?: source = "timestamptz"
        case .sequence?: source = "int8"
        case .randomUUID?: source = "uuid"
        case .value?: source = column.typeName
        }
        guard case .success(let found) = catalogTypeName(typeSQL), let target = found, source != target,
              builtin.types[source] != nil, builtin.types[target] != nil, !userTypes.contains(target) else { return nil }
        var probe = column
        probe.defaultValue = nil
        probe.type = .text
        probe.catalogType = source
        guard castRefusal(probe, to: typeSQL) != nil else { return nil }
        return CatalogDiagnostic(severity: .error, message: "default for column \"\(column.name)\" cannot be cast automatically to type \(builtin.display(target))",
                                 sqlState: "42804")
    }
}
