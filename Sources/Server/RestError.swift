import Analytics

/// An error answer in PostgREST's shape: `{"code","details","hint","message"}` with the HTTP
/// status PostgREST gives the code (PostgreSQL SQLSTATEs per PostgREST's table, `PGRST…` codes
/// for its own errors).
public struct RestError: Error, Sendable, Equatable {
    public var status: Int
    public var code: String
    public var message: String
    public var details: String?
    public var hint: String?
    /// Extra response headers (`WWW-Authenticate` for JWT errors).
    public var headers: [(String, String)] = []

    public init(status: Int, code: String, message: String, details: String? = nil, hint: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.hint = hint
    }

    public static func == (a: RestError, b: RestError) -> Bool {
        a.status == b.status && a.code == b.code && a.message == b.message && a.details == b.details && a.hint == b.hint
    }

    /// A PostgreSQL error with PostgREST's status for its SQLSTATE. `authenticated` decides 401
    /// or 403 for `42501` (PostgREST answers 401 when no JWT was sent).
    public static func postgres(_ sqlState: String, _ message: String, details: String? = nil, hint: String? = nil,
                                authenticated: Bool = false) -> RestError {
        RestError(status: status(forSQLState: sqlState, authenticated: authenticated), code: sqlState,
                  message: message, details: details, hint: hint)
    }

    /// PostgREST's SQLSTATE → HTTP status table.
    static func status(forSQLState s: String, authenticated: Bool) -> Int {
        switch s {
        case "23503", "23505": return 409
        case "25006": return 405
        case "42883", "42P01": return 404
        case "42P17": return 500
        case "42501": return authenticated ? 403 : 401
        case "P0001": return 400
        default: break
        }
        switch String(s.prefix(2)) {
        case "08", "53": return 503
        case "09", "25", "2D", "38", "39", "3B", "40", "54", "55", "57", "58", "F0", "HV", "P0", "XX": return 500
        case "0L", "0P", "28": return 403
        default: return 400
        }
    }

    /// `PGRST100`: a query string PostgREST cannot parse.
    public static func badQuery(_ message: String, details: String? = nil) -> RestError {
        RestError(status: 400, code: "PGRST100", message: message, details: details)
    }

    /// `PGRST102`: a body that is not JSON (or not the JSON shape the request needs).
    public static func badBody(_ details: String? = nil) -> RestError {
        RestError(status: 400, code: "PGRST102", message: "Empty or invalid json", details: details)
    }

    /// `PGRST102` for an array of objects whose keys differ (or that holds something else), in
    /// PostgREST 12's words.
    public static let keysMustMatch = RestError(status: 400, code: "PGRST102", message: "All object keys must match")

    /// `PGRST205`: no such table.
    public static func unknownTable(_ name: String) -> RestError {
        RestError(status: 404, code: "PGRST205", message: "Could not find the table 'public.\(name)' in the schema cache")
    }

    /// `42703`: no such column, with PostgreSQL's hint when one of `columns` is close (``ColumnHint``).
    public static func unknownColumn(_ column: String, table: String, columns: [String] = []) -> RestError {
        .postgres("42703", "column \(table).\(column) does not exist", hint: ColumnHint.hint(for: column, among: columns, relation: table))
    }

    /// An analytics call that failed, as PostgREST reports the function's error.
    public init(_ error: FunctionCallError) {
        switch error {
        case .noMatchingFunction(let name, let args):
            let params = args.sorted().joined(separator: ", ")
            self.init(status: 404, code: "PGRST202", message: error.description,
                      details: "Searched for the function public.\(name) with parameter\(args.count == 1 ? "" : "s") \(params.isEmpty ? "<none>" : params) or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.")
        default:
            self = .postgres(error.code, error.description, hint: error.hint)
        }
    }

    /// The JSON body. PostgREST encodes its error bodies itself (Haskell's aeson), not through
    /// PostgreSQL: `"` and `\` backslashed, `\n \r \t` by name and every other control
    /// character as `\u00xx` (so `\b` is `\u0008` here, unlike `to_json`'s `\b`).
    public var json: String {
        func s(_ v: String?) -> String { v.map(RestError.quoted) ?? "null" }
        return "{\"code\":\(s(code)),\"details\":\(s(details)),\"hint\":\(s(hint)),\"message\":\(s(message))}"
    }

    /// A string as aeson (PostgREST's JSON encoder) writes it.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
