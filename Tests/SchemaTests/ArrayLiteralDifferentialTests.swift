import Testing
import TestSupport
@testable import Schema

/// Array literals against a real PostgreSQL 15, on random texts: which ones `array_in` refuses and
/// with which words (message and detail), and for the accepted `text[]` ones the elements and the
/// dimension lengths; an `int4[]` element its input function refuses is refused alike.
@Suite("array literals against PostgreSQL", .serialized)
struct ArrayLiteralDifferentialTests {
    static let functions = """
        CREATE TABLE lits (id integer, lit text);
        CREATE FUNCTION read_array(t text, typ text) RETURNS text LANGUAGE plpgsql AS $$
        DECLARE d text; r text;
        BEGIN
          IF typ = 'text' THEN
            SELECT coalesce((SELECT string_agg(array_length(a, k)::text, ',' ORDER BY k)
                             FROM generate_series(1, coalesce(array_ndims(a), 0)) k), '') || ';'
                   || coalesce((SELECT string_agg(coalesce(e, '<NULL>'), '|' ORDER BY o) FROM unnest(a) WITH ORDINALITY u(e, o)), '')
              INTO r FROM (SELECT t::text[] AS a) s;
          ELSE
            PERFORM t::int4[];
            r := 'ok';
          END IF;
          RETURN r;
        EXCEPTION WHEN others THEN
          GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
          RETURN 'ERROR: ' || SQLERRM || CASE WHEN d <> '' THEN ' (' || d || ')' ELSE '' END;
        END $$;
        """

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func randomLiteralsReadAsTheServerReadsThem() throws {
        var random = SeededGenerator(seed: 31)
        var literals = Self.fixed
        for _ in 0..<1_200 { literals.append(Self.literal(&random, depth: 0)) }
        for _ in 0..<800 { literals.append(Self.damaged(Self.literal(&random, depth: 0), &random)) }

        let answers = try PostgresCluster.answers(
            loading: literals.map { [$0] }, into: "lits", setup: Self.functions,
            select: "SELECT id, read_array(lit, 'text'), read_array(lit, 'int4') FROM lits ORDER BY id", databasePrefix: "arrays")
        try #require(answers.count == literals.count)

        var mismatches = 0
        for (i, l) in literals.enumerated() {
            let fields = answers[i]
            guard fields.count == 2 else { Issue.record("row \(i): \(fields)"); continue }
            let oursText = Self.read(l, catalogType: "_text")
            let oursInt = Self.read(l, catalogType: "_int4")
            if oursText != fields[0] || oursInt != fields[1] {
                mismatches += 1
                if mismatches <= 10 {
                    Issue.record("\(l.debugDescription): text[] ours \(oursText.debugDescription) theirs \(fields[0].debugDescription); int4[] ours \(oursInt.debugDescription) theirs \(fields[1].debugDescription)")
                }
            }
        }
        #expect(mismatches == 0, "\(mismatches) of \(literals.count) literals read differently")
    }

    /// What `read_array` prints, from Chunkwise's reading.
    static func read(_ text: String, catalogType: String) -> String {
        do {
            try UnmodelledTypeInput.check(text, catalogType: catalogType)
        } catch {
            return "ERROR: " + error.description
        }
        guard catalogType == "_text", case .success(let literal) = PGArrayLiteral.parse(text) else { return "ok" }
        return literal.lengths.map(String.init).joined(separator: ",") + ";"
            + literal.elements.map { $0 ?? "<NULL>" }.joined(separator: "|")
    }

    static let fixed = [
        "{}", "{ }", " {} ", "{{}}", "{1,2,3}", "{1, 2 ,3 }", "{{1,2},{3,4}}", "{{1,2},{3}}", "{{1},2}", "{1,{2}}",
        "{a,b", "{a,b}}", "{a,b} x", "{a,,b}", "{,a}", "{a,}", "{\"a\",\"b\"}", "{\"a\"b}", "{a\"b\"}", "{\"a,b\"}",
        "{a\\,b}", "{a\\\"b}", "{\"a\\\\b\"}", "{  a  b  }", "{\"  a  \"}", "{a\\ }", "{NULL,null,\"NULL\",Null,NULLx}",
        "[1:2]={1,2}", "[0:1]={a,b}", "[1:3]={1,2}", "[2]={1,2}", "[1:2][1:1]={{1},{2}}", "[1:2]{1,2}", "[1:2]= {1,2}",
        "[2:1]={}", "[a]={1}", "[1:2", "{{{{{{1}}}}}}", "{{{{{{{1}}}}}}}", "1,2", "", " ", "{1,2}{3}", "{\\}", "{\"\\\"}",
        "{1,x}", "{1, 2147483648}", "{ -1 ,+2}", "{1.5}", "{é,日本}", "{\"\"}", "{{\"a\",\"b\"},{c,d}}", "{{a,b},{c,d}",
        "{a}}", "}", "{", "{\"a}", "{{},{}}", "{{1,2},{3,4},{5,6}}", "{{{1,2}},{{3,4}}}", "{{1,2},{3,4}},",
    ]

    static func literal(_ r: inout SeededGenerator, depth: Int) -> String {
        let n = Int(r.next() % 4)
        if depth < 2 && r.next() % 3 == 0 {
            // Sub-arrays, usually of one length.
            let width = Int(r.next() % 3) + 1
            let subs = (0..<(n + 1)).map { _ in
                "{" + (0..<(r.next() % 6 == 0 ? width + 1 : width)).map { _ in element(&r) }.joined(separator: ",") + "}"
            }
            return space(&r) + "{" + subs.joined(separator: "," + space(&r)) + "}" + space(&r)
        }
        let prefix = r.next() % 8 == 0 ? "[1:\(n)]=" : ""
        return prefix + "{" + (0..<n).map { _ in space(&r) + element(&r) + space(&r) }.joined(separator: ",") + "}"
    }

    static func element(_ r: inout SeededGenerator) -> String {
        let pieces = ["1", "-2", "42", "a", "hello world", "NULL", "null", "\"quoted\"", "\"with,comma\"", "\"\"",
                      "a\\,b", "\"q\\\"x\"", "é", " x ", "\"  \"", "3.5", "x1"]
        return pieces[Int(r.next() % UInt64(pieces.count))]
    }

    static func space(_ r: inout SeededGenerator) -> String {
        ["", "", " ", "  ", "\t"][Int(r.next() % 5)]
    }

    static func damaged(_ text: String, _ r: inout SeededGenerator) -> String {
        r.damage(text, replacements: ["{", "}", ",", "\"", "\\", " ", "[", "]", ":", "=", "a"], whenEmpty: "{")
    }
}
