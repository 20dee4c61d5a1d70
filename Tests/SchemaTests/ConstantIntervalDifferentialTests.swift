import Testing
import TestSupport
@testable import Schema

/// A chunk interval or policy lag written as constant interval arithmetic (`INTERVAL '1 hour' * 6`,
/// `make_interval(days => 2)`, `INTERVAL '1 day' + INTERVAL '12 hours'`) reaches TimescaleDB as the
/// interval PostgreSQL folds it to. Each expression is read as a migration's `by_range` argument
/// and compared with PostgreSQL 15 evaluating it.
@Suite("constant interval arithmetic in migrations against PostgreSQL", .serialized)
struct ConstantIntervalDifferentialTests {
    static let functions = """
        CREATE TABLE exprs (id integer, e text);
        CREATE FUNCTION evaluated(e text) RETURNS text LANGUAGE plpgsql AS $$
        DECLARE r text;
        BEGIN
          EXECUTE 'SELECT (' || e || ')::interval::text' INTO r;
          RETURN 'ok ' || r;
        EXCEPTION WHEN others THEN RETURN 'ERROR';
        END $$;
        """

    static let fixed = [
        "make_interval(days => 2)", "make_interval(0, 0, 1)", "make_interval(hours => 36)", "make_interval(secs => 1.5)",
        "make_interval(years => 1, days => -3, mins => 90)", "make_interval(weeks => 2, secs => 0.0000004)",
        "INTERVAL '1 day' * 2", "'1 day'::interval * 2", "INTERVAL '1 hour' * 6", "2 * INTERVAL '3 hours'",
        "INTERVAL '1 day' + INTERVAL '12 hours'", "INTERVAL '7 days' - INTERVAL '1 hour'", "INTERVAL '1 day' * 1.5",
        "INTERVAL '1 month' * 1.5", "INTERVAL '1 month' / 7", "INTERVAL '1 day' / 3", "INTERVAL '1 mon 1 day' * 0.3333",
        "-INTERVAL '2 days'", "(INTERVAL '1 day' + INTERVAL '2 hours') * 3", "INTERVAL '1 year' * 0.5", "INTERVAL '35 days' / 2.5",
        "INTERVAL '1 day' * (24 / 5)", "INTERVAL '1 day' * (24 / 5.0)", "CAST('2 hours' AS interval) * 4", "INTERVAL '45 seconds' * 1000000",
        "INTERVAL '3 days 04:05:06.789' * 7.25", "INTERVAL '1 day' * 2147483647", "INTERVAL '1 day' / 0",
    ]

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func foldedIntervalsAreTheServers() throws {
        var random = SeededGenerator(seed: 71)
        var cases = Self.fixed
        let units = ["day", "days", "hours", "mon", "minutes", "seconds", "weeks", "year"]
        for _ in 0..<200 {
            let a = "INTERVAL '\(random.next() % 40) \(units[Int(random.next() % 8)])'"
            let b = "INTERVAL '\(random.next() % 90) \(units[Int(random.next() % 8)])'"
            let factor = random.next() % 3 == 0 ? "\(random.next() % 12)" : "\(Double(random.next() % 10_000) / 997)"
            switch random.next() % 4 {
            case 0: cases.append("\(a) * \(factor)")
            case 1: cases.append("\(a) / \(factor)")
            case 2: cases.append("\(a) + \(b)")
            default: cases.append("make_interval(days => \(random.next() % 50), hours => \(random.next() % 30), secs => \(factor))")
            }
        }
        let answers = try PostgresCluster.answers(
            loading: cases.map { [$0] }, into: "exprs", setup: Self.functions,
            select: "SELECT id, evaluated(e) FROM exprs ORDER BY id", databasePrefix: "intervals")
        try #require(answers.count == cases.count && answers.allSatisfy { $0.count == 1 })
        var tally = DifferentialTally()
        for (i, expression) in cases.enumerated() {
            let sql = "SELECT create_hypertable('t', by_range('ts', \(expression)));"
            var ours = "ERROR"
            if case .functionCall(let call)? = try? SQLParser.parse(text: sql, file: "e.sql").first?.kind,
               case .call(let range)? = call.positional.last, case .interval(let text)? = range.positional.last,
               let value = PGInterval(text: text) {
                ours = "ok " + value.description
            }
            tally.compare(expression, ours: ours, theirs: answers[i][0], accepted: ours.hasPrefix("ok "))
        }
        tally.expectAgreement(of: "interval expressions", acceptedShare: 0.8...1)
    }
}
