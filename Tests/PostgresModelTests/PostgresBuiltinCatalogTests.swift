import Foundation
import Testing
@testable import PostgresModel
import Schema
import TestSupport

/// The committed catalog export still matches the server, and the issue #12 cases are found.
@Suite(.serialized) struct PostgresBuiltinCatalogTests {
    @Test func committedExportMatchesTheServer() throws {
        guard let pg = try ServerCase.cluster() else { return }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("sql/export_pg_catalog.sql")
        let sql = try String(contentsOf: script, encoding: .utf8)
        let server = try pg.query(sql).split(separator: "\n").map(String.init)
        let committed = PostgresBuiltinCatalog.exportedLines.map(String.init)
        #expect(server.count == committed.count)
        let differing = zip(server, committed).filter { $0 != $1 }.prefix(5)
        #expect(differing.isEmpty, "\(Array(differing))")
    }

    static let table = "CREATE TABLE m (id uuid, ts timestamptz NOT NULL, created_at timestamptz DEFAULT now(), a int);\n"

    func errors(_ sql: String) -> [String] {
        MigrationCheck.run(files: [("m.sql", Self.table + sql)]).findings.filter { $0.severity == .error }.map(\.message)
    }

    @Test func mutableIndexExpressionsAndPredicatesAreRefused() {
        #expect(errors("CREATE INDEX i ON m (ts) WHERE created_at > NOW() - INTERVAL '30 days';")
                == ["functions in index predicate must be marked IMMUTABLE"])
        #expect(errors("CREATE INDEX i ON m ((random()));") == ["functions in index expression must be marked IMMUTABLE"])
        // The implicit operator timestamptz > date is STABLE.
        #expect(errors("CREATE INDEX i ON m (ts) WHERE ts > DATE '2025-01-01';") == ["functions in index predicate must be marked IMMUTABLE"])
        #expect(errors("CREATE INDEX i ON m (ts) WHERE ts > TIMESTAMPTZ '2025-01-01 00:00:00+00';").isEmpty)
        #expect(errors("CREATE INDEX i ON m (nosuch(a));") == ["function nosuch(integer) does not exist"])
    }

    @Test func timescaleAPIArgumentsAreBoundByName() {
        let sql = "SELECT create_hypertable('m', 'ts'); ALTER TABLE m SET (timescaledb.compress);\n"
        #expect(errors(sql + "SELECT add_compression_policy('m', after => INTERVAL '7 days');")
                == ["function add_compression_policy(unknown, after => interval) does not exist"])
        #expect(errors(sql + "SELECT add_compression_policy('m', compress_after => INTERVAL '7 days');").isEmpty)
        #expect(errors(sql + "CALL add_columnstore_policy('m', after => INTERVAL '7 days');").isEmpty)
        #expect(errors(sql + "SELECT add_columnstore_policy('m', after => INTERVAL '7 days');")
                == ["add_columnstore_policy(unknown, after => interval) is a procedure"])
    }

    @Test func timescaleOptionsOnAPlainTableUseTimescaleDBsWordingOnceTheExtensionExists() {
        let findings = MigrationCheck.run(files: [("m.sql", "CREATE EXTENSION timescaledb;\n" + Self.table + "ALTER TABLE m SET (timescaledb.compress);")])
            .findings.filter { $0.severity == .error }
        #expect(findings.map(\.message) == ["timescaledb table options can only be specified for hypertables"])
        #expect(findings.first?.kind == .notAHypertable("m"))
    }

    @Test func psqlLineIsWhereTheStatementEnds() {
        let sql = "CREATE TABLE t (x int);\nCREATE INDEX i\n  ON t ((random()))\n;\nCREATE TABLE t (y int)"
        let findings = MigrationCheck.run(files: [("m.sql", sql)]).findings
        #expect(findings.map(\.line) == [2, 5])
        #expect(findings.map(\.psqlLine) == [4, 5])
    }
}
