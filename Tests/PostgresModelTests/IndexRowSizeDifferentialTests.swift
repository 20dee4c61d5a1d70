import Foundation
import Testing
@testable import PostgresModel
import Schema
import Storage
import TestSupport

/// A B-tree index refuses a row whose index tuple is over 2704 bytes (8191 for any index) after
/// `index_form_tuple` compresses values over 510 bytes with pglz. The size model refused nothing
/// before: it sized a 2,800-character random note that PostgreSQL refuses. Each case is loaded
/// into PostgreSQL 15 with the index present during COPY and with the index built after it;
/// the model must refuse the same row with the same message, or accept what PostgreSQL accepts.
@Suite(.serialized) struct IndexRowSizeDifferentialTests {
    /// Letters and digits drawn from a fixed seed: text pglz cannot shrink much.
    static func random(_ count: Int, seed: UInt64) -> String {
        var random = SeededRandom(seed: seed)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
    }

    static func repeated(_ count: Int) -> String { String(repeating: "abcdefghij", count: count / 10 + 1).prefix(count).description }

    /// Notes (row 2 is the one that matters), named for the report.
    static let cases: [(name: String, notes: [String])] = [
        ("random 2692 accepted", ["a", random(2692, seed: 1)]),
        ("random 2693 refused", ["a", random(2693, seed: 2)]),
        ("random 2800 refused", ["a", random(2800, seed: 3), "b"]),
        ("compressible 3000 accepted", ["a", repeated(3000)]),
        ("compressible 600 accepted", ["a", repeated(600)]),
        ("half random 4000 + 2000 repeated refused at its compressed size", ["a", random(4000, seed: 4) + repeated(2000)]),
        ("half random 2000 + 3000 repeated accepted", ["a", random(2000, seed: 5) + repeated(3000)]),
        ("random 8200 over every index's limit", ["a", random(8200, seed: 6)]),
        ("two refused rows: the first is reported", ["a", random(2900, seed: 7), random(2800, seed: 8)]),
    ]

    static let tableSQL = "CREATE TABLE notes (id int, note text);\n"
    static let indexSQL = "CREATE INDEX notes_id ON notes (id);\nCREATE INDEX notes_note ON notes (note);\n"

    /// PostgreSQL's ERROR and DETAIL lines, or nil when it accepted the load.
    static func serverRefusal(_ pg: PostgresCluster, csv: URL, build: IndexBuild) throws -> (message: String, detail: String?)? {
        let db = try pg.createDatabase("idxrow")
        defer { _ = try? pg.query("DROP DATABASE \(db)") }
        let copy = "\\copy notes FROM '\(csv.path)' WITH (FORMAT csv, HEADER)\n"
        let script = build == .incremental ? tableSQL + indexSQL + copy : tableSQL + copy + indexSQL
        do {
            try pg.query(script, database: db)
            return nil
        } catch {
            let lines = "\(error)".split(separator: "\n").map(String.init)
            guard let error = lines.first(where: { $0.contains("ERROR:  ") }) else { return ("\(lines)", nil) }
            let detail = lines.first { $0.hasPrefix("DETAIL:  ") }.map { String($0.dropFirst("DETAIL:  ".count)) }
            return (String(error[error.range(of: "ERROR:  ")!.upperBound...]), detail)
        }
    }

    @Test("the model refuses the rows PostgreSQL 15 refuses, with its message and heap tuple, in both builds",
          .enabled(if: PostgresCluster.canRun), arguments: cases.indices)
    func agreesWithPostgres(_ k: Int) throws {
        let pg = try #require(try ServerCase.cluster())
        let (name, notes) = Self.cases[k]
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-idxrow-\(UUID().uuidString).csv")
        try (["id,note"] + notes.enumerated().map { "\($0.offset + 1),\($0.element)" }).joined(separator: "\n").appending("\n")
            .write(to: csv, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: csv) }
        let (findings, catalog) = MigrationCheck.run(files: [("notes.sql", Self.tableSQL + Self.indexSQL)])
        #expect(!findings.contains { $0.severity == .error }, "\(findings)")
        let table = try #require(catalog.tables["notes"])
        let rows = try CopyReader(table: table, loadTime: 0).read(path: csv.path)
        for build in [IndexBuild.incremental, .bulk] {
            let server = try Self.serverRefusal(pg, csv: csv, build: build)
            var model: IndexRowSizeViolation?
            do { _ = try RelationSizeModel.predict(rows: rows, build: { _ in build }) } catch {
                guard case .indexRowTooLarge(let v) = error else { throw error }
                model = v
            }
            #expect(model?.message == server?.message, "\(name), \(build): model \(model?.message ?? "accepts"), PostgreSQL \(server?.message ?? "accepts")")
            #expect(model?.detail == server?.detail, "\(name), \(build)")
            if let model { #expect(model.column == "note") }
        }
    }

    @Test("chunkwise size refuses the row by file, line and field, exit 1", arguments: ["incremental", "bulk"])
    func sizeCommandRefuses(build: String) throws {
        let binary = try #require(ChunkwiseExecutable.url, "the chunkwise executable is built beside the tests (swift build --build-tests)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-idxrow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let schema = dir.appendingPathComponent("notes.sql"), data = dir.appendingPathComponent("notes.csv")
        try (Self.tableSQL + Self.indexSQL).write(to: schema, atomically: true, encoding: .utf8)
        try "note,id\nx,1\n\(Self.random(2800, seed: 3)),2\n".write(to: data, atomically: true, encoding: .utf8)
        let r = try ChunkwiseExecutable.run(binary, ["size", "--schema", schema.path, "--table", "notes", "--data", data.path,
                                                     "--index-build", build, "--json"])
        #expect(r.status == 1 && r.stdout.isEmpty)
        // With the DETAIL line psql shows for it (size prints COPY's DETAIL lines since session 34).
        #expect(r.stderr == "Error: \(data.path):3:1: column \"note\": index row size 2816 exceeds btree version 4 maximum 2704 for index \"notes_note\"\n"
                + "DETAIL:  Index row references tuple (0,2) in relation \"notes\".\n")
        // A compressible 3,000-byte note is accepted and sized.
        try "note,id\nx,1\n\(Self.repeated(3000)),2\n".write(to: data, atomically: true, encoding: .utf8)
        let ok = try ChunkwiseExecutable.run(binary, ["size", "--schema", schema.path, "--table", "notes", "--data", data.path,
                                                      "--index-build", build, "--json"])
        #expect(ok.status == 0, "\(ok.stderr)")
    }
}
