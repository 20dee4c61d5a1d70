/// Reads migration SQL into ``SQLStatement``s: a recursive-descent parser over ``SQLLexer`` tokens
/// for the statements schema migrations use; anything else becomes `.notModelled`, never dropped.
///
/// ```swift
/// let statements = try SQLParser.parse(text: sql, file: "001_init.sql")
/// ```
public struct SQLParser {
    let tokens: [SQLToken]
    let source: [UInt8]
    let file: String
    var position = 0

    /// Parses a whole file.
    public static func parse(text: String, file: String) throws(SQLSyntaxError) -> [SQLStatement] {
        let tokens = try SQLLexer(text: text, file: file).tokens()
        if SQLNesting.needsDeepStack(tokens, depth: try SQLNesting.depth(of: tokens, text: text)) {
            return try SQLNesting.onDeepStack { () -> Result<[SQLStatement], SQLSyntaxError> in
                Result { () throws(SQLSyntaxError) in try parse(tokens: tokens, text: text, file: file) }
            }.get()
        }
        return try parse(tokens: tokens, text: text, file: file)
    }

    static func parse(tokens: [SQLToken], text: String, file: String) throws(SQLSyntaxError) -> [SQLStatement] {
        var parser = SQLParser(tokens: tokens, source: Array(text.utf8), file: file)
        var out: [SQLStatement] = []
        while !parser.current.isEnd {
            if parser.current.isSymbol(";") { parser.position += 1; continue }
            out.append(try parser.statement())
        }
        return out
    }

    /// Parses a whole file the way psql runs one: a statement with a syntax error is reported and
    /// skipped (to its `;`), and reading continues with the next statement.
    public static func parseRecovering(text: String, file: String) -> (statements: [SQLStatement], errors: [SQLSyntaxError]) {
        let tokens: [SQLToken]
        let depth: Int
        do {
            tokens = try SQLLexer(text: text, file: file).tokens()
            depth = try SQLNesting.depth(of: tokens, text: text)
        } catch { return ([], [error]) }
        if SQLNesting.needsDeepStack(tokens, depth: depth) {
            return SQLNesting.onDeepStack { parseRecovering(tokens: tokens, text: text, file: file) }
        }
        return parseRecovering(tokens: tokens, text: text, file: file)
    }

    static func parseRecovering(tokens: [SQLToken], text: String, file: String) -> (statements: [SQLStatement], errors: [SQLSyntaxError]) {
        var parser = SQLParser(tokens: tokens, source: Array(text.utf8), file: file)
        var statements: [SQLStatement] = []
        var errors: [SQLSyntaxError] = []
        while !parser.current.isEnd {
            if parser.current.isSymbol(";") { parser.position += 1; continue }
            let start = parser.position
            do {
                statements.append(try parser.statement())
            } catch {
                var e = error
                parser.position = start
                parser.skipStatement()
                e.psqlLine = parser.endLine
                errors.append(e)
            }
        }
        return (statements, errors)
    }

    var current: SQLToken { tokens[position] }

    /// psql's line for the statement ending at the current token: the `;`'s line, or at the end of
    /// input the last line psql read.
    var endLine: Int {
        if current.isSymbol(";") { return current.location.line }
        var lines = 1
        for b in source where b == UInt8(ascii: "\n") { lines += 1 }
        if source.last == UInt8(ascii: "\n") { lines -= 1 }
        return max(lines, 1)
    }
    func peek(_ n: Int = 1) -> SQLToken { tokens[min(position + n, tokens.count - 1)] }

    func error(_ message: String? = nil, at token: SQLToken? = nil) -> SQLSyntaxError {
        let t = token ?? current
        return SQLSyntaxError(location: t.location, message: message ?? "syntax error at or near \"\(t.display)\"")
    }

    /// `syntax error at or near "…"` with the token as written (not case-folded), as PostgreSQL quotes it.
    func syntaxError(at token: SQLToken) -> SQLSyntaxError {
        let written = token.end > token.start ? String(decoding: source[token.start..<token.end], as: UTF8.self) : token.display
        return SQLSyntaxError(location: token.location, message: "syntax error at or near \"\(written)\"")
    }

    mutating func accept(_ word: String) -> Bool {
        if current.isWord(word) { position += 1; return true }
        return false
    }

    mutating func acceptSymbol(_ s: String) -> Bool {
        if current.isSymbol(s) { position += 1; return true }
        return false
    }

    mutating func expect(_ word: String) throws(SQLSyntaxError) {
        guard accept(word) else { throw error() }
    }

    mutating func expectSymbol(_ s: String) throws(SQLSyntaxError) {
        guard acceptSymbol(s) else { throw error() }
    }

    /// An identifier (quoted or not), possibly schema-qualified; returns the last part.
    mutating func name() throws(SQLSyntaxError) -> String {
        try qualifiedName().name
    }

    /// `schema.name` or `name`: the relation's name, and its schema when one is written.
    mutating func qualifiedName() throws(SQLSyntaxError) -> (schema: String?, name: String) {
        guard case .identifier(let n, _) = current.kind else { throw error() }
        position += 1
        if current.isSymbol("."), case .identifier(let m, _) = peek().kind {
            position += 2
            return (n, m)
        }
        return (nil, n)
    }

    /// `(a, b, "C")`.
    mutating func nameList() throws(SQLSyntaxError) -> [String] {
        try expectSymbol("(")
        var names: [String] = []
        repeat { names.append(try name()) } while acceptSymbol(",")
        try expectSymbol(")")
        return names
    }

    /// Source text between two token indexes (inclusive start, exclusive end).
    func text(from a: Int, to b: Int) -> String {
        guard a < b else { return "" }
        let s = tokens[a].start, e = tokens[b - 1].end
        return String(decoding: source[s..<max(s, e)], as: UTF8.self)
    }

    /// Skips to the end of the current statement, honouring parentheses.
    mutating func skipStatement() {
        var depth = 0
        while !current.isEnd {
            if current.isSymbol("(") { depth += 1 }
            if current.isSymbol(")") { depth -= 1 }
            if current.isSymbol(";") && depth <= 0 { return }
            position += 1
        }
    }

    /// Skips a balanced parenthesised group starting at `(`.
    mutating func skipParenthesised() throws(SQLSyntaxError) {
        try expectSymbol("(")
        var depth = 1
        while depth > 0 {
            if current.isEnd { throw error() }
            if current.isSymbol("(") { depth += 1 }
            if current.isSymbol(")") { depth -= 1 }
            position += 1
        }
    }

    mutating func statement() throws(SQLSyntaxError) -> SQLStatement {
        let first = position
        let location = current.location
        let kind: SQLStatement.Kind
        if current.isWord("create") {
            kind = try createStatement()
        } else if current.isWord("drop") {
            kind = try dropStatement()
        } else if current.isWord("alter") && peek().isWord("table") {
            kind = try alterTableStatement()
        } else if current.isWord("alter") && peek().isWord("index"), let rename = renameIndexStatement() {
            kind = rename
        } else if current.isWord("alter") && peek().isWord("type"), let change = try alterTypeStatement() {
            kind = change
        } else if current.isWord("comment") && peek().isWord("on"), let comment = commentStatement() {
            kind = comment
        } else if case .symbol(let meta) = current.kind, meta.hasPrefix("\\") {
            // A psql meta-command (SQLLexer): psql runs it, PostgreSQL never sees it.
            kind = .notModelled(summary: "psql \(meta)")
            position += 1
        } else if current.isWord("select") || current.isWord("perform") {
            kind = try selectStatement()
        } else if current.isWord("call") && peek().kind != .symbol(";") {
            kind = try callStatement()
        } else if current.isWord("set") || current.isWord("reset"),
                  let path = SearchPath.setting(tokens: tokens, from: position, file: location.file) {
            kind = .setSearchPath(path)
            skipStatement()
        } else if let word = current.word, SQLStatementKeywords.statements.contains(word) {
            kind = .notModelled(summary: summary())
            skipStatement()
        } else if case .identifier = current.kind {
            throw syntaxError(at: current)
        } else {
            throw error()
        }
        if !current.isEnd && !current.isSymbol(";") { throw error() }
        let statementText = text(from: first, to: position)
        let end = endLine
        if current.isSymbol(";") { position += 1 }
        return SQLStatement(location: location, text: statementText, kind: kind, psqlLine: end)
    }

    /// The leading keywords of a statement, upper-cased (`CREATE EXTENSION`, `GRANT`).
    func summary() -> String {
        var words: [String] = []
        var i = position
        while i < tokens.count, let w = tokens[i].word, words.count < 3 {
            words.append(w.uppercased())
            if !["create", "or", "replace", "unique", "materialized", "drop", "alter"].contains(w) { break }
            i += 1
        }
        return words.joined(separator: " ")
    }

    mutating func dropStatement() throws(SQLSyntaxError) -> SQLStatement.Kind {
        let s = summary()
        position += 1
        let isIndex = accept("index")
        let isTable = !isIndex && accept("table")
        if !isIndex && !isTable && (accept("type") || accept("domain")) {
            var ifExists = false
            if accept("if") { try expect("exists"); ifExists = true }
            var names: [String] = []
            repeat { names.append(try name()) } while acceptSymbol(",")
            let cascade = accept("cascade")
            if !cascade { _ = accept("restrict") }
            return .typeChange(.drop(names: names, ifExists: ifExists, cascade: cascade))
        }
        guard isIndex || isTable else {
            position -= 1
            skipStatement()
            return .notModelled(summary: s)
        }
        if isIndex { _ = accept("concurrently") }
        var ifExists = false
        if accept("if") { try expect("exists"); ifExists = true }
        var names: [String] = []
        repeat { names.append(try name()) } while acceptSymbol(",")
        _ = accept("cascade") || accept("restrict")
        return isIndex ? .dropIndex(names: names, ifExists: ifExists) : .dropTable(names: names, ifExists: ifExists)
    }
}

extension SQLToken {
    var isEnd: Bool {
        if case .end = kind { return true }
        return false
    }
}
