import Crypto
import Foundation
import Server
import Testing
import TestSupport

/// The REST layer without a socket or a database: wire conventions, errors, writes, roles.
@Suite struct RestAPITests {
    static let ticker = "3f1c2a9e-5b7d-4e21-9a0b-6c8d7e5f4a31"
    static let secret = "a-test-secret-that-is-long-enough-for-hs256"

    static func api(jwt: Bool = false, grants: String? = nil) throws -> RestAPI {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rest-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let csv = """
            id,ticker_id,timestamp,open,high,low,close,volume,interval
            0b7c1a52-8f0e-4d8c-9a51-3f2b6e1d0c01,\(ticker),2025-01-02 14:30:00+00,100.00,101.25,99.50,101.00,1200,1h
            0b7c1a52-8f0e-4d8c-9a51-3f2b6e1d0c02,\(ticker),2025-01-02 15:30:00+00,101.00,102.00,100.75,101.5,,1h

            """
        try csv.write(to: dir.appendingPathComponent("market_data.csv"), atomically: true, encoding: .utf8)
        var config = ServedDatabase.Configuration()
        config.dataPaths = [dir.path]
        config.now = 1_735_862_400_000_000  // 2025-01-03 00:00:00+00
        if jwt { config.jwtSecret = secret }
        if let grants {
            let sql = SharedData.packageRoot.appendingPathComponent("sql")
            let g = dir.appendingPathComponent("grants.sql")
            try grants.write(to: g, atomically: true, encoding: .utf8)
            config.schemaFiles = [sql.appendingPathComponent("001_nqp_schema.sql").path, sql.appendingPathComponent("010_analytics_functions.sql").path, g.path]
        }
        return RestAPI(database: try ServedDatabase(config))
    }

    static func token(_ claims: String, secret: String = secret) -> String {
        func b64(_ bytes: [UInt8]) -> String {
            Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let head = b64(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8)), body = b64(Array(claims.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Array((head + "." + body).utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return head + "." + body + "." + b64(Array(mac))
    }

    static func post(_ path: String, _ body: String, query: String = "", headers: [(name: String, value: String)] = []) -> RestRequest {
        RestRequest(method: "POST", path: "/rest/v1/" + path, query: query, headers: headers, body: Array(body.utf8))
    }

    @Test func rpcAnswersWithJSONAggBody() throws {
        let r = try Self.api().handle(Self.post("rpc/get_latest_price", #"{"p_ticker_id":"\#(Self.ticker)"}"#))
        #expect(r.status == 200)
        #expect(r.body.hasPrefix(#"[{"id":"0b7c1a52-8f0e-4d8c-9a51-3f2b6e1d0c02""#))
        #expect(r.body.contains(#""close":101.50,"volume":null"#))
    }

    @Test func errorsHavePostgRESTsShape() throws {
        let api = try Self.api()
        let cases: [(RestRequest, Int, String)] = [
            (Self.post("rpc/nope", "{}"), 404, "PGRST202"),
            (Self.post("rpc/get_latest_price", #"{"p_ticker_id": 1"#), 400, "PGRST102"),
            (Self.post("rpc/get_latest_price", #"{"p_ticker_id":"x"}"#), 400, "22P02"),
            (RestRequest(method: "GET", path: "/rest/v1/nope"), 404, "PGRST205"),
            (RestRequest(method: "GET", path: "/rest/v1/market_data", query: "select=nope"), 400, "42703"),
            (RestRequest(method: "GET", path: "/rest/v1/market_data", query: "close=gt.abc"), 400, "22P02"),
            (RestRequest(method: "GET", path: "/rest/v1/market_data", query: "close=between.1"), 400, "PGRST100"),
            (RestRequest(method: "GET", path: "/rest/v1/market_data", query: "order=close.up"), 400, "PGRST100"),
            (RestRequest(method: "GET", path: "/rest/v1/market_data", query: "limit=-1"), 416, "PGRST103"),
            (RestRequest(method: "PUT", path: "/rest/v1/market_data"), 405, "PGRST117"),
            (RestRequest(method: "DELETE", path: "/rest/v1/market_data"), 400, "21000"),
            (RestRequest(method: "PATCH", path: "/rest/v1/market_data", body: Array(#"{"volume":1}"#.utf8)), 400, "21000"),
            (RestRequest(method: "GET", path: "/rest/v1/market_data", query: "or=(close.gt.1"), 400, "PGRST100"),
            (RestRequest(method: "GET", path: "/rest/v1/market_data", query: "ticker_id=like.x"), 404, "42883"),
            (RestRequest(method: "GET", path: "/elsewhere"), 404, "PGRST125"),
        ]
        for (request, status, code) in cases {
            let r = api.handle(request)
            #expect(r.status == status, "\(request.path)?\(request.query): \(r.body)")
            #expect(r.body.hasPrefix("{\"code\":\"\(code)\",\"details\":"), "\(r.body)")
            #expect(r.header("Content-Type") == "application/json; charset=utf-8")
        }
    }

    /// `offset` and `limit` up to Int.max are windows past the end, not an overflow (a read and
    /// a limited delete both answer, and the server keeps serving).
    @Test func largestOffsetsAndLimitsAnswer() throws {
        let api = try Self.api()
        let max = String(Int.max)
        for query in ["offset=\(max)&limit=1", "select=open&limit=\(max)&offset=1", "limit=\(max)&offset=\(max)"] {
            let r = api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: query))
            #expect(r.status == 200, "\(query): \(r.body)")
        }
        let all = api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "limit=\(max)"))
        #expect(all.status == 200 && all.header("Content-Range") == "0-1/*", "\(all.header("Content-Range") ?? "")")
        let past = api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "offset=\(max)&limit=\(max)"))
        #expect(past.body == "[]" && past.header("Content-Range") == "*/*")
        let none = api.handle(RestRequest(method: "DELETE", path: "/rest/v1/market_data",
                                          query: "close=gt.0&order=timestamp&offset=1&limit=\(max)", headers: [("Prefer", "count=exact")]))
        #expect(none.status == 204 && none.header("Content-Range") == "0-0/1", "\(none.status) \(none.header("Content-Range") ?? "") \(none.body)")
    }

    /// Filter operands compare under the column's base type, as PostgreSQL resolves PostgREST's
    /// literals: no typmod overflow or length error.
    @Test func filterOperandsIgnoreTheColumnsTypmod() throws {
        let api = try Self.api()
        let cases: [(String, Int)] = [("open=gt.1e400", 0), ("open=lt.1e400", 2), ("open=gt.-1e400", 2), ("close=eq.101.500", 1),
                                      ("open=gt.99999999999.99", 0), ("interval=eq.an-interval-too-long", 0), ("interval=in.(1h,xxxxxxxxxxxxxxx)", 2)]
        for (query, rows) in cases {
            let r = api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: query))
            #expect(r.status == 200, "\(query): \(r.body)")
            #expect(r.body.components(separatedBy: "\"ticker_id\"").count - 1 == rows, "\(query): \(r.body)")
        }
    }

    /// `*` stands for every column where it is written, beside aliases and other columns.
    @Test func starAmongOtherSelectItems() throws {
        let api = try Self.api()
        let all = api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "limit=1"))
        let withAlias = api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "select=*,px:close&limit=1"))
        #expect(withAlias.body == String(all.body.dropLast(2)) + #","px":101.00}]"#, "\(withAlias.body)")
        let first = api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "select=px:close,*&limit=1"))
        #expect(first.body.hasPrefix(#"[{"px":101.00,"id":"#), "\(first.body)")
        let star = api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "select=*&limit=1"))
        #expect(star.body == all.body)
    }

    /// On a GET call, `select`, `order`, `limit` and values with an operator (`close=gt.100`)
    /// shape the function's rows; the other keys are its arguments (PostgREST 12's QueryParams).
    @Test func getCallsShapeTheResultAsPostgREST() throws {
        let api = try Self.api()
        func get(_ extra: String) -> RestResponse {
            api.handle(RestRequest(method: "GET", path: "/rest/v1/rpc/get_latest_price", query: "p_ticker_id=\(Self.ticker)&\(extra)"))
        }
        #expect(get("select=close").body == #"[{"close":101.50}]"#)
        #expect(get("select=px:close&close=gt.101").body == #"[{"px":101.50}]"#)
        #expect(get("close=gt.200").body == "[]")
        #expect(get("limit=0").body == "[]")
        #expect(get("order=timestamp.desc&select=*").status == 200)
        // A filter is not an argument: no misleading PGRST202 naming it.
        let misspelled = get("close=gt.1&select=clse")
        #expect(misspelled.status == 400 && misspelled.body.contains("column pgrst_call.clse does not exist"), "\(misspelled.body)")
        let besideStar = get("select=*,clse")
        #expect(besideStar.status == 400 && besideStar.body.contains("column get_latest_price.clse does not exist"), "\(besideStar.body)")
        // PostgREST 12 returns only the selected columns from the call: a filter on another is 42703.
        let unselected = get("select=close&volume=gt.1")
        #expect(unselected.status == 400 && unselected.body.contains("column get_latest_price.volume does not exist"), "\(unselected.body)")
        let unknown = api.handle(RestRequest(method: "GET", path: "/rest/v1/rpc/get_latest_price", query: "p_tickr=\(Self.ticker)&close=gt.1"))
        #expect(unknown.status == 404 && unknown.body.contains("with parameter p_tickr or"), "\(unknown.body)")
    }

    /// A media type the server does not write is 406, not JSON under a type the client did not ask for.
    @Test func unservedMediaTypesAre406() throws {
        let api = try Self.api()
        for accept in ["application/geo+json", "text/plain", "text/xml, application/geo+json"] {
            let r = api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", headers: [("Accept", accept)]))
            #expect(r.status == 406 && r.body.contains("PGRST107"), "\(accept): \(r.body)")
        }
        for accept in ["application/json", "*/*", "text/plain, application/json;q=0.5", "application/vnd.pgrst.object+json;nulls=stripped"] {
            let r = api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "limit=1", headers: [("Accept", accept)]))
            #expect(r.status == 200, "\(accept): \(r.body)")
        }
    }

    /// PostgREST 12's ranges (RangeQuery.rangeStatusHeader, ApiRequest.getRanges): 416 only for an
    /// offset strictly past the counted total, 206 with `*/N` for an empty window inside it,
    /// `limit=0` as an empty window, a negative limit 416, an unreadable limit or offset ignored.
    @Test func rangesAnswerAsPostgREST12() throws {
        let api = try Self.api()
        func get(_ query: String, count: Bool = true, range: String? = nil) -> RestResponse {
            var headers: [(name: String, value: String)] = count ? [("Prefer", "count=exact")] : []
            if let range { headers.append(("Range", range)) }
            return api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "select=volume&order=timestamp&" + query, headers: headers))
        }
        let atEnd = get("offset=2&limit=3")
        #expect(atEnd.status == 206 && atEnd.header("Content-Range") == "*/2" && atEnd.body == "[]", "\(atEnd.status) \(atEnd.body)")
        let past = get("offset=3&limit=3")
        #expect(past.status == 416 && past.body.contains(#""details":"An offset of 3 was requested, but there are only 2 rows.""#))
        #expect(get("offset=3", count: false).status == 200)
        let zero = get("limit=0")
        #expect(zero.status == 206 && zero.header("Content-Range") == "*/2" && zero.body == "[]", "\(zero.status) \(zero.body)")
        let negative = get("limit=-1", count: false)
        #expect(negative.status == 416 && negative.body == #"{"code":"PGRST103","details":"Limit should be greater than or equal to zero.","hint":null,"message":"Requested range not satisfiable"}"#, "\(negative.body)")
        for ignored in ["limit=abc", "limit=1.5", "offset=x", "limit=%2B1"] {
            let r = get(ignored)
            #expect(r.status == 200 && r.header("Content-Range") == "0-1/2", "\(ignored): \(r.status) \(r.body)")
        }
        let first = get("limit=1")
        #expect(first.status == 206 && first.header("Content-Range") == "0-0/2" && first.body == #"[{"volume":1200}]"#)
        let reversed = get("", range: "1-0")
        #expect(reversed.status == 416 && reversed.body.contains("The lower boundary must be lower than or equal to the upper boundary in the Range header."))
        #expect(get("", range: "garbage").status == 200)
        // Only GET reads the Range header (PostgREST 11+): HEAD and a POST call ignore it.
        let head = api.handle(RestRequest(method: "HEAD", path: "/rest/v1/market_data", headers: [("Prefer", "count=exact"), ("Range", "1-1")]))
        #expect(head.status == 200 && head.header("Content-Range") == "0-1/2", "\(head.status) \(head.header("Content-Range") ?? "")")
        let call = api.handle(Self.post("rpc/get_latest_price", #"{"p_ticker_id":"\#(Self.ticker)"}"#, headers: [("Range", "5-9")]))
        #expect(call.status == 200 && call.body.hasPrefix("[{"), "\(call.body)")
        #expect(get("offset=-1").body.contains(#""code":"2201X""#))
    }

    /// `now`, `today`, `tomorrow` and `yesterday` in filter operands read the server's clock
    /// (`--now`, 2025-01-03 00:00:00+00 here), as PostgreSQL reads them at the transaction's start.
    @Test func specialTimestampOperandsReadTheClock() throws {
        let api = try Self.api()
        func count(_ query: String) -> Int {
            let r = api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "select=id&" + query))
            #expect(r.status == 200, "\(query): \(r.body)")
            return r.body.components(separatedBy: "\"id\"").count - 1
        }
        #expect(count("timestamp=lt.today") == 2)
        #expect(count("timestamp=gte.today") == 0)
        #expect(count("timestamp=gte.yesterday&timestamp=lt.now") == 2)
        #expect(count("timestamp=gt.yesterday%2015:00") == 1)
        #expect(count("timestamp=lt.tomorrow") == 2)
        #expect(count("timestamp=in.(yesterday%2014:30,today)") == 1)
    }

    /// `Prefer: timezone=…` writes (and reads) timestamps in that zone for the request, as
    /// PostgREST 12 sets it for the transaction; `handling=strict` refuses unknown preferences
    /// (PGRST122), including a zone `pg_timezone_names` does not list.
    @Test func timezoneAndStrictHandlingPreferences() throws {
        let api = try Self.api()
        func get(_ prefer: String, _ query: String = "select=timestamp&order=timestamp&limit=1") -> RestResponse {
            api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: query, headers: [("Prefer", prefer)]))
        }
        let ny = get("timezone=America/New_York")
        #expect(ny.body == #"[{"timestamp":"2025-01-02T09:30:00-05:00"}]"#, "\(ny.body)")
        #expect(ny.header("Preference-Applied") == "timezone=America/New_York")
        // Offset-less operands are read in the zone too: 09:30 New York is 14:30 UTC.
        #expect(get("timezone=America/New_York", "select=volume&timestamp=eq.2025-01-02%2009:30").body == #"[{"volume":1200}]"#)
        let rpc = api.handle(Self.post("rpc/get_latest_price", #"{"p_ticker_id":"\#(Self.ticker)"}"#, headers: [("Prefer", "timezone=Asia/Kolkata")]))
        #expect(rpc.body.contains(#""timestamp":"2025-01-02T21:00:00+05:30""#) && rpc.header("Preference-Applied") == "timezone=Asia/Kolkata", "\(rpc.body)")
        #expect(get("timezone=Mars/Olympus").body == #"[{"timestamp":"2025-01-02T14:30:00+00:00"}]"#)
        let strict = get("handling=strict, return=everything, timezone=Mars/Olympus")
        #expect(strict.status == 400 && strict.body == #"{"code":"PGRST122","details":"Invalid preferences: return=everything, timezone=Mars/Olympus","hint":null,"message":"Invalid preferences given with handling=strict"}"#, "\(strict.body)")
        #expect(get("handling=lenient, anything").status == 200)
        let counted = get("handling=strict, count=exact, max-affected=5")
        #expect(counted.status == 206 && counted.header("Preference-Applied") == "count=exact, handling=strict", "\(counted.status) \(counted.body)")
    }

    /// An object with no keys is a row of the DEFAULTs, as PostgREST inserts it (not an unnamed column).
    @Test func emptyObjectsInsertDefaults() throws {
        let api = try Self.api(grants: """
            CREATE TABLE events (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), note text DEFAULT 'none', extra text);
            GRANT ALL ON events TO anon;
            """)
        let r = api.handle(Self.post("events", "[{},{}]", headers: [("Prefer", "return=representation")]))
        #expect(r.status == 201 && r.body == #"[{"id":1,"at":"2025-01-03T00:00:00+00:00","note":"none","extra":null}, \#n {"id":2,"at":"2025-01-03T00:00:00+00:00","note":"none","extra":null}]"#, "\(r.body)")
        let one = api.handle(Self.post("events", "{}", headers: [("Prefer", "return=representation")]))
        #expect(one.status == 201 && one.body.hasPrefix(#"[{"id":3,"#), "\(one.body)")
    }

    /// A limited update or delete needs an `order` in PostgREST 12 (PGRST109); nothing changes.
    @Test func limitedWritesWithoutOrderAreRefused() throws {
        let api = try Self.api()
        let update = api.handle(RestRequest(method: "PATCH", path: "/rest/v1/market_data", query: "close=gt.0&limit=1", body: Array(#"{"volume":1}"#.utf8)))
        #expect(update.status == 400 && update.body == #"{"code":"PGRST109","details":null,"hint":"Apply an 'order' using unique column(s)","message":"A 'limit' was applied without an explicit 'order'"}"#, "\(update.body)")
        let delete = api.handle(RestRequest(method: "DELETE", path: "/rest/v1/market_data", query: "close=gt.0&offset=1"))
        #expect(delete.status == 400 && delete.body.contains("PGRST109"))
        let count = api.handle(RestRequest(method: "HEAD", path: "/rest/v1/market_data", query: "volume=eq.1", headers: [("Prefer", "count=exact")]))
        #expect(count.header("Content-Range") == "*/0")
        let ordered = api.handle(RestRequest(method: "DELETE", path: "/rest/v1/market_data", query: "close=gt.0&order=timestamp&limit=1"))
        #expect(ordered.status == 204)
    }

    /// Without `columns=`, every object of an array must have the first one's keys (PostgREST's
    /// payloadAttributes: `PGRST102 All object keys must match`); with it, a missing key is NULL.
    @Test func arraysOfObjectsWithDifferentKeys() throws {
        let api = try Self.api()
        let a = #"{"ticker_id":"\#(Self.ticker)","timestamp":"2025-02-01T00:00:00Z","open":1,"high":1,"low":1,"close":1,"volume":5,"interval":"1h"}"#
        let b = #"{"ticker_id":"\#(Self.ticker)","timestamp":"2025-02-01T01:00:00Z","open":1,"high":1,"low":1,"close":1,"interval":"1h"}"#
        let refused = api.handle(Self.post("market_data", "[\(a),\(b)]"))
        #expect(refused.status == 400 && refused.body == #"{"code":"PGRST102","details":null,"hint":null,"message":"All object keys must match"}"#, "\(refused.body)")
        #expect(api.handle(Self.post("market_data", "[\(a),1]")).body.contains("All object keys must match"))
        let named = api.handle(Self.post("market_data", "[\(a),\(b)]", query: "columns=ticker_id,timestamp,open,high,low,close,volume,interval",
                                         headers: [("Prefer", "return=representation")]))
        #expect(named.status == 201 && named.body.contains(#""volume":5"#) && named.body.contains(#""volume":null"#), "\(named.body)")
    }

    /// `count=planned` and `count=estimated` get a count too (PostgREST's estimate; exact here).
    @Test func plannedAndEstimatedCountsAreGiven() throws {
        let api = try Self.api()
        for kind in ["planned", "estimated", "exact"] {
            let r = api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "limit=1", headers: [("Prefer", "count=\(kind)")]))
            #expect(r.status == 206 && r.header("Content-Range") == "0-0/2", "\(kind): \(r.header("Content-Range") ?? "")")
        }
    }

    @Test func upsertMergesSentColumnsOnly() throws {
        let api = try Self.api()
        let row = #"{"ticker_id":"\#(Self.ticker)","timestamp":"2025-01-02T15:30:00Z","open":1,"high":1,"low":1,"close":1.005,"interval":"1h"}"#
        let dup = api.handle(Self.post("market_data", row, headers: [("Prefer", "return=representation")]))
        #expect(dup.status == 409 && dup.body.contains("\"code\":\"23505\"") && dup.body.contains("already exists."))
        let merged = api.handle(Self.post("market_data", "[\(row)]", query: "on_conflict=ticker_id,timestamp,interval",
                                          headers: [("Prefer", "return=representation,resolution=merge-duplicates")]))
        #expect(merged.status == 201)
        #expect(merged.body.contains(#""id":"0b7c1a52-8f0e-4d8c-9a51-3f2b6e1d0c02""#) && merged.body.contains(#""close":1.01"#))
        let latest = api.handle(Self.post("rpc/get_latest_price", #"{"p_ticker_id":"\#(Self.ticker)"}"#))
        #expect(latest.body.contains(#""close":1.01"#))
        let twice = api.handle(Self.post("market_data", "[\(row),\(row)]", query: "on_conflict=ticker_id,timestamp,interval",
                                         headers: [("Prefer", "resolution=merge-duplicates")]))
        #expect(twice.status == 400 && twice.body.contains("\"code\":\"21000\""))
        let count = api.handle(RestRequest(method: "HEAD", path: "/rest/v1/market_data", headers: [("Prefer", "count=exact")]))
        #expect(count.header("Content-Range") == "0-1/2" && count.body.isEmpty)
    }

    /// Body values reach array and jsonb columns as `json_to_recordset` gives them: a JSON array
    /// is an array of the column's element type (answered as a JSON array again, as `to_json`
    /// prints it), a string for jsonb stays a JSON string, and the shape errors carry PostgreSQL's words (`JSONRecordFieldDifferentialTests` holds the rules
    /// to the server on random bodies).
    @Test func arrayAndJSONBColumnsTakeJSONAsPostgRESTSends() throws {
        let api = try Self.api(grants: """
            CREATE TABLE notes (id bigint PRIMARY KEY, tags text[], levels integer[], meta jsonb, net cidr, blob bytea, span interval);
            GRANT ALL ON notes TO anon;
            """)
        let ok = api.handle(Self.post("notes", #"[{"id":1,"tags":["a","b c",null],"levels":[[1,2],[3,4]],"meta":"hello"}]"#,
                                      headers: [("Prefer", "return=representation")]))
        #expect(ok.status == 201, "\(ok.body)")
        #expect(ok.body.contains(#""tags":["a","b c",null]"#) && ok.body.contains(#""levels":[[1,2],[3,4]]"#), "\(ok.body)")
        #expect(ok.body.contains(#""meta":"hello""#), "\(ok.body)")
        let ragged = api.handle(Self.post("notes", #"{"id":2,"levels":[[1,2],[3]]}"#))
        #expect(ragged.status == 400 && ragged.body.contains("malformed JSON array") && ragged.body.contains("matching dimensions"), "\(ragged.body)")
        let scalar = api.handle(Self.post("notes", #"{"id":3,"tags":5}"#))
        #expect(scalar.status == 400 && scalar.body.contains("expected JSON array") && scalar.body.contains(#"See the value of key \"tags\"."#), "\(scalar.body)")
        let element = api.handle(Self.post("notes", #"{"id":4,"levels":[1,"x"]}"#))
        #expect(element.status == 400 && element.body.contains(#"invalid input syntax for type integer: \"x\""#), "\(element.body)")
        let literal = api.handle(Self.post("notes", #"{"id":5,"tags":"{p,q}"}"#))
        #expect(literal.status == 201, "\(literal.body)")
        // cidr, bytea and interval answer in their output form, not as sent.
        let carried = api.handle(Self.post("notes", #"{"id":6,"net":"10.1","blob":"a\\\\b","span":"1h30m"}"#, headers: [("Prefer", "return=representation")]))
        #expect(carried.status == 201 && carried.body.contains(#""net":"10.1.0.0/16","blob":"\\x615c62","span":"01:30:00""#), "\(carried.body)")
        let hostBits = api.handle(Self.post("notes", #"{"id":7,"net":"10.1.2.3/16"}"#))
        #expect(hostBits.status == 400 && hostBits.body.contains("invalid cidr value"), "\(hostBits.body)")
    }

    @Test func rolesFollowTheGrants() throws {
        let grants = """
            REVOKE EXECUTE ON FUNCTION get_latest_price(uuid, varchar) FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION public.get_latest_price(uuid, varchar) TO anon, authenticated;
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO authenticated;
            """
        let api = try Self.api(jwt: true, grants: grants)
        func call(_ path: String, _ token: String?) -> RestResponse {
            api.handle(RestRequest(method: path.hasPrefix("rpc") ? "POST" : "GET", path: "/rest/v1/" + path,
                                   headers: token.map { [("Authorization", "Bearer " + $0)] } ?? [],
                                   body: path.hasPrefix("rpc") ? Array(#"{"p_ticker_id":"\#(Self.ticker)"}"#.utf8) : []))
        }
        let authenticated = Self.token(#"{"role":"authenticated","exp":4102444800}"#)
        #expect(call("rpc/get_latest_price", nil).status == 200)                    // anon, granted
        #expect(call("rpc/get_latest_price", authenticated).status == 200)
        #expect(call("rpc/get_latest_price", Self.token(#"{"role":"stranger"}"#)).status == 403)
        #expect(call("market_data", nil).status == 401)                            // anon has no SELECT
        #expect(call("market_data", authenticated).status == 200)
        #expect(call("rpc/get_prediction_accuracy", nil).status == 200)            // still PUBLIC
        let expired = call("rpc/get_latest_price", Self.token(#"{"role":"anon","exp":1000}"#))
        #expect(expired.status == 401 && expired.body.contains("PGRST303"))
        // A token not valid yet, or issued in the future (beyond the 30 s allowance), as PostgREST.
        let early = call("rpc/get_latest_price", Self.token(#"{"role":"anon","nbf":4102444800}"#))
        #expect(early.status == 401 && early.body.contains("PGRST303") && early.body.contains("JWT not yet valid"))
        let future = call("rpc/get_latest_price", Self.token(#"{"role":"anon","iat":4102444800}"#))
        #expect(future.status == 401 && future.body.contains("JWT issued at future"))
        #expect(call("rpc/get_latest_price", Self.token(#"{"role":"anon","nbf":1000,"iat":1000}"#)).status == 200)
        let forged = call("rpc/get_latest_price", Self.token(#"{"role":"anon"}"#, secret: String(repeating: "x", count: 40)))
        #expect(forged.status == 401 && forged.body.contains("PGRST301") && forged.header("WWW-Authenticate") != nil)
        #expect(call("rpc/get_latest_price", "e30.e30.").status == 401)
        #expect(call("rpc/get_latest_price", #"eyJhbGciOiJub25lIn0.eyJyb2xlIjoic2VydmljZV9yb2xlIn0."#).status == 401)
    }

    @Test func hostileBodiesAreRefused() throws {
        let api = try Self.api()
        for body in [String(repeating: "[", count: 10_000), #"{"a":"\ud800"}"#, "{\"a\":\"\u{01}\"}", "01", "[1,]", ""] {
            let r = api.handle(Self.post("market_data", body))
            #expect(r.status == 400, "\(body.prefix(20))")
        }
        let count = api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "select=id", headers: [("Prefer", "count=exact")]))
        #expect(count.header("Content-Range") == "0-1/2")
    }

    /// Error bodies are PostgREST's own (aeson) JSON: `\b` and `\f` as `\u0008`/`\u000c`, unlike
    /// `to_json`, which names them.
    @Test func errorBodiesEscapeLikePostgREST() throws {
        let api = try Self.api()
        let r = api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "volume=eq.%08%0C%0A%01"))
        #expect(r.status == 400)
        #expect(r.body.contains(#"\u0008\u000c\n\u0001\""#), "\(r.body)")
    }

    @Test func likePatterns() throws {
        let api = try Self.api()
        func ids(_ query: String) -> String { api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "select=volume&order=timestamp&" + query)).body }
        #expect(ids("interval=like.1_") == "[{\"volume\":1200}, \n {\"volume\":null}]")
        #expect(ids("interval=like.1") == "[]")
        #expect(ids("interval=ilike.*H") == ids("interval=like.%25h"))
        #expect(ids("interval=not.like.*h") == "[]")
        #expect(ids("or=(volume.is.null,volume.lt.0)") == #"[{"volume":null}]"#)
        #expect(ids("not.and=(volume.gt.5)") == "[]")  // NOT (NULL > 5) is unknown, NOT (1200 > 5) false
        #expect(api.handle(RestRequest(method: "GET", path: "/rest/v1/market_data", query: "interval=like.a%5C")).status == 400)
    }
}

