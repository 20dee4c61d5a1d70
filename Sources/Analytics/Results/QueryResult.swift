import Schema

/// A function's result as PostgreSQL prints it: column names and each value's text (nil for NULL).
///
/// This is the form to compare with a real server value for value, and what `chunkwise query`
/// prints; ``csv`` is byte-identical to `COPY (SELECT * FROM fn(...)) TO STDOUT WITH (FORMAT csv, HEADER)`.
public struct QueryResult: Sendable, Hashable {
    public var columns: [String]
    public var rows: [[String?]]
    /// Each column's PostgreSQL type name (`bigint`, `numeric`, `timestamptz`), as the function's
    /// `RETURNS TABLE` declares it; empty when unknown. psql right-aligns the numeric ones.
    public var types: [String]

    public init(columns: [String], rows: [[String?]], types: [String] = []) {
        self.columns = columns
        self.rows = rows
        self.types = types
    }

    /// COPY's CSV: header line, then one line per row; NULL is an empty unquoted field, and a value
    /// is quoted when it is empty or holds the delimiter, a quote, CR or LF, or is `\.`
    /// (`CopyAttributeOutCSV`); quotes inside are doubled. Lines end in `\n`.
    public var csv: String {
        var out = columns.map { QueryResult.csvField($0) }.joined(separator: ",") + "\n"
        for row in rows {
            out += row.map { $0.map(QueryResult.csvField) ?? "" }.joined(separator: ",") + "\n"
        }
        return out
    }

    static func csvField(_ s: String) -> String {
        let needsQuotes = s.isEmpty || s == "\\." || s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        guard needsQuotes else { return s }
        var out = "\""
        for c in s {
            if c == "\"" { out += "\"\"" } else { out.append(c) }
        }
        return out + "\""
    }

    /// `{"columns": [...], "rows": [[...]]}`: values as PostgreSQL's text, JSON null for NULL;
    /// strings escaped like PostgreSQL's JSON output (``JSONBText/quotedString(_:)``).
    public var json: String {
        let cols = columns.map(JSONBText.quotedString).joined(separator: ", ")
        let body = rows.map { "[" + $0.map { $0.map(JSONBText.quotedString) ?? "null" }.joined(separator: ", ") + "]" }
        return "{\"columns\": [\(cols)], \"rows\": [\(body.joined(separator: ", "))]}"
    }
}
