/// A domain (`CREATE DOMAIN name [AS] base …`): a column declared with it stores values of its
/// base type, takes the domain's default where it has none of its own, and refuses values that
/// break the domain's NOT NULL or CHECK constraints (worded as the server words a domain's).
public struct DomainDefinition: Sendable, Hashable {
    /// The name as PostgreSQL holds it (unquoted names folded to lower case).
    public var name: String
    /// The base type as written (`numeric(12,2)`), and as ``PGType`` when Chunkwise models it.
    public var baseTypeSQL: String
    public var baseType: PGType?
    public var notNull: Bool
    public var defaultSQL: String?
    public var defaultExpression: SQLExpression?
    /// CHECK constraints over `VALUE` (read as the column `value`), named as PostgreSQL names them
    /// (`price_check`, `price_check1`, … when unnamed).
    public var checks: [CheckConstraint]

    public init(name: String, baseTypeSQL: String, baseType: PGType?, notNull: Bool = false, defaultSQL: String? = nil,
                defaultExpression: SQLExpression? = nil, checks: [CheckConstraint] = []) {
        self.name = name
        self.baseTypeSQL = baseTypeSQL
        self.baseType = baseType
        self.notNull = notNull
        self.defaultSQL = defaultSQL
        self.defaultExpression = defaultExpression
        self.checks = checks
    }
}
