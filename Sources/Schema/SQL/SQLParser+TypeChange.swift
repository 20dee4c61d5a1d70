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

    /// A string constant (`'…'`, `E'…'`, `$$…$$`).
    mutating func stringConstant() throws(SQLSyntaxError) -> String {
        guard case .string(let s) = current.kind else { throw error() }
        position += 1
        return s
    }
}
