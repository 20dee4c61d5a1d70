extension PostgresBuiltinCatalog {
    /// The `pg_type.typname` a type as written in SQL names (`integer` → `int4`, `numeric(12,2)` →
    /// `numeric`, `timestamp with time zone` → `timestamptz`, `text[]` → `_text`), or
    /// ``ExpressionError/undefinedType(_:)`` worded as PostgreSQL's `type "…" does not exist`.
    public func typeName(sql: String) throws(ExpressionError) -> String {
        var text = sql.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
        var arrayDepth = 0
        while text.hasSuffix("[]") {
            text.removeLast(2)
            text = text.trimmingCharacters(in: " ")
            arrayDepth += 1
        }
        // float(p) is real up to 24 bits of precision (gram.y), double precision above.
        if text.hasPrefix("float"), let (base, modifiers) = PGType.nameAndModifiers(text), base == "float", let p = modifiers.first, p <= 24 {
            text = "float4"
        }
        // Drop the type modifier: `numeric(12,2)`, `timestamp(3) with time zone`.
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            let after = text[text.index(after: close)...].trimmingCharacters(in: " ")
            text = String(text[..<open]).trimmingCharacters(in: " ") + (after.isEmpty ? "" : " " + after)
        }
        if text.hasPrefix("pg_catalog.") { text.removeFirst("pg_catalog.".count) }
        let aliases: [String: String] = [
            "int": "int4", "integer": "int4", "smallint": "int2", "bigint": "int8", "serial": "int4", "serial4": "int4",
            "bigserial": "int8", "serial8": "int8", "smallserial": "int2", "serial2": "int2",
            "boolean": "bool", "real": "float4", "double precision": "float8", "float": "float8", "decimal": "numeric", "dec": "numeric",
            "character varying": "varchar", "char varying": "varchar", "character": "bpchar", "char": "bpchar", "nchar": "bpchar",
            "national character": "bpchar", "national character varying": "varchar",
            "timestamp with time zone": "timestamptz", "timestamp without time zone": "timestamp",
            "time with time zone": "timetz", "time without time zone": "time",
            "bit varying": "varbit",
        ]
        var name = aliases[text] ?? text
        if name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 { name = String(name.dropFirst().dropLast()) }
        guard types[name] != nil, !name.hasPrefix("_") || arrayDepth == 0 else { throw .undefinedType(text) }
        if arrayDepth > 0 {
            guard let array = types[name]?.array else { throw .undefinedType(text + "[]") }
            return array
        }
        return name
    }
}

extension PGType {
    /// The `pg_type.typname` of the modelled type (`int4`, `varchar`, `timestamptz`).
    public var catalogName: String {
        switch self {
        case .bool: return "bool"
        case .int2: return "int2"
        case .int4: return "int4"
        case .int8: return "int8"
        case .numeric: return "numeric"
        case .float4: return "float4"
        case .float8: return "float8"
        case .uuid: return "uuid"
        case .timestamptz: return "timestamptz"
        case .timestamp: return "timestamp"
        case .date: return "date"
        case .time: return "time"
        case .varchar: return "varchar"
        case .text: return "text"
        case .json: return "json"
        case .jsonb: return "jsonb"
        }
    }
}
