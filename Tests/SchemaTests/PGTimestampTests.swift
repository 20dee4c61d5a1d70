import Testing
@testable import Schema

@Suite struct PGTimestampTests {
    @Test func roundTripsPostgresOutput() throws {
        for text in ["2023-01-02 23:01:02.228835+00", "2023-01-02 23:04:00.19296+00", "1970-01-01 00:00:00+00",
                     "1969-12-31 23:59:59.999999+00", "2008-03-07 13:54:00+00", "2400-02-29 12:00:00+00"] {
            let t = try PGTimestamp.parse(text)
            #expect(PGTimestamp.format(t) == text)
        }
    }

    /// PostgreSQL 15 reads `.1234565` as the double 0.12345649999… and rounds it to .123456
    /// (checked on a real server in StorageTests' COPY differential test); `.1234575` → .123458.
    @Test func fractionsPastMicrosecondsRoundLikePostgreSQL() throws {
        #expect(PGTimestamp.format(try PGTimestamp.parse("2024-02-29 00:00:00.1234565+00")) == "2024-02-29 00:00:00.123456+00")
        #expect(PGTimestamp.format(try PGTimestamp.parse("2024-02-29 00:00:00.1234575+00")) == "2024-02-29 00:00:00.123458+00")
        #expect(PGTimestamp.format(try PGTimestamp.parse("2024-02-29 00:00:00.9999999+00")) == "2024-02-29 00:00:01+00")
    }

    @Test func epochAndOffsets() throws {
        #expect(try PGTimestamp.parse("1970-01-01 00:00:00+00") == 0)
        #expect(try PGTimestamp.parse("1970-01-01 01:00:00+01") == 0)
        #expect(try PGTimestamp.parse("1969-12-31 19:00:00-05") == 0)
        #expect(try PGTimestamp.parse("1970-01-01 05:30:00+05:30") == 0)
        #expect(try PGTimestamp.parse("1970-01-01T00:00:00Z") == 0)
    }

    /// A zone named after the time, as PostgreSQL reads it: the local time in that zone for
    /// timestamptz (DST included), ignored by timestamp without time zone; an unknown name fails.
    @Test func aZoneNameAfterTheTime() throws {
        #expect(try PGTimestamp.parse("2026-03-01 23:01:00 America/New_York") == PGTimestamp.parse("2026-03-02 04:01:00+00"))
        #expect(try PGTimestamp.parse("2026-07-01 23:01:00 America/New_York") == PGTimestamp.parse("2026-07-02 03:01:00+00"))
        #expect(try PGTimestamp.parse("2026-03-01 23:01:00 Europe/Berlin", type: .timestamp) == PGTimestamp.parse("2026-03-01 23:01:00", type: .timestamp))
        #expect(throws: ValueError.self) { try PGTimestamp.parse("2026-03-01 23:01:00 Nowhere/Special") }
    }

    /// `TimeZone` settings as PostgreSQL reads them: POSIX zones count hours west (`UTC+3` is
    /// three hours behind UTC), bare numbers hours east, names in any case.
    @Test func zoneSettingsReadAsPostgreSQLDoes() throws {
        let t: Int64 = 1_700_474_400_000_000  // 2023-11-20 10:00:00+00
        let cases: [(String, Int)] = [("UTC+3", -10_800), ("GMT-2", 7_200), ("EST5", -18_000), ("XYZ-02:30", 9_000), ("+5", 18_000),
                                      ("-3.5", -12_600), ("Etc/GMT+3", -10_800), ("america/new_york", -18_000), ("EST5EDT", -18_000)]
        for (name, east) in cases {
            let zone = try #require(PGTimeZone(name: name), "\(name)")
            #expect(zone.offsetSeconds(atUTC: t) == east, "\(name)")
        }
        #expect(PGTimeZone(name: "Nowhere/Else") == nil && PGTimeZone(name: "UTC+99") == nil && PGTimeZone(name: "+16") == nil)
    }

    @Test func aZoneAskedForAgainIsTheSameZone() {
        // The tz-file lookup is kept per name (a file naming its zone in every row pays it once),
        // misses too; past the cache's bound the lookups start over with the same answers.
        for _ in 0..<3 {
            #expect(PGTimeZone(name: "america/NEW_york")?.description == "America/New_York")
            #expect(PGTimeZone(name: "Nowhere/Else") == nil)
        }
        for k in 0..<1100 { _ = PGTimeZone(name: "Nowhere/\(k)") }
        #expect(PGTimeZone(name: "america/NEW_york")?.description == "America/New_York")
    }

    @Test func printsInNamedZoneAcrossDST() throws {
        let ny = try #require(PGTimeZone(name: "America/New_York"))
        let t = try PGTimestamp.parse("2024-03-10 12:00:00+00")
        #expect(PGTimestamp.format(t, zone: ny) == "2024-03-10 08:00:00-04")
        let w = try PGTimestamp.parse("2024-01-10 12:00:00+00")
        #expect(PGTimestamp.format(w, zone: ny) == "2024-01-10 07:00:00-05")
    }

    @Test func localTimeInSpringGapTakesOffsetBeforeTransition() throws {
        let ny = try #require(PGTimeZone(name: "America/New_York"))
        // 2024-03-10 02:30 does not exist in New York; PostgreSQL reads it as 03:30 EDT.
        let t = try PGTimestamp.parse("2024-03-10 02:30:00", zone: ny)
        #expect(PGTimestamp.format(t, zone: ny) == "2024-03-10 03:30:00-04")
        // 2024-11-03 01:30 happens twice; PostgreSQL takes standard time.
        let f = try PGTimestamp.parse("2024-11-03 01:30:00", zone: ny)
        #expect(PGTimestamp.format(f, zone: ny) == "2024-11-03 01:30:00-05")
    }

    @Test func calendarDayStepIs23HoursAcrossSpringForward() throws {
        let ny = try #require(PGTimeZone(name: "America/New_York"))
        let now = try PGTimestamp.parse("2024-03-10 12:00:00-04")
        let back = PGInterval(days: 1).negated.added(to: now, zone: ny)
        #expect(now - back == 23 * 3_600_000_000)
    }

    @Test func rejectsBadText() {
        #expect(throws: ValueError.self) { try PGTimestamp.parse("2023-02-30 00:00:00+00") }
        #expect(throws: ValueError.self) { try PGTimestamp.parse("yesterday") }
        #expect(throws: ValueError.self) { try PGTimestamp.parse("2023-01-01 25:00:00+00") }
    }

    @Test func intervalText() throws {
        #expect(PGInterval(text: "1 day")?.timescaleMicroseconds == 86_400_000_000)
        #expect(PGInterval(text: "12 hours")?.timescaleMicroseconds == 43_200_000_000)
        #expect(PGInterval(text: "730 days")?.days == 730)
        let month = try #require(PGInterval(text: "1 month"))
        #expect(month.months == 1 && month.days == 0)
        #expect(month.timescaleMicroseconds == Int64(30) * 86_400_000_000)
        #expect(PGInterval(text: "7 days")?.description == "7 days")
        #expect(PGInterval(text: "banana") == nil)
    }
}
