import Foundation
import Schema
import Storage
import Testing
import TestSupport

/// PostgreSQL 15's `NULLS NOT DISTINCT` unique indexes and constraints: two keys equal but for
/// NULLs in the same columns conflict. Chunkwise skipped the clause on UNIQUE (so `size`,
/// `simulate` and `compare` accepted the duplicate COPY refuses) and refused it as a syntax error
/// after CREATE UNIQUE INDEX's key list. Expected texts are PostgreSQL 15.18's for the same files.
@Suite(.serialized) struct NullsNotDistinctTests {
    static let schemas = [
        "CREATE TABLE m (ts timestamptz NOT NULL, k text, v int, UNIQUE NULLS NOT DISTINCT (k, ts));\n",
        "CREATE TABLE m (ts timestamptz NOT NULL, k text, v int);\nCREATE UNIQUE INDEX m_k_ts ON m (k, ts) NULLS NOT DISTINCT;\n",
    ]
    static let constraintNames = ["m_k_ts_key", "m_k_ts"]

    static func table(_ sql: String) throws -> TableDefinition {
        var catalog = SchemaCatalog()
        for statement in try SQLParser.parse(text: sql, file: "m.sql") { _ = catalog.apply(statement) }
        return try #require(catalog.tables["m"])
    }

    @Test func everySpellingIsParsed() throws {
        for sql in Self.schemas + ["CREATE TABLE m (ts timestamptz NOT NULL, k text UNIQUE NULLS NOT DISTINCT, v int);\n"] {
            let table = try Self.table(sql)
            let unique = try #require(table.indexes.first { $0.unique }, "\(sql)")
            #expect(unique.nullsNotDistinct, "\(sql)")
        }
        let distinct = try Self.table("CREATE TABLE m (ts timestamptz NOT NULL, k text, v int);\n"
                                      + "CREATE UNIQUE INDEX m_k_ts ON m (k, ts) INCLUDE (v) NULLS DISTINCT WITH (fillfactor = 80);\n")
        let index = try #require(distinct.indexes.first { $0.unique })
        #expect(!index.nullsNotDistinct && index.include == ["v"] && index.fillfactor == 80)
    }

    @Test func aRepeatedNullKeyConflictsInTheMerge() throws {
        for (sql, name) in zip(Self.schemas, Self.constraintNames) {
            let rows = try CopyReader(table: try Self.table(sql), loadTime: 0)
                .read(string: "ts,k,v\n2024-01-01 00:00:00+00,,1\n2024-01-01 00:00:00+00,\"\",2\n2024-01-01 00:00:00+00,,3\n")
            do {
                _ = try UniqueKeyMerge.merge(existing: RowSet(table: rows.table), incoming: rows)
                Issue.record("duplicate NULL key accepted under \(name)")
            } catch {
                #expect(error.message == "duplicate key value violates unique constraint \"\(name)\"")
                #expect(error.detail == "Key (k, ts)=(null, 2024-01-01 00:00:00+00) already exists.")
                #expect(error.incomingRow == 2)
            }
        }
        // NULLS DISTINCT (the default): the same rows go in.
        let plain = try CopyReader(table: try Self.table("CREATE TABLE m (ts timestamptz NOT NULL, k text, v int, UNIQUE (k, ts));\n"), loadTime: 0)
            .read(string: "ts,k,v\n2024-01-01 00:00:00+00,,1\n2024-01-01 00:00:00+00,,3\n")
        #expect(try UniqueKeyMerge.merge(existing: RowSet(table: plain.table), incoming: plain).rows.count == 2)
    }

    @Test(arguments: ["size", "simulate", "compare"])
    func dataCommandsRefuseTheDuplicateAtItsLine(command: String) throws {
        let url: URL = try #require(ChunkwiseExecutable.url, "the chunkwise executable is built beside the tests")
        // A NULL and an empty string differ; the second NULL repeats the first's key.
        let data = FileManagerPaths.temporary("nnd-\(command).csv")
        try "ts,k,v\n2024-01-01 00:00:00+00,,1\n2024-01-01 00:00:00+00,\"\",2\n2024-01-02 00:00:00+00,,3\n2024-01-01 00:00:00+00,,4\n"
            .write(toFile: data, atomically: true, encoding: .utf8)
        for (sql, name) in zip(Self.schemas, Self.constraintNames) {
            let schema = FileManagerPaths.temporary("nnd-\(name).sql")
            try sql.write(toFile: schema, atomically: true, encoding: .utf8)
            var arguments = [command, "--schema", schema, "--table", "m", "--data", data]
            if command == "compare" { arguments += ["--setting", "segmentby=k"] }
            let result = try ChunkwiseExecutable.run(url, arguments, stdin: nil)
            #expect(result.status == 1, "\(command) \(name): \(result.stdout)")
            #expect(result.stderr.contains("\(data):5: duplicate key value violates unique constraint \"\(name)\""), "\(command): \(result.stderr)")
        }
    }
}
