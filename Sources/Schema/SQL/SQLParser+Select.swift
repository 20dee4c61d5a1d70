extension SQLParser {
    /// `SELECT f(args);` — TimescaleDB's API is called this way, also as `SELECT f(args) AS x`,
    /// `SELECT f(args) x`, `SELECT * FROM f(args) [AS] x` and `SELECT x.* FROM f(args) x` (one call,
    /// nothing else in the statement). Other SELECTs are not modelled.
    mutating func selectStatement() throws(SQLSyntaxError) -> SQLStatement.Kind {
        let s = summary()
        let start = position
        position += 1
        if let call = try selectFromCall() { return .functionCall(call) }
        if let call = try selectCall() { return .functionCall(call) }
        position = start
        skipStatement()
        return .notModelled(summary: s)
    }

    /// `f(args) [[AS] alias]` up to the statement's end; nil (position unspecified) for anything else.
    private mutating func selectCall() throws(SQLSyntaxError) -> FunctionCall? {
        guard let call = try callAtCurrent() else { return nil }
        return acceptAlias() && atStatementEnd ? call : nil
    }

    /// `* FROM f(args) [[AS] alias]` or `alias.* FROM f(args) alias`; nil (position unchanged) otherwise.
    private mutating func selectFromCall() throws(SQLSyntaxError) -> FunctionCall? {
        let save = position
        if case .identifier = current.kind, peek().isSymbol("."), peek(2).isSymbol("*") {
            position += 3
        } else if current.isSymbol("*") {
            position += 1
        } else {
            return nil
        }
        guard accept("from"), let call = try callAtCurrent(), acceptAlias(), atStatementEnd else {
            position = save
            return nil
        }
        return call
    }

    /// A (schema-qualified) function call at the current token, or nil (position unchanged).
    private mutating func callAtCurrent() throws(SQLSyntaxError) -> FunctionCall? {
        guard case .identifier(let first, _) = current.kind else { return nil }
        let save = position
        let functionName = try name()
        guard current.isSymbol("(") else {
            position = save
            return nil
        }
        var call = try functionCall(named: functionName)
        if position > save, tokens[save + 1].isSymbol(".") { call.schema = first }
        return call
    }

    /// An optional `[AS] alias` or `AS alias(column, …)`; false when something else follows.
    private mutating func acceptAlias() -> Bool {
        let hadAs = accept("as")
        if case .identifier(let word, let quoted) = current.kind, quoted || !["from", "where", "limit", "order", "group"].contains(word) {
            position += 1
            if current.isSymbol("(") {
                do { try skipParenthesised() } catch { return false }
            }
            return true
        }
        return !hadAs
    }

    private var atStatementEnd: Bool { current.isEnd || current.isSymbol(";") }

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
        var schema: String?
        if case .identifier(let first, _) = current.kind, peek().isSymbol(".") { schema = first }
        let procedureName = try name()
        guard current.isSymbol("(") else {
            position = save
            skipStatement()
            return .notModelled(summary: s)
        }
        var call = try functionCall(named: procedureName)
        call.viaCall = true
        call.schema = schema
        return .functionCall(call)
    }

    mutating func argument() throws(SQLSyntaxError) -> FunctionCall.Argument {
        let start = position
        // `count(*)`: the star argument of aggregates.
        if current.isSymbol("*"), peek().isSymbol(")") {
            position += 1
            return .expression("*")
        }
        if case .identifier(let w, false) = current.kind, peek().isSymbol("("), !["interval", "cast"].contains(w) {
            let n = try name()
            let call = try functionCall(named: n)
            // make_interval(days => 2) is the constant interval PostgreSQL folds it to.
            if n == "make_interval", let folded = Self.foldedMakeInterval(call) { return .interval(folded.description) }
            return .call(call)
        }
        let e = try topExpression()
        switch e {
        case .literal(.text(let s)): return .text(s)
        case .literal(.int(let i)): return .number(String(i))
        case .literal(.numeric(let n)): return .number(n.description)
        case .literal(.bool(let b)): return .bool(b)
        case .literal(.null): return .null
        case .cast(.literal(.text(let s)), let type) where type.lowercased() == "interval": return .interval(s)
        case .cast(.literal(.text(let s)), let type) where type.lowercased() == "regclass": return .text(s)
        // `BIGINT '604800000'`, `'86400'::int`: an integer, as the call's argument type says (an
        // integer-time hypertable's policies take integers, not text).
        case .cast(.literal(.text(let s)), let type)
            where ["int2", "int4", "int8", "smallint", "int", "integer", "bigint"].contains(type.lowercased())
                && Int64(Substring(s).trimmingSpaces) != nil:
            return .number(String(Int64(Substring(s).trimmingSpaces)!))
        case .cast(.literal(.text(let s)), _): return .text(s)
        case .cast(.literal(.int(let i)), _): return .number(String(i))
        // Integer arithmetic on constants (`7 * 86400`, `(90 * 86400)`, as Zabbix writes its
        // integer lags) is the integer it folds to; PostgreSQL's planner folds it before the call.
        case .arithmetic where e.referencedColumns.isEmpty && e.isIntegerConstantArithmetic:
            if case .int(let i)? = e.scalar(context: EvaluationContext(), value: { _ in nil }) { return .number(String(i)) }
            return .expression(text(from: start, to: position))
        // Constant interval arithmetic (`INTERVAL '1 hour' * 6`, `INTERVAL '1 day' + INTERVAL '12
        // hours'`) is the interval it folds to, as for integers above.
        default:
            if e.referencedColumns.isEmpty, let folded = ConstantInterval.value(of: e) { return .interval(folded.description) }
            return .expression(text(from: start, to: position))
        }
    }

    /// A `make_interval` call whose arguments are all numeric constants, evaluated.
    static func foldedMakeInterval(_ call: FunctionCall) -> PGInterval? {
        func number(_ a: FunctionCall.Argument) -> Double? {
            if case .number(let n) = a { return Double(n) }
            return nil
        }
        let positional = call.positional.compactMap(number)
        var named: [String: Double] = [:]
        for (k, v) in call.named {
            guard let d = number(v) else { return nil }
            named[k.lowercased()] = d
        }
        guard positional.count == call.positional.count else { return nil }
        return ConstantInterval.makeInterval(positional: positional, named: named)
    }
}

private extension Substring {
    /// Without the blanks integer input skips around a number.
    var trimmingSpaces: Substring {
        var t = self
        while let c = t.first, c.isWhitespace { t.removeFirst() }
        while let c = t.last, c.isWhitespace { t.removeLast() }
        return t
    }
}

private extension SQLExpression {
    /// Integer literals joined by `+ - * /` (nothing that could be a float, a numeric or a call).
    var isIntegerConstantArithmetic: Bool {
        switch self {
        case .literal(.int): return true
        case .arithmetic(_, let a, let b): return a.isIntegerConstantArithmetic && b.isIntegerConstantArithmetic
        default: return false
        }
    }
}
