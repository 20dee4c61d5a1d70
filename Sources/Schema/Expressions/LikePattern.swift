/// SQL `LIKE` as PostgreSQL matches it (utils/adt/like.c, like_match.c `MatchText`): `%` matches
/// any run of characters, `_` one character, the escape character (backslash unless `ESCAPE`
/// names another, none for `ESCAPE ''`) takes the next character literally; everything else
/// matches itself exactly, character by character (case-sensitive, no collation involved).
/// `a LIKE b ESCAPE c` is `a ~~ like_escape(b, c)` to PostgreSQL's parser, and so here.
public struct LikePattern: Sendable, Hashable {
    enum Token: Hashable { case anyRun, one, character(Unicode.Scalar) }
    let tokens: [Token]

    /// The pattern, or nil where PostgreSQL raises an error (a pattern ending with its escape
    /// character; an ESCAPE of more than one character).
    public init?(_ pattern: String, escape: String? = "\\") {
        let escapeScalar: Unicode.Scalar?
        switch escape.map({ Array($0.unicodeScalars) }) {
        case nil: escapeScalar = nil
        case let scalars?:
            guard scalars.count <= 1 else { return nil }
            escapeScalar = scalars.first
        }
        var tokens: [Token] = []
        var escaped = false
        for s in pattern.unicodeScalars {
            if escaped {
                tokens.append(.character(s))
                escaped = false
            } else if let e = escapeScalar, s == e {
                escaped = true
            } else if s == "%" {
                // Runs of % match as one.
                if tokens.last != .anyRun { tokens.append(.anyRun) }
            } else if s == "_" {
                tokens.append(.one)
            } else {
                tokens.append(.character(s))
            }
        }
        guard !escaped else { return nil }
        self.tokens = tokens
    }

    /// Whether `text` matches (the greedy match with backtracking to the last `%`).
    public func matches(_ text: String) -> Bool {
        let t = Array(text.unicodeScalars)
        var i = 0, p = 0
        var star = -1, resume = 0
        while i < t.count {
            if p < tokens.count {
                switch tokens[p] {
                case .anyRun:
                    star = p
                    resume = i
                    p += 1
                    continue
                case .one:
                    i += 1; p += 1
                    continue
                case .character(let c) where c == t[i]:
                    i += 1; p += 1
                    continue
                case .character:
                    break
                }
            }
            guard star >= 0 else { return false }
            p = star + 1
            resume += 1
            i = resume
        }
        while p < tokens.count, tokens[p] == .anyRun { p += 1 }
        return p == tokens.count
    }
}
