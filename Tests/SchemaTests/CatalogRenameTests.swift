import Testing
@testable import Schema

/// `ALTER TABLE … RENAME` as PostgreSQL 15.18 answered it on a throwaway cluster: the same
/// refusals, and every later statement sees the new names.
@Suite struct CatalogRenameTests {
    func run(_ sql: String) throws -> (SchemaCatalog, [String]) {
        var catalog = SchemaCatalog()
        var messages: [String] = []
        for statement in try SQLParser.parse(text: sql, file: "m.sql") {
            messages += catalog.apply(statement).filter { $0.severity == .error }.map(\.message)
        }
        return (catalog, messages)
    }

    @Test func renamesAndTheirRefusals() throws {
        let (catalog, errors) = try run("""
            CREATE TABLE p (id int PRIMARY KEY, a int CHECK (a > 0), b int);
            CREATE TABLE c (id int, pid int REFERENCES p(id));
            CREATE INDEX p_a ON p (a) INCLUDE (b) WHERE a > 1;
            ALTER TABLE p RENAME COLUMN nope TO x;
            ALTER TABLE p RENAME COLUMN a TO b;
            ALTER TABLE p RENAME a TO a2;
            ALTER TABLE p RENAME CONSTRAINT p_pkey TO p_key2;
            ALTER TABLE p RENAME CONSTRAINT nope TO x;
            ALTER TABLE p RENAME TO c;
            ALTER TABLE p RENAME TO p2;
            ALTER TABLE p2 RENAME COLUMN id TO pid2;
            """)
        #expect(errors == ["column \"nope\" does not exist", "column \"b\" of relation \"p\" already exists",
                           "constraint \"nope\" for table \"p\" does not exist", "relation \"c\" already exists"])
        let p2 = try #require(catalog.tables["p2"])
        #expect(catalog.tables["p"] == nil && catalog.tableOrder == ["p2", "c"])
        #expect(p2.columns.map(\.name) == ["pid2", "a2", "b"])
        #expect(p2.primaryKey?.name == "p_key2" && p2.primaryKey?.keyColumns == ["pid2"])
        let partial = try #require(p2.indexes.first { $0.name == "p_a" })
        #expect(partial.keyColumns == ["a2"] && partial.predicate?.referencedColumns == ["a2"] && partial.table == "p2")
        #expect(p2.checks.first?.predicate.referencedColumns == ["a2"])
        let fk = try #require(catalog.tables["c"]?.foreignKeys.first)
        #expect(fk.referencedTable == "p2" && fk.referencedColumns == ["pid2"])
    }

    @Test func alterIndexRename() throws {
        let (catalog, errors) = try run("""
            CREATE TABLE ai (id int PRIMARY KEY, v int);
            CREATE INDEX ai_v ON ai (v);
            ALTER INDEX ai_v RENAME TO ai_v2;
            ALTER INDEX nope RENAME TO x;
            ALTER INDEX IF EXISTS nope RENAME TO x;
            ALTER INDEX ai_v2 RENAME TO ai_pkey;
            ALTER INDEX ai RENAME TO ai3;
            ALTER INDEX ai_pkey RENAME TO ai_pk;
            DROP INDEX ai_v2;
            ALTER TABLE ai3 ADD COLUMN w int;
            ALTER TABLE ai DROP CONSTRAINT ai_pk;
            ALTER INDEX ai_v2 SET (fillfactor = 70);
            """)
        // As psql printed them on PostgreSQL 15.18 (ALTER INDEX … SET on the dropped index included).
        #expect(errors == ["relation \"nope\" does not exist", "relation \"ai_pkey\" already exists", "relation \"ai\" does not exist",
                           "relation \"ai_v2\" does not exist"])
        let t = try #require(catalog.tables["ai3"])
        #expect(t.indexes.map(\.name) == ["ai_pk"] && t.primaryKey?.name == "ai_pk" && t.columns.map(\.name) == ["id", "v", "w"])
    }

    @Test func aHypertablesSettingsFollowARenamedColumn() throws {
        var table = TableDefinition(name: "t", columns: [ColumnDefinition("ts", .timestamptz, notNull: true),
                                                         ColumnDefinition("dev", .text)])
        table.hypertable = HypertableDefinition(timeColumn: "ts", compressionEnabled: true, segmentBy: ["dev"],
                                                orderBy: [CompressionOrderKey(column: "ts", descending: true)])
        let renamed = table.renamingColumn("ts", to: "time").renamingColumn("dev", to: "device")
        #expect(renamed.hypertable?.timeColumn == "time" && renamed.hypertable?.segmentBy == ["device"])
        #expect(renamed.hypertable?.orderBy.map(\.column) == ["time"])
    }
}
