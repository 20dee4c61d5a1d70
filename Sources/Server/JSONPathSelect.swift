import Schema

/// `select=column->key->>key`: PostgREST's JSON path on a `jsonb` column, PostgreSQL's `->`
/// (the member or element as `jsonb`) and `->>` (as `text`: a string unquoted, a number, `true`
/// or `false` as written, an object or array as its `jsonb` text, JSON `null` as SQL NULL). A
/// missing key or element is NULL; a negative index counts from the end.
enum JSONPathSelect {
    /// One `->operand` or `->>operand` step.
    struct Step: Sendable, Hashable {
        var operand: String
        /// `->>`: the step's result is text.
        var asText: Bool
        /// An array index (`->0`, `->-1`).
        var index: Int? { Int(operand) }
    }

    /// The value at `path` in `value` (of `type`), and the type it has: `jsonb` or `text`.
    static func extract(_ value: Value, type: PGType, path: [Step]) throws(RestError) -> (Value, PGType) {
        let resultType: PGType = path.last?.asText == true ? .text : .jsonb
        guard type == .jsonb else {
            if type == .json {
                throw RestError.postgres("0A000", "chunkwise serve reads JSON paths of jsonb columns only")
            }
            let op = path.first?.asText == true ? "->>" : "->"
            throw RestError.postgres("42883", "operator does not exist: \(SelectCast.formatName(type)) \(op) unknown",
                                     hint: "No operator matches the given name and argument types. You might need to add explicit type casts.")
        }
        guard case .jsonb(let text) = value, var node = try? JSONDocument.parse(Array(text.utf8)) else { return (.null, resultType) }
        for step in path {
            switch node {
            case .object(let members):
                guard let found = members.last(where: { $0.key == step.operand }) else { return (.null, resultType) }
                node = found.value
            case .array(let items):
                guard let i = step.index else { return (.null, resultType) }
                let at = i < 0 ? items.count + i : i
                guard at >= 0, at < items.count else { return (.null, resultType) }
                node = items[at]
            default:
                return (.null, resultType)
            }
        }
        guard let last = path.last, last.asText else {
            return ((try? JSONBText.canonical(node.text)).map(Value.jsonb) ?? .null, .jsonb)
        }
        switch node {
        case .null: return (.null, .text)
        case .string(let s): return (.text(s), .text)
        default: return ((try? JSONBText.canonical(node.text)).map(Value.text) ?? .null, .text)
        }
    }
}
