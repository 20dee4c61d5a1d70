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
        // PostgreSQL negates -2147483648 days in 32 bits: still -2147483648, far in the future.
        #expect(throws: AnalyticsError.timestampOutOfRange) { try DayWindow.start(days: Int32.min, session: s) }
    }

    /// `now - p_days days` at every extreme `p_days` and either end of the timestamp range,
    /// against the server: the same instant, or `timestamp out of range` on both sides.
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func extremeDaysMatchPostgres() throws {
        let server = try #require(try ReferenceServer.shared())
        let now = "2026-12-07 12:00:00+00"
        let s = try session(now, "UTC")
        // Days from now to 4714-11-24 BC and to 294277-01-01 (whole days: the wall time is noon).
        let toStart = Int32((s.now - DayWindow.postgresEpoch - DayWindow.minTimestamp) / 86_400_000_000)
        let toEnd = Int32((DayWindow.endTimestamp - (s.now - DayWindow.postgresEpoch)) / 86_400_000_000)
        var days: [Int32] = [Int32.min, Int32.min + 1, Int32.max, Int32.max - 1, 106_751_991, -106_751_991, 106_751_992, -106_751_992,
                             -106_000_001, -105_000_000, 2_145_022_265, -2_145_022_265, -2_145_022_266, 1_000_000_000, -1_000_000_000]
        for k: Int32 in -2...2 { days += [toStart + k, -(toEnd + k)] }
        for zone in ["UTC", "America/New_York", "Asia/Kolkata"] {
            var sql = """
                SET TimeZone = '\(zone)';
                CREATE FUNCTION pg_temp.bound(t timestamptz, d integer) RETURNS text LANGUAGE plpgsql AS $$
                BEGIN RETURN (t - (d || ' days')::interval)::text; EXCEPTION WHEN others THEN RETURN 'ERROR: ' || SQLERRM; END $$;

                """
            for d in days { sql += "SELECT pg_temp.bound('\(now)', \(d));\n" }
            let lines = try server.run(sql).split(separator: "\n").map(String.init)
            try #require(lines.count == days.count, "\(lines)")
            let zoned = try session(now, zone)
            for (d, pg) in zip(days, lines) {
                let mine: String
                do {
                    let start = try DayWindow.start(days: d, session: zoned)
                    // Past Chunkwise's last instant (294247-01-10): PostgreSQL's later start.
                    if start == Int64.max {
                        #expect(pg.hasPrefix("29424") || pg.hasPrefix("2942") && !pg.hasPrefix("ERROR"), "\(zone) \(d): PostgreSQL \(pg)")
                        continue
                    }
                    mine = PGTimestamp.format(start, zone: zoned.timeZone)
                } catch {
                    mine = "ERROR: \(error)"
                }
                #expect(mine == pg, "\(zone) now - \(d) days")
            }
        }
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
