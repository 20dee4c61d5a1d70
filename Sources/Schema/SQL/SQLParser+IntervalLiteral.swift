extension SQLParser {
    /// An interval constant with a type modifier, gram.y's `ConstInterval Sconst opt_interval`
    /// (`INTERVAL '1' DAY`, `INTERVAL '2:30' HOUR TO MINUTE`, `INTERVAL '1.5 seconds' SECOND(0)`)
    /// and `ConstInterval '(' Iconst ')' Sconst` (`INTERVAL(0) '1.5 seconds'`), at the `INTERVAL`.
    ///
    /// PostgreSQL coerces the constant to the modified type when it parses it, so the value is
    /// kept as the text of what that coercion gives (`INTERVAL '36 hours' DAY` is `00:00:00`):
    /// every reader of an interval constant sees the restricted value. Text the full type refuses
    /// too is kept as written, for the reader to refuse as before.
    mutating func intervalLiteral() throws(SQLSyntaxError) -> SQLExpression {
        position += 1
        var typmod = IntervalTypmod()
        if current.isSymbol("(") {
            position += 1
            typmod.precision = try intervalPrecision()
            try expectSymbol(")")
        }
        guard case .string(let text) = current.kind else { throw syntaxError(at: current) }
        let literal = current
        position += 1
        if typmod.precision == nil { typmod = try intervalFields() }
        guard typmod != IntervalTypmod() else { return .cast(.literal(.text(text)), "interval") }
        if let value = PGInterval(text: text, typmod: typmod) { return .cast(.literal(.text(value.description)), "interval") }
        guard PGInterval(text: text) == nil else {
            throw SQLSyntaxError(location: literal.location, message: "invalid input syntax for type interval: \"\(text)\"")
        }
        return .cast(.literal(.text(text)), "interval")
    }

    /// gram.y's `opt_interval`: `YEAR`, `MONTH`, `DAY`, `HOUR`, `MINUTE`, `SECOND [(p)]`, or
    /// `YEAR TO MONTH`, `DAY TO HOUR|MINUTE|SECOND [(p)]`, `HOUR TO MINUTE|SECOND [(p)]`,
    /// `MINUTE TO SECOND [(p)]`; nothing is the full range.
    mutating func intervalFields() throws(SQLSyntaxError) -> IntervalTypmod {
        guard let first = current.word, IntervalTypmod.fieldWords.contains(first) else { return IntervalTypmod() }
        position += 1
        let ends: [String: Set<String>] = ["year": ["month"], "day": ["hour", "minute", "second"], "hour": ["minute", "second"], "minute": ["second"]]
        var last = first
        if let allowed = ends[first], current.isWord("to") {
            position += 1
            guard let w = current.word, allowed.contains(w) else { throw syntaxError(at: current) }
            last = w
            position += 1
        }
        let name = last == first ? first : "\(first) to \(last)"
        var typmod = IntervalTypmod(fields: IntervalTypmod.Fields(rawValue: name))
        if last == "second", current.isSymbol("(") {
            position += 1
            typmod.precision = try intervalPrecision()
            try expectSymbol(")")
        }
        return typmod
    }

    /// An `Iconst` precision; above 6 PostgreSQL warns and uses 6.
    private mutating func intervalPrecision() throws(SQLSyntaxError) -> Int {
        guard case .number(let n) = current.kind, let p = Int32(n) else { throw syntaxError(at: current) }
        position += 1
        return min(Int(p), 6)
    }
}
