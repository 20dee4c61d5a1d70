import Testing
import TestSupport
@testable import Schema

/// Range literals against a real PostgreSQL 15, on random texts for four range types: which ones
/// `range_in` refuses and with which words (message and detail).
@Suite("range literals against PostgreSQL", .serialized)
struct RangeLiteralDifferentialTests {
    static let types = ["int4range", "int8range", "numrange", "tstzrange", "daterange"]

    static let functions = """
        CREATE TABLE lits (id integer, typ text, lit text);
        CREATE FUNCTION read_range(t text, typ text) RETURNS text LANGUAGE plpgsql AS $$
        DECLARE d text;
        BEGIN
          EXECUTE format('SELECT %L::%s', t, typ);
          RETURN 'ok';
        EXCEPTION WHEN others THEN
          GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
          RETURN 'ERROR: ' || SQLERRM || CASE WHEN d <> '' THEN ' (' || d || ')' ELSE '' END;
        END $$;
        """

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func randomLiteralsReadAsTheServerReadsThem() throws {
        var random = SeededGenerator(seed: 17)
        var cases: [(type: String, text: String)] = []
        for type in Self.types {
            // Date and timestamp ranges only undamaged: damage next to a bound tests the date/time
            // parser (which takes `12:000:00` and skips a leading `[`), not range_in.
            let timed = type == "tstzrange" || type == "daterange"
            for text in Self.fixed where !timed || !text.contains(where: \.isNumber) { cases.append((type, text)) }
            for _ in 0..<300 { cases.append((type, Self.literal(&random, type: type))) }
            if timed { continue }
            for _ in 0..<150 { cases.append((type, Self.damaged(Self.literal(&random, type: type), &random))) }
        }
        let answers = try PostgresCluster.answers(
            loading: cases.map { [$0.type, $0.text] }, into: "lits", setup: Self.functions,
            select: "SELECT id, read_range(lit, typ) FROM lits ORDER BY id", databasePrefix: "ranges")
        try #require(answers.count == cases.count)
        var mismatches = 0
        for (i, c) in cases.enumerated() {
            let fields = answers[i]
            guard fields.count == 1 else { Issue.record("row \(i): \(fields)"); continue }
            let ours: String
            do {
                try UnmodelledTypeInput.check(c.text, catalogType: c.type)
                ours = "ok"
            } catch {
                ours = "ERROR: " + error.description
            }
            if ours != fields[0] {
                mismatches += 1
                if mismatches <= 10 { Issue.record("\(c.type) \(c.text.debugDescription): ours \(ours.debugDescription) theirs \(fields[0].debugDescription)") }
            }
        }
        #expect(mismatches == 0, "\(mismatches) of \(cases.count) literals read differently")
    }

    static let fixed = [
        "empty", " EMPTY ", "emptyx", "empty x", "[1,2]", "(1,2)", "[1,2)", "(,)", "[,]", "(,5]", "[5,)", " [1,2] ", "[1,2] x",
        "1,2", "[1 2]", "[1,2,3]", "[1,2", "[\"1\",\"2\"]", "[\"1\"\"\",2]", "[1\\,2]", "[2,1]", "[1,1)", "[1,1]", "(1,1]",
        "[x,2]", "[2147483647,2147483647]", "(2147483647,)", "[,2147483647]", "[1e3,2e3]", "[1.5,2.5]", "[NaN,1]",
        "[-infinity,infinity]", "[2025-01-01,2025-02-01)", "[2025-01-01 00:00:00+00,2025-01-02 00:00:00+00]", "[\"", "(",
        "", " ", "[9223372036854775807,]", "(9223372036854775807,]", "[ 1 , 2 ]",
    ]

    static func literal(_ r: inout SeededGenerator, type: String) -> String {
        let values: [String]
        switch type {
        case "int4range", "int8range": values = ["1", "-5", "0", "42", "2147483647", "-2147483648", "9223372036854775807", " 7 ", "x", "1.5"]
        case "numrange": values = ["1", "1.50", "-2.25", "1e3", "NaN", "0", " 3 ", "abc", "99999999999999999999.5"]
        case "daterange": values = ["2025-01-01", "2024-12-31", "infinity", "-infinity", "2025-02-30", "2025-01-01 BC", "nodate"]
        default: values = ["2025-01-01 00:00:00+00", "2025-01-01 12:00:00+05", "infinity", "-infinity", "2025-13-01", "epoch"]
        }
        func bound(_ r: inout SeededGenerator) -> String {
            switch r.next() % 6 {
            case 0: return ""
            case 1: return "\"" + values[Int(r.next() % UInt64(values.count))] + "\""
            default: return values[Int(r.next() % UInt64(values.count))]
            }
        }
        if r.next() % 25 == 0 { return ["empty", "Empty", " empty "][Int(r.next() % 3)] }
        let open = r.next() % 2 == 0 ? "[" : "("
        let close = r.next() % 2 == 0 ? "]" : ")"
        let spaces = ["", " ", "  "]
        return spaces[Int(r.next() % 3)] + open + bound(&r) + "," + bound(&r) + close + spaces[Int(r.next() % 3)]
    }

    static func damaged(_ text: String, _ r: inout SeededGenerator) -> String {
        r.damage(text, replacements: ["[", "]", "(", ")", ",", "\"", "\\", " ", "x", "1"], whenEmpty: "(")
    }
}
