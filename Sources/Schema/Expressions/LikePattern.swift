/// SQL `LIKE` / `ILIKE` as PostgreSQL matches it (utils/adt/like.c, like_match.c `MatchText`):
/// `%` matches any run of characters, `_` one character, the escape character (backslash unless
/// `ESCAPE` names another, none for `ESCAPE ''`) takes the next character literally; everything
/// else matches itself, character by character (Unicode scalars, as PostgreSQL's UTF-8 matching
/// compares whole characters). ILIKE lowercases pattern and text first. `a LIKE b ESCAPE c` is
/// `a ~~ like_escape(b, c)` to PostgreSQL's parser, and so here. Used by the expression evaluator
/// (CHECKs, partial index predicates) and by `serve`'s `like`/`ilike` filters.
///
/// ```swift
/// try LikePattern("1_").matches("1m")   // true
/// ```
public struct LikePattern: Sendable, Hashable {
    enum Token: Hashable { case anyRun, one, character(Unicode.Scalar) }

    /// A pattern PostgreSQL refuses (22025), in its words.
    public struct SyntaxError: Error, Sendable {
        public var message: String
    }

    let tokens: [Token]
    let caseInsensitive: Bool

    /// The pattern, or PostgreSQL's error: one ending with its escape character, or an ESCAPE of
    /// more than one character.
    public init(_ pattern: String, escape: String? = "\\", caseInsensitive: Bool = false) throws(SyntaxError) {
        let escapeScalar: Unicode.Scalar?
        switch escape.map({ Array($0.unicodeScalars) }) {
        case nil: escapeScalar = nil
        case let scalars?:
            guard scalars.count <= 1 else { throw SyntaxError(message: "invalid escape string") }
            escapeScalar = scalars.first
        }
        var tokens: [Token] = []
        var escaped = false
        for s in (caseInsensitive ? pattern.lowercased() : pattern).unicodeScalars {
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
        guard !escaped else { throw SyntaxError(message: "LIKE pattern must not end with escape character") }
        self.tokens = tokens
        self.caseInsensitive = caseInsensitive
    }

    /// Whether the whole of `text` matches (the greedy match with backtracking to the last `%`).
    public func matches(_ text: String) -> Bool {
        let t = Array((caseInsensitive ? text.lowercased() : text).unicodeScalars)
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
