import Testing
import TestSupport
@testable import Schema

/// Interval text against a real PostgreSQL 15, on random spellings (units, abbreviations, signs,
/// fractions, `ago`, clock parts, ISO 8601 forms) and damaged ones: which `interval_in` refuses,
/// and how the accepted ones print.
@Suite("interval input against PostgreSQL", .serialized)
struct IntervalInputDifferentialTests {
    static let functions = """
        CREATE TABLE lits (id integer, lit text);
        CREATE FUNCTION read_interval(t text) RETURNS text LANGUAGE plpgsql AS $$
        BEGIN
          RETURN 'ok ' || t::interval::text;
        EXCEPTION WHEN others THEN
          RETURN 'ERROR';
        END $$;
        """

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func randomIntervalsReadAsTheServerReadsThem() throws {
        var random = SeededGenerator(seed: 31)
        var cases: [String] = []
        for _ in 0..<Self.undamaged { cases.append(Self.interval(&random)) }
        for _ in 0..<700 {
            cases.append(random.damage(Self.interval(&random), replacements: [" ", "-", ":", ".", "x", "1", "P", "T"], whenEmpty: "x"))
        }
        let answers = try PostgresCluster.answers(
            loading: cases.map { [$0] }, into: "lits", setup: Self.functions,
            select: "SELECT id, read_interval(lit) FROM lits ORDER BY id", databasePrefix: "intervals")
        try #require(answers.count == cases.count && answers.allSatisfy { $0.count == 1 })
        var accepted = 0
        var mismatches: [(text: String, ours: String, theirs: String, damaged: Bool)] = []
        for (i, text) in cases.enumerated() {
            let theirs = answers[i][0]
            let ours = PGInterval(text: text).map { "ok " + $0.description } ?? "ERROR"
            if ours.hasPrefix("ok") { accepted += 1 }
            if ours != theirs { mismatches.append((text, ours, theirs, i >= Self.undamaged)) }
            // What the server prints reads back to itself: an exported interval column loads.
            if theirs.hasPrefix("ok ") {
                let printed = String(theirs.dropFirst(3))
                #expect(PGInterval(text: printed)?.description == printed, "\(printed.debugDescription) does not read back")
            }
        }
        // The spellings as generated: read and printed exactly as the server does.
        for m in mismatches.filter({ !$0.damaged }).prefix(12) {
            Issue.record("\(m.text.debugDescription): ours \(m.ours.debugDescription) theirs \(m.theirs.debugDescription)")
        }
        #expect(mismatches.filter { !$0.damaged }.isEmpty)
        // Damaged ones: DecodeInterval's corners (colons in odd places, a fractional hour before a
        // clock, `qtr` alone, a doubled `T`) still differ in a few dozen of 700 (docs/RELIABILITY.md).
        let damaged = mismatches.filter(\.damaged)
        withKnownIssue("interval_in corners on damaged text: \(damaged.count) of \(cases.count - Self.undamaged)", isIntermittent: true) {
            for m in damaged.prefix(5) {
                Issue.record("\(m.text.debugDescription): ours \(m.ours.debugDescription) theirs \(m.theirs.debugDescription)")
            }
        }
        #expect(damaged.count <= 60, "\(damaged.count) damaged spellings read differently")
        #expect(accepted > cases.count / 5 && accepted < cases.count * 4 / 5, "\(accepted) of \(cases.count) accepted")
    }

    static let undamaged = 1500

    static func interval(_ r: inout SeededGenerator) -> String {
        func pick(_ options: [String]) -> String { options[Int(r.next() % UInt64(options.count))] }
        switch r.next() % 5 {
        case 0:
            return pick(["P", "-P", "P-"]) + pick(["", "1Y", "2M", "1Y2M", "1.5Y", "3W"]) + pick(["", "4D", "-1D", "0.5D"])
                + pick(["", "T", "T1H", "T2M3S", "T1.5H", "T04:05:06", "T-1H"])
        case 1:
            // (A fractional hour before a clock, `1.5:30`, is one of the corners left: see the note above.)
            return pick(["", "-", "+"]) + pick(["1", "12", "0", "100"]) + pick([":", ":0", ":30", ":30:15", ":30:15.5", ":60", ""])
                + pick(["", " ago", " 1 day"])
        default:
            let count = Int(r.next() % 3) + 1
            var parts: [String] = []
            for _ in 0..<count {
                let number = pick(["1", "2", "-3", "+4", "0.5", "1.25", "10", "1e2", "99999999", ""])
                let unit = pick(["day", "days", "d", "hour", "hours", "h", "hr", "min", "mins", "m", "minute", "second", "secs", "s",
                                 "ms", "millisecond", "us", "microseconds", "week", "w", "month", "mon", "mons", "year", "y", "yrs",
                                 "decade", "century", "millennium", "fortnight", "DAY", "Hours"])
                parts.append(number + pick(["", " "]) + unit)
            }
            return pick(["", "@ ", " "]) + parts.joined(separator: pick([" ", "  ", ", "])) + pick(["", " ago", " ", "ago"])
        }
    }
}
