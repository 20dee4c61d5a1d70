import Schema

/// A psql session's transaction block as `check` replays a file: `BEGIN` opens it, an error
/// aborts it (every later statement is refused until its end), `COMMIT` keeps what it did unless
/// it was aborted (then PostgreSQL rolls it back and psql prints `ROLLBACK`), `ROLLBACK` undoes
/// it, savepoints undo part of it, and a file that ends inside one is rolled back when psql's
/// session ends (src/backend/access/transam/xact.c).
public struct TransactionBlock {
    /// A transaction-control statement.
    public enum Control: Equatable, Sendable {
        case begin
        case commit
        case rollback
        case savepoint(String)
        case rollbackTo(String)
        case release(String)

        /// The control `text` is, or nil for any other statement.
        public init?(_ text: String) {
            let written = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == ";" }).map(String.init)
            let words = written.map { $0.lowercased() }
            guard let first = words.first else { return nil }
            // A savepoint's name: quoted keeps its case, unquoted folds to lower case.
            func name(after index: Int) -> String? {
                var i = index
                if i < words.count, words[i] == "savepoint" { i += 1 }
                guard i < words.count else { return nil }
                return written[i].hasPrefix("\"") ? String(written[i].filter { $0 != "\"" }) : words[i]
            }
            switch first {
            case "begin": self = .begin
            case "start" where words.count > 1 && words[1] == "transaction": self = .begin
            case "commit", "end":
                // COMMIT PREPARED is another statement.
                if words.count > 1 && words[1] == "prepared" { return nil }
                self = .commit
            case "abort": self = .rollback
            case "rollback":
                if words.count > 1 && words[1] == "prepared" { return nil }
                // ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name
                var i = 1
                if i < words.count, words[i] == "work" || words[i] == "transaction" { i += 1 }
                if i < words.count, words[i] == "to", let n = name(after: i + 1) { self = .rollbackTo(n) } else { self = .rollback }
            case "savepoint":
                guard let n = name(after: 1) else { return nil }
                self = .savepoint(n)
            case "release":
                guard let n = name(after: 1) else { return nil }
                self = .release(n)
            default: return nil
            }
        }
    }

    /// The catalog when the block began; nil outside a block.
    private var start: SchemaCatalog?
    private var savepoints: [(name: String, catalog: SchemaCatalog)] = []
    /// The line of the error that aborted the block.
    private(set) var abortedAt: Int?

    public init() {}

    public var isOpen: Bool { start != nil }
    public var isAborted: Bool { abortedAt != nil }

    /// Marks the block aborted by an error at `line` (the first error counts).
    public mutating func abort(at line: Int) {
        guard isOpen, abortedAt == nil else { return }
        abortedAt = line
    }

    /// Applies a control statement; returns a note for the findings when it changes what is kept.
    public mutating func apply(_ control: Control, catalog: inout SchemaCatalog, line: Int) -> String? {
        switch control {
        case .begin:
            // A BEGIN inside a block is only a warning on the server ("there is already a transaction in progress").
            if isOpen { return isAborted ? nil : "there is already a transaction in progress" }
            start = catalog
            savepoints = []
            abortedAt = nil
            return nil
        case .commit:
            guard let begin = start else { return "there is no transaction in progress" }
            defer { close(); catalog.endTransactionBlock() }
            if let failed = abortedAt {
                catalog = begin
                return "COMMIT rolled back the transaction block: the error at line \(failed == Int.max ? line : failed) aborted it, "
                    + "so nothing since its BEGIN is kept (psql prints ROLLBACK)"
            }
            return nil
        case .rollback:
            guard let begin = start else { return "there is no transaction in progress" }
            catalog = begin
            close()
            return nil
        case .savepoint(let name):
            guard isOpen, !isAborted else { return nil }
            savepoints.append((name, catalog))
            return nil
        case .rollbackTo(let name):
            guard isOpen, let index = savepoints.lastIndex(where: { $0.name == name }) else { return nil }
            catalog = savepoints[index].catalog
            savepoints.removeSubrange((index + 1)...)
            abortedAt = nil
            return nil
        case .release(let name):
            guard isOpen, !isAborted, let index = savepoints.lastIndex(where: { $0.name == name }) else { return nil }
            savepoints.removeSubrange(index...)
            return nil
        }
    }

    /// The end of the file, psql's session: an open block is rolled back.
    public mutating func endOfSession(catalog: inout SchemaCatalog) -> String? {
        guard let begin = start else { return nil }
        catalog = begin
        close()
        return "the file ends inside a transaction block (BEGIN without COMMIT): PostgreSQL rolls it back when psql's session "
            + "ends, so nothing since its BEGIN is kept"
    }

    private mutating func close() {
        start = nil
        savepoints = []
        abortedAt = nil
    }
}
