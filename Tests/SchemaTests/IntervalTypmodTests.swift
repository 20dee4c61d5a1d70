import Testing
import TestSupport
@testable import Schema

/// `INTERVAL '…' fields` and `INTERVAL(p) '…'` (gram.y's ConstInterval forms): the bare number's
/// unit and the dropped lower fields as PostgreSQL 15's `interval_in` with a typmod gives them.
@Suite struct IntervalTypmodTests {
    /// Each literal with the text PostgreSQL 15 prints for it (`SELECT <literal>`), or nil where it
    /// refuses the value.
    static let cases: [(String, String?)] = [
        ("INTERVAL '1' DAY", "1 day"), ("INTERVAL '1' day", "1 day"), ("INTERVAL '2:30' HOUR TO MINUTE", "02:30:00"),
        ("INTERVAL '2:30' MINUTE TO SECOND", "00:02:30"), ("INTERVAL '2:30' DAY TO SECOND", "02:30:00"),
        ("INTERVAL '90' MINUTE", "01:30:00"), ("INTERVAL(0) '1.5 seconds'", "00:00:02"), ("INTERVAL '1.5 seconds' SECOND(0)", "00:00:02"),
        ("INTERVAL '2.5 seconds' SECOND(0)", "00:00:03"), ("INTERVAL '-1.5 seconds' SECOND(0)", "-00:00:02"),
        ("INTERVAL '1' YEAR", "1 year"), ("INTERVAL '1' MONTH", "1 mon"), ("INTERVAL '14' YEAR TO MONTH", "1 year 2 mons"),
        ("INTERVAL '1 2' DAY TO HOUR", "1 day 02:00:00"), ("INTERVAL '1 day 3 hours' DAY", "1 day"), ("INTERVAL '36 hours' DAY", "00:00:00"),
        ("INTERVAL '1 day 3 hours 20 minutes' HOUR", "1 day 03:00:00"), ("INTERVAL '-1 day -3 hours -20 minutes' HOUR", "-1 days -03:00:00"),
        ("INTERVAL '1 year 13 months 5 days' YEAR", "2 years"), ("INTERVAL '1 year 13 months 5 days' MONTH", "2 years 1 mon"),
        ("INTERVAL '1 day 5' DAY", nil), ("INTERVAL '5' HOUR", "05:00:00"), ("INTERVAL '5' DAY TO HOUR", "05:00:00"),
        ("INTERVAL '5' DAY TO MINUTE", "00:05:00"), ("INTERVAL '5' DAY TO SECOND", "00:00:05"), ("INTERVAL '5' HOUR TO SECOND", "00:00:05"),
        ("INTERVAL '3 4:00' DAY", "3 days"), ("INTERVAL '1.5' DAY", "1 day"), ("INTERVAL '1.5' YEAR", "1 year"), ("INTERVAL '1.5' MINUTE", "00:01:00"),
        ("INTERVAL '1:02:03.456789' SECOND(2)", "01:02:03.46"), ("INTERVAL '1:02:03.456789' MINUTE TO SECOND(3)", "01:02:03.457"),
        ("INTERVAL(7) '1.123456 s'", "00:00:01.123456"), ("INTERVAL '1 2' HOUR", "1 day 02:00:00"), ("INTERVAL '1 2' MINUTE", nil),
        ("INTERVAL '1 2 3' DAY TO SECOND", nil), ("INTERVAL 'P1D' HOUR", "1 day"), ("INTERVAL '1 day ago' HOUR", "-1 days"),
        ("INTERVAL '10:20' HOUR", "10:00:00"), ("INTERVAL '10:20:30.5' MINUTE TO SECOND", "10:20:30.5"), ("INTERVAL '20:30' MINUTE", "20:30:00"),
        ("INTERVAL '-5' MINUTE", "-00:05:00"), ("INTERVAL '1 2:03' DAY TO SECOND", "1 day 02:03:00"), ("INTERVAL '1 -2' DAY TO HOUR", "1 day -02:00:00"),
        ("INTERVAL '1.5 2' HOUR", "1 day 14:00:00"), ("INTERVAL '1 2.5' HOUR", "1 day 02:00:00"), ("INTERVAL '1 year 2' MONTH", "1 year 2 mons"),
        ("INTERVAL '0.05' SECOND(1)", "00:00:00.1"), ("INTERVAL '-0.15' SECOND(1)", "-00:00:00.2"), ("INTERVAL '1 2 hours' MINUTE", "1 day 02:00:00"),
    ]

    /// What the parser makes of `SELECT f(<literal>)`: the interval argument's text, or nil for an error.
    static func parsed(_ literal: String) -> String? {
        guard case .functionCall(let call)? = try? SQLParser.parse(text: "SELECT f(\(literal));", file: "t.sql").first?.kind,
              case .interval(let text)? = call.positional.first else { return nil }
        return text
    }

    @Test func fieldsAndPrecisionApplyAsPostgresDoes() {
        for (literal, expected) in Self.cases {
            let ours = Self.parsed(literal)
            if expected == nil {
                // Refused now, or kept as written for the reader to refuse.
                #expect(ours.map { PGInterval(text: $0) == nil } ?? true, "\(literal)")
            } else {
                #expect(ours == expected, "\(literal)")
            }
        }
        // Unchanged: the plain form, and text the full type refuses (read and refused later, as before).
        #expect(Self.parsed("INTERVAL '36 hours'") == "36 hours")
        #expect(Self.parsed("INTERVAL 'abc' DAY") == "abc")
    }

    @Test func malformedModifiersAreSyntaxErrors() {
        let cases: [(String, String)] = [
            ("INTERVAL '1 day' MINUTE TO HOUR", "syntax error at or near \"HOUR\""),
            ("INTERVAL '1 day' YEAR TO DAY", "syntax error at or near \"DAY\""),
            ("INTERVAL(-1) '1 s'", "syntax error at or near \"-\""),
            ("INTERVAL '1 day 5' DAY", "invalid input syntax for type interval: \"1 day 5\""),
        ]
        for (literal, message) in cases {
            do {
                _ = try SQLParser.parse(text: "SELECT f(\(literal));", file: "t.sql")
                Issue.record("\(literal) accepted")
            } catch {
                #expect(error.message == message, "\(literal)")
            }
        }
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func casesAgreeWithPostgres() throws {
        let cluster = try PostgresCluster.shared()
        for (literal, expected) in Self.cases {
            let out = try cluster.script("SELECT \(literal);\n", file: "typmod.sql")
            let theirs: String? = out.contains("ERROR:") ? nil : out.split(separator: "\n").last.map(String.init)
            #expect(theirs == expected, "\(literal): server \(out.debugDescription)")
        }
    }
}
