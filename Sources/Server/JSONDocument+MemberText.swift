extension JSONDocument {
    /// The text of each member value of a top-level JSON object exactly as written (spaces kept:
    /// `[1, 2]`), the last of a repeated key; empty for any other body. PostgREST hands RPC
    /// arguments to `json_to_record`, which gives an array or object argument to a scalar
    /// parameter's input function as its original `json` text, so a refusal quotes it as sent
    /// (`invalid input syntax for type integer: "[1, 2]"`).
    static func memberTexts(_ bytes: [UInt8]) -> [String: String] {
        var p = Parser(bytes: bytes)
        var out: [String: String] = [:]
        p.skipSpace()
        guard p.i < bytes.count, bytes[p.i] == UInt8(ascii: "{") else { return [:] }
        p.i += 1
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
            guard p.i < bytes.count, bytes[p.i] == UInt8(ascii: ",") else { return out }
            p.i += 1
        }
    }
}
