import Testing
import TestSupport
@testable import Schema

/// `bit(n)` and `bit varying(n)` text against a real PostgreSQL 15: random binary and hex
/// spellings and damaged ones, read with and without a length as COPY reads a column's values:
/// which `bit_in` and `varbit_in` refuse and with what words, the printed bits and the value's size.
@Suite("bit and varbit input against PostgreSQL", .serialized)
struct BitStringDifferentialTests {
    static let functions = """
        CREATE TABLE lits (id integer, typ text, lit text);
        CREATE FUNCTION read_value(t text, typ text) RETURNS text LANGUAGE plpgsql AS $$
        DECLARE r text;
        BEGIN
          -- The input function with the column's typmod, as COPY calls it (an INSERT's literal
          -- is read without it and then cast to the length, which words the errors differently).
          EXECUTE format('SELECT v::text || '' '' || pg_column_size(v) FROM (SELECT %s(%L::cstring, 0, %s) AS v) s',
                         split_part(typ, ' ', 1), t, split_part(typ, ' ', 2)) INTO r;
          RETURN 'ok ' || r;
        EXCEPTION WHEN others THEN
          RETURN 'ERROR: ' || SQLSTATE || ' ' || SQLERRM;
        END $$;
        """

    /// The types read, with the length Chunkwise passes for each.
    static let types: [(sql: String, catalog: String, length: Int?)] = [
        ("bit_in 4", "bit", 4), ("bit_in 8", "bit", 8), ("bit_in 1", "bit", 1), ("varbit_in 6", "varbit", 6), ("varbit_in -1", "varbit", nil),
    ]

    static let fixed = ["", "0", "1", "1010", "B1010", "b0101", "X1F", "xaf", "XG", "10201", "1 0", "B", "X", "é", "10é1", "11111111", "X0F0F"]

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func randomBitStringsReadAsTheServerReadsThem() throws {
        var random = SeededGenerator(seed: 43)
        var cases: [(type: Int, text: String)] = []
        for t in Self.types.indices {
            for text in Self.fixed { cases.append((t, text)) }
            for _ in 0..<120 {
                let text = Self.bitString(&random)
                cases.append((t, random.next() % 3 == 0 ? random.damage(text, replacements: ["0", "1", "2", "x", "B", " ", "f"], whenEmpty: "x") : text))
            }
        }
        let answers = try PostgresCluster.answers(
            loading: cases.map { [Self.types[$0.type].sql, $0.text] }, into: "lits", setup: Self.functions,
            select: "SELECT id, read_value(lit, typ) FROM lits ORDER BY id", databasePrefix: "bits")
        try #require(answers.count == cases.count && answers.allSatisfy { $0.count == 1 })
        var tally = DifferentialTally()
        for (i, c) in cases.enumerated() {
            let type = Self.types[c.type]
            let theirs = answers[i][0]
            let ours: String
            switch PGBitLiteral.parse(c.text, varying: type.catalog == "varbit", length: type.length) {
            case .success(let bits):
                // A value in a query carries a 4-byte varlena header.
                ours = "ok \(PGBitLiteral.text(bits)) \(4 + PGBitLiteral.payloadSize(bitCount: bits.count))"
            case .failure(let error):
                ours = "ERROR: \(error.sqlState) \(error.message)"
            }
            tally.compare("\(type.sql) \(c.text.debugDescription)", ours: ours, theirs: theirs, accepted: ours.hasPrefix("ok"))
        }
        tally.expectAgreement(of: "values")
    }

    /// Binary digits (often 4, 6 or 8 of them) or hex digits, with or without the B/X prefix.
    static func bitString(_ random: inout SeededGenerator) -> String {
        let count = [1, 4, 4, 6, 8, 8, 3, 12][Int(random.next() % 8)]
        if random.next() % 3 == 0 {
            let hex = (0..<max(1, count / 4)).map { _ in String(random.next() % 16, radix: 16) }.joined()
            return (random.next() % 2 == 0 ? "X" : "x") + (random.next() % 2 == 0 ? hex : hex.uppercased())
        }
        let bits = (0..<count).map { _ in random.next() % 2 == 0 ? "0" : "1" }.joined()
        return ["", "", "B", "b"][Int(random.next() % 4)] + bits
    }
}
