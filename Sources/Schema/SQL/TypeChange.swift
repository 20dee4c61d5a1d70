/// The statements on user-defined types the catalog models: enum types whole (their labels are
/// the column's values, stored as 4-byte OIDs), domains (their base type's storage, their default
/// and constraints), and the renames and drops of any type a migration created (a composite
/// `CREATE TYPE`'s columns stay carried as text).
public enum TypeChange: Sendable, Hashable {
    /// `CREATE TYPE name AS ENUM ('a', 'b', …)`: labels in the order given, their sort order.
    case createEnum(name: String, labels: [String])
    /// `CREATE DOMAIN name [AS] type [COLLATE c] [DEFAULT e] [[CONSTRAINT n] {NOT NULL | NULL | CHECK (e)}]…`.
    case createDomain(DomainDefinition)
    /// `ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'label' [{BEFORE | AFTER} 'neighbour']`.
    case addEnumValue(type: String, label: String, ifNotExists: Bool, neighbour: EnumNeighbour?)
    /// `ALTER TYPE name RENAME VALUE 'old' TO 'new'`.
    case renameEnumValue(type: String, from: String, to: String)
    /// `ALTER TYPE name RENAME TO new`.
    case rename(type: String, to: String)
    /// `DROP TYPE [IF EXISTS] name, … [CASCADE | RESTRICT]`.
    case drop(names: [String], ifExists: Bool, cascade: Bool)

    /// Where `ADD VALUE` puts the new label: just before or just after an existing one.
    public struct EnumNeighbour: Sendable, Hashable {
        public var label: String
        public var before: Bool

        public init(label: String, before: Bool) {
            self.label = label
            self.before = before
        }
    }
}
