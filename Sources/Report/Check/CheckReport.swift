import PostgresModel

/// What `chunkwise check` reports: each finding with the file, the line where the statement starts
/// and the line psql prints for it (where it ends), and the server's message (CLI.md "check").
/// Messages are PostgreSQL's or TimescaleDB's own words, `ERROR:` text included where the server
/// would say it.
public struct CheckReport: Sendable, Codable, Hashable {
    public struct Finding: Sendable, Codable, Hashable {
        public var file: String
        public var line: Int
        /// The line of `psql:FILE:LINE:`: where the statement ends.
        public var psqlLine: Int
        /// `error` or `warning`.
        public var severity: String
        public var statement: String
        public var message: String
    }

    public var findings: [Finding]
    /// The TimescaleDB version checked against (`2.28`).
    public var timescaledb: String
    /// `community` or `apache`.
    public var edition: String

    public init(findings: [CheckFinding], timescaledb: String, edition: String) {
        self.findings = findings.map {
            Finding(file: $0.file, line: $0.line, psqlLine: $0.psqlLine, severity: $0.severity.rawValue, statement: $0.statement, message: $0.message)
        }
        self.timescaledb = timescaledb
        self.edition = edition
    }

    /// Whether any statement would be rejected (the command then exits 1).
    public var hasErrors: Bool { findings.contains { $0.severity == CheckFinding.Severity.error.rawValue } }
}

extension CheckReport: RenderableReport {
    var allAccepted: String {
        "no findings: PostgreSQL 15 / TimescaleDB \(timescaledb) (\(edition)) would accept every statement"
    }

    public func tableText() -> String {
        guard !findings.isEmpty else { return allAccepted }
        // psql names the line where the statement ends; both are given so a psql log matches.
        return findings.map { f in
            "\(f.file):\(f.line): \(f.severity): \(f.message) [psql:\(f.file):\(f.psqlLine):]\n    \(f.statement)"
        }.joined(separator: "\n")
    }

    public func markdownText() -> String {
        var out = "# Migration check (PostgreSQL 15, TimescaleDB \(timescaledb) \(edition))\n\n"
        guard !findings.isEmpty else { return out + allAccepted + "\n" }
        let errors = findings.filter { $0.severity == "error" }.count
        out += "\(errors) error\(errors == 1 ? "" : "s"), \(findings.count - errors) warning\(findings.count - errors == 1 ? "" : "s").\n\n"
        out += TextTable(header: ["file", "line", "psql line", "severity", "message", "statement"],
                         rows: findings.map { [$0.file, "\($0.line)", "\($0.psqlLine)", $0.severity, $0.message, MarkdownText.code($0.statement)] },
                         rightAligned: [1, 2]).markdown
        return out
    }
}
