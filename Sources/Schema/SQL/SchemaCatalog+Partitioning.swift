extension SchemaCatalog {
    /// The partition key of `CREATE TABLE … PARTITION BY` as PostgreSQL 15 builds it
    /// (`transformPartitionSpec`, then `ComputePartitionAttrs` part by part), or its refusal.
    func partitionKey(strategy word: String, parts: [PartitionKey.Part], table: TableDefinition) -> Result<PartitionKey, CatalogDiagnostic> {
        guard let strategy = PartitionKey.Strategy(rawValue: word.lowercased()) else {
            return .failure(CatalogDiagnostic(severity: .error, message: "unrecognized partitioning strategy \"\(word.lowercased())\"", sqlState: "22023"))
        }
        if strategy == .list && parts.count > 1 {
            return .failure(CatalogDiagnostic(severity: .error, message: "cannot use \"list\" partition strategy with more than one column", sqlState: "42P17"))
        }
        // Range and list partitions are bounded by B-tree comparison, hash partitions by hashing.
        let method = strategy == .hash ? "hash" : "btree"
        for part in parts {
            var type: String?
            if let column = part.column {
                guard let i = table.columnIndex(column) else {
                    return .failure(CatalogDiagnostic(severity: .error, message: "column \"\(column)\" named in partition key does not exist", sqlState: "42703"))
                }
                if table.columns[i].generated != nil { return .failure(Self.generatedColumnInPartitionKey) }
                type = table.columns[i].enumLabels != nil ? "anyenum" : table.columns[i].typeName
            } else if let e = part.expression {
                if mayCallUnknownFunctions(e) { continue }
                // Resolution errors first (transformPartitionSpec), then generated columns, then
                // mutability, then a constant (ComputePartitionAttrs).
                let generated = e.referencedColumns.contains { table.column($0)?.generated != nil }
                do {
                    type = try resolver(.partitionKey, columns: table.columns).check(e)
                } catch {
                    if case .notImmutable = error, generated { return .failure(Self.generatedColumnInPartitionKey) }
                    return .failure(.error(error))
                }
                for c in e.referencedColumns where table.columnIndex(c) == nil {
                    return .failure(.error("column \"\(c)\" does not exist"))
                }
                if generated { return .failure(Self.generatedColumnInPartitionKey) }
                if e.referencedColumns.isEmpty {
                    return .failure(CatalogDiagnostic(severity: .error, message: "cannot use constant expression as partition key", sqlState: "42P17"))
                }
            }
            if let d = Self.defaultOperatorClassRefusal(method: method, type: type) { return .failure(d) }
        }
        return .success(PartitionKey(strategy: strategy, parts: parts))
    }

    /// ComputePartitionAttrs' refusal of a generated column in the key, named or in an expression.
    static let generatedColumnInPartitionKey = CatalogDiagnostic(severity: .error, message: "cannot use generated column in partition key", sqlState: "42P17")

    /// `DefineIndex` on a partitioned table: a unique index (PRIMARY KEY, UNIQUE, CREATE UNIQUE
    /// INDEX) must hold every partition key column among its keys, and the key may have no
    /// expressions. `constraint` is `PRIMARY KEY` or `UNIQUE`.
    static func partitionedUniqueRefusal(table: TableDefinition, keyColumns: [String?], constraint: String) -> CatalogDiagnostic? {
        guard let key = table.partitionKey else { return nil }
        if key.hasExpressions {
            return CatalogDiagnostic(severity: .error, message: "unsupported \(constraint) constraint with partition key definition", sqlState: "0A000")
        }
        for column in key.columns where !keyColumns.contains(column) {
            return CatalogDiagnostic(severity: .error, message: "unique constraint on partitioned table must include all partitioning columns",
                                     sqlState: "0A000")
        }
        return nil
    }

    /// `data type point has no default operator class for access method "btree"` for a key of a
    /// built-in type without one (nil `type`: not known, so not refused).
    static func defaultOperatorClassRefusal(method: String, type: String?) -> CatalogDiagnostic? {
        let catalog = PostgresBuiltinCatalog.shared
        guard let t = type, catalog.types[t] != nil || t == "unknown" || t == "anyenum", !catalog.hasDefaultOperatorClass(method, for: t) else { return nil }
        let shown = t == "unknown" || t == "anyenum" ? t : catalog.display(t)
        return CatalogDiagnostic(severity: .error, message: "data type \(shown) has no default operator class for access method \"\(method)\"", sqlState: "42704")
    }

    /// `CREATE TABLE c PARTITION OF parent …`: the parent must exist and be partitioned
    /// (DefineRelation). The partition itself is not modelled (its bounds are not read).
    func partitionOfRefusal(_ text: String) -> CatalogDiagnostic? {
        guard let tokens = try? SQLLexer(text: text, file: "").tokens() else { return nil }
        var words: [String] = []
        for t in tokens {
            if case .identifier(let w, _) = t.kind { words.append(w) } else if t.isSymbol(".") { words.append(".") } else { words.append("") }
        }
        guard let p = words.firstIndex(of: "partition"), p + 2 < words.count, words[p + 1] == "of" else { return nil }
        var parent = words[p + 2]
        if p + 4 < words.count, words[p + 3] == "." { parent = words[p + 4] }
        guard !parent.isEmpty else { return nil }
        guard relationExists(parent) else {
            return CatalogDiagnostic(severity: .error, message: "relation \"\(parent)\" does not exist", sqlState: "42P01")
        }
        if let table = tables[parent], table.partitionKey == nil {
            return CatalogDiagnostic(severity: .error, message: "\"\(parent)\" is not partitioned", sqlState: "42P17")
        }
        return nil
    }
}
