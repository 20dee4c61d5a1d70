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
        Case(statement: "CREATE TABLE u (x int COMPRESSION lz4);", message: "column data type integer does not support compression"),
        Case(statement: "CREATE TABLE u (x text COMPRESSION zstd);", message: "invalid compression method \"zstd\""),
        Case(statement: "ALTER TABLE t ALTER COLUMN b SET STORAGE bogus;", message: "invalid storage type \"bogus\""),
        Case(statement: "ALTER TABLE t ALTER COLUMN a SET STORAGE EXTERNAL;", message: "column data type integer can only have storage PLAIN"),
        Case(statement: "ALTER TABLE t ALTER COLUMN a SET COMPRESSION pglz;", message: "column data type integer does not support compression"),
        Case(statement: "CREATE INDEX i1 ON t USING spgist (b, a);", message: "access method \"spgist\" does not support multicolumn indexes"),
        Case(statement: "ALTER INDEX t_a SET (pages_per_range = 3);", message: "unrecognized parameter \"pages_per_range\""),
        Case(statement: "ALTER INDEX t_a SET (fillfactor = 5);", message: "value 5 out of bounds for option \"fillfactor\""),
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
        // Serial and identity columns.
        Case(statement: "CREATE TABLE u (id serial DEFAULT 5);", message: "multiple default values specified for column \"id\" of table \"u\""),
        Case(statement: "CREATE TABLE u (id int GENERATED ALWAYS AS IDENTITY DEFAULT 1);",
             message: "both default and identity specified for column \"id\" of table \"u\""),
        Case(statement: "CREATE TABLE u (id text GENERATED ALWAYS AS IDENTITY);", message: "identity column type must be smallint, integer, or bigint"),
        Case(statement: "CREATE TABLE u (id numeric GENERATED BY DEFAULT AS IDENTITY);", message: "identity column type must be smallint, integer, or bigint"),
        Case(statement: "CREATE TABLE u (id bigint GENERATED ALWAYS AS IDENTITY NULL);",
             message: "conflicting NULL/NOT NULL declarations for column \"id\" of table \"u\""),
        Case(statement: "CREATE TABLE u (id bigint GENERATED ALWAYS AS IDENTITY GENERATED BY DEFAULT AS IDENTITY);",
             message: "multiple identity specifications for column \"id\" of table \"u\""),
        Case(statement: "ALTER TABLE t ADD COLUMN n bigserial DEFAULT 1;", message: "multiple default values specified for column \"n\" of table \"t\""),
        // Defaults of carried types go through the type's input when the table is created.
        Case(statement: "CREATE TABLE u (m macaddr DEFAULT 'zz');", message: "invalid input syntax for type macaddr: \"zz\""),
        Case(statement: "CREATE TABLE u (m macaddr DEFAULT '100:0:0:0:0:0');", message: "invalid octet value in \"macaddr\" value: \"100:0:0:0:0:0\""),
        Case(statement: "CREATE TABLE u (c cidr DEFAULT '10.1.2.3/16');", message: "invalid cidr value: \"10.1.2.3/16\""),
        Case(statement: "CREATE TABLE u (c inet DEFAULT '1::2::3');", message: "invalid input syntax for type inet: \"1::2::3\""),
        Case(statement: "CREATE TABLE u (b bytea DEFAULT '\\x0g');", message: "invalid hexadecimal digit: \"g\""),
        Case(statement: "CREATE TABLE u (z timetz DEFAULT '10:00+16');", message: "time zone displacement out of range: \"10:00+16\""),
        Case(statement: "CREATE TABLE u (z timetz DEFAULT '10:00 jan');", message: "invalid input syntax for type time with time zone: \"10:00 jan\""),
        Case(statement: "CREATE TABLE u (p point DEFAULT '(1,2');", message: "invalid input syntax for type point: \"(1,2\""),
        Case(statement: "CREATE TABLE u (l line DEFAULT '{0,0,1}');", message: "invalid line specification: A and B cannot both be zero"),
        Case(statement: "CREATE TABLE u (c circle DEFAULT '<(1,2),-3>');", message: "invalid input syntax for type circle: \"<(1,2),-3>\""),
        // ARRAY constructors, subscripts and sub-selects (session 27; they were opaque text before).
        Case(statement: "CREATE TABLE u (x int[] DEFAULT ARRAY['1'::text]);", message: "column \"x\" is of type integer[] but default expression is of type text[]"),
        Case(statement: "CREATE TABLE u (x int[] DEFAULT ARRAY['1']);", message: "column \"x\" is of type integer[] but default expression is of type text[]"),
        Case(statement: "CREATE TABLE u (x text[] DEFAULT ARRAY[]);", message: "cannot determine type of empty array"),
        Case(statement: "CREATE TABLE u (x int[] DEFAULT ARRAY[1, 'a']);", message: "invalid input syntax for type integer: \"a\""),
        Case(statement: "CREATE TABLE u (x int[] DEFAULT ARRAY[1, true]);", message: "ARRAY types integer and boolean cannot be matched"),
        Case(statement: "CREATE TABLE u (x int[] DEFAULT ARRAY[NULL]);", message: "column \"x\" is of type integer[] but default expression is of type text[]"),
        Case(statement: "CREATE TABLE u (x jsonb[] DEFAULT ARRAY['{']::jsonb[]);", message: "invalid input syntax for type json"),
        Case(statement: "CREATE TABLE u (x int CHECK (x[1] > 0));", message: "cannot subscript type integer because it does not support subscripting"),
        Case(statement: "CREATE TABLE u (x int[] CHECK (x['a'] > 0));", message: "invalid input syntax for type integer: \"a\""),
        Case(statement: "CREATE TABLE u (x int[] CHECK (x[true] > 0));", message: "array subscript must have type integer"),
        Case(statement: "CREATE TABLE u (x int, g text GENERATED ALWAYS AS (('a')[1]) STORED);",
             message: "cannot subscript type unknown because it does not support subscripting"),
        Case(statement: "CREATE TABLE u (x int[] CHECK (x[1] = 'a'));", message: "invalid input syntax for type integer: \"a\""),
        Case(statement: "CREATE TABLE u (x text CHECK (x IN (SELECT 'a')));", message: "cannot use subquery in check constraint"),
        Case(statement: "CREATE TABLE u (x int DEFAULT (SELECT 1));", message: "cannot use subquery in DEFAULT expression"),
        Case(statement: "CREATE TABLE u (x int CHECK (EXISTS (SELECT 1)));", message: "cannot use subquery in check constraint"),
        Case(statement: "CREATE TABLE u (x int[] DEFAULT ARRAY(SELECT 1));", message: "cannot use subquery in DEFAULT expression"),
        Case(statement: "CREATE INDEX i1 ON t (a) WHERE a > (SELECT 1);", message: "cannot use subquery in index predicate"),
        Case(statement: "CREATE TABLE u (x int CHECK (x = ANY (ARRAY['a'])));", message: "operator does not exist: integer = text"),
        Case(statement: "ALTER TABLE t ALTER COLUMN a DROP EXPRESSION;", message: "column \"a\" of relation \"t\" is not a stored generated column"),
        Case(statement: "ALTER TABLE t ALTER COLUMN a DROP IDENTITY;", message: "column \"a\" of relation \"t\" is not an identity column"),
        // CASE (session 27; unresolved text before).
        Case(statement: "CREATE TABLE u (x int CHECK (CASE WHEN x THEN true END));", message: "argument of CASE/WHEN must be type boolean, not type integer"),
        Case(statement: "CREATE TABLE u (x int, y text GENERATED ALWAYS AS (CASE WHEN x > 0 THEN 1 ELSE 'a' END) STORED);",
             message: "invalid input syntax for type integer: \"a\""),
        Case(statement: "CREATE TABLE u (x int, y text GENERATED ALWAYS AS (CASE WHEN x > 0 THEN 1 ELSE true END) STORED);",
             message: "CASE types boolean and integer cannot be matched"),
        Case(statement: "CREATE TABLE u (x int, y text GENERATED ALWAYS AS (CASE x WHEN 1 THEN 'one' WHEN 'a' THEN 'two' END) STORED);",
             message: "invalid input syntax for type integer: \"a\""),
        Case(statement: "CREATE TABLE u (x int CHECK (CASE x WHEN 1 THEN x > 0 ELSE 1 END));", message: "CASE types integer and boolean cannot be matched"),
        Case(statement: "CREATE TABLE u (x int CHECK (CASE WHEN x > 0 THEN 'x' END));", message: "argument of CHECK must be type boolean, not type text"),
        Case(statement: "CREATE TABLE u (x int, y timestamptz GENERATED ALWAYS AS (CASE WHEN x > 0 THEN now() END) STORED);",
             message: "generation expression is not immutable"),
        // IS [NOT] DISTINCT FROM: the `=` of its two sides (transformAExprDistinct).
        Case(statement: "CREATE TABLE u (x int CHECK (x IS DISTINCT FROM 'zz'));", message: "invalid input syntax for type integer: \"zz\""),
        Case(statement: "CREATE TABLE u (x int CHECK (x IS NOT DISTINCT FROM now()));", message: "operator does not exist: integer = timestamp with time zone"),
        Case(statement: "CREATE TABLE u (x int CHECK (x IS DISTINCT FROM nope));", message: "column \"nope\" does not exist"),
        Case(statement: "CREATE TABLE u (x int, y int GENERATED ALWAYS AS (x IS DISTINCT FROM 1) STORED);",
             message: "column \"y\" is of type integer but default expression is of type boolean"),
    ]

    /// Array constructors, subscripts and `= ANY (ARRAY[…])` lists the server takes: no error
    /// from `check` either.
    static let acceptedArrayStatements = """
        CREATE TABLE a3 (x text[] DEFAULT ARRAY[]::text[]);
        CREATE TABLE a5 (x int8[] DEFAULT ARRAY[1,2]);
        CREATE TABLE a6 (x numeric[] DEFAULT ARRAY[1.5, 2]);
        CREATE TABLE a8 (x int[] DEFAULT ARRAY[[1,2],[3,4]]);
        CREATE TABLE a9 (x int[] DEFAULT ARRAY[1, 2.5]);
        CREATE TABLE a10 (x text DEFAULT ARRAY['a']);
        CREATE TABLE a12 (x int DEFAULT (ARRAY[1,2])[1]);
        CREATE TABLE a16 (x int[] DEFAULT ARRAY[1, NULL]::int[]);
        CREATE TABLE a17 (x jsonb[] DEFAULT ARRAY['{}']::jsonb[]);
        CREATE TABLE a18 (x int[] CHECK (x <> ARRAY[]::int[]));
        CREATE TABLE a22 (x int[] DEFAULT ARRAY[ARRAY[1,2],ARRAY[3,4]]);
        CREATE TABLE b1 (x int[] CHECK (x[1] > 0));
        CREATE TABLE b2 (x int[] CHECK (x[1:2] <> ARRAY[1]));
        CREATE TABLE b6 (x text CHECK (x = ANY (ARRAY['B'::text, 'S'::text])));
        CREATE TABLE b11 (x int CHECK (x = ANY ('{1,2}')));
        CREATE TABLE b12 (x int CHECK (x <> ALL (ARRAY[1,2])));
        CREATE TABLE b14 (x jsonb CHECK (x['a'] IS NOT NULL));
        CREATE TABLE b15 (x int[] CHECK ((x)[1] > 0));
        CREATE TABLE b16 (x int[], CHECK (x[1][2] > 0));
        CREATE TABLE b17 (x int[] CHECK (x[1.5] > 0));
        CREATE TABLE b19 (x text CHECK (x = ANY (ARRAY['B', 'S'])));
        CREATE TABLE b20 (x int[] CHECK (x[:2] IS NOT NULL));
        CREATE INDEX ON b1 ((x[1]));
        CREATE TABLE b21 (x int CHECK (x = SOME (ARRAY[1,2])));
        CREATE TABLE dd1 (x int, y int8, CHECK (x IS DISTINCT FROM y), CHECK (x IS NOT DISTINCT FROM 2.5 OR y IS DISTINCT FROM NULL));
        CREATE TABLE dd2 (x text CHECK (x IS DISTINCT FROM 'a'), y boolean GENERATED ALWAYS AS (x IS NOT DISTINCT FROM 'b') STORED);
        CREATE TABLE b22 (x int CHECK (x > ALL (ARRAY[1,2])));
        CREATE TABLE b23 (x point CHECK (x[0] > 0));
        CREATE TABLE c1 (x int CHECK (CASE WHEN x > 0 THEN true ELSE false END));
        CREATE TABLE c6 (x int, y int GENERATED ALWAYS AS (CASE x WHEN 1 THEN 10 ELSE 2.5 END) STORED);
        CREATE TABLE c7 (x int, y text GENERATED ALWAYS AS (CASE WHEN x > 0 THEN 'B' ELSE 'S' END) STORED);
        CREATE TABLE c9 (x int, y timestamptz DEFAULT CASE WHEN true THEN now() END);
        CREATE TABLE c11 (x int CHECK (CASE WHEN x > 0 THEN 'yes' ELSE 'no' END = 'yes'));
        CREATE TABLE c13 (x int, y text GENERATED ALWAYS AS (CASE WHEN x > 0 THEN NULL END) STORED);
        CREATE TABLE d1 (id int GENERATED ALWAYS AS IDENTITY, x int, y int GENERATED ALWAYS AS (x * 2) STORED);
        ALTER TABLE d1 ALTER COLUMN y DROP EXPRESSION;
        ALTER TABLE d1 ALTER COLUMN y DROP EXPRESSION IF EXISTS;
        ALTER TABLE d1 ALTER COLUMN id DROP IDENTITY;
        ALTER TABLE d1 ALTER COLUMN id DROP IDENTITY IF EXISTS;
        """

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func arrayConstructorsAndSubscriptsTheServerTakesPass() throws {
        let (findings, _) = MigrationCheck.run(files: [("a.sql", Self.acceptedArrayStatements)])
        #expect(findings.filter { $0.severity == .error }.map(\.message).isEmpty)
        let pg = try #require(try ServerCase.cluster())
        let db = try pg.createDatabase("arrays")
        defer { _ = try? pg.query("DROP DATABASE \(db)") }
        try pg.query(Self.acceptedArrayStatements, database: db)
    }

    /// Column COMPRESSION and SET STORAGE, SP-GiST indexes and ALTER INDEX … SET (…), which
    /// PostgreSQL 15 takes (COMPRESSION only between the type and the constraints).
    static let acceptedStorageStatements = """
        CREATE TABLE st (id bigint PRIMARY KEY, body text COMPRESSION lz4, raw text COMPRESSION pglz NOT NULL, meta jsonb COMPRESSION default)
          WITH (toast_tuple_target = 4080);
        ALTER TABLE st ADD COLUMN extra varchar(20) COMPRESSION lz4;
        ALTER TABLE st ALTER COLUMN raw SET STORAGE EXTERNAL, ALTER COLUMN meta SET STORAGE MAIN, ALTER COLUMN id SET STORAGE PLAIN;
        ALTER TABLE st ALTER COLUMN body SET COMPRESSION pglz, ALTER COLUMN raw SET COMPRESSION default;
        CREATE INDEX st_spg ON st USING spgist (body);
        CREATE INDEX st_raw ON st (raw);
        ALTER INDEX st_raw SET (fillfactor = 60);
        ALTER INDEX IF EXISTS st_nope SET (fillfactor = 60);
        """

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func compressionStorageAndSPGiSTTheServerTakesPass() throws {
        let (findings, catalog) = MigrationCheck.run(files: [("st.sql", Self.acceptedStorageStatements)])
        #expect(findings.filter { $0.severity == .error }.map(\.message).isEmpty)
        let table = try #require(catalog.tables["st"])
        #expect(table.columns.map(\.compression) == [nil, "pglz", nil, nil, "lz4"])
        #expect(table.columns.map(\.storage) == [.plain, nil, .external, .main, nil])
        #expect(table.toastTupleTarget == 4080)
        #expect(table.indexes.first { $0.name == "st_raw" }?.fillfactor == 60)
        #expect(table.indexes.first { $0.name == "st_spg" }?.method == .spgist)
        let pg = try #require(try ServerCase.cluster())
        let db = try pg.createDatabase("storage")
        defer { _ = try? pg.query("DROP DATABASE \(db)") }
        try pg.query(Self.acceptedStorageStatements, database: db)
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func serialAndIdentityColumnsAreAcceptedAndNumbered() throws {
        let sql = """
            CREATE TABLE s (a serial, b bigserial PRIMARY KEY, c smallserial, d serial8, e int GENERATED ALWAYS AS IDENTITY,
              f bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 2) NOT NULL, g text);
            ALTER TABLE s ADD COLUMN h int GENERATED BY DEFAULT AS IDENTITY;
            """
        let (findings, catalog) = MigrationCheck.run(files: [("s.sql", sql)])
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        let table = try #require(catalog.tables["s"])
        for name in ["a", "b", "c", "d", "e", "f", "h"] {
            let column = try #require(table.column(name))
            #expect(column.notNull && column.defaultValue == .sequence, "\(name)")
        }
        #expect(table.column("c")?.type == .int2 && table.column("b")?.type == .int8 && table.column("g")?.defaultValue == nil)
        let pg = try #require(try ServerCase.cluster())
        let db = try pg.createDatabase("serial")
        defer { _ = try? pg.query("DROP DATABASE \(db)") }
        try pg.query(sql, database: db)
        let server = try pg.query("SELECT string_agg(column_name || ':' || is_nullable, ',' ORDER BY column_name) FROM information_schema.columns WHERE table_name = 's'",
                                  database: db)
        #expect(server.trimmingCharacters(in: .whitespacesAndNewlines) == "a:NO,b:NO,c:NO,d:NO,e:NO,f:NO,g:YES,h:NO")
    }

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
