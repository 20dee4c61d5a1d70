/// A position in a migration file (1-based line and column, as PostgreSQL's `LINE n:` reports).
public struct SQLLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One lexical token of SQL text.
public struct SQLToken: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// An identifier or keyword; unquoted ones are folded to lower case.
        case identifier(String, quoted: Bool)
        /// A string constant (`'…'`, `E'…'`, or dollar-quoted).
        case string(String)
        case number(String)
        /// Punctuation and operators: `(` `)` `,` `;` `.` `=` `<>` `::` `=>` …
        case symbol(String)
        case end
    }

    public var kind: Kind
    public var location: SQLLocation
    /// Byte offsets of the token in the source.
    public var start: Int
    public var end: Int

    /// The folded word when the token is an unquoted identifier.
    public var word: String? {
        if case .identifier(let w, false) = kind { return w }
        return nil
    }

    public func isWord(_ w: String) -> Bool { word == w }

    public func isSymbol(_ s: String) -> Bool {
        if case .symbol(let x) = kind { return x == s }
        return false
    }

    /// Text for "syntax error at or near" messages.
    public var display: String {
        switch kind {
        case .identifier(let w, let q): return q ? "\"\(w)\"" : w
        case .string(let s): return "'\(s)'"
        case .number(let n): return n
        case .symbol(let s): return s
        case .end: return "end of input"
        }
    }
}

/// A migration file that could not be read: where, and PostgreSQL's wording.
public struct SQLSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SQLLocation
    public var message: String
    /// The line psql names for the failed statement (`psql:FILE:LINE:`): where its `;` is, or the
    /// file's last line when it has none. nil when the statement's end was not read.
    public var psqlLine: Int?

    public init(location: SQLLocation, message: String, psqlLine: Int? = nil) {
        self.location = location
        self.message = message
        self.psqlLine = psqlLine
    }

    public var description: String { "\(location): \(message)" }
}
