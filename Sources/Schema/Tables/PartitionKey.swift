/// The key of a declaratively partitioned table (`PARTITION BY RANGE | LIST | HASH (…)`): the
/// parent of partitions, which holds no rows itself.
public struct PartitionKey: Sendable, Hashable {
    public enum Strategy: String, Sendable, Hashable { case range, list, hash }

    /// One key part: a column, or an expression (`(ts::date)`, `date_trunc('day', ts)`).
    public struct Part: Sendable, Hashable {
        public var column: String?
        public var expression: SQLExpression?

        public init(column: String) {
            self.column = column
            self.expression = nil
        }

        public init(expression: SQLExpression) {
            // A parenthesised bare column is the column (ComputePartitionAttrs: a Var is an attribute).
            if case .column(let c) = expression {
                self.column = c
                self.expression = nil
            } else {
                self.column = nil
                self.expression = expression
            }
        }
    }

    public var strategy: Strategy
    public var parts: [Part]

    public init(strategy: Strategy, parts: [Part]) {
        self.strategy = strategy
        self.parts = parts
    }

    /// The key's plain columns (expression parts left out).
    public var columns: [String] { parts.compactMap(\.column) }
    public var hasExpressions: Bool { parts.contains { $0.expression != nil } }
}
