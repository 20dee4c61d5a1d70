import Foundation
import Testing
@testable import Planner

/// `migrate --out DIR` never replaces or sits beside a user's SQL files without `--force`.
@Suite("migrate --out: existing files are never overwritten silently")
struct MigrationOutputDirectoryTests {
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-out-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("a directory holding .sql files is refused, naming them; the files are untouched")
    func refusesExistingSQL() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "my precious".write(toFile: dir + "/001_table.sql", atomically: true, encoding: .utf8)
        try "old".write(toFile: dir + "/009_old.sql", atomically: true, encoding: .utf8)
        try "notes".write(toFile: dir + "/README", atomically: true, encoding: .utf8)
        #expect(throws: MigrationPlanError.outputHoldsSQL(directory: dir, files: ["001_table.sql", "009_old.sql"])) {
            _ = try MigrationOutputDirectory(path: dir, force: false)
        }
        #expect(try String(contentsOfFile: dir + "/001_table.sql", encoding: .utf8) == "my precious")
    }

    @Test("with --force only the written files are replaced; the others are named as stale")
    func forceNamesStaleFiles() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/rollback", withIntermediateDirectories: true)
        try "old".write(toFile: dir + "/001_table.sql", atomically: true, encoding: .utf8)
        try "old".write(toFile: dir + "/rollback/009_old.sql", atomically: true, encoding: .utf8)
        let output = try MigrationOutputDirectory(path: dir, force: true)
        let step = MigrationStep(number: 1, name: "table", comments: [], statements: ["SELECT 1;"], rollbackStatements: ["SELECT 1;"], postgresOnly: true)
        let migration = MigrationPlan(steps: [step], checkWarnings: 0)
        try migration.write(to: output.path)
        #expect(output.staleFiles(after: migration) == ["rollback/009_old.sql"])
        #expect(FileManager.default.fileExists(atPath: dir + "/rollback/009_old.sql"))
    }

    @Test("an empty or missing directory is fine; a regular file is refused clearly")
    func emptyMissingAndFile() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try MigrationOutputDirectory(path: dir, force: false).existingSQL.isEmpty)
        #expect(try MigrationOutputDirectory(path: dir + "/new", force: false).existingSQL.isEmpty)
        try "x".write(toFile: dir + "/afile", atomically: true, encoding: .utf8)
        #expect(throws: MigrationPlanError.outputNotADirectory(dir + "/afile")) {
            _ = try MigrationOutputDirectory(path: dir + "/afile", force: true)
        }
        #expect(MigrationPlanError.outputNotADirectory("afile").description.contains("\"afile\" exists and is not a directory"))
    }
}
