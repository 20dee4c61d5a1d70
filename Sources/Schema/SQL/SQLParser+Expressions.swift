extension SQLParser {
    /// An expression, with the SQL text it spans.
    mutating func expressionWithText() throws(SQLSyntaxError) -> (SQLExpression, String) {
        let start = position
        let e = try topExpression()
        return (e, text(from: start, to: position))
    }

    /// A whole expression of a statement (a CHECK, a DEFAULT, an index key): refused when its
    /// tree is deeper than ``SQLNesting/maximumExpressionDepth``, as PostgreSQL's analysis runs
    /// out of stack on one (`x + 1 + 1 + …` thousands of times).
    mutating func topExpression() throws(SQLSyntaxError) -> SQLExpression {
        let start = current.location
        let e = try orExpression()
        if e.isDeeper(than: SQLNesting.maximumExpressionDepth) {
            throw SQLSyntaxError(location: start, message: "stack depth limit exceeded")
        }
        return e
    }

    mutating func orExpression() throws(SQLSyntaxError) -> SQLExpression {
        var e = try andExpression()
        while accept("or") { e = .or(e, try andExpression()) }
        return e
    }

    mutating func andExpression() throws(SQLSyntaxError) -> SQLExpression {
        var e = try notExpression()
        while accept("and") { e = .and(e, try notExpression()) }
        return e
    }

    mutating func notExpression() throws(SQLSyntaxError) -> SQLExpression {
        if accept("not") { return .not(try notExpression()) }
        return try predicate()
    }

    mutating func predicate() throws(SQLSyntaxError) -> SQLExpression {
        let e = try additive()
        if current.isWord("is") {
            position += 1
            let negated = accept("not")
            if accept("null") { return .isNull(e, negated: negated) }
            if accept("distinct") {
                try expect("from")
                return .distinct(e, try additive(), negated: negated)
            }
            if accept("true") { return negated ? .not(.comparison(.eq, e, .literal(.bool(true)))) : .comparison(.eq, e, .literal(.bool(true))) }
            if accept("false") { return negated ? .not(.comparison(.eq, e, .literal(.bool(false)))) : .comparison(.eq, e, .literal(.bool(false))) }
            throw error()
        }
        var negated = false
        if current.isWord("not") && (peek().isWord("in") || peek().isWord("between") || peek().isWord("like")) {
            position += 1
            negated = true
        }
        if accept("in") {
            if current.isSymbol("("), Self.startsSubquery(peek()) {
                let start = position
                try skipParenthesised()
                return .subquery(text(from: start, to: position))
            }
            try expectSymbol("(")
            var list: [SQLExpression] = []
            repeat { list.append(try additive()) } while acceptSymbol(",")
            try expectSymbol(")")
            return .inList(e, list, negated: negated)
        }
        if accept("between") {
            let lo = try additive()
            try expect("and")
            let hi = try additive()
            return .between(e, lo, hi, negated: negated)
        }
        if current.isWord("like") || current.isWord("ilike") {
            let op = (negated ? "!" : "") + (current.isWord("like") ? "~~" : "~~*")
            position += 1
            let pattern = try additive()
            // gram.y: `a LIKE b ESCAPE c` is `a ~~ like_escape(b, c)`.
            if accept("escape") { return .operator(op, e, .function("like_escape", [pattern, try additive()])) }
            return .operator(op, e, pattern)
        }
        let ops: [String: SQLExpression.ComparisonOperator] = ["=": .eq, "<>": .ne, "<": .lt, "<=": .le, ">": .gt, ">=": .ge]
        if case .symbol(let s) = current.kind, let op = ops[s] {
            position += 1
            if current.isWord("any") || current.isWord("all") || current.isWord("some") {
                let start = position - 2
                let all = current.isWord("all")
                position += 1
                if current.isSymbol("("), Self.startsSubquery(peek()) {
                    try skipParenthesised()
                    return .subquery(text(from: start, to: position))
                }
                // `x = ANY (ARRAY[…])` and `x <> ALL (ARRAY[…])`, as pg_dump writes IN lists, are the lists.
                let afterOperator = position
                if acceptSymbol("(") {
                    var list = try orExpression()
                    if case .cast(let inner, _) = list { list = inner }
                    // Constants only (pg_dump's `ARRAY['B'::text, 'S'::text]`): an array of other
                    // expressions is typed on its own before the comparison, which a list is not.
                    func constant(_ e: SQLExpression) -> Bool {
                        switch e {
                        case .literal: return true
                        case .cast(.literal, _): return true
                        default: return false
                        }
                    }
                    if acceptSymbol(")"), case .array(let elements) = list, !elements.isEmpty, elements.allSatisfy(constant),
                       (op == .eq && !all) || (op == .ne && all) {
                        // The array is typed on its own: untyped literals alone make it text[]
                        // (`int = ANY (ARRAY['a'])` has no operator), not the left side's type.
                        let untyped = elements.allSatisfy { if case .literal(.text) = $0 { return true } else { return false } }
                        return .inList(e, untyped ? elements.map { .cast($0, "text") } : elements, negated: op == .ne)
                    }
                }
                position = afterOperator
                try skipParenthesised()
                return .opaque(text(from: start, to: position))
            }
            return .comparison(op, e, try additive())
        }
        return e
    }

    /// PostgreSQL's generic operators (`||`, `->>`, `@>` and the like) bind looser than `+`/`-`
    /// (gram.y `Op`).
    mutating func additive() throws(SQLSyntaxError) -> SQLExpression {
        var e = try sum()
        while case .symbol(let op) = current.kind, Self.isGenericOperator(op) {
            position += 1
            e = .operator(op, e, try sum())
        }
        return e
    }

    /// An operator token other than the ones the grammar gives a precedence of their own.
    static func isGenericOperator(_ symbol: String) -> Bool {
        !["+", "-", "*", "/", "%", "^", "<", ">", "=", "<=", ">=", "<>", "=>"].contains(symbol)
            && !symbol.isEmpty && symbol.utf8.allSatisfy(SQLLexer.operatorCharacters.contains)
    }

    mutating func sum() throws(SQLSyntaxError) -> SQLExpression {
        var e = try multiplicative()
        while true {
            if acceptSymbol("+") { e = .arithmetic(.plus, e, try multiplicative()) }
            else if acceptSymbol("-") { e = .arithmetic(.minus, e, try multiplicative()) }
            else { return e }
        }
    }

    mutating func multiplicative() throws(SQLSyntaxError) -> SQLExpression {
        var e = try unary()
        while true {
            if acceptSymbol("*") { e = .arithmetic(.times, e, try unary()) }
            else if acceptSymbol("/") { e = .arithmetic(.divide, e, try unary()) }
            else if acceptSymbol("%") { e = .operator("%", e, try unary()) }
            else if acceptSymbol("^") { e = .operator("^", e, try unary()) }
            else { return e }
        }
    }

    mutating func unary() throws(SQLSyntaxError) -> SQLExpression {
        if acceptSymbol("-") {
            let e = try unary()
            if case .literal(.numeric(let n)) = e { return .literal(.numeric(n.negated)) }
            if case .literal(.int(let i)) = e { return .literal(.int(-i)) }
            return .operator("-", nil, e)
        }
        _ = acceptSymbol("+")
        var e = try primary()
        while true {
            if acceptSymbol("::") { e = .cast(e, try typeName()); continue }
            // x AT TIME ZONE zone is timezone(zone, x) (gram.y), binding tighter than ^ and looser than ::.
            if current.isWord("at"), peek().isWord("time"), peek(2).isWord("zone") {
                position += 3
                var zone = try primary()
                while acceptSymbol("::") { zone = .cast(zone, try typeName()) }
                e = .function("timezone", [zone, e])
                continue
            }
            return e
        }
    }

    mutating func primary() throws(SQLSyntaxError) -> SQLExpression {
        let t = current
        switch t.kind {
        case .number(let n):
            position += 1
            if !n.contains("."), !n.contains("e"), !n.contains("E"), let i = Int64(n) { return .literal(.int(i)) }
            if !n.contains("e"), !n.contains("E"), let v = try? PGNumeric.parse(n) { return .literal(.numeric(v)) }
            // An exponent (`1e3`) or out-of-range constant is still a numeric constant to PostgreSQL.
            return .cast(.literal(.text(n)), "numeric")
        case .string(let s):
            position += 1
            return .literal(.text(s))
        case .symbol("(") where Self.startsSubquery(peek()):
            let start = position
            try skipParenthesised()
            return try subscripts(of: .subquery(text(from: start, to: position)))
        case .symbol("("):
            position += 1
            let e = try orExpression()
            try expectSymbol(")")
            return try subscripts(of: e)
        case .identifier(let w, let quoted):
            if !quoted {
                switch w {
                case "true": position += 1; return .literal(.bool(true))
                case "false": position += 1; return .literal(.bool(false))
                case "null": position += 1; return .literal(.null)
                case "current_timestamp", "localtimestamp", "current_date", "current_time", "localtime":
                    position += 1
                    // An optional precision, CURRENT_TIMESTAMP(3): the type stays the same.
                    if w != "current_date", current.isSymbol("("), case .number = peek().kind, peek(2).isSymbol(")") { position += 3 }
                    return .function(w == "current_timestamp" ? "now" : w, [])
                case let f where SQLExpression.sessionNameFunctions.contains(f):
                    // SQL-standard value functions without parentheses (current_schema also takes them).
                    position += 1
                    if w == "current_schema", current.isSymbol("("), peek().isSymbol(")") { position += 2 }
                    return .function(w, [])
                // gram.y's `INTERVAL (p) '…'` and `INTERVAL '…' fields`.
                case "interval" where peek().isSymbol("("):
                    return try intervalLiteral()
                case "interval" where peek(2).word.map(IntervalTypmod.fieldWords.contains) ?? false:
                    if case .string = peek().kind { return try intervalLiteral() }
                case "interval", "timestamptz", "timestamp", "date", "numeric", "uuid", "jsonb", "json", "time", "text", "varchar",
                     "bigint", "integer", "int", "int4", "int8", "smallint", "boolean", "bool", "real", "float8", "float4", "bytea", "inet":
                    if case .string(let s) = peek().kind {
                        position += 2
                        return .cast(.literal(.text(s)), w)
                    }
                case "cast":
                    // CAST(x AS type) is x::type.
                    if peek().isSymbol("(") {
                        position += 2
                        let e = try orExpression()
                        try expect("as")
                        let type = try typeName()
                        try expectSymbol(")")
                        return .cast(e, type)
                    }
                case "extract":
                    // EXTRACT(field FROM source) is the function extract(text, source).
                    if peek().isSymbol("("), case .identifier(let field, _) = peek(2).kind, peek(3).isWord("from") {
                        position += 4
                        let source = try orExpression()
                        try expectSymbol(")")
                        return .function("extract", [.literal(.text(field)), source])
                    }
                case "case":
                    position += 1
                    let subject: SQLExpression? = current.isWord("when") ? nil : try orExpression()
                    var branches: [SQLExpression.CaseBranch] = []
                    while accept("when") {
                        let condition = try orExpression()
                        try expect("then")
                        branches.append(SQLExpression.CaseBranch(when: condition, then: try orExpression()))
                    }
                    guard !branches.isEmpty else { throw error() }
                    let otherwise: SQLExpression? = accept("else") ? try orExpression() : nil
                    try expect("end")
                    return .caseWhen(subject: subject, branches: branches, otherwise: otherwise)
                case "array" where peek().isSymbol("["):
                    position += 2
                    return .array(try arrayElements())
                case "exists" where peek().isSymbol("("), "array" where peek().isSymbol("("):
                    let start = position
                    position += 1
                    try skipParenthesised()
                    return .subquery(text(from: start, to: position))
                case "array":
                    let start = position
                    try skipOpaqueExpression()
                    return .opaque(text(from: start, to: position))
                default: break
                }
            }
            let n = try name()
            if current.isSymbol("(") {
                position += 1
                var args: [SQLExpression] = []
                // `count(*)`: an aggregate over rows, no argument (pg_proc's count with none).
                if current.isSymbol("*"), peek().isSymbol(")") {
                    position += 2
                    return .function(n, [])
                }
                if !current.isSymbol(")") {
                    repeat { args.append(try orExpression()) } while acceptSymbol(",")
                }
                try expectSymbol(")")
                return .function(n, args)
            }
            return try subscripts(of: .column(n))
        default:
            throw error()
        }
    }

    /// Whether a parenthesis followed by `token` opens a sub-select.
    static func startsSubquery(_ token: SQLToken) -> Bool {
        token.isWord("select") || token.isWord("with") || token.isWord("values") || token.isWord("table")
    }

    /// The elements of `ARRAY[…]` after its `[`, through the closing `]`; a bare `[…]` among them
    /// is a sub-array.
    mutating func arrayElements() throws(SQLSyntaxError) -> [SQLExpression] {
        var elements: [SQLExpression] = []
        if acceptSymbol("]") { return elements }
        repeat {
            if acceptSymbol("[") {
                elements.append(.array(try arrayElements()))
            } else {
                elements.append(try orExpression())
            }
        } while acceptSymbol(",")
        try expectSymbol("]")
        return elements
    }

    /// `e[i]`, `e[i:j]`, `e[:j]`, `e[i:]`, `e[:]`, repeated (`m[1][2]`): the subscripts after a
    /// column or a parenthesised expression, as gram.y's `indirection` allows them.
    mutating func subscripts(of base: SQLExpression) throws(SQLSyntaxError) -> SQLExpression {
        var e = base
        while acceptSymbol("[") {
            var lower: SQLExpression?, upper: SQLExpression?
            var slice = false
            if !current.isSymbol(":") { lower = try orExpression() }
            if acceptSymbol(":") {
                slice = true
                if !current.isSymbol("]") { upper = try orExpression() }
            }
            try expectSymbol("]")
            e = .subscripted(e, lower: lower, upper: upper, slice: slice)
        }
        return e
    }

    /// Skips `ARRAY` followed by anything but `[` or `(` as opaque text (the parenthesised or
    /// bracketed part after it, if any).
    mutating func skipOpaqueExpression() throws(SQLSyntaxError) {
        position += 1
        if current.isSymbol("(") { try skipParenthesised(); return }
        if acceptSymbol("[") {
            var depth = 1
            while depth > 0 {
                if current.isEnd { throw error() }
                if current.isSymbol("[") { depth += 1 }
                if current.isSymbol("]") { depth -= 1 }
                position += 1
            }
        }
    }

    /// A type name with modifiers as written: `numeric(12,2)`, `timestamp with time zone`,
    /// `character varying(10)`, `double precision`, `text[]`.
    mutating func typeName() throws(SQLSyntaxError) -> String {
        guard case .identifier = current.kind else { throw error() }
        let start = position
        var words = [try name()]
        let continuations: [String: Set<String>] = [
            "double": ["precision"], "character": ["varying"], "bit": ["varying"],
            "timestamp": ["with", "without"], "time": ["with", "without"],
        ]
        if let next = continuations[words[0]], let w = current.word, next.contains(w) {
            words.append(w)
            position += 1
            if w == "with" || w == "without" {
                try expect("time")
                try expect("zone")
                words += ["time", "zone"]
            }
        }
        var text = words.joined(separator: " ")
        // gram.y's Numeric: INT, INTEGER, SMALLINT, BIGINT, REAL, DOUBLE PRECISION and BOOLEAN are
        // keywords that take no modifier, so `int(3)` is a syntax error (`int4(3)` is a name, refused later).
        if current.isSymbol("("), tokens[start].word != nil,
           ["int", "integer", "smallint", "bigint", "real", "boolean", "double precision"].contains(text) {
            throw syntaxError(at: current)
        }
        if current.isSymbol("(") {
            let open = position
            try skipParenthesised()
            text += self.text(from: open, to: position).filter { $0 != " " }
            // `timestamp(3) with time zone`
            if words.count == 1, (words[0] == "timestamp" || words[0] == "time"), current.isWord("with") || current.isWord("without") {
                let w = current.word ?? ""
                position += 1
                try expect("time")
                try expect("zone")
                text += " \(w) time zone"
            }
        }
        while current.isSymbol("[") {
            position += 1
            if case .number = current.kind { position += 1 }
            try expectSymbol("]")
            text += "[]"
        }
        _ = start
        return text
    }
}
