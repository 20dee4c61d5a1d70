import Schema

/// The sequences a table's column defaults draw from by name (`DEFAULT nextval('t_id_seq'::regclass)`,
/// as Rails' `structure.sql` and every `pg_dump` write a `bigserial` column: `CREATE SEQUENCE`,
/// then `ALTER … SET DEFAULT nextval(…)`). `migrate` writes `CREATE SEQUENCE IF NOT EXISTS` for
/// each before the table: on a fresh database PostgreSQL reads the regclass constant when the
/// default is parsed and refuses the table (`relation "public.t_id_seq" does not exist`).
enum ColumnSequences {
    /// The sequence names (regclass text, as written) every `nextval('…')` in the table's
    /// column defaults names, each once, in column order.
    static func names(_ table: TableDefinition) -> [String] {
        var out: [String] = []
        for c in table.columns {
            guard case .expression(let e)? = c.defaultValue else { continue }
            for name in nextvalArguments(e) where !out.contains(name) { out.append(name) }
        }
        return out
    }

    /// `CREATE SEQUENCE IF NOT EXISTS …;` for each of ``names(_:)``, quoted part by part.
    static func createStatements(_ table: TableDefinition) -> [String] {
        names(table).compactMap { text in
            let parts = QuotedIdentifier.nameParts(ofRegclass: text)
            guard !parts.contains(where: \.isEmpty) else { return nil }
            return "CREATE SEQUENCE IF NOT EXISTS \(parts.map(SQLQuote.ident).joined(separator: "."));"
        }
    }

    /// The string literals passed first to `nextval(` in a default's SQL text (`''` read as `'`).
    static func nextvalArguments(_ sql: String) -> [String] {
        var found: [String] = []
        let chars = Array(sql)
        let lower = Array(sql.lowercased())
        let word = Array("nextval")
        var i = 0
        while i + word.count <= lower.count {
            defer { i += 1 }
            guard Array(lower[i..<i + word.count]) == word else { continue }
            if i > 0, lower[i - 1].isLetter || lower[i - 1].isNumber || lower[i - 1] == "_" { continue }
            var j = i + word.count
            while j < chars.count, chars[j] == " " { j += 1 }
            guard j < chars.count, chars[j] == "(" else { continue }
            j += 1
            while j < chars.count, chars[j] == " " { j += 1 }
            guard j < chars.count, chars[j] == "'" else { continue }
            j += 1
            var text = ""
            var closed = false
            while j < chars.count {
                if chars[j] == "'" {
                    if j + 1 < chars.count, chars[j + 1] == "'" { text.append("'"); j += 2; continue }
                    closed = true
                    break
                }
                text.append(chars[j])
                j += 1
            }
            if closed, !text.isEmpty { found.append(text) }
        }
        return found
    }
}
