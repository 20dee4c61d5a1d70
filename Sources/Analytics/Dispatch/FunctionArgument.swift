/// A named argument as a JSON request carries it, before it is read as the parameter's type.
///
/// PostgREST passes RPC arguments through JSON, so a number can feed an `integer` or a `varchar`
/// parameter and a string can feed any type whose input function accepts it.
public enum FunctionArgument: Sendable, Hashable {
    /// JSON `null`: SQL NULL.
    case null
    /// A JSON string, unescaped.
    case string(String)
    /// A JSON number, as written.
    case number(String)
    case bool(Bool)
    /// A JSON object or array, as JSON text (for `json`/`jsonb` parameters).
    case json(String)

    /// The text handed to the parameter type's input function; nil for NULL.
    public var inputText: String? {
        switch self {
        case .null: return nil
        case .string(let s), .number(let s), .json(let s): return s
        case .bool(let b): return b ? "true" : "false"
        }
    }
}
