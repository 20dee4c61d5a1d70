import Schema

/// The statements of a team's migrations that decide who may read and write a table: row-level
/// security switched on or forced, its policies, and GRANT/REVOKE on it. The replay does not model
/// them; `migrate` keeps them so that a rollback which rebuilds the table can give them back.
enum TableAccessStatements {
    /// The table (unqualified, as the catalog names it) a statement controls access to, or nil when
    /// it is not one of these statements.
    static func table(of text: String) -> String? {
        let words = Self.words(text)
        func keyword(_ i: Int) -> String? { i < words.count && !words[i].quoted ? words[i].text.lowercased() : nil }
        func relation(_ i: Int) -> String? {
            guard i < words.count else { return nil }
            return QuotedIdentifier.nameParts(ofRegclass: words[i].raw).last
        }
        switch (keyword(0), keyword(1)) {
        case ("alter", "table"):
            var i = 2
            if keyword(i) == "if", keyword(i + 1) == "exists" { i += 2 }
            if keyword(i) == "only" { i += 1 }
            let rest = (i + 1..<words.count).compactMap(keyword)
            let actions: [[String]] = [["enable", "row", "level", "security"], ["disable", "row", "level", "security"],
                                       ["force", "row", "level", "security"], ["no", "force", "row", "level", "security"]]
            return actions.contains(rest) ? relation(i) : nil
        case ("create", "policy"), ("alter", "policy"), ("drop", "policy"):
            guard let on = (2..<words.count).first(where: { keyword($0) == "on" }) else { return nil }
            return relation(on + 1)
        case ("grant", _), ("revoke", _):
            guard let on = (1..<words.count).first(where: { keyword($0) == "on" }) else { return nil }
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

    /// A word of SQL text: an identifier or keyword, possibly schema-qualified (`public."Odd"`),
    /// as written (`raw`), its text and whether it began with a quote.
    struct Word {
        var raw: String
        var text: String
        var quoted: Bool
    }

    /// The words of `text`, punctuation and literals skipped.
    static func words(_ text: String) -> [Word] {
        var out: [Word] = []
        var chars = Array(text)[...]
        var current = ""
        var quoted = false
        func end() {
            if !current.isEmpty { out.append(Word(raw: current, text: current.replacingOccurrences(of: "\"", with: ""), quoted: quoted)) }
            current = ""
            quoted = false
        }
        while let c = chars.popFirst() {
            if c == "\"" {
                if current.isEmpty { quoted = true }
                current.append(c)
                let (body, closed) = QuotedIdentifier.readQuoted(&chars)
                current += body.replacingOccurrences(of: "\"", with: "\"\"")
                if closed { current.append("\"") }
            } else if c.isLetter || c.isNumber || c == "_" || c == "$" || c == "." {
                current.append(c)
            } else if c == "'" {
                end()
                // A string literal: skipped whole ('' inside).
                while let d = chars.popFirst() {
                    if d == "'" { if chars.first == "'" { chars.removeFirst() } else { break } }
                }
            } else {
                end()
            }
        }
        end()
        return out
    }
}
