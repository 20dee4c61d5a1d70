import Foundation
import Testing
@testable import PostgresModel
import Schema
import Storage
import TestSupport

/// What a table's history and storage settings leave in PostgreSQL 15's files, loaded by COPY and
/// vacuumed, against the size model: dropped columns, UNLOGGED init forks, TOAST table rules and
/// TOAST/B-tree storage parameters. Each case runs its schema on the server and in the catalog.
@Suite(.serialized) struct TableHistorySizeTests {
    struct Measured {
        var relations: [String: (main: Int, fsm: Int, vm: Int)]
        var total: Int
    }

    /// Runs `sql`, loads `csv` (header first) into `table`, rebuilds its indexes when `build` is
    /// bulk, vacuums, and returns what the server stores.
    static func measure(_ pg: PostgresCluster, sql: String, table: String, csv: URL, build: IndexBuild) throws -> Measured {
        let db = try pg.createDatabase("hist")
        defer { _ = try? pg.query("DROP DATABASE \(db)") }
        try pg.query(sql, database: db)
        // The header names the columns COPY reads; the others take their defaults.
        let header = try String(contentsOf: csv, encoding: .utf8).prefix { $0 != "\n" }
        try pg.query("\\copy \(table) (\(header)) FROM '\(csv.path)' WITH (FORMAT csv, HEADER)", database: db)
        if build == .bulk { try pg.query("REINDEX TABLE \(table)", database: db) }
        try pg.query("VACUUM (ANALYZE) \(table)", database: db)
        let relations = try ServerCase.relationSizes(pg, database: db, table: table)
        let total = Int(try pg.query("SELECT pg_total_relation_size('\(table)')", database: db).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        return Measured(relations: relations, total: total)
    }

    /// The model's relations for the same schema and file.
    static func predict(sql: String, table: String, csv: URL, build: IndexBuild) throws -> [RelationSize] {
        let (findings, catalog) = MigrationCheck.run(files: [("t.sql", sql)])
        #expect(!findings.contains { $0.severity == .error }, "\(findings)")
        let definition = try #require(catalog.tables[table])
        let rows = try CopyReader(table: definition, loadTime: 0).read(path: csv.path)
        return try RelationSizeModel.predict(rows: rows, build: { _ in build })
    }

    static func file(_ name: String, _ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-gen-\(name)-\(getpid()).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// A dropped text column stays in the tuple descriptor: every new tuple carries a null bitmap
    /// for it (t_hoff 32 instead of 24), and the TOAST table made at CREATE TABLE stays.
    @Test(.enabled(if: PostgresCluster.canRun, "needs PostgreSQL 15")) func droppedColumnWidensEveryTupleAndKeepsTheToastTable() throws {
        let pg = try #require(try ServerCase.cluster())
        let sql = """
            CREATE TABLE dropc (a bigint NOT NULL, b integer NOT NULL, c integer NOT NULL, legacy text, d integer NOT NULL);
            ALTER TABLE dropc DROP COLUMN legacy;
            ALTER TABLE dropc ADD COLUMN extra smallint NOT NULL DEFAULT 7;
            CREATE INDEX dropc_a ON dropc (a);
            """
        var g = SeededGenerator(seed: 5)
        var csv = "a,b,c,d\n"
        for i in 0..<20_000 { csv += "\(i),\(Int.random(in: 0...999, using: &g)),\(i % 7),\(i % 11)\n" }
        let url = try Self.file("dropped", csv)
        defer { try? FileManager.default.removeItem(at: url) }
        let measured = try Self.measure(pg, sql: sql, table: "dropc", csv: url, build: .bulk)
        let predicted = try Self.predict(sql: sql, table: "dropc", csv: url, build: .bulk)
        let heap = try #require(predicted.first { $0.kind == .heap })
        #expect(heap.mainBytes == measured.relations["dropc"]?.main, "heap \(heap.mainBytes) vs \(String(describing: measured.relations["dropc"]))")
        #expect(predicted.first { $0.kind == .toast }?.mainBytes == measured.relations["toast"]?.main)
        #expect(predicted.reduce(0) { $0 + $1.totalBytes } == measured.total)
    }

    /// An UNLOGGED table: each index, and the TOAST table's index, has an 8 kB init fork (its
    /// metapage) that pg_total_relation_size counts; the heap's and TOAST heap's are empty.
    @Test(.enabled(if: PostgresCluster.canRun, "needs PostgreSQL 15"), arguments: [false, true])
    func unloggedIndexesHaveInitForks(alteredLater: Bool) throws {
        let pg = try #require(try ServerCase.cluster())
        var sql = """
            CREATE \(alteredLater ? "" : "UNLOGGED ")TABLE u (id bigint PRIMARY KEY, note text, at timestamptz NOT NULL);
            CREATE INDEX u_at ON u (at);
            CREATE INDEX u_at_brin ON u USING brin (at);

            """
        if alteredLater { sql += "ALTER TABLE u SET UNLOGGED;\n" }
        var csv = "id,note,at\n"
        for i in 0..<5_000 { csv += "\(i),n\(i % 37),2024-01-01 00:00:00+00\n" }
        let url = try Self.file("unlogged", csv)
        defer { try? FileManager.default.removeItem(at: url) }
        let measured = try Self.measure(pg, sql: sql, table: "u", csv: url, build: .incremental)
        let forks = measured.relations.values.reduce(0) { $0 + $1.main + $1.fsm + $1.vm }
        let predicted = try Self.predict(sql: sql, table: "u", csv: url, build: .incremental)
        #expect(predicted.map(\.initBytes) == [0, 8192, 8192, 8192, 8192], "\(predicted.map { ($0.name, $0.initBytes) })")
        // Everything pg_total_relation_size counts beyond main, fsm and vm is the init forks.
        #expect(measured.total - forks == predicted.reduce(0) { $0 + $1.initBytes })
        #expect(predicted.reduce(0) { $0 + $1.totalBytes } == measured.total)
    }

    /// Rows of `id,body,raw`: body and raw texts of 1,000–3,600 bytes, half of them repetitive
    /// (pglz compresses them) and half random letters (it gives up on those).
    static func storageRows(_ name: String) throws -> URL {
        var g = SeededGenerator(seed: 17)
        func text() -> String {
            let n = Int.random(in: 1_000...3_600, using: &g)
            if Bool.random(using: &g) { return String(repeating: "sensor reading \(Int.random(in: 0...9, using: &g)) ", count: n / 17) }
            return String((0..<n).map { _ in Character(UnicodeScalar(UInt8(Int.random(in: 97...122, using: &g)))) })
        }
        var csv = "id,body,raw\n"
        for i in 0..<3_000 { csv += "\(i),\(text()),\(text())\n" }
        return try file(name, csv)
    }

    /// `toast_tuple_target`, `SET STORAGE` and `ALTER INDEX … SET (fillfactor)` decide what TOAST
    /// and the B-tree write: heap exact, TOAST within 2 %, the B-tree exact in a bulk build.
    @Test(.enabled(if: PostgresCluster.canRun, "needs PostgreSQL 15"), arguments: [
        "CREATE TABLE docs (id bigint PRIMARY KEY, body text, raw text) WITH (toast_tuple_target = 4080);",
        "CREATE TABLE docs (id bigint PRIMARY KEY, body text, raw text);\nALTER TABLE docs ALTER COLUMN raw SET STORAGE EXTERNAL, ALTER COLUMN body SET STORAGE MAIN;",
        "CREATE TABLE docs (id bigint PRIMARY KEY, body text, raw text) WITH (toast_tuple_target = 1024);\nALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL;",
        "CREATE TABLE docs (id bigint PRIMARY KEY, body text, raw text);\nALTER INDEX docs_pkey SET (fillfactor = 60);",
    ])
    func storageSettingsShapeToastAndIndexes(_ sql: String) throws {
        let pg = try #require(try ServerCase.cluster())
        let url = try Self.storageRows("storage")
        defer { try? FileManager.default.removeItem(at: url) }
        let measured = try Self.measure(pg, sql: sql, table: "docs", csv: url, build: .bulk)
        let predicted = try Self.predict(sql: sql, table: "docs", csv: url, build: .bulk)
        for r in predicted {
            let m = try #require(measured.relations[r.kind == .toast ? "toast" : r.name])
            switch r.kind {
            case .toast: #expect(abs(r.mainBytes - m.main) <= max(2 * 8192, m.main / 50), "\(sql): toast \(r.mainBytes) vs \(m.main)")
            default: #expect(r.mainBytes == m.main, "\(sql): \(r.name) \(r.mainBytes) vs \(m.main)")
            }
        }
    }

    /// ALTER COLUMN … TYPE gives the column its new type's storage and the default compression,
    /// as `pg_attribute` shows after it on PostgreSQL 15.
    @Test(.enabled(if: PostgresCluster.canRun, "needs PostgreSQL 15")) func alterTypeResetsStorageAndCompression() throws {
        let sql = """
            CREATE TABLE at1 (a text COMPRESSION lz4, b text);
            ALTER TABLE at1 ALTER COLUMN a SET STORAGE EXTERNAL, ALTER COLUMN b SET STORAGE MAIN;
            ALTER TABLE at1 ALTER COLUMN a TYPE varchar(10);
            """
        let (findings, catalog) = MigrationCheck.run(files: [("t.sql", sql)])
        #expect(!findings.contains { $0.severity == .error }, "\(findings)")
        let table = try #require(catalog.tables["at1"])
        #expect(table.columns.map(\.storage) == [nil, .main])
        #expect(table.columns.map(\.compression) == [nil, nil])
        let pg = try #require(try ServerCase.cluster())
        let db = try pg.createDatabase("hist")
        defer { _ = try? pg.query("DROP DATABASE \(db)") }
        try pg.query(sql, database: db)
        let server = try pg.query("SELECT string_agg(attname || ':' || attstorage::text || ':' || attcompression::text, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'at1'::regclass AND attnum > 0",
                                  database: db)
        #expect(server.trimmingCharacters(in: .whitespacesAndNewlines) == "a:x:,b:m:")
    }

    /// The catalog keeps a dropped column out of the columns and at its attnum among the attributes.
    @Test func droppedColumnIsNoColumn() throws {
        let sql = """
            CREATE TABLE t (a int4, b text, c int4, d text);
            ALTER TABLE t DROP COLUMN b;
            ALTER TABLE t ADD COLUMN e int2;
            ALTER TABLE t DROP COLUMN d;
            """
        let (findings, catalog) = MigrationCheck.run(files: [("t.sql", sql)])
        #expect(!findings.contains { $0.severity == .error }, "\(findings)")
        let table = try #require(catalog.tables["t"])
        #expect(table.columns.map(\.name) == ["a", "c", "e"])
        #expect(table.droppedAttributes.map(\.position) == [1, 3])
        #expect(table.attributesInOrder.map(\.name) == ["a", "b", "c", "d", "e"])
        #expect(table.attributeCount == 5)
    }
}
