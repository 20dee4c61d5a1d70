/// A CHECK constraint: a named predicate every stored row must not make false.
public struct CheckConstraint: Sendable, Hashable {
    /// The name PostgreSQL gives it (`market_data_interval_check` for a column constraint).
    public var name: String
    public var predicate: SQLExpression
    /// The constraint's SQL text, for messages and emitted DDL.
    public var sql: String

    public init(name: String, predicate: SQLExpression, sql: String) {
        self.name = name
        self.predicate = predicate
        self.sql = sql
    }
}
