import Schema

/// `Accept: application/vnd.pgrst.array+json;nulls=stripped` (and `…object+json;nulls=stripped`):
/// PostgREST 12 wraps its aggregate in PostgreSQL's `json_strip_nulls`
/// (`coalesce(json_strip_nulls(json_agg(_postgrest_t)), '[]')`, `…json_agg(_postgrest_t)->0…`),
/// which drops every object member whose value is `null` — in nested objects too, json and jsonb
/// values included, but not `null` array elements — and writes the document again compactly:
/// no space after `,` or `:`, strings escaped as `escape_json` escapes them, numbers as written.
enum NullStripping {
    /// The media type of the answer, as PostgREST 12 writes it (`toContentType`).
    static func contentType(single: Bool) -> String {
        single ? "application/vnd.pgrst.object+json;nulls=stripped; charset=utf-8"
            : "application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8"
    }

    /// `json_strip_nulls(body)`; a body that is not JSON (none this server writes) is left as it is.
    static func strip(_ body: String) -> String {
        guard let document = try? JSONDocument.parse(Array(body.utf8)) else { return body }
        var out = ""
        append(document, to: &out)
        return out
    }

    private static func append(_ value: JSONDocument, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): JSONBText.appendQuoted(s, to: &out)
        case .array(let items):
            out += "["
            for (k, item) in items.enumerated() {
                if k > 0 { out += "," }
                append(item, to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            var first = true
            for m in members {
                if case .null = m.value { continue }
                if !first { out += "," }
                first = false
                JSONBText.appendQuoted(m.key, to: &out)
                out += ":"
                append(m.value, to: &out)
            }
            out += "}"
        }
    }
}
