import Testing
import TestSupport
@testable import Schema

/// `macaddr8` text against a real PostgreSQL 15: six- and eight-byte addresses with every
/// separator, white space, and damaged ones; which `macaddr8_in` refuses and how the accepted ones
/// print.
@Suite("macaddr8 input against PostgreSQL", .serialized)
struct Macaddr8DifferentialTests {
    static let functions = """
        CREATE TABLE lits (id integer, lit text);
        CREATE FUNCTION read_value(t text) RETURNS text LANGUAGE plpgsql AS $$
        BEGIN
          RETURN 'ok ' || t::macaddr8::text;
        EXCEPTION WHEN others THEN
          RETURN 'ERROR: ' || SQLERRM;
        END $$;
        """

    static let fixed = [
        "", " ", "08:00:2b:01:02:03", "08:00:2b:01:02:03:04:05", "08-00-2b-01-02-03-04-05", "0800.2b01.0203.0405", "08002b0102030405",
        "08002b010203", "08:00:2b:01:02:03x", "08:00:2b:01:02:03:04", "08:00-2b:01:02:03", "  08:00:2b:01:02:03  ", "08:00:2b:01:02:03 x",
        "08:00:2b:01:02:03:04:05:06", "0g:00:2b:01:02:03", "08::00:2b:01:02:03", "8:0:2b:1:2:3", "08:00:2b:01:02:03:", "08:00:2B:01:02:03:04:05 ",
    ]

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func randomAddressesReadAsTheServerReadsThem() throws {
        var random = SeededGenerator(seed: 47)
        var cases = Self.fixed
        for _ in 0..<300 { cases.append(Self.address(&random)) }
        for _ in 0..<300 {
            cases.append(random.damage(Self.address(&random), replacements: [":", "-", ".", " ", "g", "0", "F"], whenEmpty: "x"))
        }
        let answers = try PostgresCluster.answers(
            loading: cases.map { [$0] }, into: "lits", setup: Self.functions,
            select: "SELECT id, read_value(lit) FROM lits ORDER BY id", databasePrefix: "macaddr8")
        try #require(answers.count == cases.count && answers.allSatisfy { $0.count == 1 })
        var tally = DifferentialTally()
        for (i, text) in cases.enumerated() {
            let theirs = answers[i][0]
            let ours: String
            switch PGMacaddr8Literal.parse(text) {
            case .success(let octets): ours = "ok " + PGMacaddr8Literal.text(octets)
            case .failure(let error): ours = "ERROR: " + error.message
            }
            tally.compare(text.debugDescription, ours: ours, theirs: theirs, accepted: ours.hasPrefix("ok"))
        }
        tally.expectAgreement(of: "addresses")
    }

    /// Six or eight bytes, hex in either case, one separator kind (or none) between bytes or pairs.
    static func address(_ random: inout SeededGenerator) -> String {
        let count = random.next() % 2 == 0 ? 6 : 8
        let bytes = (0..<count).map { _ in
            let b = random.next() % 256
            let text = b < 16 ? "0" + String(b, radix: 16) : String(b, radix: 16)
            return random.next() % 3 == 0 ? text.uppercased() : text
        }
        let separator = [":", "-", ".", ""][Int(random.next() % 4)]
        let step = random.next() % 2 == 0 ? 1 : 2
        var out = ""
        for (k, b) in bytes.enumerated() {
            if k > 0 && k % step == 0 { out += separator }
            out += b
        }
        return (random.next() % 5 == 0 ? " " : "") + out + (random.next() % 5 == 0 ? "  " : "")
    }
}
