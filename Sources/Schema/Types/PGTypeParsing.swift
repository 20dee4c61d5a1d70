extension PGType {
    /// Parses a type name as written in SQL (`numeric(12,2)`, `VARCHAR(10)`, `timestamp with time zone`,
    /// `int`, `bigint`, …). Returns nil for types Chunkwise does not model.
    public init?(sql: String) {
        guard let (base, mods) = Self.nameAndModifiers(sql) else { return nil }
        switch base {
        case "bool", "boolean": self = .bool
        case "int2", "smallint", "smallserial", "serial2": self = .int2
        case "int4", "int", "integer", "serial", "serial4": self = .int4
        case "int8", "bigint", "bigserial", "serial8": self = .int8
        case "numeric", "decimal":
            if mods.isEmpty { self = .numeric(precision: nil, scale: nil) }
            else if mods.count == 1 { self = .numeric(precision: mods[0], scale: 0) }
            else { self = .numeric(precision: mods[0], scale: mods[1]) }
        case "real", "float4": self = .float4
        case "double precision", "float8": self = .float8
        // float(p): real up to 24 bits of precision, double precision above (gram.y).
        case "float": self = (mods.first ?? 53) <= 24 ? .float4 : .float8
        case "uuid": self = .uuid
        case "timestamptz", "timestamp with time zone": self = .timestamptz
        case "timestamp", "timestamp without time zone": self = .timestamp
        case "date": self = .date
        case "time", "time without time zone": self = .time
        case "varchar", "character varying":
            self = .varchar(mods.first)
        case "text": self = .text
        case "json": self = .json
        case "jsonb": self = .jsonb
        default: return nil
        }
    }
}

extension PGType {
    /// A type name as written in SQL split into its lowercased name (whitespace collapsed, anything
    /// after the modifiers kept: `timestamp with time zone`, `char []`) and its integer modifiers:
    /// `NUMERIC(12, 2)` → ("numeric", [12, 2]). Nil when a modifier is not an integer.
    static func nameAndModifiers(_ sql: String) -> (name: String, modifiers: [Int])? {
        let lowered = sql.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
        var base = lowered
        var mods: [Int] = []
        if let open = lowered.firstIndex(of: "("), let close = lowered.lastIndex(of: ")"), open < close {
            base = String(lowered[..<open]).trimmingCharacters(in: " ")
            let inner = lowered[lowered.index(after: open)..<close]
            for part in inner.split(separator: ",") {
                guard let v = Int(part.trimmingCharacters(in: " ")) else { return nil }
                mods.append(v)
            }
            let rest = lowered[lowered.index(after: close)...].trimmingCharacters(in: " ")
            if !rest.isEmpty { base += " " + rest }
        }
        return (base, mods)
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
