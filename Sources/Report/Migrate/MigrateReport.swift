import Planner

/// What `chunkwise migrate` prints: with `--out`, the files written and their first comment;
/// without, the SQL itself (each file, then its rollback). JSON is `{"steps": [...]}` either way.
public struct MigrateReport: Sendable, Hashable {
    public var migration: MigrationPlan
    /// The directory the files were written to, nil when they were only printed.
    public var directory: String?

    public init(migration: MigrationPlan, directory: String?) {
        self.migration = migration
        self.directory = directory
    }
}

extension MigrateReport: Encodable {
    enum CodingKeys: String, CodingKey { case steps }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(migration.steps, forKey: .steps)
    }
}

extension MigrateReport: RenderableReport {
    public func tableText() -> String {
        let steps = migration.steps
        guard let directory else {
            return steps.map { "-- file: \($0.fileName)\n\($0.sql)\n-- file: rollback/\($0.fileName)\n\($0.rollbackSQL)" }
                .joined(separator: "\n")
        }
        return (steps.map { "\(directory)/\($0.fileName): \($0.comments.first ?? "")" }
            + ["rollbacks in \(directory)/rollback/ (run in reverse order); check: \(checkSummary)"])
            .joined(separator: "\n")
    }

    var checkSummary: String {
        (migration.checkWarnings == 1 ? "1 warning" : "\(migration.checkWarnings) warnings") + ", no errors"
    }

    public func markdownText() -> String {
        var out = "# Migration\n\n"
        if let directory { out += "Written to \(MarkdownText.code(directory)); rollbacks in \(MarkdownText.code(directory + "/rollback/")).\n\n" }
        for s in migration.steps {
            out += "## \(MarkdownText.code(s.fileName))\n\n```sql\n\(s.sql)```\n\nRollback:\n\n```sql\n\(s.rollbackSQL)```\n\n"
        }
        out += "`chunkwise check`: \(checkSummary).\n"
        return out
    }
}
