import Foundation
import Server
import Testing

/// `select=column::type` beyond the modelled types: `char`/`bpchar` and the carried types
/// (`interval`), converted and refused as PostgreSQL 15 does for PostgREST's `CAST(column AS type)`.
/// The expected bodies are PostgreSQL 15.18's for the same rows (`json_agg` of the casts).
@Suite struct SelectCastTests {
    static let schema = """
        create table notes (id integer primary key, body text, name varchar(20), doc json, meta jsonb, ts timestamptz,
                            amount numeric(12,2), flag boolean, t time, n integer, span interval);
        """
    static let rows = """
        id,body,name,doc,meta,ts,amount,flag,t,n,span
        1,1 day 02:00,1h30m,"{""a"" :  1}","{""b"": 2}",2024-01-01 10:00:00+00,101.50,t,10:00:00,12,1h30m
        2,x,,,,,,,,,

        """

    /// A server over `notes` (``rows``), trusting every request.
    static func api() throws -> RestAPI {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cast-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try rows.write(to: dir.appendingPathComponent("notes.csv"), atomically: true, encoding: .utf8)
        try schema.write(to: dir.appendingPathComponent("schema.sql"), atomically: true, encoding: .utf8)
        var config = ServedDatabase.Configuration()
        config.dataPaths = [dir.appendingPathComponent("notes.csv").path]
        config.schemaFiles = [dir.appendingPathComponent("schema.sql").path]
        return RestAPI(database: try ServedDatabase(config))
    }

    static func get(_ api: RestAPI, _ query: String, accept: String? = nil) -> RestResponse {
        api.handle(RestRequest(method: "GET", path: "/rest/v1/notes", query: query, headers: accept.map { [("Accept", $0)] } ?? []))
    }

    /// `char` is `character(1)`: each value's text cut to one character (`true` for a boolean,
    /// as its cast to text); `bpchar` keeps the whole text.
    @Test func charCutsEveryTypesTextToOneCharacter() throws {
        let api = try Self.api()
        let r = Self.get(api, "select=ts::char,amount::char,flag::char,body::character,meta::char,doc::bpchar,n::char&id=eq.1")
        #expect(r.status == 200 && r.body == #"[{"ts":"2","amount":"1","flag":"t","body":"1","meta":"{","doc":"{\"a\" :  1}","n":"1"}]"#, "\(r.body)")
        let nulls = Self.get(api, "select=ts::char,flag::char&id=eq.2")
        #expect(nulls.body == #"[{"ts":null,"flag":null}]"#, "\(nulls.body)")
        let csv = Self.get(api, "select=id,ts::char&id=eq.1", accept: "text/csv")
        #expect(csv.body == "id,ts\n1,2", "\(csv.body)")
    }

    /// Text to `interval` goes through `interval_in` and prints as `interval_out` does; `time`
    /// casts to `interval`; a value `interval_in` refuses is PostgreSQL's `22007`.
    @Test func textAndTimeCastToInterval() throws {
        let api = try Self.api()
        let one = Self.get(api, "select=id,body::interval,name::interval,t::interval&id=eq.1")
        #expect(one.status == 200 && one.body == #"[{"id":1,"body":"1 day 02:00:00","name":"01:30:00","t":"10:00:00"}]"#, "\(one.body)")
        let bad = Self.get(api, "select=id,body::interval")
        #expect(bad.status == 400 && bad.body.contains(#""code":"22007""#) && bad.body.contains(#"invalid input syntax for type interval: \"x\""#), "\(bad.body)")
    }

    /// A cast PostgreSQL has no way to make is refused while it plans the statement — before any
    /// row, so an empty read is refused too: `42846 cannot cast type numeric to interval`.
    @Test func castsPostgreSQLLacksAreRefusedBeforeAnyRow() throws {
        let api = try Self.api()
        for (query, message) in [("select=amount::interval", "cannot cast type numeric to interval"),
                                 ("select=ts::interval&id=eq.3", "cannot cast type timestamp with time zone to interval"),
                                 ("select=meta::interval&id=eq.3", "cannot cast type jsonb to interval"),
                                 ("select=n::interval", "cannot cast type integer to interval")] {
            let r = Self.get(api, query)
            #expect(r.status == 400 && r.body.contains(#""code":"42846""#) && r.body.contains(message), "\(query): \(r.body)")
        }
        for (query, message) in [("select=id::uuid&id=eq.3", "cannot cast type integer to uuid"),
                                 ("select=ts::time&id=eq.3", nil), ("select=flag::numeric&id=eq.3", "cannot cast type boolean to numeric")] {
            let r = Self.get(api, query)
            if let message {
                #expect(r.status == 400 && r.body.contains(#""code":"42846""#) && r.body.contains(message), "\(query): \(r.body)")
            } else {
                #expect(r.status == 200 && r.body == "[]", "\(query): \(r.body)")
            }
        }
        let unknown = Self.get(api, "select=n::nosuchtype")
        #expect(unknown.status == 400 && unknown.body.contains(#"type \"nosuchtype\" does not exist"#), "\(unknown.body)")
    }

    /// A column of a carried type (`interval`) casts to the string types as its printed text and
    /// to itself; to a type PostgreSQL has no cast to, `42846` before any row.
    @Test func intervalColumnsCastToText() throws {
        let api = try Self.api()
        let r = Self.get(api, "select=span::text,c:span::char,i:span::interval,v:span::varchar&id=eq.1")
        #expect(r.status == 200 && r.body == #"[{"span":"01:30:00","c":"0","i":"01:30:00","v":"01:30:00"}]"#, "\(r.body)")
        let csv = Self.get(api, "select=span::text&id=eq.1", accept: "text/csv")
        #expect(csv.body == "span\n01:30:00", "\(csv.body)")
        let refused = Self.get(api, "select=span::integer&id=eq.3")
        #expect(refused.status == 400 && refused.body.contains("cannot cast type interval to integer"), "\(refused.body)")
    }

    /// `jsonb` to numbers and booleans, as `metadata->score::int` asks: a JSON number through
    /// `numeric`, any other JSON value PostgreSQL's `22023` (PostgreSQL 15.18's answers).
    @Test func jsonbCastsToNumbersAndBooleans() throws {
        let api = try Self.api()
        let r = Self.get(api, "select=meta->b::int,x:meta->b::numeric,y:meta->b::float8&id=eq.1")
        #expect(r.status == 200 && r.body == #"[{"b":2,"x":2,"y":2}]"#, "\(r.body)")
        let bad = Self.get(api, "select=meta::int&id=eq.1")
        #expect(bad.status == 400 && bad.body.contains(#""code":"22023""#) && bad.body.contains("cannot cast jsonb object to type integer"), "\(bad.body)")
        let bool = Self.get(api, "select=meta->b::boolean&id=eq.1")
        #expect(bool.status == 400 && bool.body.contains("cannot cast jsonb numeric to type boolean"), "\(bool.body)")
    }
}
