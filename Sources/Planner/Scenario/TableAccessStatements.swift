import Schema

/// The statements of a team's migrations that decide who may read and write a table: row-level
/// security switched on or forced, its policies, and GRANT/REVOKE on it. The replay does not model
/// them; `migrate` keeps them so that a rollback which rebuilds the table can give them back.
enum TableAccessStatements {
    /// The table (unqualified, as the catalog names it) a statement controls access to, or nil when
    /// it is not one of these statements.
    static func table(of text: String) -> String? {
        let words = Self.words(text)
        func keyword(_ i: Int) -> String? { i < words.count && !words[i].quoted ? words[i].name : nil }
        func relation(_ i: Int) -> String? { i < words.count ? words[i].name : nil }
        switch (keyword(0), keyword(1)) {
        case ("alter", "table"):
            var i = 2
            if keyword(i) == "if", keyword(i + 1) == "exists" { i += 2 }
            if keyword(i) == "only" { i += 1 }
            let rest = (i + 1..<max(i + 1, words.count)).compactMap(keyword)
            let actions: [[String]] = [["enable", "row", "level", "security"], ["disable", "row", "level", "security"],
                                       ["force", "row", "level", "security"], ["no", "force", "row", "level", "security"]]
            return actions.contains(rest) ? relation(i) : nil
        case ("create", "policy"), ("alter", "policy"), ("drop", "policy"):
            guard let on = (2..<max(2, words.count)).first(where: { keyword($0) == "on" }) else { return nil }
            return relation(on + 1)
        case ("grant", _), ("revoke", _):
            guard let on = (1..<max(1, words.count)).first(where: { keyword($0) == "on" }) else { return nil }
            var i = on + 1
            if keyword(i) == "table" { i += 1 }
            // Not a table: GRANT … ON SEQUENCE/FUNCTION/SCHEMA/ALL TABLES IN SCHEMA …
            if let k = keyword(i), ["sequence", "function", "procedure", "routine", "schema", "all", "database", "type", "domain",
                                    "language", "large", "foreign", "tablespace", "parameter"].contains(k) { return nil }
            return relation(i)
        default:
            return nil
        }
    }

    /// The identifiers of `text` as the SQL lexer reads them (unquoted ones folded), a dotted
    /// name as one word holding its last part (`public."Odd"` is `Odd`); literals and punctuation
    /// skipped. Empty when the text does not lex.
    static func words(_ text: String) -> [(name: String, quoted: Bool)] {
        guard let tokens = try? SQLLexer(text: text, file: "").tokens() else { return [] }
        var words: [(name: String, quoted: Bool)] = []
        for (k, token) in tokens.enumerated() {
            guard case .identifier(let name, let quoted) = token.kind else { continue }
            if k >= 2, case .symbol(".") = tokens[k - 1].kind, case .identifier = tokens[k - 2].kind, !words.isEmpty {
                words[words.count - 1] = (name, quoted)
            } else {
                words.append((name, quoted))
            }
        }
        return words
    }
}
