extension SQLParser {
    mutating func createIndex() throws(SQLSyntaxError) -> SQLStatement.Kind {
        try expect("create")
        let unique = accept("unique")
        try expect("index")
        let concurrently = accept("concurrently")
        var ifNotExists = false
        if accept("if") { try expect("not"); try expect("exists"); ifNotExists = true }
        var indexName: String?
        if !current.isWord("on") { indexName = try name() }
        try expect("on")
        _ = accept("only")
        let table = try name()
        var method = "btree"
        if accept("using") { method = try rawName() }
        try expectSymbol("(")
        var keys: [IndexDefinition.Key] = []
        var keyExpressions: [SQLExpression?] = []
        var ordering: [Bool] = []
        repeat {
            var key: IndexDefinition.Key
            if case .identifier(_, _) = current.kind, !peek().isSymbol("("), !peek().isSymbol("::") {
                key = IndexDefinition.Key(column: try rawName())
                keyExpressions.append(nil)
            } else {
                let start = position
                let parsed: SQLExpression
                if current.isSymbol("(") {
                    position += 1
                    parsed = try topExpression()
                    try expectSymbol(")")
                } else {
                    // Only a function call may stand without parentheses (`func_expr_windowless`).
                    // CAST(x AS t) is one too (it parses as a cast).
                    let isCast = current.isWord("cast")
                    parsed = try unary()
                    switch parsed {
                    case .function: break
                    case .cast where isCast: break
                    default: throw error(at: tokens[start])
                    }
                }
                key = IndexDefinition.Key(expression: text(from: start, to: position))
                keyExpressions.append(parsed)
            }
            if accept("collate") {
                let start = position
                _ = try name()
                key.collation = text(from: start, to: position)
            }
            // An operator class name may follow.
            if case .identifier(let w, _) = current.kind, !["asc", "desc", "nulls"].contains(w) {
                let start = position
                _ = try name()
                key.operatorClass = text(from: start, to: position)
            }
            if accept("desc") { key.descending = true; ordering.append(true) } else { ordering.append(accept("asc")) }
            if accept("nulls") {
                if accept("first") { key.nullsFirst = true } else { try expect("last"); key.nullsFirst = false }
            }
            keys.append(key)
        } while acceptSymbol(",")
        try expectSymbol(")")
        var include: [String] = []
        var options: [String: String] = [:]
        var predicate: SQLExpression?
        var predicateSQL: String?
        var nullsNotDistinct = false
        while !current.isEnd && !current.isSymbol(";") {
            if accept("include") { include = try nameList() }
            else if current.isWord("nulls") {
                // `NULLS [NOT] DISTINCT` (PostgreSQL 15), between INCLUDE and WITH.
                nullsNotDistinct = nullsNotDistinctClause()
                if current.isWord("nulls") { throw error() }
            }
            else if accept("with") { options = try optionList() }
            else if accept("tablespace") { _ = try name() }
            else if accept("where") {
                let (e, sql) = try expressionWithText()
                predicate = e
                predicateSQL = sql
            } else { throw error() }
        }
        var index = CreateIndex(name: indexName, table: table, unique: unique, concurrently: concurrently,
                                ifNotExists: ifNotExists, method: method, keys: keys, include: include,
                                options: options, predicate: predicate, predicateSQL: predicateSQL)
        index.keyExpressions = keyExpressions
        index.explicitOrdering = ordering
        index.nullsNotDistinct = nullsNotDistinct
        return .createIndex(index)
    }

    mutating func createFunction() throws(SQLSyntaxError) -> SQLStatement.Kind {
        try expect("create")
        var orReplace = false
        if accept("or") { try expect("replace"); orReplace = true }
        if !accept("function") { try expect("procedure") }
        let functionName = try name()
        let open = position
        try skipParenthesised()
        let arguments = String(text(from: open, to: position).dropFirst().dropLast())
        var returns = ""
        var language: String?
        var body = ""
        while !current.isEnd && !current.isSymbol(";") {
            if accept("returns") {
                let start = position
                if accept("table") { try skipParenthesised() } else {
                    _ = accept("setof")
                    _ = try typeName()
                }
                returns = text(from: start, to: position)
            } else if accept("language") {
                language = try rawName()
            } else if accept("as") {
                guard case .string(let b) = current.kind else { throw error() }
                body = b
                position += 1
                if acceptSymbol(",") { position += 1 }
            } else {
                position += 1
            }
        }
        return .createFunction(CreateFunction(name: functionName, orReplace: orReplace, arguments: arguments, returns: returns,
                                              language: language, body: body))
    }
}
