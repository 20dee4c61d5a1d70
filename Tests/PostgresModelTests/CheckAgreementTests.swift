import Testing
@testable import PostgresModel
import Schema
import TestSupport

/// Every rule PostgreSQL alone decides: the model's finding, and the real PostgreSQL 15 rejecting
/// the same statement with the same message.
@Suite(.serialized) struct CheckAgreementTests {
    static let base = """
        CREATE TABLE t (id uuid PRIMARY KEY, a int4 NOT NULL, b varchar(3), ts timestamptz NOT NULL);
        CREATE INDEX t_a ON t (a);
        """

    struct Case: Sendable, CustomStringConvertible {
        var statement: String
        var message: String
        var description: String { message }
    }

    static let cases: [Case] = [
        Case(statement: "CREATE INDEX i1 ON missing (a);", message: "relation \"missing\" does not exist"),
        Case(statement: "CREATE INDEX i1 ON t (nope);", message: "column \"nope\" does not exist"),
        Case(statement: "CREATE INDEX i1 ON t (a) WHERE nope > 1;", message: "column \"nope\" does not exist"),
        Case(statement: "CREATE INDEX i1 ON t (a) INCLUDE (nope);", message: "column \"nope\" does not exist"),
        Case(statement: "CREATE TABLE t (x int);", message: "relation \"t\" already exists"),
        Case(statement: "CREATE INDEX t_a ON t (b);", message: "relation \"t_a\" already exists"),
        Case(statement: "CREATE TABLE u (x int, UNIQUE (nope));", message: "column \"nope\" named in key does not exist"),
        Case(statement: "CREATE TABLE u (x int PRIMARY KEY, y int, PRIMARY KEY (y));", message: "multiple primary keys for table \"u\" are not allowed"),
        Case(statement: "CREATE TABLE u (x int, x text);", message: "column \"x\" specified more than once"),
        Case(statement: "CREATE TABLE u (x int CHECK (nope > 0));", message: "column \"nope\" does not exist"),
        Case(statement: "ALTER TABLE t ADD COLUMN a int;", message: "column \"a\" of relation \"t\" already exists"),
        Case(statement: "ALTER TABLE t DROP COLUMN nope;", message: "column \"nope\" of relation \"t\" does not exist"),
        Case(statement: "ALTER TABLE t ALTER COLUMN nope SET NOT NULL;", message: "column \"nope\" of relation \"t\" does not exist"),
        Case(statement: "ALTER TABLE missing ADD COLUMN c int;", message: "relation \"missing\" does not exist"),
        Case(statement: "ALTER TABLE t DROP CONSTRAINT nope;", message: "constraint \"nope\" of relation \"t\" does not exist"),
        Case(statement: "DROP INDEX nope;", message: "index \"nope\" does not exist"),
        Case(statement: "DROP INDEX t_pkey;", message: "cannot drop index t_pkey because constraint t_pkey on table t requires it"),
        Case(statement: "CREATE TABLE u (x int DEFAULT 'abc');", message: "invalid input syntax for type integer: \"abc\""),
        Case(statement: "CREATE TABLE u (x uuid DEFAULT 0);", message: "column \"x\" is of type uuid but default expression is of type integer"),
        Case(statement: "CREATE TABLE u (x int DEFAULT now());", message: "column \"x\" is of type integer but default expression is of type timestamp with time zone"),
        Case(statement: "CREATE TABLE u (x int REFERENCES t (a));", message: "there is no unique constraint matching given keys for referenced table \"t\""),
        Case(statement: "CREATE TABLE u (x int REFERENCES missing (a));", message: "relation \"missing\" does not exist"),
        Case(statement: "CREATE TABLE u (x int) WITH (fillfactor = 5);", message: "value 5 out of bounds for option \"fillfactor\""),
        Case(statement: "CREATE INDEX i1 ON t (a) WITH (fillfactor = 101);", message: "value 101 out of bounds for option \"fillfactor\""),
        Case(statement: "CREATE INDEX i1 ON t USING nosuch (a);", message: "access method \"nosuch\" does not exist"),
        Case(statement: "CREATE UNIQUE INDEX i1 ON t USING brin (ts);", message: "access method \"brin\" does not support unique indexes"),
        Case(statement: "CREATE TABLE u (x numeric(1001,2));", message: "NUMERIC precision 1001 must be between 1 and 1000"),
        Case(statement: "ALTER TABLE t ALTER COLUMN id DROP NOT NULL;", message: "column \"id\" is in a primary key"),
    ]

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15"), arguments: cases) func serverRejectsWithTheSameMessage(_ c: Case) throws {
        let (findings, _) = MigrationCheck.run(files: [("m.sql", Self.base + "\n" + c.statement)])
        let errors = findings.filter { $0.severity == .error }
        #expect(errors.map(\.message) == [c.message])
        #expect(errors.first?.line == 3)
        let pg = try #require(try ServerCase.cluster())
        let db = try pg.createDatabase("chk")
        defer { _ = try? pg.query("DROP DATABASE \(db)") }
        try pg.query(Self.base, database: db)
        #expect(ServerCase.serverError(pg, database: db, c.statement) == c.message)
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func generatedConstraintAndIndexNamesAreTheServers() throws {
        let sql = """
            CREATE TABLE market_data_with_a_rather_long_name_for_testing_truncation (
              id uuid PRIMARY KEY, ticker_id uuid, "timestamp" timestamptz, interval_of_the_bar varchar(10) CHECK (interval_of_the_bar <> ''),
              UNIQUE (ticker_id, "timestamp", interval_of_the_bar), CHECK (ticker_id IS NOT NULL AND "timestamp" IS NOT NULL));
            CREATE TABLE m (id uuid PRIMARY KEY, a int, b int, UNIQUE (a, b), CHECK (a > 0), CHECK (a < 100));
            CREATE INDEX ON m (a);
            CREATE INDEX ON m (a);
            CREATE INDEX ON m (a, b) INCLUDE (id);
            """
        let (findings, catalog) = MigrationCheck.run(files: [("n.sql", sql)])
        #expect(findings.isEmpty)
        var modelled: [String] = []
        for name in catalog.tableOrder {
            guard let t = catalog.tables[name] else { continue }
            modelled += t.indexes.map(\.name) + t.checks.map(\.name)
        }
        let pg = try #require(try ServerCase.cluster())
        let db = try pg.createDatabase("names")
        defer { _ = try? pg.query("DROP DATABASE \(db)") }
        try pg.query(sql, database: db)
        let server = try pg.query("""
            SELECT relname FROM pg_class WHERE relkind = 'i' AND relnamespace = 'public'::regnamespace
            UNION ALL SELECT conname FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace
            """, database: db).split(separator: "\n").map(String.init)
        #expect(modelled.sorted() == server.sorted())
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func tooLongDefaultIsAWarningBecauseTheServerOnlyFailsAtInsert() throws {
        let statement = "CREATE TABLE u (x varchar(3) DEFAULT 'abcdef');"
        let findings = MigrationCheck.run(files: [("m.sql", statement)]).findings
        #expect(findings.map(\.severity) == [.warning])
        let pg = try #require(try ServerCase.cluster())
        let db = try pg.createDatabase("chk")
        defer { _ = try? pg.query("DROP DATABASE \(db)") }
        #expect(ServerCase.serverError(pg, database: db, statement) == nil)
        #expect(ServerCase.serverError(pg, database: db, "INSERT INTO u DEFAULT VALUES;") == "value too long for type character varying(3)")
    }

    @Test func syntaxErrorsCarryLineAndColumn() {
        let (findings, catalog) = MigrationCheck.run(files: [("bad.sql", "CREATE TABLE ok (x int);\nCREATE TABLE t (x int,, y int);\nCREATE TABLE after (y int);")])
        #expect(findings.count == 1)
        #expect(findings.first?.line == 2)
        #expect(findings.first?.message == "syntax error at or near \",\" (column 23)")
        #expect(findings.first?.statement == "CREATE TABLE t (x int,, y int);")
        // Like psql, the next statement still runs.
        #expect(catalog.tables["after"] != nil)
    }
}
