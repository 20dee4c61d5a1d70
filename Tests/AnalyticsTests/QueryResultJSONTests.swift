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

    /// `row_to_json` on PostgreSQL 15 with `TimeZone` America/New_York: the infinities are spelled
    /// as such with no offset, and a BC year's era comes after the offset (`EncodeDateTime`):
    /// `{"a":"infinity","b":"-infinity","c":"0044-03-15T07:03:58-04:56:02 BC","d":"infinity",
    /// "e":"0044-03-15T12:00:00.5 BC","f":"-infinity","g":"0044-03-15 BC","h":"2024-07-01T08:00:00-04:00"}`.
    @Test("timestamps at infinity and before year 1 are written as PostgreSQL's to_json writes them")
    func timestampSpecials() throws {
        let zone = try #require(PGTimeZone(name: "America/New_York"))
        let plain = PGType.timestamp, withZone = PGType.timestamptz
        let values: [Value] = [
            .timestamp(try PGTimestamp.parse("infinity")), .timestamp(try PGTimestamp.parse("-infinity")),
            .timestamp(try PGTimestamp.parse("0044-03-15 12:00:00+00 BC")),
            .timestamp(try PGTimestamp.parse("infinity", type: plain)),
            .timestamp(try PGTimestamp.parse("0044-03-15 12:00:00.5 BC", type: plain)),
            .date(try PGTimestamp.parseDate("-infinity")), .date(try PGTimestamp.parseDate("0044-03-15 BC")),
            .timestamp(try PGTimestamp.parse("2024-07-01 12:00:00+00")),
        ]
        let json = PostgresJSON.object(names: ["a", "b", "c", "d", "e", "f", "g", "h"],
                                       types: [withZone, withZone, withZone, plain, plain, .date, .date, withZone],
                                       values: values, zone: zone)
        #expect(json == #"{"a":"infinity","b":"-infinity","c":"0044-03-15T07:03:58-04:56:02 BC","d":"infinity","e":"0044-03-15T12:00:00.5 BC","f":"-infinity","g":"0044-03-15 BC","h":"2024-07-01T08:00:00-04:00"}"#)
    }
}
