import Schema

/// The text a JSON value of a request body becomes in one column, as PostgREST's
/// `json_to_recordset(…) AS _(column type, …)` gives it to the column's input function
/// (PostgreSQL 15's `populate_record_field`):
/// - a `json` or `jsonb` column takes the value's JSON text (a string stays a JSON string);
/// - an array column takes a JSON array element by element, its nesting fixing the dimensions
///   (`[[1,2],[3,4]]` is `{{1,2},{3,4}}`), or a JSON string as an array literal (`"{1,2}"`);
///   any other JSON value is refused (`expected JSON array`);
/// - any other column takes a string's characters and any other value's JSON text;
/// - an array or object value is that text as written in the body (`{"a" :  1}`, spaces kept), as
///   `json_to_recordset` reads a `json` body: a `json` column keeps it verbatim.
/// nil is SQL NULL.
enum JSONRecordField {
    /// The field text of `value` for `column`, or PostgREST's error for it; `written` is the
    /// value's text as the body wrote it (``JSONDocument/rowMemberTexts(_:)``), when known.
    static func text(_ value: JSONDocument, column: ColumnDefinition, written: String? = nil) throws(RestError) -> String? {
        if case .null = value { return nil }
        if let catalogType = column.catalogType, catalogType.hasPrefix("_"),
           let element = PostgresBuiltinCatalog.shared.types[catalogType]?.element {
            switch value {
            case .string(let s): return s
            case .array: return try arrayLiteral(value, key: column.name, element: element, modelled: column.arrayElementType)
            default: throw expectedArray(key: column.name, path: [])
            }
        }
        switch value {
        case .array, .object: if let written { return written }
        default: break
        }
        return scalarText(value, isJSON: column.type == .json || column.type == .jsonb)
    }

    /// A scalar's text for its type's input function: JSON text for `json`/`jsonb`, else a
    /// string's characters (objects and arrays as their JSON text).
    private static func scalarText(_ value: JSONDocument, isJSON: Bool) -> String {
        if !isJSON, case .string(let s) = value { return s }
        return value.text
    }

    /// `populate_array`: the JSON array as an array literal in `array_out`'s form (elements quoted
    /// only where needed), so `array_in` and the element type's input read each element's text
    /// unchanged and a text array is stored as PostgreSQL prints it.
    private static func arrayLiteral(_ value: JSONDocument, key: String, element elementType: String,
                                     modelled: ArrayElementType?) throws(RestError) -> String {
        let elementIsJSON = elementType == "json" || elementType == "jsonb"
        var dimensions: Int?             // Fixed by the first scalar or empty array met.
        var sizes: [Int?] = []           // Each level's length, fixed by its first array.
        var out = ""

        /// An element as `array_out` would print its text: bare unless `array_in` would misread it.
        func element(_ v: JSONDocument) -> String {
            if case .null = v { return "NULL" }
            let text = scalarText(v, isJSON: elementIsJSON)
            let bare = !text.isEmpty && text.lowercased() != "null" && !text.unicodeScalars.contains { c in
                c == "\"" || c == "\\" || c == "{" || c == "}" || c == "," || c == " " || (c.value >= 0x09 && c.value <= 0x0D)
            }
            if bare { return text }
            var quoted = "\""
            for c in text.unicodeScalars {
                if c == "\"" || c == "\\" { quoted.unicodeScalars.append("\\") }
                quoted.unicodeScalars.append(c)
            }
            return quoted + "\""
        }

        /// `node` at `level` (1 for the column's array), `path` the indexes leading to it.
        func walk(_ node: JSONDocument, level: Int, path: [Int]) throws(RestError) {
            let isArray: Bool
            if case .array = node { isArray = dimensions.map { level <= $0 } ?? true } else { isArray = false }
            guard isArray, case .array(let items) = node else {
                // A scalar (or an array deeper than the dimensions): an element at `level - 1`.
                let depth = level - 1
                if dimensions == nil { try fixDimensions(depth) }
                guard depth == dimensions else { throw expectedArray(key: key, path: path) }
                // Each element goes through its type's input as it is read, before later
                // elements and before the dimensions are checked.
                if case .null = node {} else {
                    do { try UnmodelledTypeInput.checkElement(scalarText(node, isJSON: elementIsJSON), elementType: elementType, modelled: modelled) } catch {
                        throw RestError.postgres(error.sqlState, error.description)
                    }
                }
                out += element(node)
                return
            }
            out += "{"
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                try walk(item, level: level + 1, path: path + [i])
            }
            out += "}"
            if items.isEmpty && dimensions == nil { try fixDimensions(level) }
            while sizes.count < level { sizes.append(nil) }
            if let size = sizes[level - 1] {
                guard size == items.count else {
                    throw RestError.postgres("22P02", "malformed JSON array",
                                             details: "Multidimensional arrays must have sub-arrays with matching dimensions.")
                }
            } else {
                sizes[level - 1] = items.count
            }
        }

        func fixDimensions(_ count: Int) throws(RestError) {
            guard count <= 6 else {
                throw RestError.postgres("54000", "number of array dimensions (\(count)) exceeds the maximum allowed (6)")
            }
            dimensions = count
        }

        try walk(value, level: 1, path: [])
        // An array with no elements at all is the empty array, whatever its nesting.
        if sizes.contains(0) { return "{}" }
        return out
    }

    /// `expected JSON array`, with the hint naming the key and the element's indexes.
    private static func expectedArray(key: String, path: [Int]) -> RestError {
        let hint = path.isEmpty ? "See the value of key \"\(key)\"."
            : "See the array element \(path.map { "[\($0)]" }.joined()) of key \"\(key)\"."
        return RestError.postgres("22P02", "expected JSON array", hint: hint)
    }
}
