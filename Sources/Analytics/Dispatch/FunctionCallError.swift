/// Why a call by function name and named arguments could not run, with PostgreSQL's SQLSTATE.
public enum FunctionCallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No function of that name takes exactly these argument names (PostgREST's `PGRST202`):
    /// an unknown name, an unknown argument, or a missing argument without DEFAULT.
    case noMatchingFunction(name: String, argumentNames: [String])
    /// A value the parameter's type refuses (`invalid input syntax for type uuid: "x"`).
    case invalidArgument(sqlState: String, message: String)
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
        case .invalidArgument(let s, _), .evaluation(let s, _): return s
        case .notImplemented, .signatureNotModelled: return "0A000"
        }
    }

    public var description: String {
        switch self {
        case .noMatchingFunction(let name, let args):
            return "Could not find the function public.\(name)(\(args.sorted().joined(separator: ", "))) in the schema cache"
        case .invalidArgument(_, let m), .evaluation(_, let m): return m
        case .notImplemented(let f, let reason): return "function \(f) has no in-process implementation: \(reason)"
        case .signatureNotModelled(let f, let reason): return "function \(f): \(reason) not modelled"
        }
    }
}
