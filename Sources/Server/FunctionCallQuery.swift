/// How PostgREST 12 reads the query string of a function call (ApiRequest/QueryParams.hs): the
/// reserved keys (`select`, `order`, `limit`, `offset`, `and`, `or`, …) shape the result; on
/// `GET`/`HEAD` a key whose value starts with an operator (`close=gt.100`, `ts=not.is.null`) or
/// that holds a `.` filters the result, and every other key is an argument (`p_days=7`). On
/// `POST` the arguments come in the body, so the whole query string shapes the result.
enum FunctionCallQuery {
    /// The operators PostgREST recognises at the start of a value, including those this server
    /// refuses when parsing the filter (a value starting with them is a filter either way).
    static let operators: Set<String> = ["eq", "gte", "gt", "lte", "lt", "neq", "like", "ilike", "cs", "cd", "ov", "sl", "sr",
                                         "nxr", "nxl", "adj", "match", "imatch", "fts", "plfts", "phfts", "wfts"]
    static let fullTextOperators: Set<String> = ["fts", "plfts", "phfts", "wfts"]

    /// Whether `key=value` on a `GET` call filters or shapes the result rather than naming an argument.
    static func shapesResult(key: String, value: String) -> Bool {
        if TableQuery.reservedKeys.contains(key) || key.contains(".") { return true }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        switch parts.first {
        case "not"?: if parts.count >= 3 { return true }
        case "is"?, "in"?: return true
        case let first?: if operators.contains(String(first)) { return true }
        case nil: break
        }
        // A full-text operator with a language: `fts(english).word`.
        let beforeParenthesis = value.split(separator: "(", maxSplits: 1, omittingEmptySubsequences: false)
        return beforeParenthesis.count == 2 && fullTextOperators.contains(String(beforeParenthesis[0]))
    }
}
