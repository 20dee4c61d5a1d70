/// PostgREST 12's `text/csv` body (`Accept: text/csv`, `.csv()` in the clients), which it builds
/// in SQL (`SqlFragment.asCsvF`): a header line — the keys of the first row of the statement's
/// source (`json_object_keys(row_to_json(…))` joined by `,`; empty when it has no row) — then
/// `\n`, then each row as its record's text output (`record_out`) without the outer
/// parentheses, rows joined by `\n` (no newline after the last). An empty result is `"\n"`.
enum CSVBody {
    /// The media type of the answer, as PostgREST 12 writes it (`MediaType.toContentType`).
    static let contentType = "text/csv; charset=utf-8"

    /// Whether the request's `Accept` picks CSV: its first media type this server writes is
    /// `text/csv`, in the order PostgREST tries them (``AcceptHeader``, `negotiateContent`).
    static func isRequested(by request: RestRequest) -> Bool {
        RestAPI.firstServedMediaType(request) == .csv
    }

    /// The body: `header` (already joined), a newline, and the rows' fields (each a column's text
    /// output, nil for NULL) as `record_out` writes them.
    static func body(header: String, rows: [[String?]]) -> String {
        var out = header
        out += "\n"
        for (k, row) in rows.enumerated() {
            if k > 0 { out += "\n" }
            for (n, field) in row.enumerated() {
                if n > 0 { out += "," }
                append(field, to: &out)
            }
        }
        return out
    }

    /// One field as `record_out` writes it: NULL as nothing; in double quotes when the text is
    /// empty or holds `"`, `\`, `(`, `)`, `,` or an ASCII white space (C's `isspace`: space,
    /// `\t \n \v \f \r`), with `"` and `\` doubled inside them.
    static func append(_ field: String?, to out: inout String) {
        guard let field else { return }
        let quoted = field.isEmpty || field.utf8.contains { byte in
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","),
                 UInt8(ascii: " "), 0x09...0x0D: true
            default: false
            }
        }
        guard quoted else {
            out += field
            return
        }
        out += "\""
        for c in field.unicodeScalars {
            if c == "\"" || c == "\\" { out.unicodeScalars.append(c) }
            out.unicodeScalars.append(c)
        }
        out += "\""
    }
}
