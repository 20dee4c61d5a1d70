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
    /// Types created by `CREATE TYPE` / `CREATE DOMAIN`.
    public internal(set) var userTypes: Set<String> = []
    /// Enum types (`CREATE TYPE … AS ENUM`) by name as PostgreSQL holds it (unquoted names folded
    /// to lower case): their labels in sort order.
    public internal(set) var enumTypes: [String: [String]] = [:]
    /// Domains (`CREATE DOMAIN`) by name as PostgreSQL holds it.
    public internal(set) var domains: [String: DomainDefinition] = [:]
    /// Extensions created (`CREATE EXTENSION name`), lower-cased.
    public internal(set) var extensions: Set<String> = []
    /// Relations other than tables and indexes that migrations create (sequences, views,
    /// materialized views), by name: their kind. Only their names are kept.
    public internal(set) var otherRelations: [String: String] = [:]
    /// A statement ran code or defined objects Chunkwise does not read (a `DO` block, `CREATE
    /// AGGREGATE`, a psql `\i` include): functions may exist that the catalog does not list.
    public internal(set) var hasUnreadDefinitions = false
    /// ``otherRelations``' kind of a continuous aggregate (`CREATE MATERIALIZED VIEW … WITH
    /// (timescaledb.continuous)`): TimescaleDB's policies take one as they take a hypertable.
    public static let continuousAggregateKind = "continuous aggregate"
    /// Continuous aggregates with a refresh policy (`add_continuous_aggregate_policy`), by name: the
    /// arguments it was added with (the offsets and schedule as written), which decide whether a
    /// second `add … if_not_exists => true` is skipped quietly or warned about.
    public internal(set) var refreshPolicies: [String: [String]] = [:]
    /// Tables a migration has put rows into (`INSERT … VALUES`, `COPY … FROM`) and not emptied since
    /// (`TRUNCATE`): TimescaleDB refuses to turn them into hypertables without `migrate_data`.
    public internal(set) var tablesWithRows: Set<String> = []
    /// Index name → owning table, kept by ``setTable(_:_:)`` so a name lookup does not walk every
    /// table (that made `check` quadratic in the statement count).
    private(set) var indexOwners: [String: String] = [:]
    /// The search_path a migration's session set (`SET search_path TO mkt`), if any: an
    /// unqualified CREATE TABLE in that file lands in its creation schema.
    public internal(set) var searchPath: SearchPath?

    public init() {}

    /// Starts from existing definitions (the built-in NQP tables, say).
    public init(tables: [TableDefinition]) {
        for t in tables {
            setTable(t.name, t)
            tableOrder.append(t.name)
        }
    }

    /// Records (or, with nil, removes) a continuous aggregate's refresh policy and the arguments it
    /// was added with (used by TimescaleDB rules layered on top).
    public mutating func setRefreshPolicy(on aggregate: String, arguments: [String]?) {
        refreshPolicies[aggregate] = arguments
    }

    /// Replaces a table's definition (used by TimescaleDB rules layered on top).
    public mutating func update(_ table: TableDefinition) {
        if tables[table.name] == nil { tableOrder.append(table.name) }
        setTable(table.name, table)
    }

    /// Sets (or removes, with nil) a table's definition and keeps ``indexOwners`` in step; the only
    /// way the catalog's tables change.
    mutating func setTable(_ name: String, _ table: TableDefinition?) {
        if let old = tables[name] {
            for index in old.indexes + (old.hypertable?.defaultIndexes ?? []) where indexOwners[index.name] == name { indexOwners[index.name] = nil }
        }
        if let table {
            for index in table.indexes + (table.hypertable?.defaultIndexes ?? []) { indexOwners[index.name] = name }
        }
        tables[name] = table
    }

    /// The table owning an index name, if any.
    public func tableOwning(index: String) -> String? {
        indexOwners[index]
    }

    /// Whether a relation (table or index) of that name exists.
    public func relationExists(_ name: String) -> Bool {
        tables[name] != nil || tableOwning(index: name) != nil || otherRelations[name] != nil
    }

    /// Whether `name` is the sequence a `serial` or identity column made for itself
    /// (`<table>_<column>_seq`, as `ChooseRelationName` names it when nothing else took the name).
    public func implicitSequenceExists(_ name: String) -> Bool {
        guard name.hasSuffix("_seq") else { return false }
        return tables.values.contains { table in
            table.columns.contains { $0.defaultValue == .sequence && "\(table.name)_\($0.name)_seq" == name }
        }
    }

    /// `ChooseRelationName`: the generated name, or with 1, 2, … appended until it is free.
    public func chooseRelationName(table: String, columns: [String], suffix: String, taken: Set<String> = []) -> String {
        var n = 0
        while true {
            let label = n == 0 ? suffix : suffix + String(n)
            let candidate = TableDefinition.generatedName(table: table, columns: columns, suffix: label)
            if !relationExists(candidate) && !taken.contains(candidate) { return candidate }
            n += 1
        }
    }

    /// The schema an unqualified CREATE TABLE in `file` lands in: the one its session's
    /// search_path names first (nil: public).
    public func creationSchema(in file: String) -> String? {
        guard let path = searchPath, path.file == file else { return nil }
        return path.creationSchema
    }

    /// Ends a transaction block's `SET LOCAL search_path` (COMMIT; a ROLLBACK restores the
    /// catalog as it was, path included).
    public mutating func endTransactionBlock() {
        if searchPath?.local == true { searchPath = nil }
    }

    /// Applies one statement; returns what the server would say (errors leave the catalog unchanged).
    public mutating func apply(_ statement: SQLStatement) -> [CatalogDiagnostic] {
        switch statement.kind {
        case .createTable(var c):
            if c.schema == nil { c.schema = creationSchema(in: statement.location.file) }
            return createTable(c)
        case .createIndex(let c): return createIndex(c)
        case .dropIndex(let names, let ifExists): return dropIndexes(names, ifExists: ifExists)
        case .renameIndex(let old, let new, let ifExists): return renameIndex(old, to: new, ifExists: ifExists)
        case .alterIndexOptions(let name, let options, let ifExists): return alterIndexOptions(name, options: options, ifExists: ifExists)
        case .dropTable(let names, let ifExists):
            var out: [CatalogDiagnostic] = []
            for n in names {
                if tables[n] == nil {
                    out.append(ifExists ? .notice("table \"\(n)\" does not exist, skipping") : .error("table \"\(n)\" does not exist"))
                    if !ifExists { return out }
                    continue
                }
                setTable(n, nil)
                tableOrder.removeAll { $0 == n }
                tablesWithRows.remove(n)
            }
            return out
        case .alterTable(let a): return alterTable(a)
        case .createFunction(let f):
            if functions[f.name] != nil && !f.orReplace {
                return [.error("function \"\(f.name)\" already exists with same argument types")]
            }
            functions[f.name] = f
            return []
        case .typeChange(let change): return applyTypeChange(change)
        case .createTrigger(let table, let function):
            // CreateTrigger opens the relation, then looks the function up with no arguments
            // (LookupFuncName) and requires it to return trigger.
            guard relationExists(table) else {
                return [CatalogDiagnostic(severity: .error, message: "relation \"\(table)\" does not exist", sqlState: "42P01")]
            }
            // A function of a schema the catalog does not list is not judged.
            let parts = function.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2, parts[0] != "public", parts[0] != "pg_catalog" { return [] }
            let bare = parts.last ?? function
            let f = bare.lowercased()
            if let user = functions[f] ?? functions[bare] {
                let noArguments = user.arguments.trimmingCharacters(in: .whitespaces).isEmpty
                if noArguments, !user.returns.lowercased().contains("trigger") {
                    return [CatalogDiagnostic(severity: .error, message: "function \(function) must return type trigger", sqlState: "42P17")]
                }
                return []
            }
            if PostgresBuiltinCatalog.shared.functions[f] != nil || hasForeignDefinitions { return [] }
            return [CatalogDiagnostic(severity: .error, message: "function \(function)() does not exist", sqlState: "42883")]
        case .comment(let target):
            // CommentObject looks the object up (get_object_address) and changes nothing else here.
            switch target {
            case .table(let t), .index(let t):
                return relationExists(t) ? [] : [CatalogDiagnostic(severity: .error, message: "relation \"\(t)\" does not exist", sqlState: "42P01")]
            case .column(let t, let c):
                guard relationExists(t) else { return [CatalogDiagnostic(severity: .error, message: "relation \"\(t)\" does not exist", sqlState: "42P01")] }
                guard let table = tables[t], table.columnIndex(c) == nil else { return [] }
                return [CatalogDiagnostic(severity: .error, message: "column \"\(c)\" of relation \"\(t)\" does not exist", sqlState: "42703")]
            }
        case .setSearchPath(let path):
            searchPath = path
            return []
        case .notModelled(let summary):
            if summary == "CREATE TABLE PARTITION OF", let refusal = partitionOfRefusal(statement.text) { return [refusal] }
            if summary == "DROP MATERIALIZED VIEW" {
                let found = dropMaterializedViewRefusals(statement.text)
                if found.contains(where: { $0.severity == .error }) { return found }
                noteDefinition(summary: summary, text: statement.text)
                return found
            }
            noteDefinition(summary: summary, text: statement.text)
            return []
        case .functionCall:
            return []
        }
    }
}

/// What PostgreSQL (or TimescaleDB) says about a statement.
public struct CatalogDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning, notice }

    /// What kind of refusal it is, for callers that act on it (a planner repairing migrations):
    /// match on this, never on the message text.
    public enum Kind: Sendable, Hashable {
        /// A unique index or PRIMARY KEY / UNIQUE constraint on a hypertable lacks its partitioning
        /// column (TimescaleDB src/indexing.c): the column named.
        case uniqueIndexLacksPartitioningColumn(String)
        /// An expression PostgreSQL's parser or DDL refuses (unknown function, not IMMUTABLE, …).
        case expression(ExpressionError)
        /// A call that matches no function of that name and argument list (`function f(…) does not exist`).
        case undefinedFunction(name: String)
        /// TimescaleDB requires a hypertable here.
        case notAHypertable(String)
        /// A compression policy or setting on a hypertable without compression enabled.
        case compressionNotEnabled(String)
        /// The Apache-licensed TimescaleDB lacks the feature (compression, policies).
        case needsCommunityEdition
        /// An argument TimescaleDB's own checks refuse (type, range, option value).
        case invalidArgument
    }

    public var severity: Severity
    public var message: String
    public var kind: Kind?
    /// The SQLSTATE the server reports, where Chunkwise knows it (TimescaleDB's own checks).
    public var sqlState: String?
    /// The server's HINT line, if any.
    public var hint: String?

    public init(severity: Severity, message: String, kind: Kind? = nil, sqlState: String? = nil, hint: String? = nil) {
        self.severity = severity
        self.message = message
        self.kind = kind
        self.sqlState = sqlState
        self.hint = hint
    }

    /// What a diagnostic is about (the planner's view of ``Kind``; kept for its callers).
    public enum Reason: Sendable, Hashable {
        /// TimescaleDB refuses a unique index or constraint that lacks this partitioning column.
        case uniqueIndexLacksPartitioningColumn(String)
    }

    /// ``Kind`` as a ``Reason``, where there is one.
    public var reason: Reason? {
        if case .uniqueIndexLacksPartitioningColumn(let c)? = kind { return .uniqueIndexLacksPartitioningColumn(c) }
        return nil
    }

    /// TimescaleDB's refusal of a unique index without the partitioning column (src/indexing.c).
    public static func uniqueIndexLacksPartitioningColumn(_ column: String) -> CatalogDiagnostic {
        // SQLSTATE TS103 (ERRCODE_TS_BAD_HYPERTABLE_INDEX_DEFINITION, src/errors.h).
        CatalogDiagnostic(severity: .error, message: "cannot create a unique index without the column \"\(column)\" (used in partitioning)",
                          kind: .uniqueIndexLacksPartitioningColumn(column), sqlState: "TS103",
                          hint: "If you're creating a hypertable on a table with a primary key, ensure the partitioning column is part of the primary or composite key.")
    }

    public static func error(_ m: String, kind: Kind? = nil) -> CatalogDiagnostic { CatalogDiagnostic(severity: .error, message: m, kind: kind) }

    /// An expression refusal, typed.
    public static func error(_ e: ExpressionError) -> CatalogDiagnostic { .error(e.message, kind: .expression(e)) }
    public static func warning(_ m: String) -> CatalogDiagnostic { CatalogDiagnostic(severity: .warning, message: m) }
    public static func notice(_ m: String) -> CatalogDiagnostic { CatalogDiagnostic(severity: .notice, message: m) }

    public var description: String { "\(severity.rawValue): \(message)" }
}
