import Foundation
import Server
import Testing

/// A `json` column written through the server keeps the text the body wrote (PostgREST hands the
/// body to `json_to_recordset` as `json`, which gives an object or array value to its column as
/// written); the expected bodies are PostgreSQL 15.18's for the same statements.
@Suite struct WrittenJSONTextTests {
    static func api() throws -> RestAPI {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jsontext-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "create table notes (id integer primary key, body text, doc json, meta jsonb);\n"
            .write(to: dir.appendingPathComponent("schema.sql"), atomically: true, encoding: .utf8)
        try "id,body,doc,meta\n1,a,\"{\"\"a\"\" :  1}\",\n".write(to: dir.appendingPathComponent("notes.csv"), atomically: true, encoding: .utf8)
        var config = ServedDatabase.Configuration()
        config.dataPaths = [dir.appendingPathComponent("notes.csv").path]
        config.schemaFiles = [dir.appendingPathComponent("schema.sql").path]
        return RestAPI(database: try ServedDatabase(config))
    }

    static let representation: [(name: String, value: String)] = [("Prefer", "return=representation"), ("Content-Type", "application/json")]

    @Test func insertsKeepJSONAsWritten() throws {
        let api = try Self.api()
        let body = #"[{"id": 5, "doc": {"x" :  [1, 2]}, "body": {"k" : 1}, "meta": {"q" :   1}}, {"id": 6, "doc": [ 1 ,2 ], "body": "a\u0041", "meta": null}]"#
        let r = api.handle(RestRequest(method: "POST", path: "/rest/v1/notes", query: "columns=id,doc,body,meta", headers: Self.representation, body: Array(body.utf8)))
        #expect(r.status == 201 && r.body == #"[{"id":5,"body":"{\"k\" : 1}","doc":{"x" :  [1, 2]},"meta":{"q": 1}}, "# + "\n " + #"{"id":6,"body":"aA","doc":[ 1 ,2 ],"meta":null}]"#, "\(r.body)")
        let read = api.handle(RestRequest(method: "GET", path: "/rest/v1/notes", query: "select=doc&order=id"))
        #expect(read.body == #"[{"doc":{"a" :  1}}, "# + "\n " + #"{"doc":{"x" :  [1, 2]}}, "# + "\n " + #"{"doc":[ 1 ,2 ]}]"#, "\(read.body)")
        let csv = api.handle(RestRequest(method: "GET", path: "/rest/v1/notes", query: "select=id,doc&id=eq.5", headers: [("Accept", "text/csv")]))
        #expect(csv.body == "id,doc\n5,\"{\"\"x\"\" :  [1, 2]}\"", "\(csv.body)")
        // A string stays a JSON string (its escapes read, as PostgreSQL re-writes it).
        let string = api.handle(RestRequest(method: "POST", path: "/rest/v1/notes", headers: Self.representation,
                                            body: Array(#"{"id": 7, "doc": "x\"y\u0041"}"#.utf8)))
        #expect(string.body == #"[{"id":7,"body":null,"doc":"x\"yA","meta":null}]"#, "\(string.body)")
    }

    @Test func updatesKeepJSONAsWritten() throws {
        let api = try Self.api()
        let r = api.handle(RestRequest(method: "PATCH", path: "/rest/v1/notes", query: "id=eq.1", headers: Self.representation,
                                       body: Array(#"{"doc": {"z" : null,  "w":[ ]}}"#.utf8)))
        #expect(r.status == 200 && r.body == #"[{"id":1,"body":"a","doc":{"z" : null,  "w":[ ]},"meta":null}]"#, "\(r.body)")
    }
}
