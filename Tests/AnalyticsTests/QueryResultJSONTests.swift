import Testing
import Analytics

@Suite("QueryResult JSON")
struct QueryResultJSONTests {
    @Test("strings are escaped as PostgreSQL's escape_json does; NULL is JSON null")
    func escaping() {
        let r = QueryResult(columns: ["a\"b"], rows: [["x\\y\n\u{08}\u{0C}\u{01}é"], [nil]])
        #expect(r.json == #"{"columns": ["a\"b"], "rows": [["x\\y\n\b\f\u0001é"], [null]]}"#)
    }
}
