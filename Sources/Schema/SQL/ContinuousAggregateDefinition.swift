/// A continuous aggregate's definition, read once from its statement: `CREATE MATERIALIZED VIEW
/// [IF NOT EXISTS] name [(columns)] WITH (timescaledb.continuous [, …]) AS SELECT … [WITH [NO]
/// DATA]` (`tsdb.continuous` is the 2.20+ spelling). What the check's rules, the transaction-block
/// refusal and the planner's warning need of it; the query itself is not modelled.
public struct ContinuousAggregateDefinition: Sendable, Hashable {
    /// The view's name as the catalog keys relations (schema dropped, quoted case kept).
    public var name: String
    /// The query's first FROM relation, unqualified; nil when it names a schema other than
    /// `public`, is a subquery, or was not found.
    public var source: String?
    /// The FROM list has a JOIN or a second relation.
    public var joined: Bool
    /// The query starts with a CTE (`AS WITH …`).
    public var startsWithCTE: Bool
    /// The query's own level has GROUP BY.
    public var grouped: Bool
    /// A `time_bucket(…)` (or `time_bucket_ng`) call appears in the query.
    public var bucketed: Bool
    /// `WITH NO DATA` ends the statement; without it the view is materialized as it is created.
    public var withNoData: Bool
    /// `IF NOT EXISTS` follows `VIEW`: an existing relation of the name is a NOTICE, not an error.
    public var ifNotExists: Bool
    /// The column names listed after the view's name (`CREATE MATERIALIZED VIEW v (b, s, c)`), empty without a list.
    public var columnNames: [String]

    /// The view's column names: the listed ones, then each output's alias or the name PostgreSQL
    /// gives it (`FigureColname`: a column's, a function's, a cast's argument's or type's, `case`,
    /// `array`, else `?column?`); nil when the query is not read.
    public var outputNames: [String]? {
        guard let query else { return nil }
        return query.items.enumerated().map { k, item in
            k < columnNames.count ? columnNames[k] : item.alias ?? Self.figureName(item.expression) ?? "?column?"
        }
    }

    /// parse_target.c `FigureColnameInternal` over the expressions Chunkwise parses.
    static func figureName(_ e: SQLExpression) -> String? {
        switch e {
        case .column(let c): return String(c.split(separator: ".").last ?? "")
        case .function(let f, _): return f.lowercased()
        case .cast(let inner, let type):
            if let name = figureName(inner) { return name }
            let bare = type.split(separator: "(").first.map(String.init) ?? type
            return (try? PostgresBuiltinCatalog.shared.typeName(sql: bare)) ?? bare.lowercased()
        case .caseWhen: return "case"
        case .array: return "array"
        default: return nil
        }
    }

    /// The query's select list, WHERE and GROUP BY as expressions; nil when the parser does not
    /// read them (a `DISTINCT` or `FILTER` inside an aggregate, a window, a subquery in FROM).
    public var query: Query?

    /// The parts of a continuous aggregate's query the planner sizes its materialization from.
    public struct Query: Sendable, Hashable {
        /// One output column: its expression and the name it was given (`AS bucket`, or a bare alias).
        public struct Item: Sendable, Hashable {
            public var expression: SQLExpression
            public var alias: String?
            /// The expression as written.
            public var text: String
        }
        public var items: [Item]
        public var whereClause: SQLExpression?
        /// GROUP BY entries as written: expressions, output names or 1-based positions.
        public var groupBy: [SQLExpression]
    }

    /// Nil when `text` is not a continuous aggregate's CREATE (a plain materialized view, another
    /// statement, text the lexer refuses).
    public init?(text: String) {
        guard let lexed = try? SQLLexer(text: text, file: "").tokens() else { return nil }
        let tokens = lexed.filter { $0.kind != .end }
        guard tokens.first?.isWord("create") == true,
              let m = tokens.prefix(4).firstIndex(where: { $0.isWord("materialized") }),
              m + 1 < tokens.count, tokens[m + 1].isWord("view") else { return nil }
        var i = m + 2
        let ifNotExists = i + 2 < tokens.count && tokens[i].isWord("if") && tokens[i + 1].isWord("not") && tokens[i + 2].isWord("exists")
        if ifNotExists { i += 3 }
        // name or schema.name
        guard i < tokens.count, case .identifier(var name, _) = tokens[i].kind else { return nil }
        i += 1
        if i + 1 < tokens.count, tokens[i].isSymbol("."), case .identifier(let n, _) = tokens[i + 1].kind {
            name = n
            i += 2
        }
        // An optional column name list.
        var columnNames: [String] = []
        if i < tokens.count, tokens[i].isSymbol("(") {
            let end = Self.afterParentheses(tokens, from: i)
            for t in tokens[(i + 1)..<max(i + 1, end - 1)] {
                if case .identifier(let n, _) = t.kind { columnNames.append(n) }
            }
            i = end
        }
        // WITH (option [= value], …): continuous unless the option is turned off.
        guard i + 1 < tokens.count, tokens[i].isWord("with"), tokens[i + 1].isSymbol("(") else { return nil }
        let optionsEnd = Self.afterParentheses(tokens, from: i + 1)
        var continuous = false
        var k = i + 2
        while k + 2 < optionsEnd {
            if let prefix = tokens[k].word, prefix == "timescaledb" || prefix == "tsdb", tokens[k + 1].isSymbol("."), tokens[k + 2].isWord("continuous") {
                continuous = true
                if k + 4 < optionsEnd, tokens[k + 3].isSymbol("=") {
                    let value: String
                    switch tokens[k + 4].kind {
                    case .identifier(let w, _), .string(let w), .number(let w): value = w.lowercased()
                    default: value = ""
                    }
                    if ["false", "off", "no", "0"].contains(value) { continuous = false }
                }
            }
            k += 1
        }
        guard continuous else { return nil }
        self.name = name
        self.ifNotExists = ifNotExists
        self.columnNames = columnNames
        self.withNoData = tokens.indices.contains { j in
            j + 2 < tokens.count && tokens[j].isWord("with") && tokens[j + 1].isWord("no") && tokens[j + 2].isWord("data")
        }
        // The query after AS.
        var query = optionsEnd
        while query < tokens.count, !tokens[query].isWord("as") { query += 1 }
        query += 1
        self.startsWithCTE = query < tokens.count && tokens[query].isWord("with")
        var depth = 0
        var from: Int?
        var grouped = false, joined = false, bucketed = false, inFromList = false
        // A parenthesized query's own level is depth 1.
        let level = query < tokens.count && tokens[query].isSymbol("(") ? 1 : 0
        let readable = query < tokens.count && (tokens[query].isWord("select") || tokens[query].isSymbol("("))
        for j in query..<(readable ? tokens.count : query) {
            let t = tokens[j]
            if t.isSymbol("(") { depth += 1 } else if t.isSymbol(")") { depth -= 1 }
            if t.isWord("time_bucket") || t.isWord("time_bucket_ng"), j + 1 < tokens.count, tokens[j + 1].isSymbol("(") { bucketed = true }
            guard depth == level else { continue }
            if t.isWord("from"), from == nil { from = j; inFromList = true }
            if ["where", "group", "having", "order", "limit", "window"].contains(where: { t.isWord($0) }) { inFromList = false }
            if t.isWord("group"), j + 1 < tokens.count, tokens[j + 1].isWord("by") { grouped = true }
            if inFromList, t.isWord("join") || t.isSymbol(",") { joined = true }
        }
        self.grouped = grouped
        self.joined = joined
        self.bucketed = bucketed
        self.query = readable ? Self.readQuery(lexed, source: text, select: query) : nil
        self.source = nil
        if let f = from, f + 1 < tokens.count, case .identifier(let first, _) = tokens[f + 1].kind {
            if f + 3 < tokens.count, tokens[f + 2].isSymbol("."), case .identifier(let second, _) = tokens[f + 3].kind {
                if first == "public" { self.source = second }
            } else {
                self.source = first
            }
        }
    }

    /// The select list, WHERE and GROUP BY of the query whose SELECT is at `select` (or the
    /// parenthesis before it); nil when the expression parser does not read them.
    private static func readQuery(_ tokens: [SQLToken], source: String, select: Int) -> Query? {
        var p = SQLParser(tokens: tokens, source: Array(source.utf8), file: "")
        p.position = select
        _ = p.acceptSymbol("(")
        guard p.accept("select") else { return nil }
        let clauseWords: Set<String> = ["from", "where", "group", "having", "order", "limit", "window", "with"]
        do {
            var items: [Query.Item] = []
            repeat {
                let (e, text) = try p.expressionWithText()
                var alias: String?
                if p.accept("as") {
                    guard case .identifier(let a, _) = p.current.kind else { return nil }
                    alias = a
                    p.position += 1
                } else if case .identifier(let a, let quoted) = p.current.kind, quoted || !clauseWords.contains(a) {
                    alias = a
                    p.position += 1
                }
                items.append(Query.Item(expression: e, alias: alias, text: text))
            } while p.acceptSymbol(",")
            guard p.accept("from") else { return nil }
            // The FROM list, up to the next clause at this level.
            var depth = 0
            while p.position < tokens.count, tokens[p.position].kind != .end {
                let t = tokens[p.position]
                if t.isSymbol("(") { depth += 1 } else if t.isSymbol(")") {
                    if depth == 0 { break }
                    depth -= 1
                } else if depth == 0, t.isSymbol(";") { break }
                if depth == 0, let w = t.word, clauseWords.contains(w) { break }
                p.position += 1
            }
            var whereClause: SQLExpression?
            if p.accept("where") { whereClause = try p.topExpression() }
            var groupBy: [SQLExpression] = []
            if p.accept("group") {
                guard p.accept("by") else { return nil }
                repeat { groupBy.append(try p.topExpression()) } while p.acceptSymbol(",")
            }
            return Query(items: items, whereClause: whereClause, groupBy: groupBy)
        } catch {
            return nil
        }
    }

    /// The index just past the parenthesized group opening at `open`.
    private static func afterParentheses(_ tokens: [SQLToken], from open: Int) -> Int {
        var depth = 0
        var i = open
        while i < tokens.count {
            if tokens[i].isSymbol("(") { depth += 1 } else if tokens[i].isSymbol(")") {
                depth -= 1
                if depth == 0 { return i + 1 }
            }
            i += 1
        }
        return i
    }
}
