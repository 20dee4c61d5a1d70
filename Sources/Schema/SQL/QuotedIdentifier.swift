/// PostgreSQL's `quote_identifier` (ruleutils.c): the spelling an identifier needs in messages and SQL.
///
/// Quoted unless it is all lowercase ASCII letters, digits and underscores, does not start with a
/// digit, and is not a keyword outside the unreserved category — the categories come from
/// `pg_get_keywords()` in ``PostgresBuiltinCatalog`` (`timestamp` and `interval` are column-name
/// keywords, so the unique-violation detail for market_data reads `(ticker_id, "timestamp", "interval")`).
public enum QuotedIdentifier {
    public static func quote(_ name: String) -> String {
        let bytes = Array(name.utf8)
        let safe = !bytes.isEmpty && !(bytes[0] >= 0x30 && bytes[0] <= 0x39) && bytes.allSatisfy {
            ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F
        }
        if safe && (PostgresBuiltinCatalog.shared.keywords[name] ?? "U") == "U" { return name }
        var out = "\""
        for c in name { out += c == "\"" ? "\"\"" : String(c) }
        return out + "\""
    }

    /// The dotted parts of regclass text as `stringToQualifiedNameList` reads them
    /// (`public."Odd ""Name"""` is `public`, `Odd "Name"`): a quoted part verbatim with `""` as
    /// `"`, an unquoted one folded to lower case.
    public static func nameParts(ofRegclass s: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var chars = Array(s)[...]
        while let c = chars.popFirst() {
            if c == "\"" {
                current += readQuoted(&chars).text
                quoted = true
            } else if c == "." {
                parts.append(current)
                current = ""
                quoted = false
            } else {
                current += quoted ? String(c) : c.lowercased()
            }
        }
        parts.append(current)
        return parts
    }

    /// Reads a double-quoted identifier's body after its opening quote, through its closing quote
    /// (`""` inside is one `"`); `closed` is false when the text ends first.
    static func readQuoted(_ chars: inout ArraySlice<Character>) -> (text: String, closed: Bool) {
        var text = ""
        while let c = chars.popFirst() {
            if c == "\"" {
                guard chars.first == "\"" else { return (text, true) }
                chars.removeFirst()
            }
            text.append(c)
        }
        return (text, false)
    }
}
