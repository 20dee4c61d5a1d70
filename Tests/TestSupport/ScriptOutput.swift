extension PostgresCluster {
    /// Runs `script` through psql (stopping at its first error) in a database of its own on the
    /// shared throwaway cluster, drops the database, and returns what psql printed: the
    /// differential tests' one round trip to the server.
    public static func output(ofScript script: String, databasePrefix: String) throws -> String {
        let pg = try shared()
        let db = try pg.createDatabase(databasePrefix)
        defer { _ = try? pg.query("DROP DATABASE \(db)") }
        return try pg.psql(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db], input: script)
    }

    /// The differential tests' round trip: `setup` (creating `table (id integer, …)` and the
    /// functions under test), `rows` copied into `table` numbered from 0 in front of their fields,
    /// then `select` (whose first column is that number, in its order) copied out. Returns each
    /// answer row's fields after the number, unescaped.
    public static func answers(loading rows: [[String]], into table: String, setup: String, select: String,
                               databasePrefix: String) throws -> [[String]] {
        var copy = ""
        for (i, row) in rows.enumerated() { copy += ([String(i)] + row.map(copyText)).joined(separator: "\t") + "\n" }
        let script = setup + "\nCOPY \(table) FROM STDIN;\n" + copy + "\\.\n" + "COPY (\(select)) TO STDOUT;\n"
        return try output(ofScript: script, databasePrefix: databasePrefix).split(separator: "\n").map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).dropFirst().map { uncopy(String($0)) }
        }
    }

    /// COPY text format escaping of one field.
    public static func copyText(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    /// A field of COPY text format output, unescaped.
    public static func uncopy(_ s: String) -> String {
        var out = "", escaped = false
        for c in s {
            if escaped {
                switch c {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
