import Schema

/// Values as PostgreSQL 15's `to_json`/`row_to_json`/`json_agg` print them, byte for byte: the
/// form PostgREST answers with.
///
/// Numbers (integers, finite NUMERIC keeping its display scale, finite floats) are JSON numbers;
/// booleans are `true`/`false`; timestamptz is ISO 8601 with a `T` and a `+HH:MM` offset in the
/// session zone; jsonb is embedded as its text; everything else is a string escaped like
/// `escape_json`. NULL is `null`.
public enum PostgresJSON {
    /// `to_json(value)` for a value of `type`.
    public static func value(_ v: Value, type: PGType, zone: PGTimeZone) -> String {
        var out = ""
        append(v, type: type, zone: zone, to: &out)
        return out
    }

    /// Appends `to_json(value)` to `out` (the rendering every body is built from, without
    /// intermediate strings).
    public static func append(_ v: Value, type: PGType, zone: PGTimeZone, to out: inout String) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .numeric(let n):
            // json's numeric output quotes what is not a JSON number: "NaN", "Infinity", "-Infinity".
            if n.isFinite { out += n.description } else { JSONBText.appendQuoted(n.description, to: &out) }
        case .wideNumeric(let n): out += n.description
        case .float(let d):
            let text = v.text(as: type) ?? ""
            if d.isFinite { out += text } else { JSONBText.appendQuoted(text, to: &out) }
        case .timestamp(let t):
            out += "\""
            appendTimestamp(t, withOffset: type != .timestamp, zone: zone, to: &out)
            out += "\""
        case .date(let d): out += "\""; out += PGTimestamp.formatDate(d); out += "\""
        case .jsonb(let s): out += s
        case .uuid, .time, .text, .interval: JSONBText.appendQuoted(v.text(as: type, zone: zone) ?? "", to: &out)
        }
    }

    /// `row_to_json`: `{"name":value,…}` with no spaces.
    public static func object(names: [String], types: [PGType], values: [Value], zone: PGTimeZone) -> String {
        var out = ""
        appendObject(names: names, types: types, values: values, zone: zone, to: &out)
        return out
    }

    /// Appends ``object(names:types:values:zone:)`` to `out`.
    public static func appendObject(names: [String], types: [PGType], values: [Value], zone: PGTimeZone, to out: inout String) {
        out += "{"
        for i in values.indices {
            if i > 0 { out += "," }
            JSONBText.appendQuoted(names[i], to: &out)
            out += ":"
            append(values[i], type: types[i], zone: zone, to: &out)
        }
        out += "}"
    }

    /// `json_agg` of already rendered elements: `[a, \n b]`, `[]` for none (PostgREST's
    /// `coalesce(json_agg(t), '[]')`).
    public static func aggregate(_ elements: [String]) -> String {
        elements.isEmpty ? "[]" : "[" + elements.joined(separator: aggregateSeparator) + "]"
    }

    /// What `json_agg` writes between elements.
    public static let aggregateSeparator = ", \n "

    /// `json_agg` of rows rendered as objects, built in one string.
    public static func aggregateObjects(names: [String], types: [PGType], rows: [[Value]], zone: PGTimeZone) -> String {
        guard !rows.isEmpty else { return "[]" }
        var out = "["
        out.reserveCapacity(rows.count * 64 * max(names.count, 1))
        for (k, row) in rows.enumerated() {
            if k > 0 { out += aggregateSeparator }
            appendObject(names: names, types: types, values: row, zone: zone, to: &out)
        }
        out += "]"
        return out
    }

    /// `JsonEncodeDateTime` of a timestamp (`withOffset` for timestamptz, in `zone`): XSD style
    /// `YYYY-MM-DDTHH:MM:SS[.ffffff]`, then the `+HH:MM` offset, then ` BC` for years before 1
    /// (`0044-03-15T07:03:58-04:56:02 BC`, as `EncodeDateTime` puts the era after the zone);
    /// `infinity` and `-infinity` as `EncodeSpecialTimestamp` spells them, with no offset.
    static func appendTimestamp(_ t: Int64, withOffset: Bool, zone: PGTimeZone, to out: inout String) {
        if t == PGTimestamp.infinity { out += "infinity"; return }
        if t == PGTimestamp.minusInfinity { out += "-infinity"; return }
        let offset = withOffset ? zone.offsetSeconds(atUTC: t) : 0
        var local = isoLocal(t &+ Int64(offset) &* 1_000_000)
        let era = local.hasSuffix(" BC")
        if era { local.removeLast(3) }
        out += local
        if withOffset { out += isoOffset(offset) }
        if era { out += " BC" }
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
