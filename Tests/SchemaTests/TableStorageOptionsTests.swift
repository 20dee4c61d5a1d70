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
