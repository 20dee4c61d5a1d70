extension SchemaCatalog {
    mutating func createIndex(_ c: CreateIndex) -> [CatalogDiagnostic] {
        guard var table = tables[c.table] else { return [.error("relation \"\(c.table)\" does not exist")] }
        // transformIndexStmt: the predicate, then the key expressions, are resolved first.
        // The resolver meets unknown columns in parse order; the fallback covers parts it does not resolve.
        func isParseError(_ d: CatalogDiagnostic) -> Bool {
            if case .expression(.notImmutable)? = d.kind { return false }
            return true
        }
        if let p = c.predicate {
            if let d = checkExpression(p, place: .indexPredicate, columns: table.columns), isParseError(d) { return [d] }
            for col in p.referencedColumns where table.columnIndex(col) == nil { return [.error("column \"\(col)\" does not exist")] }
        }
        for e in c.keyExpressions.compactMap({ $0 }) {
            if let d = checkExpression(e, place: .indexExpression, columns: table.columns), isParseError(d) { return [d] }
            for col in e.referencedColumns where table.columnIndex(col) == nil { return [.error("column \"\(col)\" does not exist")] }
        }
        guard let method = IndexDefinition.Method(rawValue: c.method) else {
            return [.error("access method \"\(c.method)\" does not exist")]
        }
        // DefineIndex: what the access method can do (PostgreSQL 15's AM handlers: bthandler,
        // hashhandler, gisthandler, spghandler, ginhandler, brinhandler).
        let canOrder = method == .btree
        let canInclude = method == .btree || method == .gist || method == .spgist
        let canMulticolumn = method != .hash && method != .spgist
        if c.unique && method != .btree { return [.error("access method \"\(c.method)\" does not support unique indexes")] }
        if !c.include.isEmpty && !canInclude { return [.error("access method \"\(c.method)\" does not support included columns")] }
        if c.keys.count > 1 && !canMulticolumn { return [.error("access method \"\(c.method)\" does not support multicolumn indexes")] }
        // DefineIndex: CheckPredicate, then ComputeIndexAttrs key by key.
        if let p = c.predicate, let d = checkExpression(p, place: .indexPredicate, columns: table.columns) { return [d] }
        var fillfactor: Int?
        var pagesPerRange: Int?
        if let d = Self.applyIndexOptions(c.options, method: method, fillfactor: &fillfactor, pagesPerRange: &pagesPerRange) { return [d] }
        for (i, key) in c.keys.enumerated() {
            var keyType: String?
            if let col = key.column {
                guard let ci = table.columnIndex(col) else { return [.error("column \"\(col)\" does not exist")] }
                keyType = table.columns[ci].typeName
                // An enum's operator classes are the polymorphic anyenum ones (btree and hash only;
                // an extension such as btree_gist may add more).
                if table.columns[ci].enumLabels != nil {
                    if !hasForeignDefinitions, !PostgresBuiltinCatalog.shared.hasDefaultOperatorClass(c.method, for: "anyenum") {
                        return [.error("data type \(QuotedIdentifier.quote(keyType ?? "")) has no default operator class for access method \"\(c.method)\"")]
                    }
                    keyType = nil
                }
            }
            if i < c.keyExpressions.count, let e = c.keyExpressions[i] {
                if let d = checkExpression(e, place: .indexExpression, columns: table.columns) { return [d] }
                keyType = mayCallUnknownFunctions(e) ? nil : (try? resolver(.indexExpression, columns: table.columns).check(e)) ?? nil
            }
            if let d = Self.defaultOperatorClassRefusal(method: c.method, type: keyType) { return [d] }
            if !canOrder {
                if i < c.explicitOrdering.count, c.explicitOrdering[i] {
                    return [.error("access method \"\(c.method)\" does not support ASC/DESC options")]
                }
                if key.nullsFirst != nil { return [.error("access method \"\(c.method)\" does not support NULLS FIRST/LAST options")] }
            }
        }
        for col in c.include where table.columnIndex(col) == nil { return [.error("column \"\(col)\" does not exist")] }
        if c.unique, let d = Self.partitionedUniqueRefusal(table: table, keyColumns: c.keys.map(\.column), constraint: "UNIQUE") { return [d] }
        let name: String
        if let n = c.name {
            if relationExists(n) {
                if c.ifNotExists { return [.notice("relation \"\(n)\" already exists, skipping")] }
                return [.error("relation \"\(n)\" already exists")]
            }
            name = n
        } else {
            // ChooseIndexColumnNames: columns by name, expressions as "expr".
            let parts = c.keys.map { $0.column ?? "expr" } + c.include
            name = chooseRelationName(table: c.table, columns: parts, suffix: "idx")
        }
        table.indexes.append(IndexDefinition(name: name, table: c.table, method: method, keys: c.keys, include: c.include,
                                             unique: c.unique, predicate: c.predicate, predicateSQL: c.predicateSQL,
                                             fillfactor: fillfactor, pagesPerRange: pagesPerRange))
        table.indexes[table.indexes.count - 1].nullsNotDistinct = c.nullsNotDistinct
        setTable(c.table, table)
        return []
    }

    mutating func dropIndexes(_ names: [String], ifExists: Bool) -> [CatalogDiagnostic] {
        var out: [CatalogDiagnostic] = []
        for n in names {
            guard let owner = tableOwning(index: n), var table = tables[owner] else {
                if tables[n] != nil { return out + [.error("\"\(n)\" is not an index")] }
                if ifExists { out.append(.notice("index \"\(n)\" does not exist, skipping")); continue }
                return out + [.error("index \"\(n)\" does not exist")]
            }
            if let index = table.indexes.first(where: { $0.name == n }), index.origin != .createIndex {
                return out + [.error("cannot drop index \(n) because constraint \(n) on table \(owner) requires it")]
            }
            if var hyper = table.hypertable, let d = hyper.defaultIndexes.first(where: { $0.name == n }) {
                // One of TimescaleDB's default indexes.
                if d.keyColumns == [hyper.timeColumn] { hyper.defaultTimeIndexDropped = true }
                hyper.defaultIndexes.removeAll { $0.name == n }
                table.hypertable = hyper
            }
            table.indexes.removeAll { $0.name == n }
            setTable(owner, table)
        }
        return out
    }

    /// The storage parameters an index of `method` takes (its AM's `amoptions`: btoptions,
    /// hashoptions, brinoptions), kept where the size model reads them; the refusal of the first
    /// it does not take.
    static func applyIndexOptions(_ options: [String: String], method: IndexDefinition.Method,
                                  fillfactor: inout Int?, pagesPerRange: inout Int?) -> CatalogDiagnostic? {
        for (key, value) in options.sorted(by: { $0.key < $1.key }) {
            switch (key, method) {
            case ("fillfactor", .btree), ("fillfactor", .hash):
                guard let v = Int(value), (10...100).contains(v) else { return .error("value \(value) out of bounds for option \"fillfactor\"") }
                fillfactor = v
            case ("pages_per_range", .brin):
                guard let v = Int(value), (1...131072).contains(v) else { return .error("value \(value) out of bounds for option \"pages_per_range\"") }
                pagesPerRange = v
            case ("deduplicate_items", .btree), ("autosummarize", .brin):
                continue
            default:
                return .error("unrecognized parameter \"\(key)\"")
            }
        }
        return nil
    }

    /// `ALTER INDEX name SET (…)` (tablecmds.c `ATExecSetRelOptions` on an index): the new
    /// parameters apply to pages written from then on — to a load that follows, and to a REINDEX.
    mutating func alterIndexOptions(_ name: String, options: [String: String], ifExists: Bool) -> [CatalogDiagnostic] {
        guard let owner = tableOwning(index: name), var table = tables[owner],
              let i = table.indexes.firstIndex(where: { $0.name == name }) else {
            if ifExists { return [.notice("relation \"\(name)\" does not exist, skipping")] }
            return [CatalogDiagnostic(severity: .error, message: "relation \"\(name)\" does not exist", sqlState: "42P01")]
        }
        var fillfactor = table.indexes[i].fillfactor, pagesPerRange = table.indexes[i].pagesPerRange
        if let d = Self.applyIndexOptions(options, method: table.indexes[i].method, fillfactor: &fillfactor, pagesPerRange: &pagesPerRange) { return [d] }
        table.indexes[i].fillfactor = fillfactor
        table.indexes[i].pagesPerRange = pagesPerRange
        setTable(owner, table)
        return []
    }

    /// `ALTER INDEX old RENAME TO new`: a constraint's index renames the constraint with it; a
    /// table of that name is renamed as ALTER TABLE … RENAME TO renames it (PostgreSQL's
    /// RenameRelation takes either).
    mutating func renameIndex(_ old: String, to new: String, ifExists: Bool) -> [CatalogDiagnostic] {
        if tables[old] != nil { return renameTable(old, to: new) }
        guard let owner = tableOwning(index: old), var table = tables[owner] else {
            if ifExists { return [.notice("relation \"\(old)\" does not exist, skipping")] }
            return [CatalogDiagnostic(severity: .error, message: "relation \"\(old)\" does not exist", sqlState: "42P01")]
        }
        if relationExists(new) { return [CatalogDiagnostic(severity: .error, message: "relation \"\(new)\" already exists", sqlState: "42P07")] }
        for i in table.indexes.indices where table.indexes[i].name == old { table.indexes[i].name = new }
        if let defaults = table.hypertable?.defaultIndexes {
            table.hypertable?.defaultIndexes = defaults.map { d in
                var d = d
                if d.name == old { d.name = new }
                return d
            }
        }
        setTable(owner, table)
        return []
    }
}
