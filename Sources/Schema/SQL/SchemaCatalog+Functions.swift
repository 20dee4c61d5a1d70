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
