import Foundation
import Schema

/// A table read as PostgREST's query string describes it: `select=`, column filters,
/// `order=`, `limit=`/`offset=`.
///
/// `GET /rest/v1/market_data?select=timestamp,close&ticker_id=eq.…&timestamp=gte.2024-01-01&order=timestamp.desc&limit=100`
public struct TableQuery: Sendable {
    /// One output column: the table column and the key it is returned under (`alias:column`).
    public struct Selected: Sendable, Hashable {
        public var column: String
        public var key: String
    }

    /// `column=[not.]op.value`.
    public struct Filter: Sendable {
        public enum Operator: String, Sendable, CaseIterable {
            case eq, neq, gt, gte, lt, lte, `in`, `is`
        }
        public var column: String
        public var op: Operator
        public var negated: Bool
        /// The operand text; for `in` the list items (nil for an unquoted `null` item).
        public var operand: String
        public var list: [String]
    }

    /// `order=column[.asc|.desc][.nullsfirst|.nullslast]`.
    public struct Ordering: Sendable, Hashable {
        public var column: String
        public var descending: Bool
        public var nullsFirst: Bool
    }

    /// nil is `*` (every column in table order).
    public var select: [Selected]?
    public var filters: [Filter] = []
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
            case "limit": limit = try TableQuery.parseCount(value, name: "limit")
            case "offset": offset = try TableQuery.parseCount(value, name: "offset")
            case "columns", "on_conflict": continue
            case "or", "and", "not.or", "not.and":
                throw RestError.badQuery("logical filter \(key)=… is not supported by chunkwise serve")
            default:
                filters.append(try TableQuery.parseFilter(column: key, value))
            }
        }
    }

    static func parseCount(_ text: String, name: String) throws(RestError) -> Int {
        guard let n = Int(text), n >= 0 else { throw RestError.badQuery("\"failed to parse \(name) parameter (\(text))\"") }
        return n
    }

    static func identifier(_ raw: Substring) -> String? {
        let t = raw.trimmingCharacters(in: .whitespaces)
        if t.count >= 2, t.hasPrefix("\""), t.hasSuffix("\"") { return String(t.dropFirst().dropLast()) }
        guard !t.isEmpty, t.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }) else { return nil }
        return t
    }

    static func parseSelect(_ text: String) throws(RestError) -> [Selected]? {
        var out: [Selected] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let p = part.trimmingCharacters(in: .whitespaces)
            if p == "*" { return out.isEmpty ? nil : out }
            let pieces = p.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let alias: String?, column: String?
            if pieces.count == 2 { alias = identifier(pieces[0]); column = identifier(pieces[1]) } else { alias = nil; column = identifier(pieces[0]) }
            guard let column, pieces.count == 1 || alias != nil else {
                throw RestError.badQuery("\"failed to parse select parameter (\(text))\"",
                                         details: "chunkwise serve reads plain columns and alias:column only (no embedding, casts or JSON paths)")
            }
            out.append(Selected(column: column, key: alias ?? column))
        }
        return out
    }

    static func parseOrder(_ text: String) throws(RestError) -> [Ordering] {
        var out: [Ordering] = []
        for term in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = term.split(separator: ".", omittingEmptySubsequences: false)
            guard let first = parts.first, let column = identifier(first), parts.count <= 3 else {
                throw RestError.badQuery("\"failed to parse order (\(text))\"")
            }
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
            out.append(Ordering(column: column, descending: descending, nullsFirst: nulls ?? descending))
        }
        return out
    }

    static func parseFilter(column key: String, _ value: String) throws(RestError) -> Filter {
        guard let column = identifier(Substring(key)) else { throw RestError.badQuery("\"failed to parse filter (\(key)=\(value))\"") }
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
            guard ["null", "true", "false", "unknown", "not_null"].contains(operand.lowercased()) else {
                throw RestError.badQuery("\"failed to parse filter (\(value))\"")
            }
        default: break
        }
        return Filter(column: column, op: op, negated: negated, operand: operand, list: list)
    }

    /// `in.(a,"b,c",d)` items; double quotes protect commas, `\` escapes inside quotes.
    static func splitList(_ text: String, original: String) throws(RestError) -> [String] {
        if text.isEmpty { return [] }
        var items: [String] = [], current = "", quoted = false, escaped = false, wasQuoted = false
        for c in text {
            if escaped { current.append(c); escaped = false; continue }
            if quoted {
                if c == "\\" { escaped = true } else if c == "\"" { quoted = false } else { current.append(c) }
                continue
            }
            if c == "\"" { quoted = true; wasQuoted = true; continue }
            if c == "," { items.append(wasQuoted ? current : current.trimmingCharacters(in: .whitespaces)); current = ""; wasQuoted = false; continue }
            current.append(c)
        }
        guard !quoted else { throw RestError.badQuery("\"failed to parse filter (\(original))\"") }
        items.append(wasQuoted ? current : current.trimmingCharacters(in: .whitespaces))
        return items
    }
}
