extension SchemaCatalog {
    mutating func createIndex(_ c: CreateIndex) -> [CatalogDiagnostic] {
        guard var table = tables[c.table] else { return [.error("relation \"\(c.table)\" does not exist")] }
        // transformIndexStmt: the predicate, then the key expressions, are resolved first.
        if let p = c.predicate {
            for col in p.referencedColumns where table.columnIndex(col) == nil { return [.error("column \"\(col)\" does not exist")] }
            if let d = checkExpression(p, place: .indexPredicate, columns: table.columns), !d.message.hasSuffix("must be marked IMMUTABLE") {
                return [d]
            }
        }
        for e in c.keyExpressions.compactMap({ $0 }) {
            for col in e.referencedColumns where table.columnIndex(col) == nil { return [.error("column \"\(col)\" does not exist")] }
            if let d = checkExpression(e, place: .indexExpression, columns: table.columns), !d.message.hasSuffix("must be marked IMMUTABLE") {
                return [d]
            }
        }
        guard let method = IndexDefinition.Method(rawValue: c.method) else {
            return [.error("access method \"\(c.method)\" does not exist")]
        }
        if c.unique && method != .btree { return [.error("access method \"\(c.method)\" does not support unique indexes")] }
        if !c.include.isEmpty && method == .brin { return [.error("access method \"brin\" does not support included columns")] }
        var fillfactor: Int?
        var pagesPerRange: Int?
        for (key, value) in c.options {
            switch (key, method) {
            case ("fillfactor", .btree), ("fillfactor", .hash):
                guard let v = Int(value), (10...100).contains(v) else { return [.error("value \(value) out of bounds for option \"fillfactor\"")] }
                fillfactor = v
            case ("pages_per_range", .brin):
                guard let v = Int(value), (1...131072).contains(v) else { return [.error("value \(value) out of bounds for option \"pages_per_range\"")] }
                pagesPerRange = v
            case ("deduplicate_items", .btree), ("autosummarize", .brin):
                continue
            default:
                return [.error("unrecognized parameter \"\(key)\"")]
            }
        }
        // DefineIndex: CheckPredicate, then ComputeIndexAttrs key by key.
        if let p = c.predicate, let d = checkExpression(p, place: .indexPredicate, columns: table.columns) { return [d] }
        for (i, key) in c.keys.enumerated() {
            if let col = key.column, table.columnIndex(col) == nil { return [.error("column \"\(col)\" does not exist")] }
            if i < c.keyExpressions.count, let e = c.keyExpressions[i],
               let d = checkExpression(e, place: .indexExpression, columns: table.columns) { return [d] }
        }
        for col in c.include where table.columnIndex(col) == nil { return [.error("column \"\(col)\" does not exist")] }
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
        tables[c.table] = table
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
            table.indexes.removeAll { $0.name == n }
            tables[owner] = table
        }
        return out
    }
}
