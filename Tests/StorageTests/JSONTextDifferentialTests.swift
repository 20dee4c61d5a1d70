import Foundation
import Schema
import Storage
import Testing
import TestSupport

/// `json` and `jsonb` input against a real PostgreSQL 15, on random documents: jsonb's canonical
/// text (key order and de-duplication, spacing, numbers as NUMERIC text, string escapes) and which
/// texts each type refuses.
@Suite("json and jsonb text against PostgreSQL", .serialized)
struct JSONTextDifferentialTests {
    /// What the server makes of each document, through functions that catch the error.
    static let functions = """
        CREATE TABLE docs (id integer, doc text);
        CREATE FUNCTION as_jsonb(t text) RETURNS text LANGUAGE plpgsql AS $$
        BEGIN RETURN t::jsonb::text; EXCEPTION WHEN others THEN RETURN 'ERROR: ' || SQLERRM; END $$;
        CREATE FUNCTION as_json(t text) RETURNS text LANGUAGE plpgsql AS $$
        BEGIN PERFORM t::json; RETURN 'ok'; EXCEPTION WHEN others THEN RETURN 'ERROR: ' || SQLERRM; END $$;
        """

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func randomDocumentsReadAsTheServerReadsThem() throws {
        var random = SeededRandom(seed: 23)
        var documents = Self.fixed
        for _ in 0..<1_500 { documents.append(Self.document(&random, depth: 0)) }
        for _ in 0..<300 { documents.append(Self.damaged(Self.document(&random, depth: 0), &random)) }

        var csv = ""
        for (i, d) in documents.enumerated() { csv += "\(i),\"" + d.replacingOccurrences(of: "\"", with: "\"\"") + "\"\n" }
        let script = Self.functions + "\nCOPY docs FROM STDIN WITH (FORMAT csv);\n" + csv + "\\.\n"
            + "COPY (SELECT id, as_jsonb(doc), as_json(doc) FROM docs ORDER BY id) TO STDOUT WITH (FORMAT csv);\n"
        let output = try PostgresCluster.output(ofScript: script, databasePrefix: "jsontext")
        let table = TableDefinition(name: "r", columns: [ColumnDefinition("id", .int4), ColumnDefinition("b", .text),
                                                         ColumnDefinition("j", .text)])
        let rows = try CopyReader(table: table).read(string: "id,b,j\n" + output + "\n")
        try #require(rows.count == documents.count)

        var mismatches = 0
        for (i, d) in documents.enumerated() {
            let row = rows.row(i)
            guard case .text(let theirsB) = row[1], case .text(let theirsJ) = row[2] else {
                Issue.record("row \(i): no server answer")
                continue
            }
            let oursB: String
            do { oursB = try JSONBText.canonical(d) } catch { oursB = "ERROR: " + Self.message(error) }
            let oursJ: String
            do { _ = try JSONBText.validated(d); oursJ = "ok" } catch { oursJ = "ERROR: " + Self.message(error) }
            if oursB != theirsB || oursJ != theirsJ {
                mismatches += 1
                if mismatches <= 10 {
                    Issue.record("\(d.debugDescription): jsonb ours \(oursB.debugDescription) theirs \(theirsB.debugDescription); json ours \(oursJ) theirs \(theirsJ)")
                }
            }
        }
        #expect(mismatches == 0, "\(mismatches) of \(documents.count) documents read differently")
    }

    /// Cases a random walk rarely reaches.
    static let fixed = [
        "{}", "[]", " { } ", "{\"a\":1,\"a\":2}", "{\"b\":1,\"aa\":2,\"a\":3,\"\":4}", "{\"é\":1,\"e\\u0301\":2,\"e\u{301}\":3}",
        "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83dx\"", "\"\\u0000\"", "\"\\u001f\\u007f\\u0080\"",
        "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"", "\"\\u00e9\\u00E9\"", "\"\\x\"", "\"\\u12\"", "\"tab\there\"",
        "0", "-0", "-0.0", "0.000", "1e2", "1E+2", "1e-2", "12.50e1", "-1.5e-3", "1e0", "0e5", "0.0e-5",
        "1e400", "1e-400", "1e1000", "1e1001", "1e-1000", "1e-1001", "123456789012345678901234567890.5",
        "01", "1.", ".5", "+1", "-", "1e", "1e+", "--1", "NaN", "Infinity", "-Infinity",
        "true", "false", "null", "tru", "nulls", "True", "[1,]", "{\"a\":}", "{\"a\" 1}", "{1:2}", "[1 2]",
        "[[[[[[[[[[1]]]]]]]]]]", "{\"a\":{\"b\":{\"c\":[{},{\"d\":null}]}}}", " \t\n\r1 \n", "1 2", "", " ",
        "\"unterminated", "{\"k\":\"v\"", "[\"a\",\"b\"", "\u{feff}1",
    ]

    /// A random JSON document: nested objects with repeated and non-ASCII keys, escapes,
    /// numbers in every spelling, literals, random spacing.
    static func document(_ r: inout SeededRandom, depth: Int) -> String {
        let pick = Int(r.next() % (depth > 3 ? 4 : 7))
        switch pick {
        case 0: return number(&r)
        case 1: return string(&r)
        case 2: return ["true", "false", "null"][Int(r.next() % 3)]
        case 3: return number(&r)
        case 4:
            let n = Int(r.next() % 5)
            return "[" + space(&r) + (0..<n).map { _ in document(&r, depth: depth + 1) }.joined(separator: space(&r) + "," + space(&r)) + space(&r) + "]"
        default:
            let n = Int(r.next() % 6)
            let members = (0..<n).map { _ in
                key(&r) + space(&r) + ":" + space(&r) + document(&r, depth: depth + 1)
            }
            return "{" + space(&r) + members.joined(separator: "," + space(&r)) + space(&r) + "}"
        }
    }

    static func space(_ r: inout SeededRandom) -> String {
        ["", "", "", " ", "  ", "\n", "\t", " \r\n "][Int(r.next() % 8)]
    }

    static func key(_ r: inout SeededRandom) -> String {
        let keys = ["a", "b", "aa", "ab", "ba", "", "id", "é", "e\u{301}", "z", "Z", "key with space", "\\u0041", "A",
                    "ü", "日本", "a\\\"b", "\\n", "a\\u00e9"]
        return "\"" + keys[Int(r.next() % UInt64(keys.count))] + "\""
    }

    static func string(_ r: inout SeededRandom) -> String {
        let pieces = ["x", "hello", " ", "é", "日本", "😀", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t",
                      "\\u0041", "\\u00e9", "\\u001f", "\\u0007", "\\u2028", "\\ud83d\\ude00", "\\u005c", "\\u0022", "'", ",", "{}"]
        let n = Int(r.next() % 6)
        return "\"" + (0..<n).map { _ in pieces[Int(r.next() % UInt64(pieces.count))] }.joined() + "\""
    }

    static func number(_ r: inout SeededRandom) -> String {
        let sign = r.next() % 4 == 0 ? "-" : ""
        let integer = r.next() % 5 == 0 ? "0" : String(r.next() % 100_000)
        var text = sign + integer
        if r.next() % 2 == 0 { text += "." + String(repeating: "0", count: Int(r.next() % 3)) + String(r.next() % 1000) }
        if r.next() % 3 == 0 {
            text += ["e", "E"][Int(r.next() % 2)] + ["", "+", "-"][Int(r.next() % 3)] + String(r.next() % 25)
        }
        return text
    }

    /// The document with one byte dropped, doubled or replaced: mostly not JSON any more.
    static func damaged(_ d: String, _ r: inout SeededRandom) -> String {
        var bytes = Array(d.utf8)
        guard !bytes.isEmpty else { return "," }
        let at = Int(r.next() % UInt64(bytes.count))
        switch r.next() % 3 {
        case 0: bytes.remove(at: at)
        case 1: bytes.insert(bytes[at], at: at)
        default:
            let replacements = Array("{}[]\",:\\ 0e.-".utf8)
            bytes[at] = replacements[Int(r.next() % UInt64(replacements.count))]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The error's message as SQLERRM gives it: without the DETAIL line (JSONInputDifferentialTests checks that).
    static func message(_ error: ValueError) -> String {
        if case .invalidJSON(let refusal) = error { return refusal.message }
        return error.description
    }
}
