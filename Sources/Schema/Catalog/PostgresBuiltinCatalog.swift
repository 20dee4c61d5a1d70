/// PostgreSQL 15's built-in types, functions, operators, casts and keywords as data, exported from
/// the real server by `sql/export_pg_catalog.sql` (see docs/CHECK.md). `check` resolves every call,
/// operator and cast in migration expressions against it, as the server's parser does.
///
/// ```swift
/// let pg = PostgresBuiltinCatalog.shared
/// pg.functions["now"]?.first?.volatility   // .stable
/// ```
public struct PostgresBuiltinCatalog: Sendable {
    /// `pg_proc.provolatile`.
    public enum Volatility: Character, Sendable, Hashable {
        case immutable = "i", stable = "s", volatile = "v"
    }

    /// A `pg_type` row.
    public struct TypeInfo: Sendable, Hashable {
        /// `typname`: `int4`, `timestamptz`, `_text`.
        public var name: String
        /// `format_type`: `integer`, `timestamp with time zone`, `text[]`.
        public var display: String
        /// `typcategory` (N numeric, S string, D date/time, …) and `typispreferred`.
        public var category: Character
        public var preferred: Bool
        /// `typtype`: b base, p pseudo, r range, m multirange.
        public var kind: Character
        /// The element type of an array type.
        public var element: String?
        /// The array type of this type.
        public var array: String?
        /// Volatility of the type's input and output functions (I/O conversion casts call them).
        public var inputVolatility: Volatility
        public var outputVolatility: Volatility
    }

    /// A `pg_proc` row (functions, aggregates, window functions).
    public struct Function: Sendable, Hashable {
        public var name: String
        public var arguments: [String]
        public var result: String
        public var volatility: Volatility
        public var strict: Bool
        public var returnsSet: Bool
        /// `prokind`: f function, a aggregate, w window.
        public var kind: Character
        /// The element type of a VARIADIC last argument.
        public var variadic: String?
        /// How many trailing arguments have defaults.
        public var defaults: Int
        /// A SQL-language function whose body (`select $1::text || …`) the planner inlines before
        /// volatility is checked: its polymorphic arguments' conversions to text decide.
        public var inlined: Bool
    }

    /// A `pg_operator` row; `left` is nil for prefix operators. `volatility` is its function's.
    public struct Operator: Sendable, Hashable {
        public var name: String
        public var left: String?
        public var right: String
        public var result: String
        public var volatility: Volatility
        /// The operator's function is inlined SQL (see ``Function/inlined``).
        public var inlined: Bool
        /// The operator's function is strict: a NULL constant operand folds the call to NULL.
        public var strict: Bool
    }

    /// A `pg_cast` row: `context` e explicit, a assignment, i implicit; `method` f function,
    /// b binary-coercible, i I/O; `volatility` is the cast function's.
    public struct Cast: Sendable, Hashable {
        public var source: String
        public var target: String
        public var context: Character
        public var method: Character
        public var volatility: Volatility?
    }

    public private(set) var types: [String: TypeInfo] = [:]
    public private(set) var functions: [String: [Function]] = [:]
    public private(set) var operators: [String: [Operator]] = [:]
    public private(set) var casts: [String: Cast] = [:]
    /// Access method → input types of its default operator classes (`pg_opclass.opcdefault`).
    public private(set) var defaultOperatorClasses: [String: Set<String>] = [:]
    /// `pg_get_keywords()`: word → category (U unreserved, C column name, T type/function name, R reserved).
    public private(set) var keywords: [String: Character] = [:]

    /// The catalog exported from PostgreSQL 15 (parsed once).
    public static let shared = PostgresBuiltinCatalog(tsv: PostgresBuiltinCatalogData.tsv)

    /// The exported lines exactly as committed (the catalog test compares them with the server).
    public static var exportedLines: [Substring] { PostgresBuiltinCatalogData.tsv.split(separator: "\n") }

    init(tsv: String) {
        for line in tsv.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func vol(_ s: String) -> Volatility { s.first.flatMap(Volatility.init(rawValue:)) ?? .volatile }
            func opt(_ s: String) -> String? { s == "-" ? nil : s }
            switch f.first {
            case "T" where f.count == 10:
                types[f[1]] = TypeInfo(name: f[1], display: f[2], category: f[3].first ?? "X", preferred: f[4] == "1", kind: f[5].first ?? "b",
                                       element: opt(f[6]), array: opt(f[7]), inputVolatility: vol(f[8]), outputVolatility: vol(f[9]))
            case "F" where f.count == 11:
                let args = f[2].isEmpty ? [] : f[2].split(separator: ",").map(String.init)
                functions[f[1], default: []].append(Function(name: f[1], arguments: args, result: f[3], volatility: vol(f[4]),
                                                             strict: f[5] == "1", returnsSet: f[6] == "1", kind: f[7].first ?? "f",
                                                             variadic: opt(f[8]), defaults: Int(f[9]) ?? 0, inlined: f[10] == "1"))
            case "O" where f.count == 8:
                operators[f[1], default: []].append(Operator(name: f[1], left: opt(f[2]), right: f[3], result: f[4], volatility: vol(f[5]),
                                                             inlined: f[6] == "1", strict: f[7] == "1"))
            case "A" where f.count == 3:
                defaultOperatorClasses[f[1], default: []].insert(f[2])
            case "C" where f.count == 6:
                casts[f[1] + ">" + f[2]] = Cast(source: f[1], target: f[2], context: f[3].first ?? "e", method: f[4].first ?? "f",
                                                volatility: f[5] == "-" ? nil : vol(f[5]))
            case "K" where f.count == 3:
                keywords[f[1]] = f[2].first ?? "U"
            default:
                continue
            }
        }
    }

    /// `GetDefaultOpClass`: whether a type has a default operator class for an access method,
    /// exactly, through a binary-coercible cast, or through a polymorphic class (anyarray, anyenum, …).
    public func hasDefaultOperatorClass(_ method: String, for type: String) -> Bool {
        guard let inputs = defaultOperatorClasses[method] else { return false }
        if inputs.contains(type) { return true }
        for i in inputs {
            if cast(from: type, to: i)?.method == "b" { return true }
            let info = types[type]
            switch i {
            case "anyarray": if info?.element != nil && type.hasPrefix("_") { return true }
            case "anyenum": if info?.category == "E" { return true }
            case "anyrange": if info?.kind == "r" { return true }
            case "anymultirange": if info?.kind == "m" { return true }
            default: break
            }
        }
        return false
    }

    /// The cast from one type to another, if `pg_cast` has one.
    public func cast(from source: String, to target: String) -> Cast? { casts[source + ">" + target] }

    /// The name PostgreSQL prints for a type (`format_type`), the type name itself when unknown.
    public func display(_ type: String) -> String { types[type]?.display ?? type }

    /// Whether a word is a reserved keyword (cannot be a column or table name unquoted).
    public func isReserved(_ word: String) -> Bool { keywords[word] == "R" }
}
