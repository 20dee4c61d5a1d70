import Schema

/// One thing the server would say about a migration statement.
public struct CheckFinding: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var file: String
    public var line: Int
    public var severity: Severity
    /// The statement's text (first line, trimmed) for display.
    public var statement: String
    public var message: String
    /// The line psql prints for the statement (`psql:FILE:LINE:`): where it ends, not where it starts.
    public var psqlLine: Int
    /// The typed kind of an error Chunkwise can name (nil for the rest); callers match on this, not on `message`.
    public var kind: CatalogDiagnostic.Kind?
    /// The SQLSTATE the server reports, where Chunkwise knows it (TimescaleDB's own checks, `TS103`, …).
    public var sqlState: String?
    /// The server's HINT line, if any.
    public var hint: String?

    public init(file: String, line: Int, severity: Severity, statement: String, message: String, psqlLine: Int? = nil,
                kind: CatalogDiagnostic.Kind? = nil, sqlState: String? = nil, hint: String? = nil) {
        self.file = file
        self.line = line
        self.severity = severity
        self.statement = statement
        self.message = message
        self.psqlLine = psqlLine ?? line
        self.kind = kind
        self.sqlState = sqlState
        self.hint = hint
    }
}

/// The TimescaleDB the migrations target.
public struct TimescaleTarget: Sendable, Hashable {
    public enum Edition: String, Sendable, Hashable, CaseIterable {
        /// The Timescale License build: compression (columnstore) and policies available.
        case community
        /// The Apache-2.0 build managed hosts ship: no compression, no policies.
        case apache
    }

    /// Major.minor, e.g. (2, 28).
    public var version: (major: Int, minor: Int)
    public var edition: Edition

    /// What TimescaleDB's messages call compressed storage: `columnstore` from 2.18 (the rename),
    /// `compression` before.
    var columnstoreWord: String { (version.major, version.minor) >= (2, 18) ? "columnstore" : "compression" }

    public init(version: (major: Int, minor: Int) = (2, 28), edition: Edition = .community) {
        self.version = version
        self.edition = edition
    }

    public static func == (a: TimescaleTarget, b: TimescaleTarget) -> Bool {
        a.version == b.version && a.edition == b.edition
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(version.major)
        hasher.combine(version.minor)
        hasher.combine(edition)
    }
}
