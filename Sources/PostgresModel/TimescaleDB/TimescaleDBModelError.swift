/// Errors of the TimescaleDB size model, worded like the server's messages.
public enum TimescaleDBModelError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidSetting(String)
    case unknownColumn(String)
    case notATimeColumn(String)
    case invalidInterval(String)
    /// PostgreSQL's size model could not size a chunk (e.g. an index method it does not model).
    case sizeModel(String)
    case nullTime(column: String, table: String)

    public var description: String {
        switch self {
        case .invalidSetting(let m): return m
        case .unknownColumn(let c): return "column \"\(c)\" does not exist"
        case .notATimeColumn(let c): return "invalid type for dimension \"\(c)\""
        case .invalidInterval(let m): return m
        case .sizeModel(let m): return m
        case .nullTime(let c, let t): return "null value in column \"\(c)\" of relation \"\(t)\" violates not-null constraint"
        }
    }
}
