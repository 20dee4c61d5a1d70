import Foundation
import Testing
import Schema
import Storage
@testable import Planner

/// A team's own nullable columns are NULL in a plan as often as in the export its profile was
/// measured on (before, a reading took a value in every row and a text column none): a reading
/// table whose `humidity` is NULL in 60 % of rows was planned 9 % larger than PostgreSQL stored it.
@Suite("ProfileColumnStatisticsTests: NULL rates and text widths of a team's own columns")
struct ProfileColumnStatisticsTests {
    static let schema = """
        CREATE TABLE readings (device_id integer NOT NULL, ts timestamptz NOT NULL, temperature double precision NOT NULL,
                               humidity real, error_code integer, firmware text, PRIMARY KEY (device_id, ts));
        CREATE INDEX readings_err ON readings (error_code) WHERE error_code IS NOT NULL;

        """

    /// Five devices' minute readings over two days: humidity NULL in 3 rows of 5, error_code in
    /// 19 of 20, firmware one of two versions in 1 row of 5.
    static func export() -> String {
        var lines = ["device_id,ts,temperature,humidity,error_code,firmware"]
        let start: Int64 = 1_709_251_200_000_000
        var i = 0
        for minute in 0..<(2 * 1440) {
            for device in 1...5 {
                let ts = PGTimestamp.format(start + Int64(minute) * 60_000_000)
                let humidity = i % 5 < 3 ? "" : "\(40 + i % 20).5"
                let error = i % 20 == 0 ? "\(i % 7)" : ""
                let firmware = i % 5 == 0 ? (i % 2 == 0 ? "v1.2.3" : "2024.05.01-build.77") : ""
                lines.append("\(device),\(ts),\(20 + i % 10).25,\(humidity),\(error),\(firmware)")
                i += 1
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func nullRatesAreMeasuredReadBackAndDrawn() throws {
        let schema = try ScenarioTests.migrationFile(Self.schema)
        defer { try? FileManager.default.removeItem(atPath: schema) }
        let data = try ProfileOmittedColumnTests.write(Self.export(), name: "readings.csv")
        defer { try? FileManager.default.removeItem(atPath: data) }
        let table = try TableResolution.resolve(table: "readings", files: [schema]).table
        let profile = try ProfileSource.load(data, table: table, zone: .utc, flag: "data")
        let columns = try #require(profile.columns)
        #expect(abs((columns["humidity"]?.nullFraction ?? 0) - 0.6) < 1e-9)
        #expect(abs((columns["error_code"]?.nullFraction ?? 0) - 0.95) < 1e-9)
        #expect(abs((columns["firmware"]?.nullFraction ?? 0) - 0.8) < 1e-9)
        #expect(Set(columns["firmware"]?.commonValues ?? []) == ["v1.2.3", "2024.05.01-build.77"])
        #expect(columns["ts"] == nil, "the time column is the calendar's")
        #expect(try MarketDataProfile.decode(json: Data(profile.jsonText().utf8)) == profile)

        func plan(_ profile: MarketDataProfile) throws -> (Scenario, CapacityPlan) {
            var input = ScenarioInput()
            input.migrations = [schema]
            input.tickers = 5
            input.days = 14
            input.profile = "measured"
            let s = try Scenario.resolve(input, currentTime: 1_767_225_600_000_000) { _, _, _ throws(ScenarioError) in profile }
            return (s, try CapacityPlanner(scenario: s).plan())
        }
        let (measured, withStatistics) = try plan(profile)
        #expect(measured.warnings.contains { $0.contains("\"humidity\" takes the bar's close, NULL in 60.0 % of rows") }, "\(measured.warnings)")
        var blind = profile
        blind.columns = nil
        let (_, without) = try plan(blind)
        let heap = { (p: CapacityPlan) in p.sizes.plain.relations.first { $0.kind == .heap }?.mainBytes ?? 0 }
        let partial = { (p: CapacityPlan) in p.sizes.plain.relations.first { $0.name == "readings_err" }?.mainBytes ?? 0 }
        #expect(heap(withStatistics) < heap(without), "NULL readings store nothing")
        #expect(partial(withStatistics) * 5 < partial(without), "the partial index holds the 5 % of rows with an error code")

        // The drawn rows: NULL about as often as measured, firmware from its two versions.
        var spec = SyntheticDataSpec(tickers: 5, intervals: ["1m"], days: 7, profile: profile)
        spec.seed = 3
        let rows = try MarketDataGenerator(spec: spec, table: measured.table, timeColumn: "ts", series: measured.series).rows()
        let humidity = try #require(rows.column("humidity"))
        let share = Double((0..<rows.count).filter { humidity.isNull(at: $0) }.count) / Double(rows.count)
        #expect(abs(share - 0.6) < 0.03, "\(share)")
        let firmware = try #require(rows.column("firmware"))
        let versions = Set((0..<rows.count).filter { !firmware.isNull(at: $0) }.compactMap { r -> String? in
            if case .text(let t) = firmware.value(at: r) { return t }
            return nil
        })
        #expect(!versions.isEmpty && versions.isSubset(of: ["v1.2.3", "2024.05.01-build.77"]), "\(versions)")
    }
}
