extension SQLParser {
    /// `ALTER INDEX [IF EXISTS] name RENAME TO new` or `… SET (options)`, or nil (position
    /// unchanged) for any other ALTER INDEX, which stays a statement the catalog does not model.
    mutating func renameIndexStatement() -> SQLStatement.Kind? {
        let start = position
        func parse() throws(SQLSyntaxError) -> SQLStatement.Kind? {
            try expect("alter")
            try expect("index")
            var ifExists = false
            if accept("if") { try expect("exists"); ifExists = true }
            let old = try name()
            if current.isWord("set"), peek().isSymbol("(") {
                position += 1
                let options = try optionList()
                guard current.isEnd || current.isSymbol(";") else { return nil }
                return .alterIndexOptions(old, options: options, ifExists: ifExists)
            }
            guard accept("rename"), accept("to") else { return nil }
            let new = try rawName()
            guard current.isEnd || current.isSymbol(";") else { return nil }
            return .renameIndex(old, to: new, ifExists: ifExists)
        }
        if let kind = try? parse() { return kind }
        position = start
        return nil
    }

    mutating func alterTableStatement() throws(SQLSyntaxError) -> SQLStatement.Kind {
        try expect("alter")
        try expect("table")
        var ifExists = false
        if accept("if") { try expect("exists"); ifExists = true }
        _ = accept("only")
        let table = try name()
        var actions: [AlterTable.Action] = []
        repeat { actions.append(try alterAction()) } while acceptSymbol(",")
        return .alterTable(AlterTable(table: table, ifExists: ifExists, actions: actions))
    }

    mutating func alterAction() throws(SQLSyntaxError) -> AlterTable.Action {
        if accept("add") {
            if current.isWord("constraint") || current.isWord("primary") || current.isWord("unique")
                || current.isWord("check") || current.isWord("foreign") || current.isWord("exclude") {
                return .addConstraint(try tableConstraint())
            }
            _ = accept("column")
            var ifNotExists = false
            if accept("if") { try expect("not"); try expect("exists"); ifNotExists = true }
            return .addColumn(try columnSpec(), ifNotExists: ifNotExists)
        }
        if accept("drop") {
            if accept("constraint") {
                var ifExists = false
                if accept("if") { try expect("exists"); ifExists = true }
                let n = try rawName()
                _ = accept("cascade") || accept("restrict")
                return .dropConstraint(n, ifExists: ifExists)
            }
            _ = accept("column")
            var ifExists = false
            if accept("if") { try expect("exists"); ifExists = true }
            let n = try rawName()
            _ = accept("cascade") || accept("restrict")
            return .dropColumn(n, ifExists: ifExists)
        }
        if accept("alter") {
            _ = accept("column")
            let column = try rawName()
            if accept("type") || (current.isWord("set") && peek().isWord("data") && { position += 2; return accept("type") }()) {
                let t = try typeName()
                var using = false
                if accept("using") { _ = try topExpression(); using = true }
                return .alterColumnType(column, typeSQL: t, type: PGType(sql: t), using: using)
            }
            if current.isWord("add"), peek().isWord("generated") {
                position += 2
                if !accept("always") { try expect("by"); try expect("default") }
                try expect("as")
                try expect("identity")
                var sequenceName: String?
                if current.isSymbol("(") {
                    // ( SEQUENCE NAME [schema.]name START WITH 1 … ): the name is kept, the rest skipped.
                    let open = position
                    try skipParenthesised()
                    let end = position
                    position = open + 1
                    while position < end - 1 {
                        if current.isWord("sequence"), peek().isWord("name") {
                            position += 2
                            sequenceName = try qualifiedName().name
                            break
                        }
                        position += 1
                    }
                    position = end
                }
                return .alterColumnAddIdentity(column, sequenceName: sequenceName)
            }
            if accept("set") {
                if accept("default") {
                    let (e, sql) = try expressionWithText()
                    return .alterColumnSetDefault(column, sql: sql, expression: e)
                }
                if accept("not") { try expect("null"); return .alterColumnNotNull(column, set: true) }
                if accept("compression") { return .alterColumnSetCompression(column, method: accept("default") ? "default" : try rawName()) }
                if accept("storage") { return .alterColumnSetStorage(column, storage: try rawName()) }
                let start = position
                skipAction()
                return .other("ALTER COLUMN SET " + text(from: start, to: position))
            }
            if accept("drop") {
                if accept("default") { return .alterColumnSetDefault(column, sql: nil) }
                if accept("identity") || accept("expression") {
                    let identity = tokens[position - 1].isWord("identity")
                    var ifExists = false
                    if accept("if") { try expect("exists"); ifExists = true }
                    return identity ? .alterColumnDropIdentity(column, ifExists: ifExists) : .alterColumnDropExpression(column, ifExists: ifExists)
                }
                try expect("not")
                try expect("null")
                return .alterColumnNotNull(column, set: false)
            }
            throw error()
        }
        if accept("rename") {
            if accept("to") { return .renameTable(to: try rawName()) }
            if accept("constraint") {
                let old = try rawName()
                try expect("to")
                return .renameConstraint(old, to: try rawName())
            }
            _ = accept("column")
            let old = try rawName()
            try expect("to")
            return .renameColumn(old, to: try rawName())
        }
        if current.isWord("set") && peek().isSymbol("(") {
            position += 1
            return .setOptions(try optionList())
        }
        let start = position
        skipAction()
        return .other(text(from: start, to: position))
    }

    /// Skips one ALTER TABLE action (up to `,` or the statement end at depth 0).
    mutating func skipAction() {
        var depth = 0
        while !current.isEnd {
            if current.isSymbol("(") { depth += 1 }
            if current.isSymbol(")") { depth -= 1 }
            if depth <= 0 && (current.isSymbol(";") || current.isSymbol(",")) { return }
            position += 1
        }
    }
}
