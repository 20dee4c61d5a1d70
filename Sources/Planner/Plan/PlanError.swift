/// Why a capacity plan cannot be computed.
public enum PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    case scenario(ScenarioError)
    case sampling(String)
    case empty(String)

    public var description: String {
        switch self {
        case .scenario(let e): return e.description
        case .sampling(let m): return "sampling failed: \(m)"
        case .empty(let m): return m
        }
    }
}
