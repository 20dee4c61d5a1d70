import ArgumentParser
import Foundation
import PostgresModel
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

    @Flag(help: "Print one JSON document.")
    var json = false

    func validate() throws {
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
        for f in files {
            guard let data = FileManager.default.contents(atPath: f) else {
                throw ValidationError("could not open file \"\(f)\" for reading: No such file or directory")
            }
            inputs.append((f, String(decoding: data, as: UTF8.self)))
        }
        let target = TimescaleTarget(version: parsedVersion ?? (2, 28), edition: TimescaleTarget.Edition(rawValue: edition) ?? .community)
        let findings = MigrationCheck.run(files: inputs, target: target).findings
        if json {
            let doc: [String: Any] = ["findings": findings.map {
                ["file": $0.file, "line": $0.line, "psql_line": $0.psqlLine, "severity": $0.severity.rawValue, "statement": $0.statement,
                 "message": $0.message] as [String: Any]
            }]
            let out = try JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys])
            print(String(decoding: out, as: UTF8.self))
        } else if findings.isEmpty {
            print("no findings: PostgreSQL 15 / TimescaleDB \(timescaledb) (\(edition)) would accept every statement")
        } else {
            for f in findings {
                // psql names the line where the statement ends; both are given so a psql log matches.
                print("\(f.file):\(f.line): \(f.severity.rawValue): \(f.message) [psql:\(f.file):\(f.psqlLine):]")
                print("    \(f.statement)")
            }
        }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
