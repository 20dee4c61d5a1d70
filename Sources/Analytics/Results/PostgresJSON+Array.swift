import Schema

extension PostgresJSON {
    /// Appends `to_json` of an array value carried as its literal `text` (a column of catalog type
    /// `_<element>`): nested JSON arrays by dimension (`[]` when empty), NULL elements `null`, each
    /// element as `to_json` prints a value of the element type (numbers and booleans bare, jsonb
    /// embedded, timestamps in ISO form, anything else a JSON string of its output text). A text that is
    /// not an array literal is appended as a JSON string.
    public static func appendArray(literal text: String, elementType: String, zone: PGTimeZone, to out: inout String) {
        guard case .success(let literal) = PGArrayLiteral.parse(text) else {
            JSONBText.appendQuoted(text, to: &out)
            return
        }
        guard !literal.lengths.isEmpty else {
            out += "[]"
            return
        }
        let type = PGType(sql: elementType == "timestamp" ? "timestamp without time zone" : elementType)
        var index = 0
        func level(_ d: Int) {
            out += "["
            for k in 0..<literal.lengths[d] {
                if k > 0 { out += "," }
                if d + 1 < literal.lengths.count {
                    level(d + 1)
                    continue
                }
                let element = index < literal.elements.count ? literal.elements[index] : nil
                index += 1
                guard let element else { out += "null"; continue }
                if let type, let value = try? Value.parse(element, as: type) {
                    append(value, type: type, zone: zone, to: &out)
                } else {
                    JSONBText.appendQuoted(UnmodelledTypeOutput.text(element, catalogType: elementType) ?? element, to: &out)
                }
            }
            out += "]"
        }
        level(0)
    }
}
