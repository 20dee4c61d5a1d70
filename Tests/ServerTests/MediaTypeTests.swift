import Server
import Testing

/// `Accept` and `Content-Type` as PostgREST 12 reads them (`MediaType.decodeMediaType`, compared
/// byte for byte): other spellings and wildcards other than `*/*` are types it has no handler for.
@Suite struct MediaTypeTests {
    static func get(_ api: RestAPI, accept: String) -> RestResponse {
        api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "select=close&order=timestamp&limit=1", headers: [("Accept", accept)]))
    }

    /// `Application/JSON`, `TEXT/CSV` and `application/*` are not JSON or CSV: 406 `PGRST107`,
    /// naming the types as PostgREST does — in the order it tried them, each by its `toMime`.
    @Test func acceptIsCaseSensitiveAndHasNoSubtypeWildcard() throws {
        let api = try RestAPITests.api()
        let cases: [(String, String)] = [
            ("Application/JSON", "Application/JSON"),
            ("application/*", "application/*"),
            ("TEXT/CSV", "TEXT/CSV"),
            ("text/plain;q=0.5, image/png;x=1", "image/png, text/plain"),
            ("application/vnd.pgrst.plan+json;for=\"text/csv\";options=verbose|analyze",
             #"application/vnd.pgrst.plan+json; for=\"text/csv\"; options=analyze|verbose"#),
        ]
        for (accept, named) in cases {
            let r = Self.get(api, accept: accept)
            #expect(r.status == 406 && r.body == #"{"code":"PGRST107","details":null,"hint":null,"message":"None of these media types are available: \#(named)"}"#,
                    "\(accept): \(r.body)")
        }
        let csv = Self.get(api, accept: "application/*, text/csv")
        #expect(csv.status == 200 && csv.body == "close\n101.00", "\(csv.body)")
        let json = Self.get(api, accept: "application/json;charset=utf-8")
        #expect(json.status == 200 && json.body == #"[{"close":101.00}]"#, "\(json.body)")
    }

    /// A write's `Content-Type` other than `application/json` (compared case-sensitively; absent
    /// is JSON) is 400 `PGRST102` "Content-Type not acceptable", and nothing is written.
    @Test func contentTypeOtherThanJSONIsRefused() throws {
        let api = try RestAPITests.api()
        let body = #"{"id":"0b7c1a52-8f0e-4d8c-9a51-3f2b6e1d0c09","ticker_id":"\#(RestAPITests.ticker)","timestamp":"2025-01-02 16:30:00+00","open":1,"high":1,"low":1,"close":1,"interval":"1h"}"#
        for type in ["text/plain", "Application/json", "application/vnd.pgrst.object+json"] {
            let r = api.handle(RestAPITests.post("market_data", body, headers: [("Content-Type", type)]))
            #expect(r.status == 400 && r.body == #"{"code":"PGRST102","details":null,"hint":null,"message":"Content-Type not acceptable: \#(type)"}"#,
                    "\(type): \(r.body)")
        }
        let patch = api.handle(RestRequest(method: "PATCH", path: "/rest/v1/market_data", query: "close=gt.0",
                                           headers: [("Content-Type", "TEXT/PLAIN")], body: Array(#"{"close":2}"#.utf8)))
        #expect(patch.status == 400 && patch.body.contains("Content-Type not acceptable: TEXT/PLAIN"), "\(patch.body)")
        let count = api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "select=close&close=eq.1"))
        #expect(count.body == "[]", "\(count.body)")
        let written = api.handle(RestAPITests.post("market_data", body, headers: [("Content-Type", "application/json; charset=utf-8")]))
        #expect(written.status == 201, "\(written.body)")
    }

    /// `nulls=stripped`: PostgREST's `json_strip_nulls` over the aggregate — members whose value
    /// is null dropped, the document written compactly (PostgreSQL 15.18's answer for the rows).
    @Test func nullsStrippedDropsNullMembersAsJSONStripNulls() throws {
        let api = try RestAPITests.api()
        let array = Self.get(api, accept: "application/vnd.pgrst.array+json;nulls=stripped")
        #expect(array.body == #"[{"close":101.00}]"#, "\(array.body)")
        let rows = api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "select=close,volume&order=timestamp",
                                          headers: [("Accept", "application/vnd.pgrst.array+json;nulls=stripped")]))
        #expect(rows.body == #"[{"close":101.00,"volume":1200},{"close":101.50}]"#, "\(rows.body)")
        #expect(rows.header("Content-Type") == "application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8")
        let one = api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "select=close,volume&order=timestamp&offset=1",
                                         headers: [("Accept", "application/vnd.pgrst.object+json;nulls=stripped")]))
        #expect(one.body == #"{"close":101.50}"# && one.header("Content-Type") == "application/vnd.pgrst.object+json;nulls=stripped; charset=utf-8", "\(one.body)")
    }
}
