/// The catalog that migrations build, replayed statement by statement with PostgreSQL 15's own
/// checks: what the server would reject comes back as a ``CatalogDiagnostic`` worded as the
/// server words it, and the statement then has no effect (as in a failed transaction-less run).
///
/// ```swift
/// var catalog = SchemaCatalog()
/// for s in try SQLParser.parse(text: sql, file: "001.sql") { let d = catalog.apply(s) }
/// let marketData = catalog.tables["market_data"]
/// ```
public struct SchemaCatalog: Sendable {
    public internal(set) var tables: [String: TableDefinition] = [:]
    /// Creation order of tables, for stable output.
    public internal(set) var tableOrder: [String] = []
    /// Functions created, by name.
    public internal(set) var functions: [String: CreateFunction] = [:]

    public init() {}

    /// Starts from existing definitions (the built-in NQP tables, say).
    public init(tables: [TableDefinition]) {
        for t in tables {
            self.tables[t.name] = t
            tableOrder.append(t.name)
        }
    }

    /// Replaces a table's definition (used by TimescaleDB rules layered on top).
    public mutating func update(_ table: TableDefinition) {
        if tables[table.name] == nil { tableOrder.append(table.name) }
        tables[table.name] = table
    }

    /// The table owning an index name, if any.
    public func tableOwning(index: String) -> String? {
        for name in tableOrder where tables[name]?.indexes.contains(where: { $0.name == index }) == true { return name }
        return nil
    }

    /// Whether a relation (table or index) of that name exists.
    public func relationExists(_ name: String) -> Bool {
        tables[name] != nil || tableOwning(index: name) != nil
    }

    /// `ChooseRelationName`: the generated name, or with 1, 2, … appended until it is free.
    func chooseRelationName(table: String, columns: [String], suffix: String, taken: Set<String> = []) -> String {
        var n = 0
        while true {
            let label = n == 0 ? suffix : suffix + String(n)
            let candidate = TableDefinition.generatedName(table: table, columns: columns, suffix: label)
            if !relationExists(candidate) && !taken.contains(candidate) { return candidate }
            n += 1
        }
    }

    /// Applies one statement; returns what the server would say (errors leave the catalog unchanged).
    public mutating func apply(_ statement: SQLStatement) -> [CatalogDiagnostic] {
        switch statement.kind {
        case .createTable(let c): return createTable(c)
        case .createIndex(let c): return createIndex(c)
        case .dropIndex(let names, let ifExists): return dropIndexes(names, ifExists: ifExists)
        case .dropTable(let names, let ifExists):
            var out: [CatalogDiagnostic] = []
            for n in names {
                if tables[n] == nil {
                    out.append(ifExists ? .notice("table \"\(n)\" does not exist, skipping") : .error("table \"\(n)\" does not exist"))
                    if !ifExists { return out }
                    continue
                }
                tables[n] = nil
                tableOrder.removeAll { $0 == n }
            }
            return out
        case .alterTable(let a): return alterTable(a)
        case .createFunction(let f):
            if functions[f.name] != nil && !f.orReplace {
                return [.error("function \"\(f.name)\" already exists with same argument types")]
            }
            functions[f.name] = f
            return []
        case .functionCall, .notModelled:
            return []
        }
    }
}

/// What PostgreSQL (or TimescaleDB) says about a statement.
public struct CatalogDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning, notice }
    /// What a diagnostic is about, for callers that act on it (not only print it).
    public enum Reason: Sendable, Hashable {
        /// TimescaleDB refuses a unique index or constraint that lacks this partitioning column.
        case uniqueIndexLacksPartitioningColumn(String)
    }
    public var severity: Severity
    public var message: String
    public var reason: Reason?

    public init(severity: Severity, message: String, reason: Reason? = nil) {
        self.severity = severity
        self.message = message
        self.reason = reason
    }

    /// TimescaleDB's refusal of a unique index without the partitioning column.
    public static func uniqueIndexLacksPartitioningColumn(_ column: String) -> CatalogDiagnostic {
        CatalogDiagnostic(severity: .error, message: "cannot create a unique index without the column \"\(column)\" (used in partitioning)",
                          reason: .uniqueIndexLacksPartitioningColumn(column))
    }

    public static func error(_ m: String) -> CatalogDiagnostic { CatalogDiagnostic(severity: .error, message: m) }
    public static func warning(_ m: String) -> CatalogDiagnostic { CatalogDiagnostic(severity: .warning, message: m) }
    public static func notice(_ m: String) -> CatalogDiagnostic { CatalogDiagnostic(severity: .notice, message: m) }

    public var description: String { "\(severity.rawValue): \(message)" }
}
