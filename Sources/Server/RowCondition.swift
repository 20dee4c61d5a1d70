import Schema
import Storage

/// A request's WHERE clause bound to a table: filters with their operands read by the column
/// types' input rules, `and`/`or` trees, evaluated per row with SQL's three-valued logic (a row
/// is kept only when the whole condition is true; NOT of unknown is unknown).
struct RowCondition {
    struct BoundFilter {
        var column: Int
        var filter: TableQuery.Filter
        var operand: Value
        var list: [Value]
        var pattern: LikePattern?
    }

    indirect enum Node {
        case filter(BoundFilter)
        case and([Node], negated: Bool)
        case or([Node], negated: Bool)
    }

    /// Every top-level filter and tree; all must hold.
    let nodes: [Node]

    init(_ query: TableQuery, table: ServedTable, zone: PGTimeZone, clock: Int64) throws(RestError) {
        var nodes: [Node] = []
        for f in query.filters { nodes.append(.filter(try RowCondition.bind(f, table: table, zone: zone, clock: clock))) }
        for t in query.trees { nodes.append(try RowCondition.bind(t, table: table, zone: zone, clock: clock)) }
        self.nodes = nodes
    }

    static func bind(_ condition: TableQuery.Condition, table: ServedTable, zone: PGTimeZone, clock: Int64) throws(RestError) -> Node {
        switch condition {
        case .filter(let f): return .filter(try bind(f, table: table, zone: zone, clock: clock))
        case .and(let items, let negated):
            var out: [Node] = []
            for i in items { out.append(try bind(i, table: table, zone: zone, clock: clock)) }
            return .and(out, negated: negated)
        case .or(let items, let negated):
            var out: [Node] = []
            for i in items { out.append(try bind(i, table: table, zone: zone, clock: clock)) }
            return .or(out, negated: negated)
        }
    }

    static func bind(_ f: TableQuery.Filter, table: ServedTable, zone: PGTimeZone, clock: Int64) throws(RestError) -> BoundFilter {
        let c = try table.columnIndex(f.column)
        var type = table.definition.columns[c].type
        if !f.path.isEmpty {
            // `->>` compares text; a `->` (jsonb) result is only tested for NULL here.
            type = try JSONPathSelect.extract(.null, type: type, path: f.path).1
            guard type == .text || f.op == .is else {
                throw RestError.postgres("0A000", "chunkwise serve compares JSON paths ending in ->> (text) only, or tests them with is")
            }
        }
        var operand = Value.null, list: [Value] = [], pattern: LikePattern?
        switch f.op {
        case .is:
            let o = f.operand.lowercased()
            if o == "true" || o == "false" {
                guard type == .bool else {
                    throw RestError.postgres("42804", "argument of IS \(o.uppercased()) must be type boolean, not type \(SelectCast.formatName(type))")
                }
                operand = .bool(o == "true")
            }
        case .in:
            // `[""]` is PostgREST's `= ANY('{}')`; otherwise every item is a value (`null` too).
            if f.list != [""] {
                for item in f.list { list.append(try ServedTable.parse(item, type: type, zone: zone, clock: clock)) }
            }
        case .like, .ilike:
            // PostgreSQL has no LIKE for other types: `operator does not exist: uuid ~~ unknown`.
            guard RowCondition.isCharacterString(type) else {
                throw RestError.postgres("42883", "operator does not exist: \(SelectCast.formatName(type)) \(f.op == .like ? "~~" : "~~*") unknown",
                                         hint: "No operator matches the given name and argument types. You might need to add explicit type casts.")
            }
            do { pattern = try LikePattern(f.operand, caseInsensitive: f.op == .ilike) } catch {
                throw RestError.postgres("22025", error.message)
            }
        default:
            operand = try ServedTable.parse(f.operand, type: type, zone: zone, clock: clock)
        }
        return BoundFilter(column: c, filter: f, operand: operand, list: list, pattern: pattern)
    }

    /// Whether row `r` of `columns` is kept.
    func matches(_ r: Int, _ columns: [ColumnVector]) -> Bool {
        for n in nodes where RowCondition.truth(n, r, columns) != true { return false }
        return true
    }

    static func truth(_ node: Node, _ r: Int, _ columns: [ColumnVector]) -> Bool? {
        switch node {
        case .filter(let b):
            var value = columns[b.column].value(at: r)
            if !b.filter.path.isEmpty {
                let type = columns[b.column].type
                value = (try? JSONPathSelect.extract(value, type: type, path: b.filter.path).0) ?? .null
            }
            let t = truth(b, value)
            return b.filter.negated ? t.map { !$0 } : t
        case .and(let items, let negated):
            var result: Bool? = true
            for i in items {
                let t = truth(i, r, columns)
                if t == false { result = false; break }
                if t == nil { result = nil }
            }
            return negated ? result.map { !$0 } : result
        case .or(let items, let negated):
            var result: Bool? = false
            for i in items {
                let t = truth(i, r, columns)
                if t == true { result = true; break }
                if t == nil { result = nil }
            }
            return negated ? result.map { !$0 } : result
        }
    }

    /// One filter on one value, before `not.`.
    static func truth(_ b: BoundFilter, _ v: Value) -> Bool? {
        switch b.filter.op {
        case .is:
            switch b.filter.operand.lowercased() {
            case "null", "unknown": return v.isNull
            default: return v == b.operand
            }
        case .in:
            // `x = ANY('{}')` is false even for a NULL x (the operator is never evaluated).
            if b.list.isEmpty { return false }
            if v.isNull { return nil }
            return b.list.contains(where: { ValueOrdering.compare(v, $0) == 0 })
        case .like, .ilike:
            guard case .text(let s) = v, let pattern = b.pattern else { return nil }
            return pattern.matches(s)
        default:
            if v.isNull { return nil }
            let c = ValueOrdering.compare(v, b.operand)
            switch b.filter.op {
            case .eq: return c == 0
            case .neq: return c != 0
            case .gt: return c > 0
            case .gte: return c >= 0
            case .lt: return c < 0
            case .lte: return c <= 0
            case .in, .is, .like, .ilike: return nil
            }
        }
    }


    /// text and varchar: the types `LIKE`/`ILIKE` apply to.
    static func isCharacterString(_ type: PGType) -> Bool {
        switch type {
        case .text, .varchar: return true
        default: return false
        }
    }
}
