import ArgumentParser
import Foundation
import PostgresModel
import Report
import Schema

/// `chunkwise check`: would PostgreSQL 15 / TimescaleDB accept these migrations, in this order?
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Replay migration SQL files in order and report what PostgreSQL 15 / TimescaleDB would reject or warn about.")

    @Argument(help: "Migration SQL files, applied in the order given.")
    var files: [String]

    @Option(help: "TimescaleDB version the migrations target (major.minor).")
    var timescaledb: String = "2.28"

    @Option(help: "TimescaleDB edition: community (compression and policies) or apache (neither).")
    var edition: String = "community"

    @Flag(name: [.customLong("single-transaction"), .customShort("1")],
          help: "Run each file inside one transaction, as psql --single-transaction and migration tools (Flyway, Alembic, Rails) do.")
    var singleTransaction = false

    @Flag(help: "Print one JSON document (same as --format json).")
    var json = false

    @Option(help: "table, json or markdown.")
    var format: ReportFormat?

    @Option(help: "Write the report to this file instead of standard output.")
    var out: String?

    func validate() throws {
        try ReportOutput.validate(format, json: json, for: CheckReport.self)
        guard !files.isEmpty else { throw ValidationError("give at least one migration file") }
        guard TimescaleTarget.Edition(rawValue: edition) != nil else {
            throw ValidationError("--edition must be community or apache, not \"\(edition)\"")
        }
        guard let v = parsedVersion else { throw ValidationError("--timescaledb must look like 2.28, not \"\(timescaledb)\"") }
        // The rules modelled are TimescaleDB 2.x's (PostgreSQL 15 support starts at 2.9).
        guard v.major == 2, v.minor <= 99 else {
            throw ValidationError("--timescaledb must be a 2.x version such as 2.28 (the rules modelled are TimescaleDB 2's), not \"\(timescaledb)\"")
        }
    }

    var parsedVersion: (major: Int, minor: Int)? {
        let parts = timescaledb.split(separator: ".").compactMap { Int($0) }
        return parts.count >= 2 ? (parts[0], parts[1]) : nil
    }

    func run() throws {
        var inputs: [(name: String, text: String)] = []
        var encoding: [CheckFinding] = []
        for f in files {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: f, isDirectory: &isDirectory) else {
                throw ValidationError("could not open file \"\(f)\" for reading: No such file or directory")
            }
            guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: f) else {
                throw ValidationError("could not read file \"\(f)\": it is a directory or not a regular file")
            }
            // Bytes that are not UTF-8: the server refuses the statement holding them (the rest is
            // read with a replacement character, as far as it goes).
            if let bad = UTF8Validation.firstInvalid([UInt8](data)) {
                let lineText = String(decoding: data.split(separator: 0x0A, omittingEmptySubsequences: false)[bad.line - 1], as: UTF8.self)
                encoding.append(CheckFinding(file: f, line: bad.line, severity: .error, statement: lineText, message: bad.message, sqlState: "22021"))
            }
            inputs.append((f, String(decoding: data, as: UTF8.self)))
        }
        let target = TimescaleTarget(version: parsedVersion ?? (2, 28), edition: TimescaleTarget.Edition(rawValue: edition) ?? .community)
        let findings = encoding + MigrationCheck.run(files: inputs, target: target, singleTransaction: singleTransaction).findings
        let report = CheckReport(findings: findings, timescaledb: timescaledb, edition: edition)
        try ReportOutput.emit(report, as: ReportOutput.format(format, json: json), out: out)
        if report.hasErrors { throw ExitCode(1) }
    }
}
