import Testing
import TestSupport
@testable import Schema

/// json and jsonb text against a real PostgreSQL 15, on random documents (nesting, white space
/// and new lines, escapes, surrogates, `\u0000`, control characters, multibyte text, long lines)
/// and damaged ones: which the input functions refuse, and the error's SQLSTATE, message, DETAIL
/// (the bad token) and CONTEXT (`JSON data, line N: …`) line.
@Suite("json and jsonb input against PostgreSQL", .serialized)
struct JSONInputDifferentialTests {
    static let functions = """
        CREATE TABLE docs (id integer, typ text, doc text);
        CREATE FUNCTION read_json(t text, typ text) RETURNS text LANGUAGE plpgsql AS $$
        DECLARE d text; c text; r text;
        BEGIN
          IF typ = 'json' THEN r := t::json::text; ELSE r := t::jsonb::text; END IF;
          RETURN 'ok';
        EXCEPTION WHEN others THEN
          GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL, c = PG_EXCEPTION_CONTEXT;
          RETURN SQLSTATE || ' ' || SQLERRM || ' | ' || d || ' | ' || regexp_replace(c, E'\\nPL/pgSQL .*$', '');
        END $$;
        """

    static let fixed = [
        "", " ", "p", "{", "[", "{\"a\" 1}", "{\"a\":1,}", "[1,2", "[1 2]", "{1:2}", "\"\\u00zz\"", "\"\\x\"", "\"a\u{01}b\"",
        "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\ud800\"", "\"\\ud800x\"", "\"\\ud800\\n\"", "[1] 2", "01", "1.", "1e",
        "-", "-x", "1.5e+", "tru", "nul", "True", "\"abc", "{\"a\":\n  [1,\n   2,,\n 3]}", "[\"é\", é]", "\u{00e9}",
        String(repeating: "[1, ", count: 20) + "x", "{\"a long key that runs past fifty bytes of context\": tru}", "1e1000000",
        "1e131072", "1e131071", "0.1e-16383", "0.1e-16382", "0e-16384", "0e1073741822", "-0e1073741823", "[1e-20000]",
        "{\"a\": 1.5e131071}", "-0.0", "0.000e3", "100e-2",
    ]

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func randomDocumentsRefusedAsTheServerRefusesThem() throws {
        var random = SeededGenerator(seed: 37)
        var texts = Self.fixed
        for _ in 0..<400 { texts.append(Self.document(&random, depth: 0)) }
        for _ in 0..<900 {
            texts.append(random.damage(Self.document(&random, depth: 0),
                                       replacements: ["\"", "\\", ",", ":", "{", "}", "[", "]", " ", "\n", "x", "1", "-", ".", "e", "u", "é"],
                                       whenEmpty: "x"))
        }
        let cases = texts.flatMap { [("json", $0), ("jsonb", $0)] }
        let answers = try PostgresCluster.answers(
            loading: cases.map { [$0.0, $0.1] }, into: "docs", setup: Self.functions,
            select: "SELECT id, read_json(doc, typ) FROM docs ORDER BY id", databasePrefix: "jsoninput")
        try #require(answers.count == cases.count && answers.allSatisfy { $0.count == 1 })
        var tally = DifferentialTally()
        for (i, c) in cases.enumerated() {
            let (kind, text) = c
            // A refusal outside the JSON parser (numeric_in's) has PL/pgSQL's context, not JSON's.
            var theirs = answers[i][0]
            let parts = theirs.components(separatedBy: " | ")
            if parts.count == 3, !parts[2].hasPrefix("JSON data") { theirs = parts[0] + " | " + parts[1] + " | " }
            let ours = Self.read(text, as: kind)
            tally.compare("\(kind) \(text.debugDescription)", ours: ours, theirs: theirs, accepted: ours == "ok")
        }
        tally.expectAgreement(of: "texts")
    }

    /// What `read_json` prints, computed by Chunkwise.
    static func read(_ text: String, as type: String) -> String {
        do {
            _ = type == "json" ? try JSONBText.validated(text) : try JSONBText.canonical(text)
            return "ok"
        } catch .invalidJSON(let refusal) {
            return "\(ValueError.invalidJSON(refusal).sqlState) \(refusal.message) | \(refusal.detail ?? "") | \(refusal.context ?? "")"
        } catch {
            return "\(error.sqlState) \(error.description) |  | "
        }
    }

    /// A random JSON document: scalars of every kind (strings with escapes, surrogate pairs,
    /// multibyte and long text), arrays and objects, with white space and new lines between tokens.
    static func document(_ random: inout SeededGenerator, depth: Int) -> String {
        func space(_ random: inout SeededGenerator) -> String {
            ["", "", "", " ", "  ", "\n", " \n  ", "\t", "\r\n"][Int(random.next() % 9)]
        }
        let pick = depth >= 3 ? random.next() % 6 : random.next() % 9
        switch pick {
        case 0: return ["true", "false", "null"][Int(random.next() % 3)]
        case 1: return ["0", "-1", "12.5", "1e3", "-0.25E-2", "123456789012345678901234567890"][Int(random.next() % 6)]
        case 2...5:
            let pieces = ["a", "b c", "é", "日本", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\ud83d\\ude00", "\\u0000", "\\t",
                          "a long run of text that goes on past the fifty bytes a context line shows"]
            var s = "\""
            for _ in 0..<Int(random.next() % 4) { s += pieces[Int(random.next() % UInt64(pieces.count))] }
            return s + "\""
        case 6:
            let n = Int(random.next() % 4)
            let items = (0..<n).map { _ in space(&random) + document(&random, depth: depth + 1) + space(&random) }
            return "[" + items.joined(separator: ",") + (n == 0 ? space(&random) : "") + "]"
        default:
            let n = Int(random.next() % 4)
            let members = (0..<n).map { k in
                space(&random) + "\"k\(k)\"" + space(&random) + ":" + space(&random) + document(&random, depth: depth + 1) + space(&random)
            }
            return "{" + members.joined(separator: ",") + "}"
        }
    }
}
