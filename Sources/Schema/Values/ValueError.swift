/// Why a text value could not become a value of its column type.
///
/// Messages read like PostgreSQL's own; the COPY reader adds file, line and column.
public enum ValueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `invalid input syntax for type <type>: "<text>"`
    case invalidSyntax(type: String, text: String)
    /// `value "<text>" is out of range for type <type>`
    case outOfRange(type: String, text: String)
    /// `numeric field overflow`, with PostgreSQL's detail line.
    case numericFieldOverflow(precision: Int, scale: Int)
    /// `value too long for type character varying(n)`
    case valueTooLong(type: String)
    /// A value PostgreSQL would accept but Chunkwise cannot represent exactly (say, a numeric with more
    /// than 18 significant digits); never silently rounded.
    case unsupported(type: String, text: String, reason: String)

    public var description: String {
        switch self {
        // json's input function names the bad token in a DETAIL line, not in the message.
        case .invalidSyntax("json", _): return "invalid input syntax for type json"
        case .invalidSyntax(let type, let text): return "invalid input syntax for type \(type): \"\(text)\""
        case .outOfRange(let type, let text): return "value \"\(text)\" is out of range for type \(type)"
        case .numericFieldOverflow(let p, let s):
            return "numeric field overflow (A field with precision \(p), scale \(s) must round to an absolute value less than 10^\(p - s).)"
        case .valueTooLong(let type): return "value too long for type \(type)"
        case .unsupported(let type, let text, let reason): return "unsupported value for type \(type): \"\(text)\" (\(reason))"
        }
    }
}
