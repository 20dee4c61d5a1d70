import Testing
@testable import Schema

/// The other spellings PostgreSQL's timestamptz input reads (DateStyle ISO, MDY), against what
/// PostgreSQL 15.18 answered for each (`SET timezone = 'UTC'; SELECT extract(epoch FROM '…'::timestamptz)`,
/// in µs) on a throwaway cluster here.
@Suite struct TimestampSpellingsTests {
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

    /// The COPY reader's path (with its day cache) reads them too: it stopped at the general
    /// parser, so a CSV with these spellings was refused while a flag or a SQL literal was read.
    @Test func theCopyReadersPathReadsThemToo() throws {
        var days = PGTimestamp.DayCache()
        for (text, micros) in Self.answers {
            let value = try Array(text.utf8).withUnsafeBytes { raw throws(ValueError) in
                try PGTimestamp.parse(bytes: raw, zone: .utc, type: .timestamptz, days: &days)
            }
            #expect(value == micros, "\(text)")
        }
    }

    @Test func refusesWhatPostgreSQLRefuses() {
        // date/time field value out of range
        // (`8.020.966666666666666665` and `Jan-05-999999999999999` too: their numbers overflow an int.)
        for text in ["Jan 32 2024", "13/05/2024", "Feb 29 2023", "8.020.966666666666666665", "Jan-05-999999999999999"] {
            #expect(throws: ValueError.self, "\(text)") { try PGTimestamp.parse(text, zone: .utc) }
            do throws(ValueError) { _ = try PGTimestamp.parse(text, zone: .utc) } catch {
                guard case .dateTimeFieldOutOfRange(let refused, _) = error else { Issue.record("\(text): \(error)"); continue }
                #expect(refused == text)
            }
        }
        // invalid input syntax
        for text in ["Jan 5", "5 Jan", "Jan Feb 5 2024", "2024", "noon"] {
            #expect(throws: ValueError.invalidSyntax(type: "timestamp with time zone", text: text)) { try PGTimestamp.parse(text, zone: .utc) }
        }
    }

    /// Hostile lengths end at the work buffer (153 bytes for a timestamp, 129 for a date) or are
    /// skipped as blanks: a 5 MB run of digits is a syntax error at once, no trap, no hang.
    @Test func hostileLengthsAreRefusedQuickly() {
        let digits = String(repeating: "9", count: 5_000_000)
        let start = ContinuousClock.now
        for type in [PGType.timestamptz, .timestamp] {
            #expect(throws: ValueError.self) { try PGTimestamp.parse(digits, type: type) }
            #expect(throws: ValueError.self) { try PGTimestamp.parse("2024-01-05" + String(repeating: " ", count: 5_000_000) + "x", type: type) }
        }
        #expect(throws: ValueError.self) { try PGTimestamp.parseDate(digits) }
        #expect(throws: ValueError.self) { try PGTimestamp.parse(String(repeating: "2024-01-05 ", count: 500_000)) }
        // A hang, not a speed, is what this bounds: a debug build beside the whole suite takes
        // some seconds over these 30 MB.
        #expect(ContinuousClock.now - start < .seconds(120))
    }

    @Test func theSessionZoneAppliesWithoutAnOffset() throws {
        let ny = try #require(PGTimeZone(name: "America/New_York"))
        #expect(try PGTimestamp.parse("Jan 5 2024 10:00", zone: ny) == 1_704_466_800_000_000)
        // timestamp without time zone ignores an explicit zone.
        #expect(try PGTimestamp.parse("Jan 5 2024 10:00 +05", zone: .utc, type: .timestamp) == 1_704_448_800_000_000)
    }
}

/// Zone abbreviations in timestamps and zone names as settings, as PostgreSQL 15.18 reads them.
@Suite struct PGZoneNameTests {
    @Test func abbreviationsTakePostgreSQLsDefaultSet() throws {
        // '2024-01-05 10:00:00 IST'::timestamptz AT TIME ZONE 'UTC' = 08:00 (Israel, not India), and so on.
        let tenUTC: Int64 = 1_704_448_800_000_000, hour: Int64 = 3_600_000_000
        #expect(try PGTimestamp.parse("2024-01-05 10:00:00 IST") == tenUTC - 2 * hour)
        #expect(try PGTimestamp.parse("2024-01-05 10:00:00 PST") == tenUTC + 8 * hour)
        #expect(try PGTimestamp.parse("2024-01-05 10:00:00 jst") == tenUTC - 9 * hour)
        let julyTenUTC: Int64 = 1_720_173_600_000_000
        #expect(try PGTimestamp.parse("2024-07-05 10:00:00 EST") == julyTenUTC + 5 * hour)
        #expect(try PGTimestamp.parse("2024-07-05 10:00:00 CEST") == julyTenUTC - 2 * hour)
        #expect(try PGTimestamp.parse("Jul 5 2024 10:00 CEST") == julyTenUTC - 2 * hour)
    }

    @Test func settingsNameZonesOfTheZoneDatabase() {
        // SET timezone = 'IST' is refused (not a tz file); legacy names and any case are zones.
        #expect(PGTimeZone(name: "IST") == nil)
        #expect(PGTimeZone(name: "PST") == nil)
        for name in ["EST", "Japan", "zulu", "us/eastern", "America/New_York", "america/new_york", "Etc/GMT+5"] {
            #expect(PGTimeZone(name: name) != nil, "\(name)")
        }
        #expect(PGTimeZone(name: "zone.tab") == nil)
        #expect(PGTimeZone(name: "../etc/passwd") == nil)
    }
}

/// `SET timezone` spellings PostgreSQL 15.18 reads as POSIX specifications (offsets west).
@Suite struct PGTimeZonePOSIXTests {
    @Test func unnamedAndQuotedOffsets() throws {
        // SET timezone = '+05:30'; '2024-01-05 10:00:00'::timestamptz → 2024-01-05 10:00:00-05:30.
        let plus = try #require(PGTimeZone(name: "+05:30"))
        #expect(plus.offsetSeconds(atUTC: 0) == -(5 * 3600 + 1800))
        // '<+0530>-05:30' → +05:30; '+5' and '-08' are hours east (a plain number).
        #expect(try #require(PGTimeZone(name: "<+0530>-05:30")).offsetSeconds(atUTC: 0) == 5 * 3600 + 1800)
        #expect(try #require(PGTimeZone(name: "+5")).offsetSeconds(atUTC: 0) == 5 * 3600)
        #expect(try #require(PGTimeZone(name: "-08")).offsetSeconds(atUTC: 0) == -8 * 3600)
        #expect(PGTimeZone(name: "<>+3") == nil)
    }
}
