/// Why a call by function name and named arguments could not run, with PostgreSQL's SQLSTATE.
public enum FunctionCallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No function of that name takes exactly these argument names (PostgREST's `PGRST202`):
    /// an unknown name, an unknown argument, or a missing argument without DEFAULT.
    case noMatchingFunction(name: String, argumentNames: [String])
    /// A value the parameter's type refuses (`invalid input syntax for type uuid: "x"`).
    case invalidArgument(sqlState: String, message: String)
    /// A value the parameter's type refuses with a HINT line
    /// (`date/time field value out of range: "2024-13-01"`, hint about `DateStyle`).
    case invalidArgumentWithHint(sqlState: String, message: String, hint: String)
    /// The function is declared but Chunkwise has no in-process implementation of it, or its
    /// declaration differs from the NQP one the implementation computes.
    case notImplemented(function: String, reason: String)
    /// A declaration Chunkwise cannot read (OUT parameters, unmodelled types, DEFAULT expressions).
    case signatureNotModelled(function: String, reason: String)
    /// The computation itself failed (`timestamp out of range`, …).
    case evaluation(sqlState: String, message: String)

    /// PostgreSQL's SQLSTATE (or PostgREST's code for a missing function).
    public var code: String {
        switch self {
        case .noMatchingFunction: return "PGRST202"
        case .invalidArgument(let s, _), .evaluation(let s, _), .invalidArgumentWithHint(let s, _, _): return s
        case .notImplemented, .signatureNotModelled: return "0A000"
        }
    }

    public var description: String {
        switch self {
        case .noMatchingFunction(let name, let args):
            return "Could not find the function public.\(name)(\(args.sorted().joined(separator: ", "))) in the schema cache"
        case .invalidArgument(_, let m), .evaluation(_, let m), .invalidArgumentWithHint(_, let m, _): return m
        case .notImplemented(let f, let reason): return "function \(f) has no in-process implementation: \(reason)"
        case .signatureNotModelled(let f, let reason): return "function \(f): \(reason) not modelled"
        }
    }

    /// PostgreSQL's HINT line, when the error has one.
    public var hint: String? {
        if case .invalidArgumentWithHint(_, _, let hint) = self { return hint }
        return nil
    }

    /// A parameter type's refusal of an argument: ``invalidArgument(sqlState:message:)``, or
    /// ``invalidArgumentWithHint(sqlState:message:hint:)`` when the server adds a hint.
    static func refused(_ error: ValueError) -> FunctionCallError {
        if let hint = error.hint { return .invalidArgumentWithHint(sqlState: error.sqlState, message: error.description, hint: hint) }
        return .invalidArgument(sqlState: error.sqlState, message: error.description)
    }
}
