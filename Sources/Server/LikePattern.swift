/// A `LIKE`/`ILIKE` pattern as PostgreSQL reads it: `%` matches any run of characters, `_` one
/// character, `\` makes the next character literal; ILIKE lowercases pattern and text first.
/// Characters are Unicode scalars, as PostgreSQL's UTF-8 matching compares whole characters.
///
/// ```swift
/// try LikePattern("1_", caseInsensitive: false).matches("1m")   // true
/// ```
struct LikePattern: Sendable {
    enum Token: Equatable {
        case anyRun
        case anyOne
        case literal(Unicode.Scalar)
    }

    /// A pattern ending in a lone `\` (PostgreSQL's 22025).
    struct SyntaxError: Error {
        var message: String
    }

    let tokens: [Token]
    let caseInsensitive: Bool

    init(_ pattern: String, caseInsensitive: Bool) throws(SyntaxError) {
        self.caseInsensitive = caseInsensitive
        var tokens: [Token] = []
        var escaped = false
        for u in (caseInsensitive ? pattern.lowercased() : pattern).unicodeScalars {
            if escaped { tokens.append(.literal(u)); escaped = false; continue }
            switch u {
            case "\\": escaped = true
            case "%": if tokens.last != .anyRun { tokens.append(.anyRun) }
            case "_": tokens.append(.anyOne)
            default: tokens.append(.literal(u))
            }
        }
        guard !escaped else { throw SyntaxError(message: "LIKE pattern must not end with escape character") }
        self.tokens = tokens
    }

    /// Whether the whole of `text` matches (greedy `%` with backtracking to the last `%`).
    func matches(_ text: String) -> Bool {
        let s = Array((caseInsensitive ? text.lowercased() : text).unicodeScalars)
        var p = 0, i = 0
        var lastRun = -1, resumeAt = 0
        while i < s.count {
            if p < tokens.count {
                switch tokens[p] {
                case .anyOne: p += 1; i += 1; continue
                case .literal(let u) where u == s[i]: p += 1; i += 1; continue
                case .anyRun: lastRun = p; resumeAt = i; p += 1; continue
                default: break
                }
            }
            guard lastRun >= 0 else { return false }
            p = lastRun + 1
            resumeAt += 1
            i = resumeAt
        }
        while p < tokens.count, tokens[p] == .anyRun { p += 1 }
        return p == tokens.count
    }
}
