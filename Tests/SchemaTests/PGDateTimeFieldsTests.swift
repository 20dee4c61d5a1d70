import Testing
@testable import Schema

/// The other spellings PostgreSQL's timestamptz input reads (DateStyle ISO, MDY), against what
/// PostgreSQL 15.18 answered for each (`SET timezone = 'UTC'; SELECT extract(epoch FROM '…'::timestamptz)`,
/// in µs) on a throwaway cluster here.
@Suite struct PGDateTimeFieldsTests {
    static let answers: [(String, Int64)] = [
        ("20240105", 1_704_412_800_000_000), ("2024/01/05", 1_704_412_800_000_000), ("01/05/2024", 1_704_412_800_000_000),
        ("1/5/2024", 1_704_412_800_000_000), ("01-05-2024", 1_704_412_800_000_000), ("01/05/24", 1_704_412_800_000_000),
        ("01/05/99", 915_494_400_000_000), ("Jan 5 2024", 1_704_412_800_000_000), ("January 5, 2024", 1_704_412_800_000_000),
        ("5 Jan 2024", 1_704_412_800_000_000), ("05-Jan-2024", 1_704_412_800_000_000), ("Jan-05-2024", 1_704_412_800_000_000),
        ("2024 Jan 5", 1_704_412_800_000_000), ("Fri Jan 05 10:00:00 2024 UTC", 1_704_448_800_000_000),
        ("Fri Jan 05 10:00:00 2024", 1_704_448_800_000_000), ("Jan 5 2024 10:30pm", 1_704_493_800_000_000),
        ("Jan 5 2024 12:00am", 1_704_412_800_000_000), ("Jan 5 2024 12:15 PM", 1_704_456_900_000_000),
        ("January 5 2024 10:00:00+05:30", 1_704_429_000_000_000), ("2024/01/05 10:00:00-08", 1_704_477_600_000_000),
        ("20240105 101112", 1_704_449_472_000_000), ("Sept 9 2024", 1_725_840_000_000_000),
        ("Friday, January 5, 2024 10:00:00 UTC", 1_704_448_800_000_000), ("5 January 2024 10:00 Z", 1_704_448_800_000_000),
        ("2024.01.05", 1_704_412_800_000_000), ("Jan 5 24", 1_704_412_800_000_000),
    ]

    @Test func readsWhatPostgreSQLReads() throws {
        for (text, micros) in Self.answers {
            #expect(try PGTimestamp.parse(text, zone: .utc) == micros, "\(text)")
        }
    }

    @Test func refusesWhatPostgreSQLRefuses() {
        // date/time field value out of range
        for text in ["Jan 32 2024", "13/05/2024", "Feb 29 2023"] {
            #expect(throws: ValueError.dateTimeFieldOutOfRange(text: text)) { try PGTimestamp.parse(text, zone: .utc) }
        }
        // invalid input syntax
        for text in ["Jan 5", "5 Jan", "Jan Feb 5 2024", "2024", "noon"] {
            #expect(throws: ValueError.invalidSyntax(type: "timestamp with time zone", text: text)) { try PGTimestamp.parse(text, zone: .utc) }
        }
    }

    @Test func theSessionZoneAppliesWithoutAnOffset() throws {
        let ny = try #require(PGTimeZone(name: "America/New_York"))
        #expect(try PGTimestamp.parse("Jan 5 2024 10:00", zone: ny) == 1_704_466_800_000_000)
        // timestamp without time zone ignores an explicit zone.
        #expect(try PGTimestamp.parse("Jan 5 2024 10:00 +05", zone: .utc, type: .timestamp) == 1_704_448_800_000_000)
    }
}
