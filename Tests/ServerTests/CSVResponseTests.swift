import Foundation
import Server
import Testing

/// `Accept: text/csv` (`.csv()` in the clients) as PostgREST 12 answers it: its SQL-built body
/// (`SqlFragment.asCsvF`), `Content-Type: text/csv; charset=utf-8`, the same ranges and counts as
/// JSON, and the media type picked in the client's order. `ServeDifferentialTests` holds the
/// bodies to PostgreSQL 15 on the fixtures.
@Suite struct CSVResponseTests {
    static func get(_ path: String, _ query: String = "", accept: String = "text/csv",
                    headers: [(name: String, value: String)] = [], method: String = "GET") -> RestRequest {
        RestRequest(method: method, path: "/rest/v1/" + path, query: query, headers: [("Accept", accept)] + headers)
    }

    @Test func tableReadsAreRecordTextUnderTheKeys() throws {
        let api = try RestAPITests.api()
        let r = api.handle(Self.get("market_data", "select=timestamp,close,volume,interval&order=timestamp"))
        #expect(r.status == 200)
        #expect(r.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(r.header("Content-Range") == "0-1/*")
        #expect(r.body == "timestamp,close,volume,interval\n\"2025-01-02 14:30:00+00\",101.00,1200,1h\n\"2025-01-02 15:30:00+00\",101.50,,1h")
        // The session zone (Prefer: timezone) prints the timestamps; aliases and casts as in JSON.
        let zoned = api.handle(Self.get("market_data", "select=t:timestamp,close::int,volume::text&order=timestamp.desc&limit=1",
                                        headers: [("Prefer", "timezone=America/New_York, count=exact")]))
        #expect(zoned.status == 206 && zoned.header("Content-Range") == "0-0/2", "\(zoned.body)")
        #expect(zoned.body == "t,close,volume\n\"2025-01-02 10:30:00-05\",102,", "\(zoned.body)")
    }

    /// No row: the header comes from the first row, so the body is just the newline.
    @Test func anEmptyReadIsOneNewline() throws {
        let api = try RestAPITests.api()
        let r = api.handle(Self.get("market_data", "close=lt.0"))
        #expect(r.status == 200 && r.body == "\n" && r.header("Content-Range") == "*/*", "\(r.body)")
        let head = api.handle(Self.get("market_data", method: "HEAD"))
        #expect(head.status == 200 && head.body.isEmpty && head.header("Content-Type") == "text/csv; charset=utf-8")
    }

    /// record_out's quoting (checked against PostgreSQL 15): empty strings and text holding
    /// `"` `\` `(` `)` `,` or white space in quotes with `"` and `\` doubled, NULL as nothing,
    /// jsonb normalized, json in its key order, arrays as array_out prints them, numeric at its scale.
    @Test func valuesAreQuotedAsRecordOut() throws {
        let api = try RestAPITests.api(grants: """
            CREATE TABLE notes (id bigint PRIMARY KEY, note text, meta jsonb, doc json, tags text[], flag boolean, amount numeric(10,3), at timestamptz);
            GRANT ALL ON notes TO anon;
            """)
        let rows = #"[{"id":1,"note":"a \"q\", b\\c (x)","meta":{"b":1,"a":[1, 2]},"doc":{"b":1,"a":[1,2]},"tags":["x","y z"],"flag":true,"amount":1.5,"at":"2024-01-02T03:04:05.5Z"},"#
            + #"{"id":2,"note":"","meta":"s","doc":null,"tags":[],"flag":false,"amount":null,"at":null},"#
            + #"{"id":3,"note":"tab\there","meta":null,"doc":[],"tags":null,"flag":null,"amount":-0.0005,"at":"infinity"}]"#
        let insert = api.handle(RestAPITests.post("notes", rows))
        #expect(insert.status == 201, "\(insert.body)")
        let r = api.handle(Self.get("notes", "order=id"))
        let expected = ["id,note,meta,doc,tags,flag,amount,at",
                        #"1,"a ""q"", b\\c (x)","{""a"": [1, 2], ""b"": 1}","{""b"":1,""a"":[1,2]}","{x,""y z""}",t,1.500,"2024-01-02 03:04:05.5+00""#,
                        #"2,"","""s""",,{},f,,"#,
                        "3,\"tab\there\",,[],,,-0.001,infinity"]
        #expect(r.body == expected.joined(separator: "\n"), "\(r.body)")
    }

    /// PostgREST picks the first media type of `Accept` it produces: `.single()` then `.csv()` in
    /// the clients sends `text/csv` alone, every row as CSV.
    @Test func theFirstAcceptedTypeWins() throws {
        let api = try RestAPITests.api()
        let csv = api.handle(Self.get("market_data", "select=close&order=timestamp", accept: "text/csv, application/vnd.pgrst.object+json"))
        #expect(csv.status == 200 && csv.body == "close\n101.00\n101.50", "\(csv.body)")
        let single = api.handle(Self.get("market_data", "select=close", accept: "application/vnd.pgrst.object+json, text/csv"))
        #expect(single.status == 406 && single.body.contains("PGRST116"), "\(single.body)")
        let json = api.handle(Self.get("market_data", "select=close&order=timestamp", accept: "application/json, text/csv"))
        #expect(json.body == "[{\"close\":101.00}, \n {\"close\":101.50}]", "\(json.body)")
        let skipped = api.handle(Self.get("market_data", "select=close&order=timestamp&limit=1", accept: "text/plain, text/csv"))
        #expect(skipped.body == "close\n101.00", "\(skipped.body)")
    }

    /// The order is wai-extra's parseHttpAccept: by `q` weight, then by specificity (`;` count less
    /// `*` count), then as written.
    @Test func weightsAndSpecificityOrderTheAcceptHeader() throws {
        let api = try RestAPITests.api()
        let cases: [(String, String)] = [
            ("*/*, text/csv", "close\n101.00"),
            ("application/*,text/csv", "close\n101.00"),
            ("text/csv;q=0.5, application/json", #"[{"close":101.00}]"#),
            ("application/json;q=0.2, text/csv ; q=0.3", "close\n101.00"),
            ("text/csv, application/vnd.pgrst.object+json;nulls=stripped", #"{"close":101.00}"#),
            ("text/csv;q=x, application/json", "close\n101.00"),
            ("text/csv;q=-1, application/json", #"[{"close":101.00}]"#),
            ("text/plain;q=1, text/csv;q=0.001", "close\n101.00"),
        ]
        for (accept, body) in cases {
            let r = api.handle(Self.get("market_data", "select=close&order=timestamp&limit=1", accept: accept))
            #expect(r.status == 200 && r.body == body, "\(accept): \(r.body)")
        }
        let none = api.handle(Self.get("market_data", accept: "text/plain;q=1, text/xml"))
        #expect(none.status == 406 && none.body.contains("PGRST107"), "\(none.body)")
    }

    /// A call's header comes from the call itself (PostgREST's `pgrst_source`): its columns, or
    /// the selected ones sorted, even when filters then keep no row.
    @Test func callsTakeTheHeaderFromTheCall() throws {
        let api = try RestAPITests.api()
        let body = Array(#"{"p_ticker_id":"\#(RestAPITests.ticker)"}"#.utf8)
        let all = api.handle(RestRequest(method: "POST", path: "/rest/v1/rpc/get_latest_price", headers: [("Accept", "text/csv")], body: body))
        #expect(all.status == 200 && all.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(all.body.hasPrefix("id,ticker_id,timestamp,open,high,low,close,volume,interval"), "\(all.body)")
        let shaped = api.handle(RestRequest(method: "POST", path: "/rest/v1/rpc/get_latest_price", query: "select=volume,close",
                                            headers: [("Accept", "text/csv")], body: body))
        #expect(shaped.body == "close,volume\n,101.50", "\(shaped.body)")
        let none = api.handle(RestRequest(method: "POST", path: "/rest/v1/rpc/get_latest_price", query: "select=volume,close&close=lt.0",
                                          headers: [("Accept", "text/csv")], body: body))
        #expect(none.status == 200 && none.body == "close,volume\n", "\(none.body)")
        let get = api.handle(Self.get("rpc/get_latest_price", "p_ticker_id=\(RestAPITests.ticker)&select=close"))
        #expect(get.body == "close\n101.50", "\(get.body)")
    }

    /// Writes with `return=representation` answer CSV too (PostgREST's prepareWrite): the header
    /// from the write's `RETURNING` — the selected columns and the primary key, sorted, or every
    /// column for `*` — over the selected values (checked against PostgreSQL 15).
    @Test func writesReturnCSV() throws {
        let api = try RestAPITests.api()
        let bar = #"{"ticker_id":"\#(RestAPITests.ticker)","timestamp":"2030-01-01T00:00:00Z","open":1,"high":2,"low":0.5,"close":1.5,"volume":null,"interval":"1h"}"#
        let csv: [(name: String, value: String)] = [("Accept", "text/csv"), ("Prefer", "return=representation")]
        let inserted = api.handle(RestAPITests.post("market_data", bar, query: "select=volume,close", headers: csv))
        #expect(inserted.status == 201 && inserted.header("Content-Type") == "text/csv; charset=utf-8", "\(inserted.body)")
        #expect(inserted.body == "close,id,volume\n,1.50", "\(inserted.body)")
        let minimal = api.handle(RestAPITests.post("market_data", bar.replacingOccurrences(of: "2030", with: "2031"), headers: [("Accept", "text/csv")]))
        #expect(minimal.status == 201 && minimal.body.isEmpty && minimal.header("Content-Type") == nil, "\(minimal.body)")
        let none = api.handle(RestRequest(method: "PATCH", path: "/rest/v1/market_data", query: "close=lt.0", headers: csv, body: Array(#"{"volume":1}"#.utf8)))
        #expect(none.status == 200 && none.body == "\n" && none.header("Content-Range") == "*/*", "\(none.body)")
        let updated = api.handle(RestRequest(method: "PATCH", path: "/rest/v1/market_data", query: "timestamp=gte.2030-01-01&select=timestamp,v:volume",
                                             headers: csv, body: Array(#"{"volume":7}"#.utf8)))
        #expect(updated.body == "id,timestamp,volume\n\"2030-01-01 00:00:00+00\",7\n\"2031-01-01 00:00:00+00\",7", "\(updated.body)")
        // CSV first: every deleted row, not the single object's 406.
        let deleted = api.handle(RestRequest(method: "DELETE", path: "/rest/v1/market_data", query: "timestamp=gte.2030-01-01&order=timestamp",
                                             headers: [("Accept", "text/csv, application/vnd.pgrst.object+json"), ("Prefer", "return=representation")]))
        #expect(deleted.status == 200 && deleted.body.hasPrefix("id,ticker_id,timestamp,open,high,low,close,volume,interval"), "\(deleted.body)")
        #expect(deleted.body.split(separator: "\n").count == 3, "\(deleted.body)")
        let count = api.handle(Self.get("market_data", headers: [("Prefer", "count=exact")], method: "HEAD"))
        #expect(count.header("Content-Range") == "0-1/2")
    }
}
