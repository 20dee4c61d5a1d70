extension JSONDocument {
    /// The text of each member value of a top-level JSON object exactly as written (spaces kept:
    /// `[1, 2]`), the last of a repeated key; empty for any other body. PostgREST hands RPC
    /// arguments to `json_to_record`, which gives an array or object argument to a scalar
    /// parameter's input function as its original `json` text, so a refusal quotes it as sent
    /// (`invalid input syntax for type integer: "[1, 2]"`).
    static func memberTexts(_ bytes: [UInt8]) -> [String: String] {
        var p = Parser(bytes: bytes)
        p.skipSpace()
        return memberTexts(&p) ?? [:]
    }

    /// The member texts (``memberTexts(_:)``) of each row object of a write's body: the object
    /// itself, or each element of an array (an element that is not an object has none). PostgREST
    /// passes the body to `json_to_recordset` as `json`, which gives an array or object value to
    /// its column as the text it was written with: a `json` column keeps `{"a" :  1}` verbatim,
    /// a `text` column stores that text.
    static func rowMemberTexts(_ bytes: [UInt8]) -> [[String: String]] {
        var p = Parser(bytes: bytes)
        p.skipSpace()
        guard p.i < bytes.count else { return [] }
        guard bytes[p.i] == UInt8(ascii: "[") else { return [memberTexts(&p) ?? [:]] }
        p.i += 1
        var rows: [[String: String]] = []
        while true {
            p.skipSpace()
            guard p.i < bytes.count, bytes[p.i] != UInt8(ascii: "]") else { return rows }
            if bytes[p.i] == UInt8(ascii: "{") {
                guard let members = memberTexts(&p) else { return rows }
                rows.append(members)
            } else {
                guard (try? p.value(depth: 1)) != nil else { return rows }
                rows.append([:])
            }
            p.skipSpace()
            guard p.i < bytes.count, bytes[p.i] == UInt8(ascii: ",") else { return rows }
            p.i += 1
        }
    }

    /// The member texts of the object at `p` (nil when there is none there), `p` left after it.
    private static func memberTexts(_ p: inout Parser) -> [String: String]? {
        let bytes = p.bytes
        guard p.i < bytes.count, bytes[p.i] == UInt8(ascii: "{") else { return nil }
        var out: [String: String] = [:]
        p.i += 1
        p.skipSpace()
        if p.i < bytes.count, bytes[p.i] == UInt8(ascii: "}") { p.i += 1; return out }
        while true {
            p.skipSpace()
            guard p.i < bytes.count, bytes[p.i] == UInt8(ascii: "\""), let key = try? p.string() else { return out }
            p.skipSpace()
            guard p.i < bytes.count, bytes[p.i] == UInt8(ascii: ":") else { return out }
            p.i += 1
            p.skipSpace()
            let start = p.i
            guard (try? p.value(depth: 1)) != nil else { return out }
            out[key] = String(decoding: bytes[start..<p.i], as: UTF8.self)
            p.skipSpace()
            guard p.i < bytes.count, bytes[p.i] == UInt8(ascii: ",") else {
                if p.i < bytes.count, bytes[p.i] == UInt8(ascii: "}") { p.i += 1 }
                return out
            }
            p.i += 1
        }
    }
}
