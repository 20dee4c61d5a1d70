import Testing
import TestSupport
@testable import Analytics
import Schema

@Suite struct DayWindowTests {
    func session(_ now: String, _ zone: String) throws -> AnalyticsSession { try AnalyticsSession(now: now, timeZone: zone) }

    @Test func utcDaysAreTwentyFourHours() throws {
        let s = try session("2024-03-12 12:00:00+00", "UTC")
        #expect(try DayWindow.start(days: 3, session: s) == s.now - 72 * 3_600_000_000)
    }

    @Test func springForwardDayStepIsShorter() throws {
        let s = try session("2024-03-12 12:00:00-04", "America/New_York")
        let start = try DayWindow.start(days: 3, session: s)
        #expect(PGTimestamp.format(start, zone: s.timeZone) == "2024-03-09 12:00:00-05")
        #expect(s.now - start == 71 * 3_600_000_000)
    }

    @Test func fallBackDayStepIsLonger() throws {
        let s = try session("2024-11-05 12:00:00-05", "America/New_York")
        let start = try DayWindow.start(days: 3, session: s)
        #expect(s.now - start == 73 * 3_600_000_000)
    }

    @Test func zeroDaysIsNowAndNegativeDaysIsLater() throws {
        let s = try session("2024-03-12 12:00:00+00", "UTC")
        #expect(try DayWindow.start(days: 0, session: s) == s.now)
        #expect(try DayWindow.start(days: -2, session: s) == s.now + 48 * 3_600_000_000)
    }

    @Test func outOfRangeDaysAreErrors() throws {
        let s = try session("2024-03-12 12:00:00+00", "UTC")
        #expect(throws: AnalyticsError.timestampOutOfRange) { try DayWindow.start(days: Int32.max, session: s) }
        #expect(throws: AnalyticsError.intervalOutOfRange) { try DayWindow.start(days: Int32.min, session: s) }
    }

    /// `now - N days` for many instants around both 2024 New York changes (including wall times that
    /// land in the spring gap and the autumn overlap), London, Kolkata and UTC, against the server.
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func matchesPostgresAcrossDaylightSavingChanges() throws {
        let server = try #require(try ReferenceServer.shared())
        var cases: [(String, String, Int32)] = []
        let instants = ["2024-03-10 06:30:00+00", "2024-03-10 07:30:00+00", "2024-03-11 06:30:00+00", "2024-03-11 07:00:00+00",
                        "2024-03-11 07:30:00+00", "2024-03-12 16:00:00+00", "2024-11-03 05:30:00+00", "2024-11-03 06:30:00+00",
                        "2024-11-04 05:30:00+00", "2024-11-04 06:30:00+00", "2024-11-05 17:00:00+00", "2024-03-31 00:30:00+00",
                        "2024-10-27 01:30:00+00", "2024-04-01 00:30:00+00", "2024-10-28 00:59:59.999999+00"]
        for zone in ["America/New_York", "Europe/London", "Asia/Kolkata", "UTC"] {
            for now in instants {
                for days: Int32 in [-3, -1, 0, 1, 2, 3, 7, 30, 365] { cases.append((zone, now, days)) }
            }
        }
        var sql = ""
        for (zone, now, days) in cases {
            sql += "SET TimeZone = '\(zone)'; SELECT ('\(now)'::timestamptz - (\(days) || ' days')::interval)::text;\n"
        }
        let lines = try server.run(sql).split(separator: "\n").map(String.init)
        try #require(lines.count == cases.count)
        var mismatches: [String] = []
        for ((zone, now, days), pg) in zip(cases, lines) {
            let s = try session(now, zone)
            let mine = PGTimestamp.format(try DayWindow.start(days: days, session: s), zone: s.timeZone)
            if mine != pg { mismatches.append("\(zone) \(now) - \(days) days: PostgreSQL \(pg), Chunkwise \(mine)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    /// The differential suite's clock: the migration's own NOW() must read `chunkwise.now`.
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func testClockReplacesNow() throws {
        let server = try #require(try ReferenceServer.shared())
        let out = try server.run("SET chunkwise.now = '2031-05-06 07:08:09+00'; SELECT now()::text; SELECT NOW()::text;")
        #expect(out == "2031-05-06 07:08:09+00\n2031-05-06 07:08:09+00")
    }
}
