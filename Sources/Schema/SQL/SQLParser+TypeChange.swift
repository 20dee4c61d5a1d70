extension SQLParser {
    /// `CREATE TYPE name AS ENUM (…)`, or nil (position unchanged) for any other CREATE TYPE
    /// (composite, range, base), which stays a statement the catalog does not model.
    mutating func createEnumStatement() throws(SQLSyntaxError) -> SQLStatement.Kind? {
        let start = position
        try expect("create")
        try expect("type")
        let typeName = try name()
        guard accept("as"), accept("enum") else {
            position = start
            return nil
        }
        try expectSymbol("(")
        var labels: [String] = []
        if !current.isSymbol(")") {
            repeat { labels.append(try stringConstant()) } while acceptSymbol(",")
        }
        try expectSymbol(")")
        return .typeChange(.createEnum(name: typeName, labels: labels))
    }

    /// `CREATE DOMAIN name [AS] type …`: its default and constraints; unnamed CHECKs named as
    /// `ChooseConstraintName` names them (`name_check`, `name_check1`, …).
    ///
    /// A syntax error in the name or the type is thrown; nil when a constraint or default is one
    /// the expression reader cannot follow (the caller then keeps the domain by name only).
    mutating func createDomainStatement() throws(SQLSyntaxError) -> SQLStatement.Kind? {
        try expect("create")
        try expect("domain")
        let domainName = try name()
        _ = accept("as")
        let typeSQL = try typeName()
        let constraintsStart = position
        do {
            return try domainConstraints(DomainDefinition(name: domainName, baseTypeSQL: typeSQL, baseType: PGType(sql: typeSQL)))
        } catch {
            position = constraintsStart
            return nil
        }
    }

    /// The default and constraints after `CREATE DOMAIN name AS type`.
    private mutating func domainConstraints(_ base: DomainDefinition) throws(SQLSyntaxError) -> SQLStatement.Kind {
        var domain = base
        let domainName = base.name
        var constraintName: String?
        while !current.isEnd && !current.isSymbol(";") {
            if accept("constraint") { constraintName = try rawName(); continue }
            if accept("collate") {
                guard case .identifier = current.kind else { throw error() }
                position += 1
                while current.isSymbol("."), peek().kind != .end { position += 2 }
            } else if accept("default") {
                let (e, sql) = try expressionWithText()
                domain.defaultExpression = e
                domain.defaultSQL = sql
            } else if accept("not") {
                try expect("null")
                domain.notNull = true
            } else if accept("null") {
                domain.notNull = false
            } else if accept("check") {
                try expectSymbol("(")
                let (e, sql) = try expressionWithText()
                try expectSymbol(")")
                var name = constraintName ?? "\(domainName)_check"
                if constraintName == nil {
                    var n = 0
                    while domain.checks.contains(where: { $0.name == name }) { n += 1; name = "\(domainName)_check\(n)" }
                }
                domain.checks.append(CheckConstraint(name: name, predicate: e, sql: sql))
                _ = accept("no") && accept("inherit")
                if current.isWord("not"), peek().isWord("valid") { position += 2 }
            } else {
                throw error()
            }
            constraintName = nil
        }
        return .typeChange(.createDomain(domain))
    }

    /// `ALTER TYPE name {ADD VALUE … | RENAME VALUE … | RENAME TO …}`, or nil (position unchanged)
    /// for any other ALTER TYPE (OWNER TO, SET SCHEMA, attributes), not modelled.
    mutating func alterTypeStatement() throws(SQLSyntaxError) -> SQLStatement.Kind? {
        let start = position
        try expect("alter")
        try expect("type")
        let typeName = try name()
        let change: TypeChange
        if accept("add") {
            try expect("value")
            var ifNotExists = false
            if accept("if") { try expect("not"); try expect("exists"); ifNotExists = true }
            let label = try stringConstant()
            var neighbour: TypeChange.EnumNeighbour?
            if current.isWord("before") || current.isWord("after") {
                let before = accept("before")
                if !before { try expect("after") }
                neighbour = TypeChange.EnumNeighbour(label: try stringConstant(), before: before)
            }
            change = .addEnumValue(type: typeName, label: label, ifNotExists: ifNotExists, neighbour: neighbour)
        } else if accept("rename") {
            if accept("value") {
                let old = try stringConstant()
                try expect("to")
                change = .renameEnumValue(type: typeName, from: old, to: try stringConstant())
            } else if accept("to") {
                change = .rename(type: typeName, to: try rawName())
            } else {
                position = start
                return nil
            }
        } else {
            position = start
            return nil
        }
        return .typeChange(change)
    }

    /// `COMMENT ON {TABLE | COLUMN | INDEX} name IS {'text' | NULL}`, or nil (position unchanged) for
    /// a comment on another kind of object, not modelled.
    mutating func commentStatement() -> SQLStatement.Kind? {
        let start = position
        func parse() throws(SQLSyntaxError) -> SQLStatement.Kind? {
            try expect("comment")
            try expect("on")
            let target: CommentTarget
            if accept("table") {
                target = .table(try name())
            } else if accept("index") {
                target = .index(try name())
            } else if accept("column") {
                // [schema.]table.column
                var parts = [try rawName()]
                while acceptSymbol(".") { parts.append(try rawName()) }
                guard parts.count >= 2 else { return nil }
                target = .column(table: parts[parts.count - 2], column: parts[parts.count - 1])
            } else {
                return nil
            }
            try expect("is")
            if !accept("null") { _ = try stringConstant() }
            guard current.isEnd || current.isSymbol(";") else { return nil }
            return .comment(target)
        }
        if let kind = try? parse() { return kind }
        position = start
        return nil
    }

    /// `CREATE … TRIGGER`: the table after `ON` and the function after `EXECUTE FUNCTION|PROCEDURE`
    /// (the rest is skipped), or nil (position unchanged) when those cannot be found.
    mutating func createTriggerStatement() -> SQLStatement.Kind? {
        let start = position
        var table: String?, function: String?
        var depth = 0
        while !current.isEnd && !(current.isSymbol(";") && depth == 0) {
            if current.isSymbol("(") { depth += 1 } else if current.isSymbol(")") { depth -= 1 }
            if depth == 0, table == nil, current.isWord("on") {
                position += 1
                table = try? name()
                continue
            }
            if depth == 0, current.isWord("execute"), peek().isWord("function") || peek().isWord("procedure") {
                position += 2
                // A qualified name keeps its schema (`_timescaledb_functions.insert_blocker`).
                var schema: String?
                if case .identifier(let s, _) = current.kind, peek().isSymbol(".") { schema = s }
                function = try? name()
                if let schema, let f = function { function = schema + "." + f }
                continue
            }
            position += 1
        }
        guard let table, let function else {
            position = start
            return nil
        }
        return .createTrigger(table: table, function: function)
    }

    /// A string constant (`'…'`, `E'…'`, `$$…$$`).
    mutating func stringConstant() throws(SQLSyntaxError) -> String {
        guard case .string(let s) = current.kind else { throw error() }
        position += 1
        return s
    }
}
