/// One statement of a migration file, as far as Chunkwise models it.
public struct SQLStatement: Sendable, Hashable {
    public var location: SQLLocation
    /// The statement's text (without the final semicolon), for findings.
    public var text: String
    public var kind: Kind
    /// The line psql reports for the statement (`psql:FILE:LINE:`): the line of its terminating `;`,
    /// or the file's last line for a final statement without one.
    public var psqlLine: Int

    public init(location: SQLLocation, text: String, kind: Kind, psqlLine: Int? = nil) {
        self.location = location
        self.text = text
        self.kind = kind
        self.psqlLine = psqlLine ?? location.line
    }

    public enum Kind: Sendable, Hashable {
        case createTable(CreateTable)
        case createIndex(CreateIndex)
        case dropIndex(names: [String], ifExists: Bool)
        /// `ALTER INDEX [IF EXISTS] name RENAME TO new` (PostgreSQL renames a table named so too).
        case renameIndex(String, to: String, ifExists: Bool)
        /// `ALTER INDEX [IF EXISTS] name SET (key = value, …)`: the index's storage parameters.
        case alterIndexOptions(String, options: [String: String], ifExists: Bool)
        case dropTable(names: [String], ifExists: Bool)
        case alterTable(AlterTable)
        /// `SELECT f(…)` / `PERFORM`-style calls of TimescaleDB's API (`create_hypertable`, policies…).
        case functionCall(FunctionCall)
        case createFunction(CreateFunction)
        /// `CREATE TYPE … AS ENUM`, `ALTER TYPE` on an enum's labels or a type's name, `DROP TYPE`.
        case typeChange(TypeChange)
        /// `COMMENT ON {TABLE | COLUMN | INDEX} …`: no effect on the catalog, but its object must exist.
        case comment(CommentTarget)
        /// `CREATE [OR REPLACE] [CONSTRAINT] TRIGGER … ON table … EXECUTE {FUNCTION | PROCEDURE} f(…)`:
        /// not run by the engine, but its table and trigger function must exist.
        case createTrigger(table: String, function: String)
        /// `SET [SESSION | LOCAL] search_path …`, `SET SCHEMA '…'`, `RESET search_path`: where a
        /// later unqualified CREATE TABLE of the same file lands (``SearchPath``).
        case setSearchPath(SearchPath)
        /// A statement the reader recognises but does not model (GRANT, COMMENT, CREATE EXTENSION,
        /// triggers, views, …); `summary` is its leading keywords, e.g. `CREATE EXTENSION`.
        case notModelled(summary: String)
    }
}

/// `CREATE TABLE`.
public struct CreateTable: Sendable, Hashable {
    public var name: String
    /// The schema written before the name (`mkt.trades`), if any.
    public var schema: String?
    public var ifNotExists: Bool
    public var columns: [ColumnSpec]
    public var constraints: [TableConstraintSpec]
    /// `LIKE other [INCLUDING …]`.
    public var like: [String]
    /// `WITH (fillfactor = n, …)`.
    public var options: [String: String]
    /// `PARTITION BY strategy (key, …)` as written: the strategy word (checked by the catalog,
    /// as PostgreSQL's `transformPartitionSpec` does) and the key parts.
    public var partitionBy: (strategy: String, parts: [PartitionKey.Part])?
    /// `CREATE UNLOGGED TABLE`.
    public var unlogged = false

    public static func == (a: CreateTable, b: CreateTable) -> Bool {
        a.name == b.name && a.schema == b.schema && a.ifNotExists == b.ifNotExists && a.unlogged == b.unlogged
            && a.columns == b.columns && a.constraints == b.constraints
            && a.like == b.like && a.options == b.options
            && a.partitionBy?.strategy == b.partitionBy?.strategy && a.partitionBy?.parts == b.partitionBy?.parts
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(columns)
        hasher.combine(partitionBy?.strategy)
    }

    public init(name: String, ifNotExists: Bool, columns: [ColumnSpec], constraints: [TableConstraintSpec], like: [String], options: [String: String]) {
        self.name = name
        self.ifNotExists = ifNotExists
        self.columns = columns
        self.constraints = constraints
        self.like = like
        self.options = options
    }
}

/// A column as written in CREATE TABLE / ADD COLUMN.
public struct ColumnSpec: Sendable, Hashable {
    public var name: String
    /// The type as written (`numeric(12,2)`); `type` is nil when Chunkwise does not model it.
    public var typeSQL: String
    public var type: PGType?
    public var notNull: Bool
    public var defaultSQL: String?
    public var defaultExpression: SQLExpression?
    /// `GENERATED ALWAYS AS (expression) STORED`.
    public var generatedExpression: SQLExpression?
    /// The generation expression as written.
    public var generatedSQL: String?
    /// How many `GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY` clauses the column has (more than one is an error).
    public var identityClauses = 0
    /// The column says `NULL` explicitly (which conflicts with an identity or serial column).
    public var saysNull = false
    /// `COLLATE name`, if given (only string types take one).
    public var collation: String?
    /// `COMPRESSION method` as written right after the type (gram.y `opt_column_compression`).
    public var compression: String?
    /// Column constraints (PRIMARY KEY, UNIQUE, CHECK, REFERENCES) as table constraints on this column.
    public var constraints: [TableConstraintSpec]
    public var location: SQLLocation

    public init(name: String, typeSQL: String, type: PGType?, notNull: Bool, defaultSQL: String?, defaultExpression: SQLExpression?,
                constraints: [TableConstraintSpec], location: SQLLocation) {
        self.name = name
        self.typeSQL = typeSQL
        self.type = type
        self.notNull = notNull
        self.defaultSQL = defaultSQL
        self.defaultExpression = defaultExpression
        self.constraints = constraints
        self.location = location
    }
}

/// A table constraint (or a column constraint lifted to one).
public struct TableConstraintSpec: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case primaryKey([String], include: [String])
        case unique([String], include: [String])
        case check(SQLExpression, sql: String)
        case foreignKey([String], table: String, columns: [String], onDelete: String?, onUpdate: String? = nil)
        /// `EXCLUDE [USING method] (element WITH operator, …) …`, kept as its text (not modelled).
        case exclude(sql: String)
        /// `ALTER TABLE … ADD [CONSTRAINT name] {PRIMARY KEY | UNIQUE} USING INDEX index`.
        case usingIndex(String, primary: Bool)
    }

    /// `CONSTRAINT name`, if given.
    public var name: String?
    public var kind: Kind
    /// `UNIQUE NULLS NOT DISTINCT` (``IndexDefinition/nullsNotDistinct``).
    public var nullsNotDistinct = false

    public init(name: String?, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// `CREATE INDEX`.
public struct CreateIndex: Sendable, Hashable {
    public var name: String?
    public var table: String
    public var unique: Bool
    public var concurrently: Bool
    public var ifNotExists: Bool
    public var method: String
    public var keys: [IndexDefinition.Key]
    public var include: [String]
    public var options: [String: String]
    public var predicate: SQLExpression?
    public var predicateSQL: String?
    /// The parsed expression of each expression key, by position in `keys` (nil for column keys).
    public var keyExpressions: [SQLExpression?] = []
    /// Whether each key was written with ASC or DESC (access methods that cannot order refuse either).
    public var explicitOrdering: [Bool] = []
    /// `NULLS NOT DISTINCT` after the key list (``IndexDefinition/nullsNotDistinct``).
    public var nullsNotDistinct = false

    public init(name: String?, table: String, unique: Bool, concurrently: Bool, ifNotExists: Bool, method: String,
                keys: [IndexDefinition.Key], include: [String], options: [String: String], predicate: SQLExpression?, predicateSQL: String?) {
        self.name = name
        self.table = table
        self.unique = unique
        self.concurrently = concurrently
        self.ifNotExists = ifNotExists
        self.method = method
        self.keys = keys
        self.include = include
        self.options = options
        self.predicate = predicate
        self.predicateSQL = predicateSQL
    }
}

/// `ALTER TABLE name action, …`.
public struct AlterTable: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        case addColumn(ColumnSpec, ifNotExists: Bool)
        case dropColumn(String, ifExists: Bool)
        /// `ALTER COLUMN … TYPE`; `using` says a USING clause was given.
        case alterColumnType(String, typeSQL: String, type: PGType?, using: Bool = false)
        /// `SET DEFAULT` (the expression and its text) or `DROP DEFAULT` (nil).
        case alterColumnSetDefault(String, sql: String?, expression: SQLExpression? = nil)
        case alterColumnNotNull(String, set: Bool)
        /// `ALTER COLUMN … ADD GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY [ ( options ) ]`, with
        /// the options' `SEQUENCE NAME` (pg_dump writes one for every identity column).
        case alterColumnAddIdentity(String, sequenceName: String? = nil)
        /// `ALTER COLUMN … DROP IDENTITY [IF EXISTS]`.
        case alterColumnDropIdentity(String, ifExists: Bool)
        /// `ALTER COLUMN … DROP EXPRESSION [IF EXISTS]`: a stored generated column becomes a plain one.
        case alterColumnDropExpression(String, ifExists: Bool)
        /// `ALTER COLUMN … SET COMPRESSION method` (`default`, `pglz`, `lz4`).
        case alterColumnSetCompression(String, method: String)
        /// `ALTER COLUMN … SET STORAGE { PLAIN | EXTERNAL | EXTENDED | MAIN }`.
        case alterColumnSetStorage(String, storage: String)
        case addConstraint(TableConstraintSpec)
        case dropConstraint(String, ifExists: Bool)
        /// `SET (key = value, …)`, e.g. `timescaledb.compress`, `timescaledb.compress_segmentby`.
        case setOptions([String: String])
        /// `RENAME [COLUMN] old TO new`.
        case renameColumn(String, to: String)
        /// `RENAME TO new` (the table).
        case renameTable(to: String)
        /// `RENAME CONSTRAINT old TO new`.
        case renameConstraint(String, to: String)
        /// Any other ALTER TABLE action, kept as its leading words.
        case other(String)
    }

    public var table: String
    public var ifExists: Bool
    public var actions: [Action]

    public init(table: String, ifExists: Bool, actions: [Action]) {
        self.table = table
        self.ifExists = ifExists
        self.actions = actions
    }
}

/// A function call statement (`SELECT create_hypertable('t', 'ts', chunk_time_interval => INTERVAL '1 day')`).
public struct FunctionCall: Sendable, Hashable {
    public enum Argument: Sendable, Hashable {
        case text(String)
        case number(String)
        case bool(Bool)
        case null
        /// `INTERVAL '1 day'` or `'1 day'::interval`.
        case interval(String)
        /// A nested call such as `by_range('timestamp', INTERVAL '1 day')`.
        case call(FunctionCall)
        /// Anything else, as SQL text.
        case expression(String)

        /// The argument as text when it is a string-like constant.
        public var textValue: String? {
            switch self {
            case .text(let s), .interval(let s), .number(let s): return s
            default: return nil
            }
        }
    }

    /// The function name without its schema (`public.create_hypertable` → `create_hypertable`).
    public var name: String
    /// The schema the call names (`public`, `timescaledb_experimental`), nil when unqualified.
    public var schema: String?
    public var positional: [Argument]
    public var named: [String: Argument]
    /// The named arguments' names in the order written (PostgreSQL lists them so in its errors).
    public var namedOrder: [String] = []
    /// Invoked with `CALL` (procedures) rather than `SELECT`.
    public var viaCall = false

    public init(name: String, positional: [Argument], named: [String: Argument]) {
        self.name = name
        self.positional = positional
        self.named = named
    }

    /// An argument by name, or else by position (0-based).
    public func argument(_ name: String, position: Int) -> Argument? {
        if let a = named[name] { return a }
        return position < positional.count ? positional[position] : nil
    }
}

/// `CREATE [OR REPLACE] FUNCTION name(args) RETURNS … AS $$body$$ LANGUAGE …`: kept opaque.
public struct CreateFunction: Sendable, Hashable {
    public var name: String
    public var orReplace: Bool
    /// The argument list as written, e.g. `p_ticker_id uuid, p_interval varchar DEFAULT '1h'`.
    public var arguments: String
    /// The RETURNS clause as written.
    public var returns: String
    public var language: String?
    public var body: String

    public init(name: String, orReplace: Bool, arguments: String, returns: String, language: String?, body: String) {
        self.name = name
        self.orReplace = orReplace
        self.arguments = arguments
        self.returns = returns
        self.language = language
        self.body = body
    }
}

/// The object a `COMMENT ON` statement names, for the kinds the catalog can look up.
public enum CommentTarget: Sendable, Hashable {
    case table(String)
    case column(table: String, column: String)
    case index(String)
}
