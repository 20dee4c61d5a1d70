/// One key of `timescaledb.compress_orderby`: a column, its direction and where NULLs sort. The one
/// order-key type of Chunkwise: the migration checker, the catalog (``HypertableDefinition``), the
/// engine's compression settings and the TimescaleDB model all use it.
public struct CompressionOrderKey: Sendable, Hashable, CustomStringConvertible {
    public var column: String
    public var descending: Bool
    /// Whether NULLs sort first: PostgreSQL's default unless written (NULLS FIRST for DESC,
    /// NULLS LAST for ASC).
    public var nullsFirst: Bool

    public init(column: String, descending: Bool = false, nullsFirst: Bool? = nil) {
        self.column = column
        self.descending = descending
        self.nullsFirst = nullsFirst ?? descending
    }

    /// The key as written in `compress_orderby` (the column as TimescaleDB stores it, unquoted): NULLS
    /// only where it differs from the default.
    public var description: String {
        var s = column + (descending ? " DESC" : "")
        if nullsFirst != descending { s += nullsFirst ? " NULLS FIRST" : " NULLS LAST" }
        return s
    }

    /// The key as SQL for a migration: the column quoted as `quote_ident` quotes it.
    public var sqlText: String {
        var s = QuotedIdentifier.quote(column) + (descending ? " DESC" : "")
        if nullsFirst != descending { s += nullsFirst ? " NULLS FIRST" : " NULLS LAST" }
        return s
    }

    /// Why TimescaleDB refuses the text of `compress_orderby` / `compress_segmentby`: its wording
    /// (tsl/src/compression/compression_with_clause.c `throw_order_by_error`, `throw_segment_by_error`,
    /// SQLSTATE 42601), the whole option text quoted.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case orderBy(String)
        case segmentBy(String)

        public var description: String {
            switch self {
            case .orderBy(let t): return "unable to parse ordering option \"\(t)\""
            case .segmentBy(let t): return "unable to parse segmenting option \"\(t)\""
            }
        }

        public var hint: String {
            switch self {
            case .orderBy: return "The timescaledb.compress_orderby option must be a set of column names with sort options, separated by commas. It is the same format as an ORDER BY clause."
            case .segmentBy: return "The option timescaledb.compress_segmentby must be a set of columns separated by commas."
            }
        }
    }

    /// `compress_orderby` as TimescaleDB reads it (parsed as the ORDER BY clause of a SELECT):
    /// `column [ASC | DESC] [NULLS { FIRST | LAST }]`, comma-separated; unquoted names fold to lower
    /// case, quoted ones keep theirs. Anything else is refused, never skipped.
    public static func parseList(_ text: String) throws(ParseError) -> [CompressionOrderKey] {
        guard let items = QuotedName.splitWords(text) else { throw .orderBy(text) }
        var keys: [CompressionOrderKey] = []
        for words in items {
            guard let first = words.first, let column = first.name else { throw .orderBy(text) }
            var descending = false
            var nulls: Bool?
            var rest = words.dropFirst().map { $0.keyword }[...]
            if let w = rest.first, w == "asc" || w == "desc" {
                descending = w == "desc"
                rest = rest.dropFirst()
            }
            if rest.first == "nulls" {
                rest = rest.dropFirst()
                switch rest.popFirst() {
                case "first": nulls = true
                case "last": nulls = false
                default: throw .orderBy(text)
                }
            }
            guard rest.isEmpty else { throw .orderBy(text) }
            keys.append(CompressionOrderKey(column: column, descending: descending, nullsFirst: nulls))
        }
        return keys
    }

    /// `compress_segmentby`: comma-separated column names (parsed as a GROUP BY list).
    public static func parseSegmentBy(_ text: String) throws(ParseError) -> [String] {
        guard let items = QuotedName.splitWords(text) else { throw .segmentBy(text) }
        var names: [String] = []
        for words in items {
            guard words.count == 1, let name = words[0].name else { throw .segmentBy(text) }
            names.append(name)
        }
        return names
    }
}

/// SQL identifiers in option text: quoted (`"Mixed Case"`, `""` for a quote) or folded to lower case.
enum QuotedName {
    struct Word {
        var text: String
        var quoted: Bool
        /// The identifier it names; nil for a word that cannot be a column name.
        var name: String? { quoted ? text : (text.first.map { $0.isLetter || $0 == "_" } == true ? text.lowercased() : nil) }
        /// An unquoted keyword, lower-cased; empty for a quoted word.
        var keyword: String { quoted ? "" : text.lowercased() }
    }

    /// The comma-separated items of an option, each as its words; nil when quotes do not close or an
    /// item is empty. An empty text is no items.
    static func splitWords(_ text: String) -> [[Word]]? {
        var items: [[Word]] = []
        var words: [Word] = []
        var current = ""
        var wasQuoted = false
        var chars = Array(text)[...]
        func endWord() {
            if !current.isEmpty || wasQuoted { words.append(Word(text: current, quoted: wasQuoted)) }
            current = ""
            wasQuoted = false
        }
        while let c = chars.popFirst() {
            if c == "\"" {
                if !current.isEmpty || wasQuoted { return nil }
                let (body, closed) = QuotedIdentifier.readQuoted(&chars)
                if !closed { return nil }
                current = body
                wasQuoted = true
            } else if c == "," {
                endWord()
                if words.isEmpty { return nil }
                items.append(words)
                words = []
            } else if c == " " || c == "\t" || c == "\n" || c == "\r" {
                endWord()
            } else {
                if wasQuoted { return nil }
                current.append(c)
            }
        }
        endWord()
        if words.isEmpty { return items.isEmpty ? [] : nil }
        items.append(words)
        return items
    }
}
