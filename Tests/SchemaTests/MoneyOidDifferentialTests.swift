import Testing
import TestSupport
@testable import Schema

/// `money` and `oid` text against a real PostgreSQL 15 (lc_monetary C): random spellings and
/// damaged ones, which `cash_in` and `oidin` refuse and with what words, and how the accepted
/// ones print.
@Suite("money and oid input against PostgreSQL", .serialized)
struct MoneyOidDifferentialTests {
    static let functions = """
        CREATE TABLE lits (id integer, typ text, lit text);
        CREATE FUNCTION read_value(t text, typ text) RETURNS text LANGUAGE plpgsql AS $$
        DECLARE r text;
        BEGIN
          EXECUTE format('SELECT %L::%s::text', t, typ) INTO r;
          RETURN 'ok ' || r;
        EXCEPTION WHEN others THEN
          RETURN 'ERROR: ' || SQLERRM;
        END $$;
        """

    static let fixedMoney = [
        "", " ", "$", "1", "1.5", "1.005", "1.004", "$1,234.56", "-$1.00", "($1.00)", "1.00-", "$ - 1", "+1", "1+", "1.2.3",
        "1,,2", ",1", "1e2", "92233720368547758.07", "92233720368547758.08", "-92233720368547758.08", "-92233720368547758.09",
        "92233720368547758.075", "999999999999999999999", "0.999", "  $  12  ", "12 $", "(12", "12)", "1 2", "abc", "$$1",
        "-(1)", "1..2", ".5", "5.", "1.99999", "−1",
    ]
    static let fixedOid = [
        "", " ", "0", "1", "-1", "+7", " 42 ", "4294967295", "4294967296", "-2147483648", "-2147483649", "18446744073709551615",
        "18446744073709551616", "-18446744073709551615", "1x", "x", "0x10", "1 2", "\t9\n", "-", "+", "00012",
    ]

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func randomValuesReadAsTheServerReadsThem() throws {
        var random = SeededGenerator(seed: 41)
        var cases: [(type: String, text: String)] = []
        for text in Self.fixedMoney { cases.append(("money", text)) }
        for _ in 0..<400 { cases.append(("money", Self.money(&random))) }
        for _ in 0..<400 {
            cases.append(("money", random.damage(Self.money(&random), replacements: ["$", ",", ".", "-", "(", ")", "+", " ", "9", "x"], whenEmpty: "x")))
        }
        for text in Self.fixedOid { cases.append(("oid", text)) }
        for _ in 0..<300 {
            let n = random.next() >> (random.next() % 64)
            let text = (random.next() % 4 == 0 ? "-" : "") + String(n)
            cases.append(("oid", random.next() % 3 == 0 ? random.damage(text, replacements: [" ", "+", "-", "x", "0"], whenEmpty: "x") : text))
        }
        let answers = try PostgresCluster.answers(
            loading: cases.map { [$0.type, $0.text] }, into: "lits", setup: Self.functions,
            select: "SELECT id, read_value(lit, typ) FROM lits ORDER BY id", databasePrefix: "moneyoid")
        try #require(answers.count == cases.count && answers.allSatisfy { $0.count == 1 })
        var tally = DifferentialTally()
        for (i, c) in cases.enumerated() {
            let theirs = answers[i][0]
            let ours: String
            do {
                try UnmodelledTypeInput.check(c.text, catalogType: c.type)
                ours = "ok " + (UnmodelledTypeOutput.text(c.text, catalogType: c.type) ?? "?")
            } catch {
                ours = "ERROR: " + error.message
            }
            tally.compare("\(c.type) \(c.text.debugDescription)", ours: ours, theirs: theirs, accepted: ours.hasPrefix("ok"))
        }
        tally.expectAgreement(of: "values")
    }

    /// A plausible money spelling: optional white space, `$`, sign or parentheses, digits with
    /// thousands separators, up to four fraction digits, a trailing sign or symbol.
    static func money(_ random: inout SeededGenerator) -> String {
        func pick(_ options: [String], _ random: inout SeededGenerator) -> String { options[Int(random.next() % UInt64(options.count))] }
        var digits = String(random.next() % 1_000_000_000_000 >> (random.next() % 40))
        if random.next() % 3 == 0 {
            var grouped = "", count = 0
            for ch in digits.reversed() {
                if count > 0 && count % 3 == 0 { grouped.append(",") }
                grouped.append(ch)
                count += 1
            }
            digits = String(grouped.reversed())
        }
        let fraction = pick(["", "", ".", ".5", ".05", ".99", ".995", ".1234"], &random)
        return pick(["", "", " "], &random) + pick(["", "$", ""], &random) + pick(["", "", "-", "+", "("], &random)
            + pick(["", "$"], &random) + digits + fraction + pick(["", "", ")", "-", " ", "$"], &random)
    }
}
