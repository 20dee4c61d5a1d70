import Testing
import TestSupport
@testable import Schema

/// The SQLSTATE a date/time input's refusal carries (what `serve` answers as PostgREST's `code`
/// and a client branches on), against PostgreSQL 15: 22007 for a spelling the type cannot read,
/// 22008 for a field or value out of range, 22009 for a zone displacement out of range; and what
/// the accepted spellings print.
@Suite("date/time refusal codes against PostgreSQL", .serialized)
struct DateTimeSQLStateDifferentialTests {
    static let types: [(PGType, String)] = [(.timestamptz, "timestamptz"), (.timestamp, "timestamp"), (.date, "date"), (.time, "time")]
    static let spellings = [
        "x", "", "2024-13-01", "2024-02-30", "2024-01-01 25:00", "2024-01-01 00:00+99", "2024-01-01 00:00+15:60", "294277-01-01",
        "5874898-01-01", "2024-01-01 12:00:00 bogus", "12:61", "24:00:01", "infinity", "2024-01-01 00:00:00+14", "1-1-1",
        "2024-01-01T10:00:00Z", "10000000000-01-01", "2024-01-01 00:00:00 -16:00", "January 32 2024", "allballs",
        "2024-01-01 00:00:00 -05:00", "2024-01-01 00:00:00 +0530", "2024-01-01 00:00:00 +05", "2024-01-01 00:00:00+05:30:15",
        // A 9- or 10-digit year below INT_MAX is out of the types' range, one past it a field overflow.
        "100000000-01-01", "2147483647-01-01", "3000000000-01-01", "25:00", "7:99:00", "12:30:61", "12:30:60", "1:60", "24:00:00",
    ]

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func refusalsCarryTheServersCodes() throws {
        let setup = """
            CREATE TABLE lits (id integer, lit text);
            CREATE FUNCTION code(t text, ty text) RETURNS text LANGUAGE plpgsql AS $$
            DECLARE r text;
            BEGIN SET LOCAL TimeZone = 'UTC'; EXECUTE format('SELECT %L::%s::text', t, ty) INTO r; RETURN 'ok ' || r;
            EXCEPTION WHEN others THEN RETURN SQLSTATE || ' ' || SQLERRM; END $$;
            """
        let select = "SELECT id, " + Self.types.map { "code(lit, '\($0.1)')" }.joined(separator: " || ' | ' || ") + " FROM lits ORDER BY id"
        let answers = try PostgresCluster.answers(loading: Self.spellings.map { [$0] }, into: "lits", setup: setup, select: select,
                                                  databasePrefix: "dtcodes")
        try #require(answers.count == Self.spellings.count)
        var mismatches = 0
        for (i, text) in Self.spellings.enumerated() {
            let ours = Self.types.map { type, _ -> String in
                do throws(ValueError) {
                    return "ok " + (try Value.parse(text, as: type).text(as: type) ?? "")
                } catch {
                    return error.sqlState + " " + error.message
                }
            }.joined(separator: " | ")
            if ours != answers[i][0] {
                mismatches += 1
                Issue.record("\(text.debugDescription): ours \(ours.debugDescription) theirs \(answers[i][0].debugDescription)")
            }
        }
        #expect(mismatches == 0)
    }
}
