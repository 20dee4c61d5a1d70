import Schema

/// A function's result as PostgreSQL prints it: column names and each value's text (nil for NULL).
///
/// This is the form to compare with a real server value for value, and what `chunkwise query`
/// prints; ``csv`` is byte-identical to `COPY (SELECT * FROM fn(...)) TO STDOUT WITH (FORMAT csv, HEADER)`.
public struct QueryResult: Sendable, Hashable {
    public var columns: [String]
    public var rows: [[String?]]

    public init(columns: [String], rows: [[String?]]) {
        self.columns = columns
        self.rows = rows
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

    /// A plain aligned table for people (psql-like, NULL shown empty).
    public var table: String {
        let cells = rows.map { $0.map { $0 ?? "" } }
        var widths = columns.map(\.count)
        for row in cells { for (i, v) in row.enumerated() { widths[i] = max(widths[i], v.count) } }
        func line(_ values: [String]) -> String {
            values.enumerated().map { " " + $1 + String(repeating: " ", count: widths[$0] - $1.count) + " " }.joined(separator: "|")
        }
        var out = line(columns) + "\n" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "\n"
        for row in cells { out += line(row) + "\n" }
        out += "(\(rows.count) row\(rows.count == 1 ? "" : "s"))\n"
        return out
    }
}
