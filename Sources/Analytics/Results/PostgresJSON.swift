import Schema

/// Values as PostgreSQL 15's `to_json`/`row_to_json`/`json_agg` print them, byte for byte: the
/// form PostgREST answers with.
///
/// Numbers (integers, NUMERIC keeping its display scale, finite floats) are JSON numbers;
/// booleans are `true`/`false`; timestamptz is ISO 8601 with a `T` and a `+HH:MM` offset in the
/// session zone; jsonb is embedded as its text; everything else is a string escaped like
/// `escape_json`. NULL is `null`.
public enum PostgresJSON {
    /// `to_json(value)` for a value of `type`.
    public static func value(_ v: Value, type: PGType, zone: PGTimeZone) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .numeric(let n): return n.description
        case .float(let d):
            let text = v.text(as: type) ?? ""
            return d.isFinite ? text : JSONBText.quotedString(text)
        case .timestamp(let t):
            if type == .timestamp { return "\"" + isoLocal(t) + "\"" }
            let offset = zone.offsetSeconds(atUTC: t)
            return "\"" + isoLocal(t &+ Int64(offset) &* 1_000_000) + isoOffset(offset) + "\""
        case .date(let d): return "\"" + PGTimestamp.formatDate(d) + "\""
        case .jsonb(let s): return s
        case .uuid, .time, .text, .interval: return JSONBText.quotedString(v.text(as: type, zone: zone) ?? "")
        }
    }

    /// `row_to_json`: `{"name":value,…}` with no spaces.
    public static func object(names: [String], types: [PGType], values: [Value], zone: PGTimeZone) -> String {
        var out = "{"
        for i in values.indices {
            if i > 0 { out += "," }
            out += JSONBText.quotedString(names[i])
            out += ":"
            out += value(values[i], type: types[i], zone: zone)
        }
        return out + "}"
    }

    /// `json_agg` of already rendered elements: `[a, \n b]`, `[]` for none (PostgREST's
    /// `coalesce(json_agg(t), '[]')`).
    public static func aggregate(_ elements: [String]) -> String {
        elements.isEmpty ? "[]" : "[" + elements.joined(separator: ", \n ") + "]"
    }

    /// `YYYY-MM-DDTHH:MM:SS[.ffffff]` of a local time in µs.
    static func isoLocal(_ local: Int64) -> String {
        var s = PGTimestamp.formatLocal(local)
        if let space = s.firstIndex(of: " ") { s.replaceSubrange(space...space, with: "T") }
        return s
    }

    /// XSD style offset: always `+HH:MM`, `:SS` only when non-zero.
    static func isoOffset(_ seconds: Int) -> String {
        let a = abs(seconds)
        func pad(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }
        var out = (seconds < 0 ? "-" : "+") + pad(a / 3600) + ":" + pad(a / 60 % 60)
        if a % 60 != 0 { out += ":" + pad(a % 60) }
        return out
    }
}
