import Foundation
import Planner
import Testing
@testable import Report

@Suite struct MigrateReportTests {
    static let migration = MigrationPlan(steps: [
        MigrationStep(number: 1, name: "table", comments: ["The table.", "Predicted: 1 MiB."],
                      statements: ["CREATE TABLE t (a int);"], rollbackStatements: ["DROP TABLE t;"], postgresOnly: true),
        MigrationStep(number: 2, name: "hypertable", comments: ["Hypertable."],
                      statements: ["SELECT create_hypertable('t', 'a');"], rollbackStatements: ["-- no rollback"], postgresOnly: false),
    ], checkWarnings: 1)

    @Test func printedSQLCarriesEveryFileAndItsRollback() {
        let text = MigrateReport(migration: Self.migration, directory: nil).tableText()
        #expect(text.contains("-- file: 001_table.sql\n-- The table.\n-- Predicted: 1 MiB.\n\nCREATE TABLE t (a int);"))
        #expect(text.contains("-- file: rollback/002_hypertable.sql"))
    }

    @Test func writtenFilesAreListedWithTheirFirstComment() {
        let text = MigrateReport(migration: Self.migration, directory: "out").tableText()
        #expect(text == "out/001_table.sql: The table.\nout/002_hypertable.sql: Hypertable.\n"
                + "rollbacks in out/rollback/ (run in reverse order); check: 1 warning, no errors")
    }

    @Test func jsonIsTheStepsAndMarkdownFencesTheSQL() throws {
        let report = MigrateReport(migration: Self.migration, directory: nil)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.rendered(as: .json).utf8)) as? [String: Any])
        #expect(Array(json.keys) == ["steps"])
        #expect((json["steps"] as? [[String: Any]])?.first?["rollback_statements"] as? [String] == ["DROP TABLE t;"])
        let md = report.markdownText()
        #expect(md.contains("## `001_table.sql`\n\n```sql\n-- The table."))
        #expect(MigrateReport.formats == [.table, .json, .markdown])
    }
}
