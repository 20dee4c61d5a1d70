import Testing
import TestSupport
@testable import Schema

/// `LIKE` / `NOT LIKE` / `LIKE … ESCAPE` as a partial index's predicate or a CHECK evaluates them,
/// against PostgreSQL 15 on random texts and patterns (wildcards, escapes, multi-byte characters).
@Suite("LIKE against PostgreSQL", .serialized)
struct LikePatternDifferentialTests {
    static let setup = """
        CREATE TABLE cases (id integer, subject text, pattern text, esc text);
        CREATE FUNCTION matched(s text, p text, e text) RETURNS text LANGUAGE plpgsql AS $$
        BEGIN
          IF e = 'none' THEN RETURN CASE WHEN s LIKE p THEN 't' ELSE 'f' END; END IF;
          RETURN CASE WHEN s LIKE p ESCAPE e THEN 't' ELSE 'f' END;
        EXCEPTION WHEN others THEN RETURN 'ERROR';
        END $$;
        """

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func matchesAsTheServerDoes() throws {
        var random = SeededGenerator(seed: 29)
        let alphabet = ["a", "b", "é", "%", "_", "\\", "!", "ab", "日"]
        func word(_ max: UInt64) -> String { (0..<Int(random.next() % max)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined() }
        var cases: [(String, String, String?)] = [
            ("abc", "a%", nil), ("abc", "%c", nil), ("abc", "_b_", nil), ("abc", "a\\%", nil), ("a%", "a\\%", nil), ("abc", "abc\\", nil),
            ("a_c", "a!_c", "!"), ("abc", "a!_c", "!"), ("abc", "a%", ""), ("a%", "a%%", ""), ("", "%", nil), ("", "_", nil), ("日本", "_本", nil),
        ]
        for _ in 0..<400 {
            let escape: String? = random.next() % 4 == 0 ? ["!", "", "%"][Int(random.next() % 3)] : nil
            cases.append((word(7), word(6), escape))
        }
        let answers = try PostgresCluster.answers(
            loading: cases.map { [$0.0, $0.1, $0.2 ?? "none"] }, into: "cases", setup: Self.setup,
            select: "SELECT id, matched(subject, pattern, esc) FROM cases ORDER BY id", databasePrefix: "like")
        try #require(answers.count == cases.count)
        var tally = DifferentialTally()
        for (i, c) in cases.enumerated() {
            let e: SQLExpression = c.2 == nil
                ? .operator("~~", .column("s"), .literal(.text(c.1)))
                : .operator("~~", .column("s"), .function("like_escape", [.literal(.text(c.1)), .literal(.text(c.2!))]))
            let ours: String
            switch e.truth(value: { $0 == "s" ? .text(c.0) : nil }) {
            case .true: ours = "t"
            case .false: ours = "f"
            default: ours = "ERROR"
            }
            // A pattern ending with its escape character: PostgreSQL errors only on the rows whose
            // match reaches its end (MatchText), so Chunkwise leaves it unevaluated.
            if ours == "ERROR", (try? LikePattern(c.1, escape: c.2 ?? "\\")) == nil, c.2 != "" { continue }
            tally.compare("\(c)", ours: ours, theirs: answers[i][0], accepted: ours != "ERROR")
        }
        tally.expectAgreement(of: "LIKE matches", acceptedShare: 0.5...1.01)
    }

    @Test func escapeClauseIsParsedAsLikeEscape() throws {
        let statements = try SQLParser.parse(text: "CREATE INDEX i ON t (a) WHERE a LIKE 'x!%' ESCAPE '!';", file: "i.sql")
        guard case .createIndex(let c)? = statements.first?.kind else { Issue.record("not an index"); return }
        #expect(c.predicate?.truth(value: { _ in .text("x%") }) == .true)
        #expect(c.predicate?.truth(value: { _ in .text("xy") }) == .false)
    }
}
