import Foundation
import Testing
import Schema
import Storage
@testable import Planner

/// What measuring a profile finds wrong with the export itself is said, in the profile
/// (`warnings`) and in the plan drawn from it, and the profile is otherwise measured as before:
/// prices the table's `numeric(12,2)` stores as 0.00.
@Suite("ProfileExportWarningsTests: a profile says what is wrong with its export")
struct ProfileExportWarningsTests {
    static func file(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-profile-warnings-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Two days of a penny stock's 1-minute bars (prices 0.0011 … 0.0019) in equities hours.
    static func pennyExport() -> String {
        var csv = "ticker_id,timestamp,open,high,low,close,volume,interval\n"
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        f.timeZone = TimeZone(identifier: "UTC")
        for day in 0..<2 {
            for m in 0..<390 {
                let t = Date(timeIntervalSince1970: 1_704_205_800 + Double(day * 86_400 + m * 60))   // 2024-01-02 14:30 UTC
                let close = 11 + (m * 7 + day) % 9
                csv += "631eb6fc-3ea7-f5f6-319d-66ac0ff5c73b,\(f.string(from: t))+00,0.00\(close),0.00\(min(19, close + 1)),0.00\(max(11, close - 1)),0.00\(close),\(1000 + m),1m\n"
            }
        }
        return csv
    }

    static func scenario(profile path: String) throws -> Scenario {
        var input = ScenarioInput()
        input.profile = path
        input.start = "2024-03-04 00:00:00+00"
        input.days = 3
        input.tickers = 1
        input.intervals = ["1m"]
        return try Scenario.resolve(input, currentTime: 0) { p, t, z throws(ScenarioError) in try ProfileSource.load(p, table: t, zone: z) }
    }

    @Test("penny prices in numeric(12,2) round to 0.00: the profile and the plan name the column, the scale and --schema")
    func pennyPricesRoundedToZeroAreWarned() throws {
        let path = try Self.file("penny.csv", Self.pennyExport())
        let profile = try ProfileSource.load(path, table: NQPTables.marketData, zone: .utc, flag: "data")
        let warning = try #require(profile.warnings?.first { $0.contains("round to 0") }, "\(profile.warnings ?? [])")
        #expect(warning.hasPrefix("the prices of penny.csv round to 0 at scale 2 in the table's numeric(12,2) columns: "
                                  + "\"close\" stores 780 of the 780 non-zero prices the file gives it as 0 (100 %, e.g. 0.00"), "\(warning)")
        #expect(warning.contains(", \"open\" 780 of 780 (100 %), \"high\" 780 of 780 (100 %), \"low\" 780 of 780 (100 %) "
                                 + "(COPY stores a price under 0.005 as 0.00)"), "\(warning)")
        #expect(warning.contains("--schema FILE.sql"))
        // The schema is kept: the profile is what the table stores (the level the default).
        #expect(profile.price.level == 100)
        #expect(warning.contains("the profile's price level is the default 100"))

        let plan = try CapacityPlanner(scenario: try Self.scenario(profile: path)).plan()
        #expect(plan.warnings.contains { $0.hasPrefix("WARNING: the profile penny: the prices of penny.csv round to 0 at scale 2") && $0.contains("\"close\"") },
                "\(plan.warnings)")
        #expect(plan.scenario["table"] == "market_data")
    }

    @Test("the same prices in the team's numeric(18,8) table keep their digits: no warning")
    func keptDigitsAreNotWarned() throws {
        let path = try Self.file("penny_wide.csv", Self.pennyExport())
        var table = NQPTables.marketData
        for name in ProfilePrices.columnNames {
            if let i = table.columnIndex(name) { table.columns[i].type = .numeric(precision: 18, scale: 8) }
        }
        let profile = try ProfileSource.load(path, table: table, zone: .utc, flag: "data")
        #expect(profile.warnings == nil)
        #expect(abs(profile.price.level - 0.0015) < 0.0005)
    }

    @Test("a few stray 0.001 prices among dollar prices (under 1 %) are not warned about")
    func strayRoundedPricesAreNotWarned() throws {
        var lines = Self.pennyExport().split(separator: "\n").map(String.init)
        for k in 1..<lines.count {
            lines[k] = lines[k].replacingOccurrences(of: ",0.00", with: ",1.")
        }
        lines[5] = lines[5].replacingOccurrences(of: ",1.", with: ",0.00")   // one bar of 780 in pennies
        let path = try Self.file("stray.csv", lines.joined(separator: "\n") + "\n")
        let profile = try ProfileSource.load(path, table: NQPTables.marketData, zone: .utc, flag: "data")
        #expect(profile.warnings == nil, "\(profile.warnings ?? [])")
    }
}
