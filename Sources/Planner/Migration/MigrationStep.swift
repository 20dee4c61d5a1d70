/// One numbered file of `chunkwise migrate`: the SQL to run, the SQL that undoes it, and what it
/// is predicted to do.
public struct MigrationStep: Sendable, Codable, Hashable {
    public var number: Int
    /// A short file-name word (`hypertable`, `compression`).
    public var name: String
    /// What the step does and its predicted effect, one line per sentence (written as `--` comments).
    public var comments: [String]
    /// The statements, each ending in `;`.
    public var statements: [String]
    public var rollbackStatements: [String]
    /// Whether the step runs on PostgreSQL without TimescaleDB (the CI applies these to a real server).
    public var postgresOnly: Bool

    public init(number: Int, name: String, comments: [String], statements: [String], rollbackStatements: [String], postgresOnly: Bool) {
        self.number = number
        self.name = name
        self.comments = comments
        self.statements = statements
        self.rollbackStatements = rollbackStatements
        self.postgresOnly = postgresOnly
    }

    /// `003_hypertable.sql`.
    public var fileName: String {
        let n = String(number)
        return String(repeating: "0", count: max(0, 3 - n.count)) + n + "_" + name + ".sql"
    }

    /// The file's text: the comments, then the statements.
    public var sql: String {
        comments.map { "-- " + $0 }.joined(separator: "\n") + "\n\n" + statements.joined(separator: "\n\n") + "\n"
    }

    /// The rollback file's text (`rollback/003_hypertable.sql`): undoes this step once later steps are undone.
    public var rollbackSQL: String {
        "-- Rollback of \(fileName): run after rolling back every later step.\n\n" + rollbackStatements.joined(separator: "\n\n") + "\n"
    }
}
