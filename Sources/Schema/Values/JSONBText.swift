/// Validates JSON text and rewrites it the way PostgreSQL prints a `jsonb` value.
///
/// jsonb does not keep the input text: object keys are de-duplicated (last wins, keys equal when
/// their bytes are) and ordered shorter-first then bytewise, whitespace is normalized to `", "`
/// and `": "`, numbers become NUMERIC text (`1e2` → `100`), and strings are re-escaped. The work
/// is one pass over the UTF-8 bytes (``JSONCanonicalizer``), writing the canonical bytes as it
/// reads; only an object's members are reordered once the object ends.
public enum JSONBText {
    /// The canonical text, or `invalid input syntax for type json` (`unsupported Unicode escape
    /// sequence` for `\u0000`) with the server's detail, or `value overflows numeric format` for
    /// a number NUMERIC cannot hold.
    public static func canonical(_ text: String) throws(ValueError) -> String {
        if text == "{}" { return text }
        var copy = text
        let result: (canonical: String?, zeroEscape: Bool, number: Bool) = copy.withUTF8 { input in
            var reader = JSONCanonicalizer(input: input, writes: true)
            guard reader.readDocument() else { return (nil, reader.refusedZeroEscape, reader.refusedNumber) }
            return (String(decoding: reader.out, as: UTF8.self), false, false)
        }
        if result.number { throw .numericValueOverflow }
        guard let canonical = result.canonical else { throw refusal(of: text, unescaping: true, zeroEscape: result.zeroEscape) }
        return canonical
    }

    /// Why `text` was refused, in the server's words; when the second reading finds nothing (a
    /// refusal that is not the parser's), the message alone.
    static func refusal(of text: String, unescaping: Bool, zeroEscape: Bool) -> ValueError {
        .invalidJSON(JSONRefusal.find(in: text, unescaping: unescaping)
            ?? JSONRefusal(detail: nil, context: nil, isUnsupportedEscape: zeroEscape))
    }

    /// `text` itself once it parses as JSON (what `json_in` stores), or `invalid input syntax for
    /// type json` with the server's detail. json checks escapes only as text: `\u0000` and
    /// unpaired surrogates pass.
    public static func validated(_ text: String) throws(ValueError) -> String {
        if text == "{}" { return text }
        var copy = text
        let valid = copy.withUTF8 { input in
            var reader = JSONCanonicalizer(input: input, writes: false)
            return reader.readDocument()
        }
        guard valid else { throw refusal(of: text, unescaping: false, zeroEscape: false) }
        return text
    }

    /// `s` as a quoted JSON string, escaped as PostgreSQL's `escape_json` does: `"` and `\`
    /// backslashed, `\b \f \n \r \t` by name, other control characters below U+0020 as `\u00XX`,
    /// everything else as is. Public so other JSON Chunkwise prints (query results) spells strings
    /// exactly as jsonb output does.
    public static func quotedString(_ s: String) -> String {
        var out = ""
        renderString(s, into: &out)
        return out
    }

    /// Appends ``quotedString(_:)`` of `s` to `out` (no intermediate string).
    public static func appendQuoted(_ s: String, to out: inout String) {
        renderString(s, into: &out)
    }

    static func renderString(_ s: String, into out: inout String) {
        out += "\""
        // Most strings (uuids, intervals, column names) need no escape: one append.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    // escape_json: `\u%04x`, lowercase hex.
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
