import Testing
import TestSupport
import Analytics
import Schema
@testable import Server

/// Request-body values read into columns as PostgREST's `json_to_recordset(…) AS _(column type)`
/// reads them on PostgreSQL 15, on random JSON: arrays of every nesting into array columns (their
/// dimensions and, for `text[]`, the stored array), strings and other values into `jsonb` and
/// `text`, and the errors with their detail and hint.
@Suite("request-body values into columns against PostgreSQL", .serialized)
struct JSONRecordFieldDifferentialTests {
    static let types = ["text[]", "integer[]", "jsonb[]", "numeric[]", "jsonb", "text"]

    static let functions = """
        CREATE TABLE docs (id integer, typ text, doc text);
        CREATE FUNCTION read_field(j text, typ text) RETURNS text LANGUAGE plpgsql AS $$
        DECLARE d text; h text; r text;
        BEGIN
          IF typ LIKE '%[]' THEN
            EXECUTE format('SELECT CASE WHEN a IS NOT NULL THEN concat_ws(E''\\t'', coalesce(array_dims(a), ''-''), a::text, to_json(a)::text) END FROM json_to_recordset(%L) AS _(a %s)',
                           '[{"a":' || j || '}]', typ) INTO r;
          ELSE
            EXECUTE format('SELECT a::text FROM json_to_recordset(%L) AS _(a %s)', '[{"a":' || j || '}]', typ) INTO r;
          END IF;
          RETURN coalesce('ok ' || r, 'NULL');
        EXCEPTION WHEN others THEN
          GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL, h = PG_EXCEPTION_HINT;
          RETURN 'ERROR: ' || SQLERRM || CASE WHEN d <> '' THEN ' (' || d || ')' ELSE '' END
                 || CASE WHEN h <> '' THEN ' [' || h || ']' ELSE '' END;
        END $$;
        """

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func randomBodiesReadAsTheServerReadsThem() throws {
        var random = SeededGenerator(seed: 29)
        var cases: [(type: String, json: JSONDocument)] = []
        for type in Self.types {
            for text in Self.fixed { cases.append((type, try JSONDocument.parse(Array(text.utf8)))) }
            for _ in 0..<250 { cases.append((type, Self.value(&random, depth: 0))) }
        }
        let answers = try PostgresCluster.answers(
            loading: cases.map { [$0.type, $0.json.text] }, into: "docs", setup: Self.functions,
            select: "SELECT id, read_field(doc, typ) FROM docs ORDER BY id", databasePrefix: "recordfield")
        try #require(answers.count == cases.count)
        var tally = DifferentialTally()
        for (i, c) in cases.enumerated() {
            let fields = answers[i]
            guard fields.count == 1 else { Issue.record("row \(i): \(fields)"); continue }
            var theirs = fields[0]
            let ours = Self.read(c.json, type: c.type)
            // Arrays: dimensions, the stored text (compared for text[] only: other element types
            // print by their output functions), then to_json as PostgREST answers with it.
            if c.type.hasSuffix("[]") && c.type != "text[]" && theirs.hasPrefix("ok ") {
                let parts = theirs.split(separator: "\t", omittingEmptySubsequences: false)
                if parts.count == 3 { theirs = parts[0] + "\t" + parts[2] }
            }
            tally.compare("\(c.type) \(c.json.text)", ours: ours, theirs: theirs, accepted: ours.hasPrefix("ok"))
        }
        tally.expectAgreement(of: "values")
    }

    /// What the SQL function prints, computed by Chunkwise: the field text, then the column's input.
    static func read(_ json: JSONDocument, type: String) -> String {
        let column: ColumnDefinition
        switch type {
        case "jsonb": column = ColumnDefinition("a", .jsonb)
        case "text": column = ColumnDefinition("a", .text)
        default:
            column = {
                var c = ColumnDefinition("a", .text)
                c.catalogType = ["text[]": "_text", "integer[]": "_int4", "jsonb[]": "_jsonb", "numeric[]": "_numeric"][type]
                return c
            }()
        }
        let field: String?
        do { field = try JSONRecordField.text(json, column: column) } catch {
            return "ERROR: " + error.message + (error.details.map { " (\($0))" } ?? "") + (error.hint.map { " [\($0)]" } ?? "")
        }
        guard let field else { return "NULL" }
        if column.catalogType == nil {
            do { return "ok " + (try Value.parse(field, as: column.type).text(as: column.type) ?? "?") } catch {
                return "ERROR: " + error.description
            }
        }
        do { try UnmodelledTypeInput.check(field, catalogType: column.catalogType!) } catch { return "ERROR: " + error.description }
        guard case .success(let literal) = PGArrayLiteral.parse(field) else { return "check accepted, parse refused" }
        let dims = literal.lengths.isEmpty ? "-" : literal.lengths.map { "[1:\($0)]" }.joined()
        var json = ""
        PostgresJSON.appendArray(literal: field, elementType: String(column.catalogType!.dropFirst()), zone: .utc, to: &json)
        guard type == "text[]" else { return "ok " + dims + "\t" + json }
        return "ok " + dims + "\t" + arrayOut(literal) + "\t" + json
    }

    /// `array_out` of a text array: braces by dimension, elements quoted where `array_in` would
    /// misread them bare.
    static func arrayOut(_ literal: PGArrayLiteral) -> String {
        guard !literal.lengths.isEmpty else { return "{}" }
        func quote(_ e: String?) -> String {
            guard let e else { return "NULL" }
            let special = e.isEmpty || e.lowercased() == "null" || e.contains { "{}\",\\".contains($0) || $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" }
            guard special else { return e }
            return "\"" + e.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var index = 0
        func level(_ d: Int) -> String {
            var parts: [String] = []
            for _ in 0..<literal.lengths[d] {
                if d == literal.lengths.count - 1 { parts.append(quote(literal.elements[index])); index += 1 } else { parts.append(level(d + 1)) }
            }
            return "{" + parts.joined(separator: ",") + "}"
        }
        return level(0)
    }

    static let fixed = [
        "[]", "[[]]", "[[],[]]", "[[],[1]]", "[[1],[]]", "[[],1]", "[1,[]]", "[[1,2],[3,4]]", "[[1,2],[3]]", "[[1],[2,3]]",
        "[1,[2]]", "[[1],2]", "[[[1]],[2]]", "[[1],[[2]]]", "[[[1],[2]],[[3],4]]", "[[[[[[[1]]]]]]]", "[[[[[[1]]]]]]",
        "5", "true", "{\"k\":1}", "\"{p,q}\"", "\"{1,2\"", "null", "[null]", "[\"NULL\",\"\",\" a \",\"q\\\"\",\"b\\\\s\"]",
        "[{\"k\":1},[1],\"s\",2]", "[1.234,\"2\"]", "[1234.5]", "[1e2,-0,1.50]", "\"hello\"", "[true,false]", "[\"é,{}\"]",
    ]

    static func value(_ r: inout SeededGenerator, depth: Int) -> JSONDocument {
        let scalars: [JSONDocument] = [
            .number("1"), .number("-7"), .number("2.5"), .number("1e2"), .number("123456"), .string("x"), .string("NULL"),
            .string(""), .string("a,b"), .string("{1}"), .string("q\"u"), .string("b\\s"), .string(" 3 "), .string("12.345"),
            .bool(true), .null, .object([(key: "k", value: .number("1"))]),
        ]
        let roll = r.next() % 10
        if depth < 4 && roll < (depth == 0 ? 8 : 4) {
            // An array of 0–3 items, the items alike in shape more often than not.
            let count = Int(r.next() % 4)
            if r.next() % 3 == 0 { return .array((0..<count).map { _ in value(&r, depth: depth + 1) }) }
            let template = value(&r, depth: depth + 1)
            return .array((0..<count).map { _ in reshaped(template, &r) })
        }
        return scalars[Int(r.next() % UInt64(scalars.count))]
    }

    /// `template` with its scalars drawn again (the same nesting and lengths).
    static func reshaped(_ template: JSONDocument, _ r: inout SeededGenerator) -> JSONDocument {
        if case .array(let items) = template { return .array(items.map { reshaped($0, &r) }) }
        return value(&r, depth: 9)
    }
}
