import Schema

/// A column as a store file records it: enough to check that a table definition given at load
/// time is the one the rows were saved with, and to rebuild a minimal definition without one.
public struct StoredColumnDefinition: Sendable, Hashable {
    public var name: String
    public var type: PGType
    public var notNull: Bool

    public init(name: String, type: PGType, notNull: Bool) {
        self.name = name
        self.type = type
        self.notNull = notNull
    }

    init(_ column: ColumnDefinition) {
        self.init(name: column.name, type: column.type, notNull: column.notNull)
    }

    /// `name type`, as in a column list.
    public var description: String { "\(name) \(type.sqlName)" }
}
