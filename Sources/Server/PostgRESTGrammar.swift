/// PostgREST 12's query-string grammar (`PostgREST.ApiRequest.QueryParams`) in ``Parsec``'s
/// model, used to word a `PGRST100` as PostgREST does — `"failed to parse filter (eq)" (line 1,
/// column 3)` with details `unexpected end of input expecting operator (eq, gt, ...)` — once
/// ``TableQuery`` has found a parameter it cannot read. The filter's operator expression
/// (`pOpExpr`), `order` (`pOrder`), logic trees (`pLogicTree`), `select` (`pFieldForest`, with
/// 12's aggregates, embeddings and spreads) and `columns` (`pColumns`) are modelled.
enum PostgRESTGrammar {
    typealias P<T> = Parsec.Parser<T>
    typealias Char = Unicode.Scalar

    static func string(_ s: String) -> P<String> { Parsec.string(s) }
    static func char(_ c: Char) -> P<Char> { Parsec.char(c) }

    /// `ws`, `lexeme`.
    static var ws: P<[Char]> { Parsec.oneOf(" \t").many }
    static func lexeme<T>(_ p: P<T>) -> P<T> { ws.then(p).before(ws) }

    /// `pDelimiter`.
    static var delimiter: P<Char> { char(".").label("delimiter (.)") }

    /// `pIdentifier`: letters, digits, `_`, `$` and spaces.
    static var identifier: P<String> {
        Parsec.letter.or(Parsec.digit).or(Parsec.oneOf("_ $")).many1.map { String(String.UnicodeScalarView($0)) }
    }

    /// `pQuotedValue`: `"…"` with `\` escaping.
    static var quotedValue: P<String> {
        char("\"").then(Parsec.noneOf("\\\"").or(char("\\").then(Parsec.anyChar)).many).before(char("\"")).map { String(String.UnicodeScalarView($0)) }
    }

    /// `dash`: a `-` not starting `->`.
    static var dash: P<Char> { char("-").before(Parsec.notFollowedBy(char(">"))).attempt }

    /// `pFieldName`.
    static var fieldName: P<String> {
        quotedValue.or(identifier.separated(by: dash).map { $0.joined(separator: "-") }).label("field name (* or [a..z0..9_$])")
    }

    /// `pJsonPath` (12.0.1's keys: any character but `(-:.,>)`).
    static var jsonPath: P<[String]> {
        let end = string("->").lookAhead.attempt.map { _ in () }
            .or(string("::").lookAhead.attempt.map { _ in () })
            .or(string(".").lookAhead.attempt.map { _ in () })
            .or(string(",").lookAhead.attempt.map { _ in () })
            .or(Parsec.eof.attempt)
        let index = char("-").or(.pure("+")).then { _ in Parsec.digit.many1 }.before(end).map { _ in "" }
        let keyIdentifier = Parsec.noneOf("(-:.,>)").many1.map { String(String.UnicodeScalarView($0)) }
        let key = quotedValue.or(keyIdentifier.separated(by: dash).map { $0.joined(separator: "-") })
            .label("any non reserved character different from: .,>()")
        let arrow = string("->>").attempt.or(string("->").attempt)
        return arrow.then(index.attempt.or(key.attempt)).many
    }

    /// `pField`.
    static var field: P<String> { lexeme(fieldName.before(jsonPath.or(.pure([])))) }

    /// `pOpExpr pSVal`.
    static func operatorExpression(_ value: P<String>) -> P<Void> {
        let ci: (String) -> P<Void> = { word in
            var p: P<Void> = .pure(())
            for c in word.unicodeScalars {
                let upper = Unicode.Scalar(String(c).uppercased()) ?? c
                p = p.then(char(c).or(char(upper))).map { _ in () }
            }
            return p
        }
        let triVal = ci("null").attempt.or(ci("unknown").attempt).or(ci("true").attempt).or(ci("false").attempt)
            .label("null or trilean value (unknown, true, false)")
        func words(_ list: [String]) -> P<String> {
            var p = string(list[0]).attempt
            for w in list.dropFirst() { p = p.or(string(w).attempt) }
            return p
        }
        let listVal = lexeme(char("(")).then(listElement.separated(by: char(","))).before(lexeme(char(")"))).map { _ in () }
        let pIn = string("in").then(delimiter).attempt.then(listVal)
        let pIs = string("is").then(delimiter).attempt.then(triVal)
        let pIsDist = string("isdistinct").then(delimiter).attempt.then(value).map { _ in () }
        let pFts = words(["fts", "plfts", "phfts", "wfts"])
            .then(char("(").then(identifier).before(char(")")).attempt.optional)
            .then(delimiter).then(value).map { _ in () }
        let simple = words(["neq", "cs", "cd", "ov", "sl", "sr", "nxr", "nxl", "adj"]).label("unknown single value operator")
        let quant = words(["eq", "gte", "gt", "lte", "lt", "like", "ilike", "match", "imatch"]).label("unknown single value operator")
        let pSimple = simple.then(delimiter).then(value).map { _ in () }
        let pQuant = quant.then(char("(").then(string("any").attempt.or(string("all"))).before(char(")")).attempt.optional)
            .then(delimiter).then(value).map { _ in () }
        let operation = pIn.or(pIs).or(pIsDist).or(pFts.attempt).or(pSimple.attempt).or(pQuant.attempt).label("operator (eq, gt, ...)")
        let negation = string("not").then(delimiter).attempt.map { _ in true }.or(.pure(false))
        return negation.then(operation)
    }

    /// `pListElement`.
    static var listElement: P<String> {
        quotedValue.before(Parsec.notFollowedBy(Parsec.noneOf(",)"))).attempt
            .or(Parsec.noneOf(",)").many.map { String(String.UnicodeScalarView($0)) })
    }

    /// `pSingleVal`.
    static var singleValue: P<String> { Parsec.anyChar.many.map { String(String.UnicodeScalarView($0)) } }

    /// A filter's value (`pRequestFilter`'s `pOpExpr pSingleVal`).
    static var filter: P<Void> { operatorExpression(singleValue) }

    /// `pOrder`.
    static var order: P<Void> {
        let end = char(",").lookAhead.attempt.map { _ in () }.or(Parsec.eof.attempt)
        let direction = delimiter.then(string("asc")).attempt.or(delimiter.then(string("desc")).attempt)
        let nulls = delimiter.then(string("nullsfirst")).attempt.or(delimiter.then(string("nullslast")).attempt)
        let nullsThenEnd = nulls.optional.before(end).map { _ in () }.or(end)
        let term = field.then(direction.optional).then(nullsThenEnd)
        let relationTerm = fieldName.then(char("(")).then(field).before(char(")")).then(direction.optional).then(nullsThenEnd)
        return lexeme(relationTerm.attempt.or(term)).separated(by: char(",")).map { _ in () }
    }

    /// `pLogicSingleVal`.
    static var logicValue: P<String> {
        let pgArray = string("{").then(Parsec.noneOf("{}").many).before(string("}")).map { _ in "" }
        return quotedValue.before(Parsec.notFollowedBy(Parsec.noneOf(",)"))).attempt
            .or(pgArray.attempt)
            .or(Parsec.noneOf(",)").many.map { String(String.UnicodeScalarView($0)) })
    }

    /// `pLogicTree` (recursive; nesting beyond `depth` is cut as a failure, which only a
    /// query TableQuery refuses anyway reaches).
    static func logicTree(depth: Int = 0) -> P<Void> {
        let statement = field.before(delimiter).then(operatorExpression(logicValue)).attempt
        guard depth < TableQuery.maximumTreeDepth else { return statement }
        let negation = string("not").then(delimiter).attempt.map { _ in true }.or(.pure(false)).label("negation operator (not)")
        let op = string("and").attempt.or(string("or")).label("logic operator (and, or)")
        let inner = P<Void> { input, at in logicTree(depth: depth + 1).run(input, at) }
        let group = negation.then(op).then(lexeme(char("("))).then(inner.separated(by: lexeme(char(","))))
            .before(lexeme(char(")"))).map { _ in () }
        return statement.or(group)
    }

    /// `pFieldForest` (recursive through embeddings, cut at `depth` as ``logicTree(depth:)`` is).
    static func fieldForest(depth: Int = 0) -> P<Void> {
        let end = string(")").lookAhead.attempt.map { _ in () }
            .or(string(",").lookAhead.attempt.map { _ in () })
            .or(Parsec.eof.attempt)
        let aliasSeparator = char(":").then(Parsec.notFollowedBy(char(":")))
        let alias = fieldName.before(aliasSeparator).attempt.optional
        let cast = string("::").then(identifier).optional
        let aggregation = string("sum").or(string("avg")).or(string("count")).or(string("max").attempt).or(string("min").attempt)
        let star = lexeme(string("*").then(end).attempt)
        let count = lexeme(alias.then(string("count()")).then(cast).then(end).attempt)
        let plain = lexeme(alias.then(field).then(cast).then(char(".").then(aggregation).before(string("()")).attempt.optional)
            .then(cast).then(end))
        let fieldSelect = star.or(count).or(plain).map { _ in () }
        guard depth < TableQuery.maximumTreeDepth else { return fieldSelect.separated(by: lexeme(char(","))).optional.map { _ in () } }
        let embedParam = char("!").then(string("left").attempt.or(string("inner").attempt).or(fieldName.attempt))
        let embedParams = embedParam.optional.then(embedParam.optional)
        let relation = lexeme(alias.then(fieldName).then { name in name == "count" ? P<String>.zero : .pure(name) }
            .then(embedParams).then(string("(").lookAhead.attempt).attempt)
        let spread = lexeme(string("...").then(fieldName).then(embedParams).then(string("(").lookAhead.attempt).attempt)
        let inner = P<Void> { input, at in fieldForest(depth: depth + 1).run(input, at) }
        let children = char("(").then(inner).before(char(")"))
        let tree = spread.attempt.then(children).or(relation.attempt.then(children)).or(fieldSelect)
        // `sepBy`: none at all is an empty select.
        return tree.separated(by: lexeme(char(","))).map { _ in () }.or(.pure(()))
    }

    /// `pColumns` (`columns=` and `on_conflict=`).
    static var columns: P<Void> { fieldName.separated(by: lexeme(char(","))).map { _ in () } }
}
