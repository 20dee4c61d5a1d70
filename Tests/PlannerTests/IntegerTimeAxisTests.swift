import Testing
@testable import Planner
import Schema

/// The unit of an integer time column and the clock on its axis (``IntegerTimeAxis``).
@Suite struct IntegerTimeAxisTests {
    @Test func aChunkIntervalFlagOnAnIntegerColumnIsInItsUnits() throws {
        let sql = "CREATE TABLE r (ts bigint NOT NULL, v real);\nSELECT create_hypertable('r', 'ts', chunk_time_interval => 86400000);\n"
        let resolution = try TableResolution.resolve(table: "r", sources: [("r.sql", sql)])
        // compare and simulate read it as the column's integers (it was read as µs: 1 hour of ms was 3,600,000,000).
        #expect(try resolution.chunkInterval(flag: "1 hour", unit: .milliseconds) == 3_600_000)
        #expect(try resolution.chunkInterval(flag: "3600000") == 3_600_000)
        #expect(try resolution.chunkInterval(flag: "1000") == 1_000, "a second of ms is not refused as a sub-second µs interval")
        #expect(throws: ScenarioError.self) { try resolution.chunkInterval(flag: "1 hour") }
        #expect(throws: ScenarioError.self) { try resolution.chunkInterval(flag: "0") }
        let small = try TableResolution.resolve(table: "s", sources: [("s.sql", "CREATE TABLE s (ts smallint NOT NULL);\n")])
        #expect(throws: ScenarioError.self) { try small.chunkInterval(flag: "40000", timeColumn: "ts") }
        #expect(try small.chunkInterval(flag: "32767", timeColumn: "ts") == 32_767)
    }

    @Test func anEpochValueNamesItsUnit() {
        // 2025-01-01 00:00 UTC in each unit; values no epoch time reads as name no unit.
        #expect(IntegerTimeUnit.inferred(fromEpochValue: 1_735_689_600) == .seconds)
        #expect(IntegerTimeUnit.inferred(fromEpochValue: 1_735_689_600_000) == .milliseconds)
        #expect(IntegerTimeUnit.inferred(fromEpochValue: 1_735_689_600_000_000) == .microseconds)
        #expect(IntegerTimeUnit.inferred(fromEpochValue: 1_735_689_600_000_000_000) == .nanoseconds)
        for value: Int64 in [0, 42, 19_000_000, -1_735_689_600, Int64.max, Int64.min] {
            #expect(IntegerTimeUnit.inferred(fromEpochValue: value) == nil, "\(value)")
        }
    }

    @Test func aChunkIntervalNamesTheUnitThatMakesItACommonSpan() {
        #expect(IntegerTimeUnit.inferred(fromChunkInterval: 86_400) == .seconds)             // Zabbix's day of seconds
        #expect(IntegerTimeUnit.inferred(fromChunkInterval: 604_800) == .seconds)
        #expect(IntegerTimeUnit.inferred(fromChunkInterval: 86_400_000) == .milliseconds)
        #expect(IntegerTimeUnit.inferred(fromChunkInterval: 3_600_000) == .milliseconds)
        #expect(IntegerTimeUnit.inferred(fromChunkInterval: 86_400_000_000) == .microseconds) // not 1,000 days of ms
        #expect(IntegerTimeUnit.inferred(fromChunkInterval: 86_400_000_000_000) == .nanoseconds)
        for interval: Int64 in [10, 1_000, 1_000_000, 0, -86_400] {
            #expect(IntegerTimeUnit.inferred(fromChunkInterval: interval) == nil, "\(interval)")
        }
    }

    @Test func conversionsAreOverflowChecked() {
        #expect(IntegerTimeUnit.nanoseconds.units(fromMicroseconds: Int64.max) == nil)
        #expect(IntegerTimeUnit.seconds.microseconds(fromUnits: Int64.max) == nil)
        #expect(IntegerTimeUnit.milliseconds.units(fromMicroseconds: 86_400_000_000) == 86_400_000)
        #expect(IntegerTimeUnit(text: "ms") == .milliseconds)
        #expect(IntegerTimeUnit(text: "µs") == .microseconds)
        #expect(IntegerTimeUnit(text: "fortnights") == nil)
    }

    @Test func theAxisTurnsTimeIntoTheColumnsIntegers() throws {
        let ms = IntegerTimeAxis(unit: .milliseconds, chunkInterval: 86_400_000)
        #expect(ms.schedule(microseconds: nil) == 86_400_000)                    // TimescaleDB's one day
        #expect(ms.schedule(microseconds: 3_600_000_000) == 3_600_000)          // a policy's 1 hour
        #expect(try ms.lag("604800000", flag: "retain") == PGInterval(microseconds: 604_800_000))
        #expect(try ms.lag("7 days", flag: "retain") == PGInterval(microseconds: 604_800_000))
        #expect(try ms.now("2025-01-01 00:00:00+00", zone: .utc) == 1_735_689_600_000)
        #expect(try ms.now("1735689600000", zone: .utc) == 1_735_689_600_000)
        #expect(try ms.lag("1 month", flag: "retain") == PGInterval(microseconds: 2_592_000_000))  // 30 days, as TimescaleDB counts a month
        #expect(throws: ScenarioError.self) { try ms.lag("-1 day", flag: "retain") }
        #expect(throws: ScenarioError.self) { try ms.lag("-5", flag: "retain") }

        let counter = IntegerTimeAxis(unit: nil, chunkInterval: 1_000)
        #expect(counter.schedule(microseconds: nil) == 500)
        #expect(try counter.lag("2000", flag: "compress-after") == PGInterval(microseconds: 2_000))
        #expect(throws: ScenarioError.self) { try counter.lag("7 days", flag: "compress-after") }
        #expect(throws: ScenarioError.self) { try counter.now("2025-01-01", zone: .utc) }
        #expect(counter.note(given: false, column: "ts")?.contains("no epoch time") == true)
        #expect(ms.note(given: true, column: "ts") == nil)
    }
}
