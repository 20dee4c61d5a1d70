import Testing
import Analytics
import Schema

@Suite("QueryResult JSON")
struct QueryResultJSONTests {
    @Test("strings are escaped as PostgreSQL's escape_json does; NULL is JSON null")
    func escaping() {
        let r = QueryResult(columns: ["a\"b"], rows: [["x\\y\n\u{08}\u{0C}\u{01}é"], [nil]])
        #expect(r.json == #"{"columns": ["a\"b"], "rows": [["x\\y\n\b\f\u0001é"], [null]]}"#)
    }

    /// `row_to_json` on PostgreSQL 15: `{"a":"NaN","b":"Infinity","c":"-Infinity","d":1.50}`.
    @Test("NaN and the infinities are JSON strings, numbers stay numbers")
    func numericSpecials() throws {
        let values: [Value] = [.numeric(.nan), .numeric(.infinity), .numeric(.negativeInfinity), .numeric(try PGNumeric.parse("1.50"))]
        let json = PostgresJSON.object(names: ["a", "b", "c", "d"], types: Array(repeating: .numeric(precision: nil, scale: nil), count: 4),
                                       values: values, zone: .utc)
        #expect(json == #"{"a":"NaN","b":"Infinity","c":"-Infinity","d":1.50}"#)
    }
}
