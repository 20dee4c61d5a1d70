/// One column of a table definition.
public struct ColumnDefinition: Sendable, Hashable {
    public var name: String
    public var type: PGType
    public var notNull: Bool
    public var defaultValue: ColumnDefault?
    /// The `pg_type.typname` as declared when ``type`` does not say it exactly (`json`, `inet`,
    /// `text[]`, a type Chunkwise does not model); nil when it is `type.catalogName`.
    public var catalogType: String?
    /// For `character(n)` (`bpchar`, carried as text): n, the characters every value is
    /// blank-padded to as PostgreSQL stores it (`character` alone is `character(1)`); nil otherwise.
    public var blankPaddedLength: Int?
    /// For `bit(n)` and `bit varying(n)` (carried as text): n, the bits every value has exactly
    /// (`bit`) or at most (`varbit`); `bit` alone is `bit(1)`. nil otherwise, and for `bit varying`
    /// without a length.
    public var bitLength: Int?
    /// For a column of an enum type (`CREATE TYPE … AS ENUM`, carried as text): the type's labels
    /// in their sort order, the only values the column takes; nil otherwise. PostgreSQL stores each
    /// value as the label's 4-byte OID.
    public var enumLabels: [String]?
    /// The domain the column is declared with (its type is then the domain's base type); nil otherwise.
    public var domain: DomainDefinition?
    /// For an array column (carried as text) whose element type takes the declared modifier
    /// (`numeric(5,2)[]`, `varchar(8)[]`, `character(3)[]`): the element type with it, which
    /// `array_in` applies to every element; nil otherwise.
    public var arrayElementType: ArrayElementType?
    /// A stored generated column's expression (`GENERATED ALWAYS AS (price * qty) STORED`): each
    /// row's value is computed from its other columns, and COPY neither reads nor writes the column.
    public var generated: SQLExpression?
    /// ``generated``'s expression as the migration wrote it (written back by `migrate`).
    public var generatedSQL: String?
    /// The DEFAULT as the migration wrote it where ``defaultValue`` does not say it: a clock
    /// reading spelled otherwise than `now()` (`timezone('utc', now())`), written back by
    /// `migrate`; nil otherwise.
    public var defaultSQL: String?
    /// The type as the migration declared it, for a column whose ``type`` does not say it (a
    /// carried type such as `inet`, `text[]`, `character(3)`, an enum's or a domain's name): what
    /// `migrate` writes back; nil for a type ``PGType/sqlName`` names.
    public var declaredType: String?
    /// `COMPRESSION pglz | lz4` (`attcompression`); nil is `default_toast_compression` (pglz).
    public var compression: String?
    /// `ALTER COLUMN … SET STORAGE` (`attstorage`); nil is the type's `typstorage`.
    public var storage: ColumnStorage?

    public init(_ name: String, _ type: PGType, notNull: Bool = false, default defaultValue: ColumnDefault? = nil) {
        self.name = name
        self.type = type
        self.notNull = notNull
        self.defaultValue = defaultValue
    }
}

/// A column DEFAULT, evaluated when a COPY header omits the column.
public enum ColumnDefault: Sendable, Hashable {
    /// A constant (`'yfinance'`, `'{}'`, `0`).
    case value(Value)
    /// `now()` / `CURRENT_TIMESTAMP`: the load's transaction time.
    case now
    /// `gen_random_uuid()` / `uuid_generate_v4()`: a random v4 UUID (seeded in Chunkwise for determinism).
    case randomUUID
    /// The column's own sequence (`serial`, `bigserial`, `GENERATED … AS IDENTITY`): 1, 2, 3 … in
    /// the order rows are loaded.
    case sequence
    /// Any other expression, kept as SQL text; a load that needs it reports that it is not modelled.
    case expression(String)
}

extension ColumnDefinition {
    /// The column's `pg_type.typname`, as expressions over it are resolved.
    public var typeName: String { catalogType ?? type.catalogName }
}

/// An array column's element type as `array_in` reads each element: with the column's modifier.
public enum ArrayElementType: Sendable, Hashable {
    /// A modelled type with its modifier (`numeric(5,2)`, `varchar(8)`, `timestamptz(0)`).
    case modelled(PGType)
    /// `character(n)`: an element longer than n characters is refused unless only blanks pass n.
    case blankPadded(length: Int)
    /// `bit(n)` or `bit varying(n)`: each element's bits checked against n (``PGBitLiteral``).
    case bitString(length: Int)
}
