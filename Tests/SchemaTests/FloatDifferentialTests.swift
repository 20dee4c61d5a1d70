import Testing
import TestSupport
@testable import Schema

/// `real` and `double precision` text against a real PostgreSQL 15: random doubles and floats
/// (every exponent, the plain/exponential boundaries at 10⁶ and 10¹⁵, integers past 2²⁴ and 2⁵³
/// where a shortest spelling can lie halfway between two values), decimal spellings, overflows
/// and damaged ones; which `float4in`/`float8in` refuse (and in what words) and how `float4out` and
/// `float8out` print the rest.
@Suite("real and double precision input and output against PostgreSQL", .serialized)
struct FloatDifferentialTests {
    static let functions = """
        CREATE TABLE lits (id integer, lit text);
        CREATE FUNCTION read_value(t text) RETURNS text LANGUAGE plpgsql AS $$
        DECLARE a text; b text;
        BEGIN
          BEGIN a := 'ok ' || t::float8::text; EXCEPTION WHEN others THEN a := 'ERROR: ' || SQLERRM; END;
          BEGIN b := 'ok ' || t::float4::text; EXCEPTION WHEN others THEN b := 'ERROR: ' || SQLERRM; END;
          RETURN a || ' | ' || b;
        END $$;
        """

    static let fixed = [
        "0", "-0", "1", "1e15", "1e14", "999999999999999", "1e16", "123456789012345.6", "1234567890123456", "1e6", "999999.9", "1234567",
        "123456", "16777216", "16777217", "9007199254740993", "9007199254740992", "1e23", "8.589973e9", "4.4884479188236016e16",
        "1.5e-5", "0.0001", "0.00001", "1e-45", "1e-46", "1e39", "3.4e38", "1e308", "1e309", "1e-400", "1e400", "-1e400", "2.2250738585072014e-308",
        "4.9e-324", "NaN", "-Infinity", "inf", " 1.5 ", "1.5x", "", " ", "0x1p3", "1e", ".5", "5.", "+.5e+2", "1e-5", "100", "0.1", "0.3",
        "33554432", "33554431", "2147483648", "4294967296", "1.7976931348623157e308", "3.4028235e38", "1.17549435e-38",
    ]

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func randomNumbersReadAndPrintAsTheServerDoes() throws {
        var random = SeededGenerator(seed: 53)
        var cases = Self.fixed
        for _ in 0..<400 { cases.append(Self.number(&random)) }
        for _ in 0..<400 {
            cases.append(random.damage(Self.number(&random), replacements: ["e", "-", ".", " ", "x", "+", "E"], whenEmpty: "x"))
        }
        let answers = try PostgresCluster.answers(
            loading: cases.map { [$0] }, into: "lits", setup: Self.functions,
            select: "SELECT id, read_value(lit) FROM lits ORDER BY id", databasePrefix: "floats")
        try #require(answers.count == cases.count && answers.allSatisfy { $0.count == 1 })
        var tally = DifferentialTally()
        for (i, text) in cases.enumerated() {
            func read(_ type: PGType) -> String {
                do {
                    let value = try Value.parse(text, as: type)
                    return "ok " + (value.text(as: type) ?? "")
                } catch {
                    return "ERROR: " + error.message
                }
            }
            let ours = read(.float8) + " | " + read(.float4)
            tally.compare(text.debugDescription, ours: ours, theirs: answers[i][0], accepted: ours.hasPrefix("ok "))
        }
        // One damaged character leaves many numbers numbers: at least a tenth must be refused.
        tally.expectAgreement(of: "numbers", acceptedShare: 0.2...0.9)
    }

    /// A double or float spelled with all its digits (random bits), an integer near a power of
    /// two, or a short decimal around the plain/exponential boundaries.
    static func number(_ random: inout SeededGenerator) -> String {
        switch random.next() % 5 {
        case 0:
            let d = Double(bitPattern: random.next())
            return d.isFinite ? "\(d)" : "1.5"
        case 1:
            let f = Float(bitPattern: UInt32(truncatingIfNeeded: random.next()))
            return f.isFinite ? "\(f)" : "2.5"
        case 2:
            let power = [24, 25, 30, 53, 54, 60, 70, 80][Int(random.next() % 8)]
            let base = Double(sign: .plus, exponent: power, significand: 1)
            return String(format: "%.0f", base + Double(random.next() % 2_000) - 1_000)
        default:
            let digits = String((0..<Int(random.next() % 9 + 1)).map { _ in Character(String(random.next() % 10)) })
            let exponent = Int(random.next() % 50) - 25
            return (random.next() % 4 == 0 ? "-" : "") + digits + (random.next() % 2 == 0 ? "e\(exponent)" : "")
        }
    }
}
