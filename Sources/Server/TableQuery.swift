import Foundation
import Schema

/// A table read as PostgREST's query string describes it: `select=`, column filters and
/// `or=`/`and=` logic trees (the rows of a read, update or delete), `order=`, `limit=`/`offset=`.
///
/// `GET /rest/v1/market_data?select=timestamp,close&ticker_id=eq.…&timestamp=gte.2024-01-01&order=timestamp.desc&limit=100`
public struct TableQuery: Sendable {
    /// One output column: the table column, the key it is returned under (`alias:column`) and
    /// the type it is cast to (`column::text`, PostgREST's `CAST(column AS text)`; the key stays
    /// the column's name, as PostgreSQL names a cast column after its operand).
    public struct Selected: Sendable, Hashable {
        public var column: String
        public var key: String
        public var cast: String?
        /// `column->a->>b`: the JSON path read from a `jsonb` column (``JSONPathSelect``).
        var path: [JSONPathSelect.Step] = []

        /// `column` returned under `key`, cast to the type named `cast` when given.
        public init(column: String, key: String, cast: String? = nil) {
            self.column = column
            self.key = key
            self.cast = cast
        }

        /// `*` in a list: every column in table order, in its place.
        public static let everyColumn = Selected(column: "*", key: "*")
    }

    /// `column=[not.]op.value`.
    public struct Filter: Sendable {
        public enum Operator: String, Sendable, CaseIterable {
            case eq, neq, gt, gte, lt, lte, `in`, `is`, like, ilike
        }
        public var column: String
        public var op: Operator
        public var negated: Bool
        /// The operand text; for `in` the list items, every one a value of the column's type
        /// (`null` is the text `null`, as PostgREST quotes each item into `= ANY('{"null"}')`).
        public var operand: String
        public var list: [String]
        /// `column->key->>key=op.value`: the JSON path filtered on (``JSONPathSelect``).
        var path: [JSONPathSelect.Step] = []
    }

    /// `order=column[.asc|.desc][.nullsfirst|.nullslast]`.
    public struct Ordering: Sendable, Hashable {
        public var column: String
        public var descending: Bool
        public var nullsFirst: Bool
        /// `order=column->>key`: the JSON path ordered by (``JSONPathSelect``).
        var path: [JSONPathSelect.Step] = []
    }

    /// A WHERE condition: one filter, or an `and(…)`/`or(…)` of conditions, possibly negated.
    public indirect enum Condition: Sendable {
        case filter(Filter)
        case and([Condition], negated: Bool)
        case or([Condition], negated: Bool)
    }

    /// nil is `*` (every column in table order).
    public var select: [Selected]?
    /// The column filters (`column=op.value`), all of which must hold.
    public var filters: [Filter] = []
    /// The logic trees (`or=(…)`, `and=(…)`, `not.or=(…)`, `not.and=(…)`), all of which must hold.
    public var trees: [Condition] = []
    /// Whether the query restricts the rows at all (a filter or a logic tree).
    public var hasConditions: Bool { !filters.isEmpty || !trees.isEmpty }
    public var order: [Ordering] = []
    public var limit: Int?
    public var offset: Int?

    /// Query keys that are not column filters.
    public static let reservedKeys: Set<String> = ["select", "order", "limit", "offset", "columns", "on_conflict", "or", "and", "not.or", "not.and"]

    /// Parses the read part of a query string (filters on any other key).
    public init(items: [(key: String, value: String)]) throws(RestError) {
        for (key, value) in items {
            switch key {
            case "select": select = try TableQuery.parseSelect(value)
            case "order": order = try TableQuery.parseOrder(value)
            case "limit": limit = TableQuery.parseCount(value)
            case "offset": offset = TableQuery.parseCount(value)
            case "columns", "on_conflict": continue
            case "or", "and", "not.or", "not.and":
                trees.append(try TableQuery.parseTree(key: key, value))
            default:
                filters.append(try TableQuery.parseFilter(column: key, value))
            }
        }
    }

    /// A `limit`/`offset` value as PostgREST reads it (Haskell's `readMaybe` into an Integer): an
    /// optionally negative run of digits, spaces around allowed; anything else (`abc`, `1.5`,
    /// `+1`) is nil and PostgREST ignores the parameter. Beyond Int's range it saturates.
    static func parseCount(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let digits = t.hasPrefix("-") ? t.dropFirst() : Substring(t)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(t) ?? (t.hasPrefix("-") ? Int.min : Int.max)
    }

    static func identifier(_ raw: Substring) -> String? {
        let t = raw.trimmingCharacters(in: .whitespaces)
        if t.count >= 2, t.hasPrefix("\""), t.hasSuffix("\"") { return String(t.dropFirst().dropLast()) }
        guard !t.isEmpty, t.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }) else { return nil }
        return t
    }

    static func parseSelect(_ text: String) throws(RestError) -> [Selected]? {
        do { return try readSelect(text) } catch {
            throw worded(error, PostgRESTGrammar.fieldForest(), name: "failed to parse select parameter (\(text))", text: text)
        }
    }

    static func readSelect(_ text: String) throws(RestError) -> [Selected]? {
        var out: [Selected] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let p = part.trimmingCharacters(in: .whitespaces)
            // `*` stands for every column where it is written (`*,px:close`, `timestamp,*`).
            if p == "*" { out.append(.everyColumn); continue }
            // `alias:column::type`: the cast after `::` (PostgREST's pIdentifier: letters, digits,
            // `_`, `$` and spaces, trimmed), the alias before a single `:`.
            var field = Substring(p), cast: String?
            if let range = p.range(of: "::") {
                field = p[..<range.lowerBound]
                let type = p[range.upperBound...].trimmingCharacters(in: .whitespaces)
                guard !type.isEmpty, type.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" || $0 == " " }) else {
                    throw RestError.badQuery("\"failed to parse select parameter (\(text))\"")
                }
                cast = type
            }
            // `column->key->>key`: the path after the first `->`.
            let (head, path) = try splitPath(field, error: RestError.badQuery("\"failed to parse select parameter (\(text))\""))
            field = head
            let pieces = field.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let alias: String?, column: String?
            if pieces.count == 2 { alias = identifier(pieces[0]); column = identifier(pieces[1]) } else { alias = nil; column = identifier(pieces[0]) }
            guard let column, pieces.count == 1 || alias != nil else {
                throw RestError.badQuery("\"failed to parse select parameter (\(text))\"",
                                         details: "chunkwise serve reads columns, alias:column, column::type and column->key->>key only (no embedding)")
            }
            // PostgREST names a JSON path's value after its last key.
            var selected = Selected(column: column, key: alias ?? path.last?.operand ?? column, cast: cast)
            selected.path = path
            out.append(selected)
        }
        return out == [.everyColumn] ? nil : out
    }

    static func parseOrder(_ text: String) throws(RestError) -> [Ordering] {
        do { return try readOrder(text) } catch {
            throw worded(error, PostgRESTGrammar.order, name: "failed to parse order (\(text))", text: text)
        }
    }

    /// A `PGRST100` in PostgREST 12's words when its grammar refuses `text` too (``Parsec``:
    /// the position and what it expected), else `error` as it is.
    static func worded(_ error: RestError, _ grammar: Parsec.Parser<Void>, name: String, text: String) -> RestError {
        guard error.code == "PGRST100" else { return error }
        return Parsec.error(grammar, name: name, text: text) ?? error
    }

    static func readOrder(_ text: String) throws(RestError) -> [Ordering] {
        var out: [Ordering] = []
        for term in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = term.split(separator: ".", omittingEmptySubsequences: false)
            let parseError = RestError.badQuery("\"failed to parse order (\(text))\"")
            guard let first = parts.first, parts.count <= 3 else { throw parseError }
            let (head, path) = try splitPath(first, error: parseError)
            guard let column = identifier(head) else { throw parseError }
            var descending = false
            var nulls: Bool?
            for (k, modifier) in parts.dropFirst().enumerated() {
                switch modifier {
                case "asc" where k == 0: descending = false
                case "desc" where k == 0: descending = true
                case "nullsfirst" where nulls == nil: nulls = true
                case "nullslast" where nulls == nil: nulls = false
                default: throw RestError.badQuery("\"failed to parse order (\(text))\"")
                }
            }
            // PostgreSQL: NULLS LAST for ASC, NULLS FIRST for DESC.
            var ordering = Ordering(column: column, descending: descending, nullsFirst: nulls ?? descending)
            ordering.path = path
            out.append(ordering)
        }
        return out
    }

    /// `column->a->>b` as the column and its JSON path steps (none without `->`).
    static func splitPath(_ field: Substring, error: RestError) throws(RestError) -> (Substring, [JSONPathSelect.Step]) {
        guard let arrow = field.range(of: "->") else { return (field, []) }
        var path: [JSONPathSelect.Step] = []
        var rest = field[arrow.lowerBound...]
        while !rest.isEmpty {
            let asText = rest.hasPrefix("->>")
            guard rest.hasPrefix("->") else { throw error }
            rest = rest.dropFirst(asText ? 3 : 2)
            let end = rest.range(of: "->")?.lowerBound ?? rest.endIndex
            guard let operand = identifier(rest[..<end]) ?? (Int(rest[..<end]).map { _ in String(rest[..<end]) }) else { throw error }
            path.append(JSONPathSelect.Step(operand: operand, asText: asText))
            rest = rest[end...]
        }
        return (field[..<arrow.lowerBound], path)
    }

    static func parseFilter(column key: String, _ value: String) throws(RestError) -> Filter {
        let parseError = RestError.badQuery("\"failed to parse filter (\(key)=\(value))\"")
        let (head, path) = try splitPath(Substring(key), error: parseError)
        guard let column = identifier(head) else { throw parseError }
        var filter: Filter
        do { filter = try parseOperation(column: column, value) } catch {
            throw worded(error, PostgRESTGrammar.filter, name: "failed to parse filter (\(value))", text: value)
        }
        filter.path = path
        return filter
    }

    static func parseOperation(column: String, _ value: String) throws(RestError) -> Filter {
        var rest = Substring(value)
        var negated = false
        if rest.hasPrefix("not.") { negated = true; rest = rest.dropFirst(4) }
        guard let dot = rest.firstIndex(of: "."), let op = Filter.Operator(rawValue: String(rest[..<dot])) else {
            throw RestError.badQuery("\"failed to parse filter (\(value))\"")
        }
        let operand = String(rest[rest.index(after: dot)...])
        var list: [String] = []
        switch op {
        case .in:
            guard operand.hasPrefix("("), operand.hasSuffix(")") else { throw RestError.badQuery("\"failed to parse filter (\(value))\"") }
            list = try splitList(String(operand.dropFirst().dropLast()), original: value)
        case .is:
            // PostgREST 12's pTriVal: null, unknown, true, false, in any case (`not_null` came
            // after 12); it reads the word and ignores what follows (`is.nullx` is IS NULL).
            guard let word = ["null", "unknown", "true", "false"].first(where: { operand.lowercased().hasPrefix($0) }) else {
                throw RestError.badQuery("\"failed to parse filter (\(value))\"")
            }
            return Filter(column: column, op: op, negated: negated, operand: word, list: [])
        case .like, .ilike:
            // PostgREST reads `*` as `%` (a `%` is awkward in URLs); both work.
            return Filter(column: column, op: op, negated: negated, operand: operand.replacingOccurrences(of: "*", with: "%"), list: [])
        default: break
        }
        return Filter(column: column, op: op, negated: negated, operand: operand, list: list)
    }

    /// `in.(a,"b,c",d)` items as PostgREST's pListVal reads them: double quotes protect commas,
    /// `\` escapes inside quotes; an unquoted item is taken as written, spaces included (only
    /// those right after `(` are skipped). `in.()` and `in.("")` are the one item `""`, which
    /// PostgREST turns into `= ANY('{}')`: no row matches, not even a NULL one.
    static func splitList(_ text: String, original: String) throws(RestError) -> [String] {
        var items: [String] = [], current = "", quoted = false, escaped = false
        for c in text.drop(while: { $0 == " " || $0 == "\t" }) {
            if escaped { current.append(c); escaped = false; continue }
            if quoted {
                if c == "\\" { escaped = true } else if c == "\"" { quoted = false } else { current.append(c) }
                continue
            }
            if c == "\"" { quoted = true; continue }
            if c == "," { items.append(current); current = ""; continue }
            current.append(c)
        }
        guard !quoted else { throw RestError.badQuery("\"failed to parse filter (\(original))\"") }
        items.append(current)
        return items
    }

    // MARK: - Logic trees

    /// `or=(a.eq.1,and(b.gt.2,c.is.null))` and its `and`/`not.` forms.
    static func parseTree(key: String, _ value: String) throws(RestError) -> Condition {
        let negated = key.hasPrefix("not.")
        let isOr = key.hasSuffix("or")
        do { return try parseGroup(isOr: isOr, negated: negated, Substring(value), original: value, depth: 0) } catch {
            // PostgREST reads the key's operator and the value as one text: `or(a.eq.1,…)`.
            throw worded(error, PostgRESTGrammar.logicTree(), name: "failed to parse logic tree (\(value))", text: key + value)
        }
    }

    /// Nesting deeper than this is refused (a hostile query cannot exhaust the stack).
    static let maximumTreeDepth = 64

    static func treeError(_ original: String, _ why: String) -> RestError {
        RestError.badQuery("\"failed to parse logic tree (\(original))\"", details: why)
    }

    /// `(item,item,…)` as the conditions of one `and`/`or`.
    static func parseGroup(isOr: Bool, negated: Bool, _ text: Substring, original: String, depth: Int) throws(RestError) -> Condition {
        guard depth < maximumTreeDepth else { throw treeError(original, "logic trees nest at most \(maximumTreeDepth) deep") }
        guard text.hasPrefix("("), text.hasSuffix(")"), text.count >= 2 else {
            throw treeError(original, "a logic tree is a parenthesized list: or=(a.eq.1,b.eq.2)")
        }
        let items = try splitTopLevel(text.dropFirst().dropLast(), original: original)
        guard !items.isEmpty else { throw treeError(original, "an empty logic tree") }
        var conditions: [Condition] = []
        for item in items {
            var rest = item
            var itemNegated = false
            if rest.hasPrefix("not.") { itemNegated = true; rest = rest.dropFirst(4) }
            if rest.hasPrefix("and("), rest.hasSuffix(")") {
                conditions.append(try parseGroup(isOr: false, negated: itemNegated, rest.dropFirst(3), original: original, depth: depth + 1))
            } else if rest.hasPrefix("or("), rest.hasSuffix(")") {
                conditions.append(try parseGroup(isOr: true, negated: itemNegated, rest.dropFirst(2), original: original, depth: depth + 1))
            } else {
                // `column.[not.]op.value`; the value may be double quoted (`"a,b"`).
                guard let dot = item.firstIndex(of: ".") else { throw treeError(original, "expected column.operator.value in \(item)") }
                let column = item[..<dot]
                var operation = String(item[item.index(after: dot)...])
                if let unquoted = unquotedOperand(operation) { operation = unquoted }
                let filter: Filter
                do { filter = try parseFilter(column: String(column), operation) } catch {
                    throw treeError(original, error.message)
                }
                conditions.append(.filter(filter))
            }
        }
        return isOr ? .or(conditions, negated: negated) : .and(conditions, negated: negated)
    }

    /// `op.value` with a double-quoted value (`eq."a,b"`, `\` escaping inside) as `op.a,b`; nil
    /// when the value is not quoted.
    static func unquotedOperand(_ operation: String) -> String? {
        var prefix = Substring(operation)
        var head = ""
        if prefix.hasPrefix("not.") { head = "not."; prefix = prefix.dropFirst(4) }
        guard let dot = prefix.firstIndex(of: ".") else { return nil }
        let op = prefix[..<dot]
        let value = prefix[prefix.index(after: dot)...]
        guard op != "in", value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return nil }
        var out = "", escaped = false
        for c in value.dropFirst().dropLast() {
            if escaped { out.append(c); escaped = false } else if c == "\\" { escaped = true } else { out.append(c) }
        }
        return head + op + "." + out
    }

    /// Splits at commas outside parentheses and double quotes.
    static func splitTopLevel(_ text: Substring, original: String) throws(RestError) -> [Substring] {
        var items: [Substring] = []
        var depth = 0, quoted = false, escaped = false
        var start = text.startIndex
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if escaped { escaped = false } else if quoted {
                if c == "\\" { escaped = true } else if c == "\"" { quoted = false }
            } else {
                switch c {
                case "\"": quoted = true
                case "(": depth += 1
                case ")":
                    depth -= 1
                    guard depth >= 0 else { throw treeError(original, "unbalanced parentheses") }
                case "," where depth == 0:
                    items.append(text[start..<i])
                    start = text.index(after: i)
                default: break
                }
            }
            i = text.index(after: i)
        }
        guard depth == 0, !quoted else { throw treeError(original, "unbalanced parentheses or quotes") }
        items.append(text[start..<text.endIndex])
        for item in items where item.isEmpty { throw treeError(original, "an empty item") }
        return items
    }
}
