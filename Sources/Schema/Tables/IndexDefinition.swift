/// An index on a table: a B-tree (the default) or a BRIN, possibly unique, covering or partial.
public struct IndexDefinition: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable { case btree, brin, hash, gin, gist, spgist }

    /// One key of an index: a column or an expression, with its sort options.
    public struct Key: Sendable, Hashable {
        /// The column name, or nil for an expression key.
        public var column: String?
        /// The expression's SQL text for expression keys.
        public var expression: String?
        public var descending: Bool
        /// nil means the default (NULLS LAST for ASC, NULLS FIRST for DESC).
        public var nullsFirst: Bool?
        /// `COLLATE name` and the operator class (`varchar_pattern_ops`) as written; nil: the defaults.
        public var collation: String?
        public var operatorClass: String?

        public init(column: String, descending: Bool = false, nullsFirst: Bool? = nil) {
            self.column = column
            self.expression = nil
            self.descending = descending
            self.nullsFirst = nullsFirst
        }

        public init(expression: String, descending: Bool = false, nullsFirst: Bool? = nil) {
            self.column = nil
            self.expression = expression
            self.descending = descending
            self.nullsFirst = nullsFirst
        }

        /// NULLS FIRST after applying PostgreSQL's default.
        public var effectiveNullsFirst: Bool { nullsFirst ?? descending }
    }

    /// Where the index comes from: an explicit CREATE INDEX, or a PRIMARY KEY / UNIQUE constraint.
    public enum Origin: Sendable, Hashable { case createIndex, primaryKey, uniqueConstraint }

    public var name: String
    public var table: String
    public var method: Method
    public var keys: [Key]
    /// INCLUDE columns (leaf-only payload).
    public var include: [String]
    public var unique: Bool
    /// A partial index's WHERE predicate.
    public var predicate: SQLExpression?
    public var predicateSQL: String?
    /// `WITH (fillfactor = …)`; nil is the access method default (90 for B-tree).
    public var fillfactor: Int?
    /// `WITH (pages_per_range = …)` for BRIN; nil is 128.
    public var pagesPerRange: Int?
    public var origin: Origin
    /// `NULLS NOT DISTINCT` (PostgreSQL 15) on a unique index or constraint: a NULL key value equals
    /// another NULL, so two keys equal but for NULLs in the same columns conflict. False is the
    /// default `NULLS DISTINCT`, where any NULL in a key makes it unlike every other key.
    public var nullsNotDistinct = false

    public init(name: String, table: String, method: Method = .btree, keys: [Key], include: [String] = [],
                unique: Bool = false, predicate: SQLExpression? = nil, predicateSQL: String? = nil,
                fillfactor: Int? = nil, pagesPerRange: Int? = nil, origin: Origin = .createIndex) {
        self.name = name
        self.table = table
        self.method = method
        self.keys = keys
        self.include = include
        self.unique = unique
        self.predicate = predicate
        self.predicateSQL = predicateSQL
        self.fillfactor = fillfactor
        self.pagesPerRange = pagesPerRange
        self.origin = origin
    }

    /// Key column names (expression keys excluded).
    public var keyColumns: [String] { keys.compactMap(\.column) }
}
