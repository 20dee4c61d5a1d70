extension SchemaCatalog {
    mutating func createTable(_ c: CreateTable) -> [CatalogDiagnostic] {
        if relationExists(c.name) {
            if c.ifNotExists { return [.notice("relation \"\(c.name)\" already exists, skipping")] }
            return [.error("relation \"\(c.name)\" already exists")]
        }
        var table = TableDefinition(name: c.name, columns: [])
        table.schema = c.schema
        table.unlogged = c.unlogged
        var out: [CatalogDiagnostic] = []
        for source in c.like {
            guard let other = tables[source] else { return [.error("relation \"\(source)\" does not exist")] }
            table.columns += other.columns.map { col in
                // LIKE without INCLUDING DEFAULTS copies NOT NULL but not defaults.
                ColumnDefinition(col.name, col.type, notNull: col.notNull)
            }
        }
        var constraints: [TableConstraintSpec] = []
        if c.partitionBy != nil {
            // transformTableConstraint, then DefineRelation's reloptions: a partitioned table takes
            // no exclusion constraint and no storage parameter.
            if (c.columns.flatMap(\.constraints) + c.constraints).contains(where: { if case .exclude = $0.kind { true } else { false } }) {
                return [CatalogDiagnostic(severity: .error, message: "exclusion constraints are not supported on partitioned tables", sqlState: "0A000")]
            }
            if let option = c.options.keys.sorted().first(where: { !$0.contains(".") }) {
                return [CatalogDiagnostic(severity: .error, message: "unrecognized parameter \"\(option)\"", sqlState: "22023")]
            }
        }
        // DefineRelation resolves every column's type (BuildDescForRelation) before any DEFAULT is cooked.
        for spec in c.columns {
            if case .failure(let d) = catalogTypeName(spec.typeSQL) { return [d] }
        }
        for spec in c.columns {
            if table.columnIndex(spec.name) != nil {
                return [.error("column \"\(spec.name)\" specified more than once")]
            }
            switch column(from: spec, table: table.name) {
            case .failure(let d): return [d]
            case .success(let (col, warnings)):
                table.columns.append(col)
                out += warnings
            }
            constraints += spec.constraints
        }
        // heap.c CheckAttributeNamesTypes: MaxHeapAttributeNumber (1600) columns, 54011.
        if table.columns.count > Self.maxColumns { return [Self.tooManyColumns] }
        if let spec = c.partitionBy {
            var keyed = table
            for col in c.columns where col.generatedExpression != nil {
                if let i = keyed.columnIndex(col.name) { keyed.columns[i].generated = col.generatedExpression }
            }
            switch partitionKey(strategy: spec.strategy, parts: spec.parts, table: keyed) {
            case .failure(let d): return out + [d]
            case .success(let key): table.partitionKey = key
            }
        }
        for spec in c.columns {
            guard let e = spec.generatedExpression, let col = table.columns.first(where: { $0.name == spec.name }) else { continue }
            // A generation expression may not read another generated column (transformColumnRef).
            if let other = e.referencedColumns.first(where: { name in c.columns.contains { $0.name == name && $0.generatedExpression != nil } }) {
                return out + [CatalogDiagnostic(severity: .error, message: "cannot use generated column \"\(other)\" in column generation expression", sqlState: "42P17")]
            }
            if let d = checkAssignment(e, place: .generatedColumn, column: col, columns: table.columns) { return out + [d] }
            if let i = table.columnIndex(spec.name) {
                table.columns[i].generated = e
                table.columns[i].generatedSQL = spec.generatedSQL
            }
            if let warning = Self.generatedNotComputed(e, column: spec.name, table: table.name) { out.append(warning) }
        }
        // Column constraints, then table constraints; the primary key index is built first
        // (transformIndexConstraints).
        constraints += c.constraints
        let primary = constraints.filter { if case .primaryKey = $0.kind { return true } else { return false } }
        constraints = primary + constraints.filter { if case .primaryKey = $0.kind { return false } else { return true } }
        // Storage parameters as reloptions.c checks them (TimescaleDB's are read by its own rules).
        if let refusal = TableStorageOptions.apply(c.options, to: &table) { return [refusal] }
        // Atomic without copying the catalog (a copy per statement made long migrations quadratic):
        // add the table, and take it out again if a constraint fails.
        let previous = tables[table.name]
        let orderCount = tableOrder.count
        setTable(table.name, table)
        tableOrder.append(table.name)
        for constraint in constraints {
            if case .exclude(let sql) = constraint.kind { out.append(Self.excludeNotModelled(sql)); continue }
            if let d = addConstraint(constraint, to: table.name, creating: true) {
                setTable(table.name, previous)
                tableOrder.removeLast(tableOrder.count - orderCount)
                return out + [d]
            }
        }
        return out
    }

    /// A catalog column from its spec, checking the type and the DEFAULT as `transformColumnDefinition`
    /// and `cookDefault` would.
    func column(from spec: ColumnSpec, table tableName: String) -> Result<(ColumnDefinition, [CatalogDiagnostic]), CatalogDiagnostic> {
        let numbered: Bool
        switch Self.sequenceColumn(spec, table: tableName) {
        case .failure(let d): return .failure(d)
        case .success(let s): numbered = s
        }
        if numbered {
            return .success((ColumnDefinition(spec.name, spec.type ?? .int8, notNull: true, default: .sequence), []))
        }
        var warnings: [CatalogDiagnostic] = []
        var col = ColumnDefinition(spec.name, .text, notNull: spec.notNull)
        switch carry(spec.typeSQL, modelled: spec.type, into: &col) {
        case .failure(let d): return .failure(d)
        case .success: break
        }
        // GetColumnDefCollation: only a type with a collation (string types, arrays and domains of them) takes COLLATE.
        if spec.collation != nil, !Self.isCollatable(col) {
            return .failure(CatalogDiagnostic(severity: .error, message: "collations are not supported by type \(PostgresBuiltinCatalog.shared.display(col.typeName))",
                                              sqlState: "42804"))
        }
        if let written = spec.compression {
            switch ColumnCompression.method(written, for: col) {
            case .failure(let d): return .failure(d)
            case .success(let method): col.compression = method
            }
        }
        // A domain over a modelled type is that type, with the domain's default where the column has none.
        let modelled = col.domain.map { $0.baseType } ?? spec.type
        if col.domain != nil, col.defaultValue == nil, spec.defaultExpression == nil, let d = col.domain, let e = d.defaultExpression {
            col.defaultValue = .expression(d.defaultSQL ?? "")
            if let found = Self.enumDefault(e, column: col), case .success(let v) = found { col.defaultValue = v }
            if let modelled, case .success(let v) = ColumnDefaultRules.defaultValue(e, sql: d.defaultSQL ?? "", for: modelled, column: spec.name) {
                col.defaultValue = v
            }
        }
        guard let type = modelled else {
            // Unknown to Chunkwise is not unknown to PostgreSQL: keep going, say so (an enum's
            // labels are known: its values are checked and stored as the server stores them).
            if col.enumLabels == nil {
                let typeSQL = col.domain?.baseTypeSQL ?? spec.typeSQL
                warnings.append(Self.carriedTypeWarning(typeSQL: typeSQL, column: col))
            }
            if let e = spec.defaultExpression {
                if let d = checkAssignment(e, place: .columnDefault, column: col, columns: []) { return .failure(d) }
                col.defaultValue = Self.carriedDefault(e, column: col) ?? .expression(spec.defaultSQL ?? "")
                switch Self.enumDefault(e, column: col) {
                case .success(let d)?: col.defaultValue = d
                case .failure(let d)?: return .failure(d)
                case nil: break
                }
            }
            return .success((col, warnings))
        }
        if let e = spec.defaultExpression {
            if let d = checkAssignment(e, place: .columnDefault, column: col, columns: []) { return .failure(d) }
            switch ColumnDefaultRules.defaultValue(e, sql: spec.defaultSQL ?? "", for: type, column: spec.name) {
            case .success(let d): col.defaultValue = d
            case .failure(let d) where d.message.contains("but default expression is of type"):
                // The resolver found the assignment coercion (an I/O conversion, say) PostgreSQL applies.
                _ = d
                col.defaultValue = .expression(spec.defaultSQL ?? "")
            case .failure(let d) where d.message.hasPrefix("value too long") || d.message.hasPrefix("numeric field overflow"):
                // The length coercion (varchar(n), numeric(p,s)) runs when a row uses the default,
                // not at CREATE time.
                warnings.append(.warning("default of column \"\(spec.name)\": \(d.message) (every insert that relies on it fails)"))
            case .failure(let d): return .failure(d)
            }
        }
        col.defaultSQL = ColumnDefaultRules.writtenSQL(spec.defaultSQL, for: col.defaultValue)
        return .success((col, warnings))
    }

    /// The warning for a generated column whose expression the evaluator does not model (a CASE,
    /// a function it does not compute): its values are NULL in the engine, sized as such.
    static func generatedNotComputed(_ e: SQLExpression, column: String, table: String) -> CatalogDiagnostic? {
        guard !e.isEvaluable else { return nil }
        return .warning("generated column \"\(column)\" of \"\(table)\" is not computed by Chunkwise: its values are NULL in the engine's rows and sizes")
    }

    /// Whether values of the column's type have a collation (`typcollation`): string types (category
    /// S), arrays of them, domains over them; a type the built-in catalog does not list is assumed to.
    static func isCollatable(_ column: ColumnDefinition) -> Bool {
        if column.enumLabels != nil { return false }
        switch column.type {
        case .text, .varchar: break
        default: return false
        }
        guard let name = column.catalogType, let info = PostgresBuiltinCatalog.shared.types[name] else { return true }
        let element = info.element.flatMap { PostgresBuiltinCatalog.shared.types[$0] } ?? info
        return element.category == "S"
    }

    /// Gives `column` the type `typeSQL` names (CREATE TABLE, ADD COLUMN, ALTER COLUMN … TYPE):
    /// `modelled` (``PGType/init(sql:)``), or text for a type Chunkwise does not model; the
    /// catalog name where it differs from the modelled type's; char(n)'s blank-padded length. Fails
    /// with PostgreSQL's refusal of an unknown type or of bad modifiers.
    func carry(_ typeSQL: String, modelled: PGType?, into column: inout ColumnDefinition) -> Result<Void, CatalogDiagnostic> {
        // A domain's column stores its base type.
        if let domain = domain(named: typeSQL) {
            if case .failure(let refusal) = carry(domain.baseTypeSQL, modelled: domain.baseType, into: &column) { return .failure(refusal) }
            column.domain = domain
            column.declaredType = domain.name
            return .success(())
        }
        column.domain = nil
        column.declaredType = nil
        let catalogType: String?
        switch catalogTypeName(typeSQL) {
        case .failure(let d): return .failure(d)
        case .success(let t): catalogType = t
        }
        if let refusal = Self.typmodRefusal(typeSQL, catalogType: catalogType) { return .failure(refusal) }
        guard let type = modelled else {
            let carried = catalogType ?? typeSQL.lowercased()
            var padded: Int?
            switch Self.characterLength(typeSQL, catalogType: carried) {
            case .failure(let d)?: return .failure(d)
            case .success(let n)?: padded = n
            case nil: break
            }
            column.type = .text
            column.declaredType = typeSQL
            column.blankPaddedLength = padded
            column.bitLength = Self.bitLength(typeSQL, catalogType: carried)
            column.arrayElementType = carried.hasPrefix("_") ? Self.arrayElementType(typeSQL) : nil
            if let e = enumType(named: typeSQL) {
                column.catalogType = e.name
                column.enumLabels = e.labels
            } else {
                column.catalogType = carried
                column.enumLabels = nil
            }
            return .success(())
        }
        if let refusal = Self.modifierRefusal(type) { return .failure(.error(refusal)) }
        column.type = type
        column.catalogType = catalogType.flatMap { $0 != type.catalogName ? $0 : nil }
        // A fractional-seconds precision the modelled type does not carry (Prisma's `TIMESTAMP(3)`):
        // kept as declared, so `migrate` writes the column back with it.
        switch type {
        case .timestamp, .timestamptz, .time:
            if let modifiers = PGType.nameAndModifiers(typeSQL)?.modifiers, !modifiers.isEmpty { column.declaredType = typeSQL }
        default: break
        }
        column.blankPaddedLength = nil
        column.bitLength = nil
        column.enumLabels = nil
        column.arrayElementType = nil
        return .success(())
    }

    /// The element type, modifier included, of an array type as written (`numeric(5,2)[]`,
    /// `varchar(8) []`, `character(3)[]`, `timestamptz(0)[][]`); nil when the element type is
    /// neither modelled nor `character(n)`.
    static func arrayElementType(_ typeSQL: String) -> ArrayElementType? {
        var text = typeSQL.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("]"), let open = text.lastIndex(of: "[") {
            text = String(text[..<open]).trimmingCharacters(in: .whitespaces)
        }
        if let type = PGType(sql: text) { return .modelled(type) }
        let name = try? PostgresBuiltinCatalog.shared.typeName(sql: text)
        if case .success(let n)? = characterLength(text, catalogType: name) { return .blankPadded(length: n) }
        if let name, let n = bitLength(text, catalogType: name) { return .bitString(length: n) }
        return nil
    }

    /// `bit(n)`'s and `bit varying(n)`'s n as declared (`bit` alone is `bit(1)`, as a column's type
    /// in the grammar); nil for other types and for `bit varying` without a length. A length below
    /// 1 is refused before this (``typmodRefusal(_:catalogType:)``).
    static func bitLength(_ typeSQL: String, catalogType: String) -> Int? {
        guard catalogType == "bit" || catalogType == "varbit", let (name, modifiers) = PGType.nameAndModifiers(typeSQL),
              !name.contains("["), !name.hasSuffix(" array") else { return nil }
        if let n = modifiers.first, n >= 1 { return n }
        return modifiers.isEmpty && catalogType == "bit" ? 1 : nil
    }

    /// Built-in types whose input takes a type modifier (`typmodin`); any other refuses one.
    static let typesWithModifiers: Set<String> = ["numeric", "varchar", "bpchar", "bit", "varbit", "timestamp", "timestamptz", "time", "timetz", "interval"]

    /// `typenameTypeMod`'s refusals a modelled type does not cover: a modifier on a type without
    /// one (`int8(3)`), float(p) outside 1…53 bits, a bit or varbit length below 1. Nil for types
    /// the built-in catalog does not know (an extension's may take modifiers).
    static func typmodRefusal(_ typeSQL: String, catalogType: String?) -> CatalogDiagnostic? {
        guard let (name, modifiers) = PGType.nameAndModifiers(typeSQL), let first = modifiers.first else { return nil }
        if name == "float" {
            if first < 1 { return .error("precision for type float must be at least 1 bit") }
            if first > 53 { return .error("precision for type float must be less than 54 bits") }
            return nil
        }
        guard var type = catalogType, let info = PostgresBuiltinCatalog.shared.types[type] else { return nil }
        if type.hasPrefix("_"), let element = info.element { type = element }
        if !typesWithModifiers.contains(type) { return .error("type modifier is not allowed for type \"\(type)\"") }
        if type == "bit" || type == "varbit", first < 1 { return .error("length for type \(type) must be at least 1") }
        return nil
    }

    /// The typmod input functions' refusal of a modelled type's modifiers: NUMERIC precision and
    /// scale (`numerictypmodin`), varchar length (`anychar_typmodin`).
    static func modifierRefusal(_ type: PGType) -> String? {
        switch type {
        case .numeric(let p?, let s):
            if p < 1 || p > 1000 { return "NUMERIC precision \(p) must be between 1 and 1000" }
            // PostgreSQL 15 accepts scales outside 0…precision (numeric.c, -1000…1000).
            if let s, s < -1000 || s > 1000 { return "NUMERIC scale \(s) must be between -1000 and 1000" }
            return nil
        case .varchar(let n?):
            return lengthRefusal(n, type: "varchar")
        default:
            return nil
        }
    }

    /// `anychar_typmodin`'s refusal of a varchar or char length (utils/adt/varchar.c): at least 1,
    /// at most `MaxAttrSize` (10 MiB).
    static func lengthRefusal(_ n: Int, type: String) -> String? {
        if n < 1 { return "length for type \(type) must be at least 1" }
        if n > 10_485_760 { return "length for type \(type) cannot exceed 10485760" }
        return nil
    }

    /// For a column type whose catalog name is `bpchar`: n of `character(n)` / `char(n)` /
    /// `nchar(n)` / `bpchar(n)` (1 for `character` and `char` without a length, PostgreSQL's
    /// `character(1)`), or the refusal of n; nil for other types, for `bpchar` without a length
    /// (no padding) and for arrays.
    static func characterLength(_ typeSQL: String, catalogType: String?) -> Result<Int, CatalogDiagnostic>? {
        guard catalogType == "bpchar", let (name, modifiers) = PGType.nameAndModifiers(typeSQL),
              !name.contains("["), !name.hasSuffix(" array") else { return nil }
        let n: Int
        switch modifiers.count {
        case 0 where name.hasPrefix("bpchar"): return nil
        case 0: n = 1
        case 1: n = modifiers[0]
        default: return nil
        }
        if let refusal = lengthRefusal(n, type: "char") { return .failure(.error(refusal)) }
        return .success(n)
    }

    /// Whether the column takes its values from its own sequence (`serial` types, identity
    /// columns), with the errors `transformColumnDefinition` raises for conflicting clauses.
    static func sequenceColumn(_ spec: ColumnSpec, table: String) -> Result<Bool, CatalogDiagnostic> {
        let base = spec.typeSQL.lowercased().trimmingCharacters(in: " ")
        let serial = ["serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"].contains(base)
        let identity = spec.identityClauses > 0
        guard serial || identity else { return .success(false) }
        let column = "column \"\(spec.name)\" of table \"\(table)\""
        if spec.identityClauses > 1 { return .failure(.error("multiple identity specifications for \(column)")) }
        if identity && spec.defaultExpression != nil { return .failure(.error("both default and identity specified for \(column)")) }
        if serial && (spec.defaultExpression != nil || identity) { return .failure(.error("multiple default values specified for \(column)")) }
        if spec.saysNull { return .failure(.error("conflicting NULL/NOT NULL declarations for \(column)")) }
        if spec.generatedExpression != nil { return .failure(.error("both identity and generation expression specified for \(column)")) }
        if identity && spec.type.map({ [PGType.int2, .int4, .int8].contains($0) }) != true {
            return .failure(.error("identity column type must be smallint, integer, or bigint"))
        }
        return .success(true)
    }

    /// The warning for an EXCLUDE constraint: accepted, its (GiST) index neither checked nor sized.
    static func excludeNotModelled(_ sql: String) -> CatalogDiagnostic {
        .warning("constraint not modelled: \(sql) (its index is not checked or sized)")
    }

    /// Built-in btree operator families with cross-type equality operators (pg_amop).
    static let btreeFamilies: [Set<String>] = [["int2", "int4", "int8"], ["float4", "float8"], ["date", "timestamp", "timestamptz"],
                                               ["text", "varchar", "name"]]

    /// Adds a PRIMARY KEY / UNIQUE / CHECK / FOREIGN KEY constraint; nil on success. `creating`:
    /// the constraint is part of the table's CREATE TABLE (two CHECKs of one name are then refused
    /// in `AddRelationNewConstraints`' words).
    mutating func addConstraint(_ constraint: TableConstraintSpec, to tableName: String, creating: Bool = false) -> CatalogDiagnostic? {
        guard var table = tables[tableName] else { return .error("relation \"\(tableName)\" does not exist") }
        switch constraint.kind {
        case .primaryKey(let columns, let include), .unique(let columns, let include):
            let isPrimary: Bool
            if case .primaryKey = constraint.kind { isPrimary = true } else { isPrimary = false }
            // transformIndexConstraint refuses a key column named twice before the index build
            // looks the columns up.
            for (k, c) in columns.enumerated() where columns[..<k].contains(c) {
                return .error("column \"\(c)\" appears twice in \(isPrimary ? "primary key" : "unique") constraint")
            }
            for c in columns + include where table.columnIndex(c) == nil {
                return .error("column \"\(c)\" named in key does not exist")
            }
            if isPrimary && table.primaryKey != nil {
                return .error("multiple primary keys for table \"\(tableName)\" are not allowed")
            }
            if let d = Self.partitionedUniqueRefusal(table: table, keyColumns: columns, constraint: isPrimary ? "PRIMARY KEY" : "UNIQUE") { return d }
            let name = constraint.name ?? (isPrimary
                ? chooseRelationName(table: tableName, columns: [], suffix: "pkey")
                : chooseRelationName(table: tableName, columns: columns, suffix: "key"))
            if relationExists(name) { return .error("relation \"\(name)\" already exists") }
            // index_create: a constraint of the table (a CHECK) already has the name.
            if table.checks.contains(where: { $0.name == name }) {
                return .error("constraint \"\(name)\" for relation \"\(tableName)\" already exists")
            }
            if isPrimary {
                for c in columns { if let i = table.columnIndex(c) { table.columns[i].notNull = true } }
            }
            table.indexes.append(IndexDefinition(name: name, table: tableName, keys: columns.map { .init(column: $0) }, include: include,
                                                 unique: true, origin: isPrimary ? .primaryKey : .uniqueConstraint))
            table.indexes[table.indexes.count - 1].nullsNotDistinct = constraint.nullsNotDistinct
        case .usingIndex(let indexName, let isPrimary):
            // index_check_primary_key / ATExecAddIndexConstraint (src/backend/commands/tablecmds.c):
            // a plain unique B-tree of this table, of columns in default order, becomes the constraint
            // and takes its name.
            guard let position = table.indexes.firstIndex(where: { $0.name == indexName }) else {
                if tableOwning(index: indexName) != nil {
                    return .error("index \"\(indexName)\" does not belong to table \"\(tableName)\"")
                }
                return .error("index \"\(indexName)\" does not exist")
            }
            let index = table.indexes[position]
            if index.origin != .createIndex { return .error("index \"\(indexName)\" is already associated with a constraint") }
            if !index.unique { return .error("\"\(indexName)\" is not a unique index") }
            if index.predicate != nil || index.predicateSQL != nil { return .error("\"\(indexName)\" is a partial index") }
            if index.keys.contains(where: { $0.column == nil }) { return .error("index \"\(indexName)\" contains expressions") }
            if index.method != .btree { return .error("index \"\(indexName)\" is not a btree") }
            if index.keys.contains(where: { $0.descending || $0.nullsFirst != nil }) {
                return .error("index \"\(indexName)\" column number 1 does not have default sorting behavior")
            }
            if isPrimary && table.primaryKey != nil {
                return .error("multiple primary keys for table \"\(tableName)\" are not allowed")
            }
            let name = constraint.name ?? indexName
            if name != indexName, relationExists(name) { return .error("relation \"\(name)\" already exists") }
            if isPrimary {
                for c in index.keyColumns { if let i = table.columnIndex(c) { table.columns[i].notNull = true } }
            }
            table.indexes[position].name = name
            table.indexes[position].origin = isPrimary ? .primaryKey : .uniqueConstraint
        case .check(let expression, let sql):
            if let d = checkExpression(expression, place: .checkConstraint, columns: table.columns) { return d }
            for c in Set(expression.referencedColumns) where table.columnIndex(c) == nil {
                return .error("column \"\(c)\" does not exist")
            }
            let referenced = Array(Set(expression.referencedColumns))
            var name = constraint.name ?? ""
            if constraint.name == nil {
                var n = 0
                repeat {
                    let label = n == 0 ? "check" : "check\(n)"
                    name = TableDefinition.generatedName(table: tableName, columns: referenced.count == 1 ? referenced : [], suffix: label)
                    n += 1
                } while table.checks.contains { $0.name == name }
            } else if table.checks.contains(where: { $0.name == name }) {
                return .error(creating ? "check constraint \"\(name)\" already exists"
                                       : "constraint \"\(name)\" for relation \"\(tableName)\" already exists")
            } else if table.indexes.contains(where: { $0.name == name && $0.origin != .createIndex }) {
                return .error("constraint \"\(name)\" for relation \"\(tableName)\" already exists")
            }
            table.checks.append(CheckConstraint(name: name, predicate: expression, sql: "CHECK (\(sql))"))
        case .exclude:
            // Reported by the callers as not modelled (its index is not sized).
            return nil
        case .foreignKey(let columns, let target, let targetColumns, let onDelete, let onUpdate):
            for c in columns where table.columnIndex(c) == nil {
                return .error("column \"\(c)\" referenced in foreign key constraint does not exist")
            }
            guard let referenced = target == tableName ? table : tables[target] else {
                return .error("relation \"\(target)\" does not exist")
            }
            let keyColumns = targetColumns.isEmpty ? (referenced.primaryKey?.keyColumns ?? []) : targetColumns
            if targetColumns.isEmpty && referenced.primaryKey == nil {
                return .error("there is no primary key for referenced table \"\(target)\"")
            }
            for c in keyColumns where referenced.columnIndex(c) == nil {
                return .error("column \"\(c)\" referenced in foreign key constraint does not exist")
            }
            if columns.count != keyColumns.count {
                return .error("number of referencing and referenced columns for foreign key disagree")
            }
            let hasUnique = referenced.uniqueIndexes.contains { Set($0.keyColumns) == Set(keyColumns) && $0.predicate == nil && $0.keyColumns.count == keyColumns.count }
            if !hasUnique {
                return .error("there is no unique constraint matching given keys for referenced table \"\(target)\"")
            }
            let name = constraint.name ?? TableDefinition.generatedName(table: tableName, columns: columns, suffix: "fkey")
            // ATAddForeignKeyConstraint: each referencing column must reach the referenced key's
            // equality operator: by an implicit coercion to its type, or through a cross-type
            // operator of the key's btree family (int8 against int4, date against timestamptz).
            let coercion = resolver(.checkConstraint, columns: [])
            for (c, k) in zip(columns, keyColumns) {
                guard let mine = table.column(c)?.typeName, let theirs = referenced.column(k)?.typeName,
                      PostgresBuiltinCatalog.shared.types[mine] != nil, PostgresBuiltinCatalog.shared.types[theirs] != nil,
                      !coercion.canCoerce(mine, to: theirs, context: "i"),
                      !Self.btreeFamilies.contains(where: { $0.contains(mine) && $0.contains(theirs) }) else { continue }
                return .error("foreign key constraint \"\(name)\" cannot be implemented")
            }
            table.foreignKeys.append(ForeignKeyDefinition(name: name, columns: columns, referencedTable: target,
                                                          referencedColumns: keyColumns, onDelete: onDelete, onUpdate: onUpdate))
        }
        setTable(tableName, table)
        return nil
    }
}
