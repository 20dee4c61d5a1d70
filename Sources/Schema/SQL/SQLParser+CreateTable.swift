extension SQLParser {
    mutating func createStatement() throws(SQLSyntaxError) -> SQLStatement.Kind {
        let s = summary()
        var i = 1
        if peek(i).isWord("or") && peek(i + 1).isWord("replace") { i += 2 }
        if peek(i).isWord("unique") { i += 1 }
        if peek(i).isWord("temporary") || peek(i).isWord("temp") || peek(i).isWord("unlogged") { i += 1 }
        let what = peek(i).word
        switch what {
        case "table" where !(peek(i + 1).isWord("as")): return try createTable()
        case "index": return try createIndex()
        case "function", "procedure": return try createFunction()
        case "trigger":
            if let kind = createTriggerStatement() { return kind }
            skipStatement()
            return .notModelled(summary: s)
        case "domain" where i == 1:
            // A domain whose constraints the expression reader cannot follow is kept by name only
            // (as before domains were modelled) rather than called a syntax error.
            if let kind = try createDomainStatement() { return kind }
            skipStatement()
            return .notModelled(summary: s)
        case "type" where i == 1:
            if let kind = try createEnumStatement() { return kind }
            skipStatement()
            return .notModelled(summary: s)
        case let word? where !SQLStatementKeywords.createObjects.contains(word):
            // `CREATE TABEL …`: PostgreSQL's grammar has no such object, so it is a syntax error there.
            throw syntaxError(at: peek(i))
        case nil where !peek(i).isSymbol("("):
            throw syntaxError(at: peek(i))
        default:
            skipStatement()
            return .notModelled(summary: s)
        }
    }

    mutating func createTable() throws(SQLSyntaxError) -> SQLStatement.Kind {
        try expect("create")
        var unlogged = false
        if accept("temporary") || accept("temp") {} else if accept("unlogged") { unlogged = true }
        try expect("table")
        var ifNotExists = false
        if accept("if") { try expect("not"); try expect("exists"); ifNotExists = true }
        let (schema, tableName) = try qualifiedName()
        if accept("as") {
            skipStatement()
            return .notModelled(summary: "CREATE TABLE AS")
        }
        if accept("partition") {
            skipStatement()
            return .notModelled(summary: "CREATE TABLE PARTITION OF")
        }
        try expectSymbol("(")
        var columns: [ColumnSpec] = []
        var constraints: [TableConstraintSpec] = []
        var like: [String] = []
        if !current.isSymbol(")") {
            repeat {
                if accept("like") {
                    like.append(try name())
                    while accept("including") || accept("excluding") { position += 1 }
                } else if current.isWord("constraint") || current.isWord("primary") || current.isWord("unique")
                            || current.isWord("check") || current.isWord("foreign") || current.isWord("exclude") {
                    constraints.append(try tableConstraint())
                } else {
                    columns.append(try columnSpec())
                }
            } while acceptSymbol(",")
        }
        try expectSymbol(")")
        var options: [String: String] = [:]
        var partitionBy: (strategy: String, parts: [PartitionKey.Part])?
        while !current.isEnd && !current.isSymbol(";") {
            if accept("with") {
                options = try optionList()
            } else if accept("inherits") {
                _ = try nameList()
            } else if accept("tablespace") {
                _ = try name()
            } else if accept("partition") {
                // PARTITION BY RANGE | LIST | HASH (keys): the parent of declarative partitions.
                try expect("by")
                partitionBy = (try rawName(), try partitionKeyParts())
            } else {
                throw error()
            }
        }
        var create = CreateTable(name: tableName, ifNotExists: ifNotExists, columns: columns, constraints: constraints,
                                 like: like, options: options)
        create.partitionBy = partitionBy
        create.schema = schema
        create.unlogged = unlogged
        return .createTable(create)
    }

    /// `(part [COLLATE c] [opclass], …)` of PARTITION BY: a column, a parenthesised expression or
    /// a function call (gram.y `part_elem`).
    mutating func partitionKeyParts() throws(SQLSyntaxError) -> [PartitionKey.Part] {
        try expectSymbol("(")
        var parts: [PartitionKey.Part] = []
        repeat {
            if case .identifier = current.kind, !peek().isSymbol("("), !peek().isSymbol("::"), !peek().isSymbol(".") {
                parts.append(PartitionKey.Part(column: try rawName()))
            } else if acceptSymbol("(") {
                parts.append(PartitionKey.Part(expression: try topExpression()))
                try expectSymbol(")")
            } else {
                let start = position
                let parsed = try unary()
                guard case .function = parsed else { throw error(at: tokens[start]) }
                parts.append(PartitionKey.Part(expression: parsed))
            }
            if accept("collate") { _ = try name() }
            if case .identifier = current.kind { _ = try name() }
        } while acceptSymbol(",")
        try expectSymbol(")")
        return parts
    }

    /// `(key = value, …)` for WITH / SET; keys keep their dots (`timescaledb.compress`).
    mutating func optionList() throws(SQLSyntaxError) -> [String: String] {
        try expectSymbol("(")
        var options: [String: String] = [:]
        repeat {
            var key = try rawName()
            while acceptSymbol(".") { key += "." + (try rawName()) }
            var value = "true"
            if acceptSymbol("=") {
                switch current.kind {
                case .string(let s), .number(let s): value = s; position += 1
                case .identifier(let w, _): value = w; position += 1
                default: throw error()
                }
            }
            options[key] = value
        } while acceptSymbol(",")
        try expectSymbol(")")
        return options
    }

    /// A single identifier without schema handling.
    mutating func rawName() throws(SQLSyntaxError) -> String {
        guard case .identifier(let n, _) = current.kind else { throw error() }
        position += 1
        return n
    }

    mutating func columnSpec() throws(SQLSyntaxError) -> ColumnSpec {
        let location = current.location
        let columnName = try rawName()
        let typeSQL = try typeName()
        // PostgreSQL 15 takes COMPRESSION only here, between the type and the constraints.
        var compression: String?
        if accept("compression") { compression = accept("default") ? "default" : try rawName() }
        var notNull = false
        var defaultSQL: String?
        var defaultExpression: SQLExpression?
        var constraints: [TableConstraintSpec] = []
        var constraintName: String?
        var generatedExpression: SQLExpression?
        var generatedSQL: String?
        var identityClauses = 0
        var saysNull = false
        var collation: String?
        while !current.isEnd && !current.isSymbol(",") && !current.isSymbol(")") && !current.isSymbol(";") {
            if accept("constraint") { constraintName = try rawName(); continue }
            if current.isWord("not"), peek().isWord("deferrable") { position += 2; continue }
            if accept("not") { try expect("null"); notNull = true }
            else if accept("null") { notNull = false; saysNull = true }
            else if accept("default") {
                let (e, sql) = try expressionWithText()
                defaultExpression = e
                defaultSQL = sql
            } else if accept("primary") {
                try expect("key")
                try skipIndexParameters()
                constraints.append(TableConstraintSpec(name: constraintName, kind: .primaryKey([columnName], include: [])))
                notNull = true
            } else if accept("unique") {
                var unique = TableConstraintSpec(name: constraintName, kind: .unique([columnName], include: []))
                unique.nullsNotDistinct = nullsNotDistinctClause()
                try skipIndexParameters()
                constraints.append(unique)
            } else if accept("check") {
                try expectSymbol("(")
                let (e, sql) = try expressionWithText()
                try expectSymbol(")")
                constraints.append(TableConstraintSpec(name: constraintName, kind: .check(e, sql: sql)))
            } else if accept("references") {
                let target = try name()
                var targetColumns: [String] = []
                if current.isSymbol("(") { targetColumns = try nameList() }
                let actions = try referentialActions()
                constraints.append(TableConstraintSpec(name: constraintName, kind: .foreignKey([columnName], table: target, columns: targetColumns,
                                                                                              onDelete: actions.onDelete, onUpdate: actions.onUpdate)))
            } else if accept("generated") {
                // GENERATED ALWAYS AS (expr) STORED | GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY [ ( options ) ]
                let always = accept("always")
                if !always { try expect("by"); try expect("default") }
                try expect("as")
                if accept("identity") {
                    identityClauses += 1
                    if current.isSymbol("(") { try skipParenthesised() }
                } else {
                    guard always, current.isSymbol("(") else { throw error() }
                    position += 1
                    (generatedExpression, generatedSQL) = try expressionWithText()
                    try expectSymbol(")")
                    try expect("stored")
                }
            } else if accept("collate") || accept("initially") {
                // A collation name (schema-qualified as pg_dump writes it), or DEFERRED / IMMEDIATE.
                if tokens[position - 1].isWord("collate"), case .identifier(let n, _) = current.kind { collation = n }
                // A collation's name, or DEFERRED / IMMEDIATE: never the end of the input.
                guard case .identifier = current.kind else { throw error() }
                position += 1
                while current.isSymbol("."), peek().kind != .end {
                    if case .identifier(let n, _) = peek().kind { collation = n }
                    position += 2
                }
                continue
            } else if accept("deferrable") {
                continue
            } else {
                throw error()
            }
            constraintName = nil
        }
        var spec = ColumnSpec(name: columnName, typeSQL: typeSQL, type: PGType(sql: typeSQL), notNull: notNull, defaultSQL: defaultSQL,
                              defaultExpression: defaultExpression, constraints: constraints, location: location)
        spec.generatedExpression = generatedExpression
        spec.generatedSQL = generatedSQL
        spec.identityClauses = identityClauses
        spec.saysNull = saysNull
        spec.collation = collation
        spec.compression = compression
        return spec
    }

    /// `ON DELETE …` / `ON UPDATE …` / `MATCH …`; returns the ON DELETE and ON UPDATE actions.
    mutating func referentialActions() throws(SQLSyntaxError) -> (onDelete: String?, onUpdate: String?) {
        var onDelete: String?, onUpdate: String?
        while true {
            if accept("on") {
                let which = try rawName()
                var action = try rawName()
                if action == "set" || action == "no" { action += " " + (try rawName()) }
                if which == "delete" { onDelete = action.uppercased() } else if which == "update" { onUpdate = action.uppercased() }
            } else if accept("match") {
                _ = try rawName()
            } else {
                return (onDelete, onUpdate)
            }
        }
    }

    mutating func tableConstraint() throws(SQLSyntaxError) -> TableConstraintSpec {
        let spec = try tableConstraintKind()
        // ConstraintAttributeSpec: [NOT] DEFERRABLE, INITIALLY DEFERRED | IMMEDIATE, NOT VALID, NO INHERIT.
        while true {
            if accept("deferrable") { continue }
            if accept("initially") { _ = try rawName(); continue }
            if current.isWord("not"), peek().isWord("deferrable") || peek().isWord("valid") { position += 2; continue }
            if current.isWord("no"), peek().isWord("inherit") { position += 2; continue }
            return spec
        }
    }

    /// A key constraint's index options after its columns: WITH (storage parameters), USING INDEX
    /// TABLESPACE name.
    mutating func skipIndexParameters() throws(SQLSyntaxError) {
        while true {
            if accept("with") { try skipParenthesised(); continue }
            if current.isWord("using"), peek().isWord("index"), peek(2).isWord("tablespace") { position += 3; _ = try rawName(); continue }
            return
        }
    }

    /// UNIQUE's `NULLS [NOT] DISTINCT` (PostgreSQL 15), if present: true for `NULLS NOT DISTINCT`.
    mutating func nullsNotDistinctClause() -> Bool {
        guard current.isWord("nulls") else { return false }
        if peek().isWord("distinct") { position += 2 }
        else if peek().isWord("not"), peek(2).isWord("distinct") { position += 3; return true }
        return false
    }

    mutating func tableConstraintKind() throws(SQLSyntaxError) -> TableConstraintSpec {
        var constraintName: String?
        if accept("constraint") { constraintName = try rawName() }
        if accept("primary") {
            try expect("key")
            if accept("using") {
                try expect("index")
                return TableConstraintSpec(name: constraintName, kind: .usingIndex(try rawName(), primary: true))
            }
            let columns = try nameList()
            let include = accept("include") ? try nameList() : []
            try skipIndexParameters()
            return TableConstraintSpec(name: constraintName, kind: .primaryKey(columns, include: include))
        }
        if accept("unique") {
            if accept("using") {
                try expect("index")
                return TableConstraintSpec(name: constraintName, kind: .usingIndex(try rawName(), primary: false))
            }
            let nullsNotDistinct = nullsNotDistinctClause()
            let columns = try nameList()
            let include = accept("include") ? try nameList() : []
            try skipIndexParameters()
            var unique = TableConstraintSpec(name: constraintName, kind: .unique(columns, include: include))
            unique.nullsNotDistinct = nullsNotDistinct
            return unique
        }
        if accept("check") {
            try expectSymbol("(")
            let (e, sql) = try expressionWithText()
            try expectSymbol(")")
            return TableConstraintSpec(name: constraintName, kind: .check(e, sql: sql))
        }
        if current.isWord("exclude") {
            // EXCLUDE [USING method] ( … ) [INCLUDE ( … )] [WITH ( … )] [USING INDEX TABLESPACE t] [WHERE ( … )]
            let start = position
            position += 1
            if accept("using") { _ = try rawName() }
            try skipParenthesised()
            if accept("include") { try skipParenthesised() }
            try skipIndexParameters()
            if accept("where") { try skipParenthesised() }
            return TableConstraintSpec(name: constraintName, kind: .exclude(sql: text(from: start, to: position)))
        }
        if accept("foreign") {
            try expect("key")
            let columns = try nameList()
            try expect("references")
            let target = try name()
            var targetColumns: [String] = []
            if current.isSymbol("(") { targetColumns = try nameList() }
            let actions = try referentialActions()
            return TableConstraintSpec(name: constraintName, kind: .foreignKey(columns, table: target, columns: targetColumns,
                                                                               onDelete: actions.onDelete, onUpdate: actions.onUpdate))
        }
        throw error()
    }
}
