extension SchemaCatalog {
    /// Extensions other than TimescaleDB add types and functions Chunkwise has no catalog for.
    public var hasForeignDefinitions: Bool { !extensions.subtracting(["timescaledb", "plpgsql"]).isEmpty }

    /// Records the names `CREATE TYPE`, `CREATE DOMAIN` and `CREATE EXTENSION` define.
    mutating func noteDefinition(summary: String, text: String) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "(" || $0 == ";" }).map { $0.lowercased() }
        func nameAfter(_ keyword: String) -> String? {
            guard var i = words.firstIndex(of: keyword) else { return nil }
            i += 1
            if i + 2 < words.count, words[i] == "if", words[i + 1] == "not", words[i + 2] == "exists" { i += 3 }
            guard i < words.count else { return nil }
            var name = words[i]
            if let dot = name.lastIndex(of: ".") { name = String(name[name.index(after: dot)...]) }
            return name.trimmingCharacters(in: "\"")
        }
        if summary == "DO" || summary == "CREATE AGGREGATE" || summary == "CREATE OPERATOR" || summary.hasPrefix("psql \\i")
            || summary == "psql \\include" || summary == "psql \\include_relative" {
            hasUnreadDefinitions = true
        }
        switch summary {
        case "CREATE TYPE": if let n = nameAfter("type") { userTypes.insert(n) }
        case "CREATE DOMAIN": if let n = nameAfter("domain") { userTypes.insert(n) }
        case "CREATE EXTENSION": if let n = nameAfter("extension") { extensions.insert(n) }
        case "CREATE SEQUENCE": if let n = nameAfter("sequence") { otherRelations[n] = "sequence" }
        case "CREATE TABLE PARTITION OF": if let n = nameAfter("table") { otherRelations[n] = "partition" }
        case "INSERT":
            // Only VALUES surely adds rows (an INSERT … SELECT may add none).
            if words.contains("values"), let n = nameAfter("into"), tables[n] != nil { tablesWithRows.insert(n) }
        case "COPY":
            if words.contains("from"), words.count > 1 {
                let n = words[1].split(separator: ".").last.map { String($0).trimmingCharacters(in: "\"") } ?? ""
                if tables[n] != nil { tablesWithRows.insert(n) }
            }
        case "TRUNCATE":
            for w in words.dropFirst() where w != "table" && w != "only" {
                let name = (w.split(separator: ".").last ?? "").filter { $0 != "\"" && $0 != "," }
                tablesWithRows.remove(String(name))
            }
        default:
            // DROP SEQUENCE | [MATERIALIZED] VIEW [IF EXISTS] a, b …
            if words.first == "drop", let k = words.firstIndex(where: { $0 == "sequence" || $0 == "view" }), k < 3 {
                var i = k + 1
                if i + 1 < words.count, words[i] == "if", words[i + 1] == "exists" { i += 2 }
                for w in words[i...] where w != "cascade" && w != "restrict" {
                    for part in w.split(separator: ",") {
                        let n = String(part.split(separator: ".").last ?? "").trimmingCharacters(in: "\"")
                        if !n.isEmpty { otherRelations[n] = nil; refreshPolicies[n] = nil }
                    }
                }
                return
            }
            // CREATE [OR REPLACE] [TEMP] [MATERIALIZED | RECURSIVE] VIEW name; a continuous
            // aggregate (``continuousAggregateName(definedBy:)``) takes the policies.
            if words.first == "create", let v = words.firstIndex(of: "view"), v < 6, let n = nameAfter("view") {
                otherRelations[n] = Self.continuousAggregateName(definedBy: text) != nil ? SchemaCatalog.continuousAggregateKind
                    : words.contains("materialized") ? "materialized view" : "view"
            }
        }
    }

    /// The name `CREATE MATERIALIZED VIEW [IF NOT EXISTS] name WITH (timescaledb.continuous …)`
    /// (or `tsdb.continuous`) defines, as the catalog keys it; nil for any other statement.
    public static func continuousAggregateName(definedBy text: String) -> String? {
        ContinuousAggregateDefinition(text: text)?.name
    }

    /// The `typname` of a column type as written; nil (no error) for types an extension or
    /// `CREATE TYPE` may define.
    func catalogTypeName(_ sql: String) -> Result<String?, CatalogDiagnostic> {
        do {
            return .success(try PostgresBuiltinCatalog.shared.typeName(sql: sql))
        } catch {
            let bare = sql.lowercased().split(separator: "(").first.map { String($0).trimmingCharacters(in: " ") } ?? sql
            var name = String(bare.prefix { $0 != "[" }).trimmingCharacters(in: " ")
            if name.hasPrefix("public.") { name.removeFirst("public.".count) }
            name = name.trimmingCharacters(in: "\"")
            // A table's or view's row type is a type too.
            // A DO block or an included file may have defined it (drizzle-kit and hand-written
            // migrations create their enums in `DO $$ BEGIN CREATE TYPE … EXCEPTION … END $$`).
            if userTypes.contains(name) || tables[name] != nil || otherRelations[name] != nil || hasForeignDefinitions
                || hasUnreadDefinitions || enumType(named: sql) != nil { return .success(nil) }
            return .failure(.error(error))
        }
    }

    /// An expression resolver over a table's columns, or nil when functions or types defined outside
    /// PostgreSQL's own catalog could be involved (user functions are resolved only by name).
    func resolver(_ place: ExpressionPlace, columns: [ColumnDefinition]) -> ExpressionResolver {
        var names: [String: String] = [:]
        for c in columns where names[c.name] == nil { names[c.name] = c.typeName }
        var resolver = ExpressionResolver(place: place, columns: names)
        // regclass constants are looked up in the relations the migrations made, unless some
        // definitions were not read (a DO block, an `\i`, an extension's own tables).
        if !hasUnreadDefinitions && !hasForeignDefinitions {
            let known = self
            // (CREATE SEQUENCE and views are noted folded to lower case, quoted or not.)
            resolver.relationExists = {
                known.relationExists($0) || known.otherRelations[$0.lowercased()] != nil || known.implicitSequenceExists($0)
            }
        }
        return resolver
    }

    /// Resolves an expression at a place; a diagnostic worded as the server's when it refuses it.
    func checkExpression(_ e: SQLExpression, place: ExpressionPlace, columns: [ColumnDefinition]) -> CatalogDiagnostic? {
        if mayCallUnknownFunctions(e) { return nil }
        do {
            try resolver(place, columns: columns).check(e)
            return nil
        } catch {
            return .error(error)
        }
    }

    /// DEFAULT / generated column: resolved, then coerced to the column's type by assignment.
    func checkAssignment(_ e: SQLExpression, place: ExpressionPlace, column: ColumnDefinition, columns: [ColumnDefinition]) -> CatalogDiagnostic? {
        if mayCallUnknownFunctions(e) { return nil }
        do {
            try resolver(place, columns: columns).checkAssignment(e, column: column.name, target: column.typeName)
            return nil
        } catch {
            return .error(error)
        }
    }

    /// Whether the expression calls a function that `CREATE FUNCTION` or an extension defined (its
    /// signature and volatility are then not in the built-in catalog).
    func mayCallUnknownFunctions(_ e: SQLExpression) -> Bool {
        var found = false
        func visit(_ e: SQLExpression) {
            switch e {
            case .function(let name, let args):
                let n = name.lowercased()
                if functions[n] != nil || (hasForeignDefinitions && PostgresBuiltinCatalog.shared.functions[n] == nil) { found = true }
                args.forEach(visit)
            case .cast(let inner, let type):
                let bare = type.lowercased()
                if userTypes.contains(bare) || enumType(named: type) != nil
                    || (hasForeignDefinitions && (try? PostgresBuiltinCatalog.shared.typeName(sql: type)) == nil) { found = true }
                visit(inner)
            case .comparison(_, let a, let b), .and(let a, let b), .or(let a, let b), .arithmetic(_, let a, let b): visit(a); visit(b)
            case .operator(_, let a, let b): a.map(visit); visit(b)
            case .inList(let a, let list, _): visit(a); list.forEach(visit)
            case .isNull(let a, _), .not(let a): visit(a)
            case .between(let a, let b, let c, _): visit(a); visit(b); visit(c)
            case .distinct(let a, let b, _): visit(a); visit(b)
            case .array(let elements): elements.forEach(visit)
            case .caseWhen(let subject, let branches, let otherwise): SQLExpression.caseParts(subject, branches, otherwise).forEach(visit)
            case .subscripted(let base, let lower, let upper, _): visit(base); lower.map(visit); upper.map(visit)
            case .column, .literal, .opaque, .subquery: break
            }
        }
        visit(e)
        return found
    }
}
