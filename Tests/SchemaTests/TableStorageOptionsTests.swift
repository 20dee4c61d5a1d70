import Testing
@testable import Schema

/// A table's storage parameters in CREATE TABLE … WITH and ALTER TABLE … SET, against what
/// PostgreSQL 15.18 answered for each on a throwaway cluster here.
@Suite struct TableStorageOptionsTests {
    static let answers: [(String, String?)] = [
        ("fillfactor = 5", "value 5 out of bounds for option \"fillfactor\""),
        ("autovacuum_enabled = maybe", "invalid value for boolean option \"autovacuum_enabled\": maybe"),
        ("autovacuum_vacuum_scale_factor = abc", "invalid value for floating point option \"autovacuum_vacuum_scale_factor\": abc"),
        ("autovacuum_vacuum_scale_factor = 200", "value 200 out of bounds for option \"autovacuum_vacuum_scale_factor\""),
        ("parallel_workers = x", "invalid value for integer option \"parallel_workers\": x"),
        ("toast.autovacuum_enabled = false", nil),
        ("toast.autovacuum_analyze_scale_factor = 0.1", "unrecognized parameter \"autovacuum_analyze_scale_factor\""),
        ("foo.bar = 1", "unrecognized parameter namespace \"foo\""),
        ("vacuum_index_cleanup = auto", nil),
        ("vacuum_index_cleanup = sometimes", "invalid value for enum option \"vacuum_index_cleanup\": sometimes"),
        ("autovacuum_freeze_max_age = 5", "value 5 out of bounds for option \"autovacuum_freeze_max_age\""),
        ("autovacuum_vacuum_scale_factor = 0.0, autovacuum_analyze_scale_factor = 0.01", nil),
        ("fillfactor = 70, autovacuum_enabled = off", nil),
        ("bogus = 1", "unrecognized parameter \"bogus\""),
    ]

    func refusal(_ sql: String) -> String? {
        var catalog = SchemaCatalog()
        for statement in SQLParser.parseRecovering(text: sql, file: "m.sql").statements {
            if let error = catalog.apply(statement).first(where: { $0.severity == .error }) { return error.message }
        }
        return nil
    }

    @Test func checkedAsPostgreSQLChecksThem() {
        for (options, answer) in Self.answers {
            // A text column: the table has a TOAST table, whose options ALTER TABLE checks too.
            #expect(refusal("CREATE TABLE x (a text) WITH (\(options));") == answer, "CREATE \(options)")
            #expect(refusal("CREATE TABLE x (a text);\nALTER TABLE x SET (\(options));") == answer, "ALTER \(options)")
        }
    }

    @Test func theFillfactorIsKept() throws {
        var catalog = SchemaCatalog()
        for statement in SQLParser.parseRecovering(text: "CREATE TABLE x (a int) WITH (FILLFACTOR = 70, autovacuum_enabled = off);", file: "m.sql").statements {
            _ = catalog.apply(statement)
        }
        #expect(catalog.tables["x"]?.fillfactor == 70)
    }
}

/// `ALTER TABLE … ADD CONSTRAINT … {PRIMARY KEY | UNIQUE} USING INDEX` (it was a syntax error), against
/// what PostgreSQL 15.18 answered for each here.
@Suite struct ConstraintUsingIndexTests {
    func refusal(_ sql: String) -> (String?, SchemaCatalog) {
        var catalog = SchemaCatalog()
        for statement in SQLParser.parseRecovering(text: "CREATE TABLE x (a int, b int);\n" + sql, file: "m.sql").statements {
            if let error = catalog.apply(statement).first(where: { $0.severity == .error }) { return (error.message, catalog) }
        }
        return (nil, catalog)
    }

    @Test func theIndexBecomesTheConstraint() throws {
        let (none, catalog) = refusal("CREATE UNIQUE INDEX u ON x (a);\nALTER TABLE x ADD CONSTRAINT x_pk PRIMARY KEY USING INDEX u;")
        #expect(none == nil)
        let pk = try #require(catalog.tables["x"]?.primaryKey)
        #expect(pk.name == "x_pk" && pk.keyColumns == ["a"] && catalog.tables["x"]?.column("a")?.notNull == true)
        #expect(refusal("CREATE UNIQUE INDEX u ON x (a);\nALTER TABLE x ADD UNIQUE USING INDEX u;").0 == nil)
    }

    @Test func refusedAsPostgreSQLRefusesIt() {
        let cases: [(String, String)] = [
            ("CREATE INDEX u ON x (a);", "\"u\" is not a unique index"),
            ("CREATE UNIQUE INDEX u ON x (a) WHERE a > 0;", "\"u\" is a partial index"),
            ("CREATE UNIQUE INDEX u ON x ((a + 1));", "index \"u\" contains expressions"),
            ("CREATE UNIQUE INDEX u ON x (a DESC);", "index \"u\" column number 1 does not have default sorting behavior"),
            ("", "index \"u\" does not exist"),
        ]
        for (index, message) in cases {
            #expect(refusal(index + "\nALTER TABLE x ADD CONSTRAINT c1 UNIQUE USING INDEX u;").0 == message, "\(index)")
        }
        #expect(refusal("CREATE UNIQUE INDEX u ON x (a);\nALTER TABLE x ADD CONSTRAINT c1 UNIQUE USING INDEX u;\nALTER TABLE x ADD CONSTRAINT c2 UNIQUE USING INDEX c1;").0
                == "index \"c1\" is already associated with a constraint")
    }
}
