extension SQLParser {
    /// `SELECT f(args);` — TimescaleDB's API is called this way. Other SELECTs are not modelled.
    mutating func selectStatement() throws(SQLSyntaxError) -> SQLStatement.Kind {
        let s = summary()
        let start = position
        position += 1
        guard case .identifier = current.kind else {
            position = start
            skipStatement()
            return .notModelled(summary: s)
        }
        let save = position
        let functionName = try name()
        guard current.isSymbol("(") else {
            position = save
            skipStatement()
            return .notModelled(summary: s)
        }
        let call = try functionCall(named: functionName)
        if !current.isEnd && !current.isSymbol(";") {
            skipStatement()
            return .notModelled(summary: s)
        }
        return .functionCall(call)
    }

    mutating func functionCall(named functionName: String) throws(SQLSyntaxError) -> FunctionCall {
        try expectSymbol("(")
        var positional: [FunctionCall.Argument] = []
        var named: [String: FunctionCall.Argument] = [:]
        var order: [String] = []
        if !current.isSymbol(")") {
            repeat {
                if case .identifier(let n, _) = current.kind, peek().isSymbol("=>") || peek().isSymbol(":=") {
                    position += 2
                    named[n] = try argument()
                    order.append(n)
                } else {
                    positional.append(try argument())
                }
            } while acceptSymbol(",")
        }
        try expectSymbol(")")
        var call = FunctionCall(name: functionName, positional: positional, named: named)
        call.namedOrder = order
        return call
    }

    /// `CALL procedure(args)`.
    mutating func callStatement() throws(SQLSyntaxError) -> SQLStatement.Kind {
        let s = summary()
        try expect("call")
        let save = position
        let procedureName = try name()
        guard current.isSymbol("(") else {
            position = save
            skipStatement()
            return .notModelled(summary: s)
        }
        var call = try functionCall(named: procedureName)
        call.viaCall = true
        return .functionCall(call)
    }

    mutating func argument() throws(SQLSyntaxError) -> FunctionCall.Argument {
        let start = position
        if case .identifier(let w, false) = current.kind, peek().isSymbol("("), !["interval", "cast"].contains(w) {
            let n = try name()
            return .call(try functionCall(named: n))
        }
        let e = try orExpression()
        switch e {
        case .literal(.text(let s)): return .text(s)
        case .literal(.int(let i)): return .number(String(i))
        case .literal(.numeric(let n)): return .number(n.description)
        case .literal(.bool(let b)): return .bool(b)
        case .literal(.null): return .null
        case .cast(.literal(.text(let s)), let type) where type.lowercased() == "interval": return .interval(s)
        case .cast(.literal(.text(let s)), let type) where type.lowercased() == "regclass": return .text(s)
        case .cast(.literal(.text(let s)), _): return .text(s)
        case .cast(.literal(.int(let i)), _): return .number(String(i))
        default: return .expression(text(from: start, to: position))
        }
    }
}
