import Analytics

/// What `chunkwise query` reports: an analytics function's result set, every value as the text
/// PostgreSQL prints for it (CLI.md "query": JSON `{"columns": [...], "rows": [[...]]}`, NULL as
/// JSON null). The table form is psql's aligned format, the CSV form what `COPY (SELECT * FROM
/// fn(...)) TO STDOUT WITH (FORMAT csv, HEADER)` prints.
public struct QueryReport: Sendable, Codable, Hashable {
    public var columns: [String]
    public var rows: [[String?]]
    /// PostgreSQL type names of the columns (not in the JSON document, which CLI.md fixes).
    public var types: [String]

    enum CodingKeys: String, CodingKey {
        case columns, rows
    }

    public init(_ result: QueryResult) {
        columns = result.columns
        rows = result.rows
        types = result.types
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        columns = try c.decode([String].self, forKey: .columns)
        rows = try c.decode([[String?]].self, forKey: .rows)
        types = []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(columns, forKey: .columns)
        // Each NULL stays a JSON null inside its row.
        var rowsContainer = c.nestedUnkeyedContainer(forKey: .rows)
        for row in rows {
            var cells = rowsContainer.nestedUnkeyedContainer()
            for value in row {
                if let value { try cells.encode(value) } else { try cells.encodeNil() }
            }
        }
    }

    /// Types psql right-aligns (`column_type_alignment` in psql's print.c: the integer, float,
    /// numeric, oid-like and money types).
    static let rightAlignedTypes: Set<String> = [
        "smallint", "int2", "integer", "int", "int4", "bigint", "int8", "real", "float4", "double precision", "float8",
        "numeric", "decimal", "oid", "xid", "xid8", "cid", "money",
    ]

    /// Whether column `i` is right-aligned by psql.
    func isRightAligned(_ i: Int) -> Bool {
        i < types.count && Self.rightAlignedTypes.contains(types[i].lowercased())
    }

    /// The CSV `COPY … TO STDOUT WITH (FORMAT csv, HEADER)` prints.
    public var csvText: String { QueryResult(columns: columns, rows: rows, types: types).csv }
}

extension QueryReport: RenderableReport {
    /// psql's default aligned format (border 1): headers centred, numeric columns right-aligned,
    /// NULL empty, a `(N rows)` footer and the blank line psql prints after it. Data lines carry no
    /// trailing blanks; the header line keeps the blank after its last column, as psql prints it.
    public func tableText() -> String {
        let cells = rows.map { $0.map { $0 ?? "" } }
        var widths = columns.map(\.count)
        for row in cells { for (i, v) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], v.count) } }
        func spaces(_ n: Int) -> String { String(repeating: " ", count: max(0, n)) }
        let header = columns.enumerated().map { i, h in
            " " + spaces((widths[i] - h.count) / 2) + h + spaces((widths[i] - h.count + 1) / 2) + " "
        }.joined(separator: "|")
        var out = header + "\n" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "\n"
        for row in cells {
            var line = ""
            for (i, v) in row.enumerated() {
                let last = i == row.count - 1
                line += i == 0 ? " " : " | "
                if isRightAligned(i) {
                    line += spaces(widths[i] - v.count) + v
                } else {
                    line += v + (last ? "" : spaces(widths[i] - v.count))
                }
            }
            out += line + "\n"
        }
        return out + "(\(rows.count) row\(rows.count == 1 ? "" : "s"))\n\n"
    }

    public func markdownText() -> String {
        TextTable(header: columns, rows: rows.map { $0.map { $0 ?? "" } },
                  rightAligned: Set(columns.indices.filter(isRightAligned))).markdown
    }
}
