extension SchemaCatalog {
    /// What a `regproc` argument (a function named by text, as TimescaleDB's partitioning functions
    /// are) resolves to in this catalog.
    public enum FunctionLookup: Sendable, Equatable {
        /// A migration's function with its RETURNS type's `typname` (nil: a type Chunkwise cannot name).
        case defined(returns: String?)
        /// A built-in or an extension's function: it exists, its return type is not known here.
        case external
        /// `function "name" does not exist` (42883), regprocin's refusal.
        case missing
    }

    /// Looks up the function `text` names (`name`, `schema.name`, quoted or not), as `regprocin` does.
    public func lookUpFunction(_ text: String) -> FunctionLookup {
        var name = Substring(text.trimmingCharacters(in: .whitespaces))
        if let dot = name.lastIndex(of: "."), !name.hasSuffix("\"") || name[name.index(after: dot)...].hasPrefix("\"") {
            name = name[name.index(after: dot)...]
        }
        let key = name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 ? String(name.dropFirst().dropLast()) : name.lowercased()
        if let f = functions[key] {
            let returns = (try? catalogTypeName(f.returns).get()).flatMap { $0 }
            return .defined(returns: returns)
        }
        if PostgresBuiltinCatalog.shared.functions[key] != nil || hasForeignDefinitions { return .external }
        return .missing
    }
}

extension SchemaCatalog {
    /// The type PostgreSQL gives an expression written as a function argument (no columns in
    /// scope), as `format_type` prints it (`timestamp with time zone`, `unknown`); nil when
    /// Chunkwise cannot tell (a function it has no catalog for, text it does not read).
    public func typeName(ofArgument text: String) -> String? {
        // Arguments are short; a bound keeps the recursive-descent parser's depth small.
        guard text.utf8.count <= 512, let tokens = try? SQLLexer(text: text, file: "").tokens() else { return nil }
        var parser = SQLParser(tokens: tokens, source: Array(text.utf8), file: "")
        guard let e = try? parser.topExpression(), parser.current.isEnd, !mayCallUnknownFunctions(e) else { return nil }
        guard let t = try? resolver(.columnDefault, columns: []).check(e) else { return nil }
        return t == "unknown" ? t : PostgresBuiltinCatalog.shared.display(t)
    }

    /// The `pg_type.typname` of a query's output expression over `columns` (aggregates allowed:
    /// `avg(price)` is `numeric` for a numeric price); nil when it cannot be resolved (a function
    /// Chunkwise does not know, an error the server would report).
    public func typeName(ofOutput e: SQLExpression, columns: [ColumnDefinition]) -> String? {
        guard !mayCallUnknownFunctions(e) else { return nil }
        return try? resolver(.selectList, columns: columns).check(e)
    }
}
