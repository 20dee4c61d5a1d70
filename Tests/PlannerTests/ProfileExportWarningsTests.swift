import Foundation
import Testing
import Schema
import Storage
@testable import Planner

/// What measuring a profile finds wrong with the export itself is said, in the profile
/// (`warnings`) and in the plan drawn from it, and the profile is otherwise measured as before:
/// prices the table's `numeric(12,2)` stores as 0.00, and rows out of time order.
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

    /// An export of 3 tickers' bars written ticker by ticker (ORDER BY ticker_id, timestamp).
    static func sortedBySeries() throws -> (timeOrdered: String, bySeries: String, rows: Int) {
        var spec = SyntheticDataSpec(tickers: 3, intervals: ["1m"], days: 3, start: 1_704_664_800_000_000, session: .futures)
        spec.seed = 5
        let rows = try MarketDataGenerator(spec: spec).rows()
        let csv = CopyWriter().writeString(rows)
        var lines = csv.split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        let tickerField = try #require(header.split(separator: ",").firstIndex(of: "ticker_id"))
        let bySeries = lines.enumerated().sorted { a, b in
            let ka = a.element.split(separator: ",", omittingEmptySubsequences: false)[tickerField]
            let kb = b.element.split(separator: ",", omittingEmptySubsequences: false)[tickerField]
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
        return (csv, ([header] + bySeries).joined(separator: "\n") + "\n", lines.count)
    }

    @Test("an export sorted by ticker is measured as in time order, and says how much of it is not")
    func outOfOrderExportIsWarned() throws {
        let export = try Self.sortedBySeries()
        let ordered = try ProfileSource.load(try Self.file("ordered.csv", export.timeOrdered), table: NQPTables.marketData, zone: .utc, flag: "data")
        let shuffled = try ProfileSource.load(try Self.file("by_ticker.csv", export.bySeries), table: NQPTables.marketData, zone: .utc, flag: "data")
        #expect(ordered.warnings == nil)
        let warning = try #require(shuffled.warnings?.first, "no warning for an export sorted by ticker")
        // The longest time-ordered run keeps about one ticker's rows: the other two thirds of the
        // file would have to move.
        let prefix = "the export is not in time order: "
        #expect(warning.hasPrefix(prefix), "\(warning)")
        let moved = Int(warning.dropFirst(prefix.count).prefix { $0.isNumber }) ?? 0
        #expect(Double(moved) > 0.6 * Double(export.rows) && Double(moved) < 0.67 * Double(export.rows), "\(moved) of \(export.rows)")
        #expect(warning.contains(" of its \(export.rows) rows (6"))
        #expect(warning.contains("each series' rows are in time order, so the file is sorted by series first"))
        // The statistics are the time-ordered file's: live ingestion is in time order.
        var same = shuffled
        same.name = ordered.name
        same.source = ordered.source
        same.warnings = nil
        #expect(same == ordered)

        let plan = try CapacityPlanner(scenario: try Self.scenario(profile: try Self.file("by_ticker.csv", export.bySeries))).plan()
        let orderedPlan = try CapacityPlanner(scenario: try Self.scenario(profile: try Self.file("ordered.csv", export.timeOrdered))).plan()
        #expect(plan.warnings.contains("WARNING: the profile by_ticker: " + warning), "\(plan.warnings)")
        #expect(plan.rows == orderedPlan.rows && plan.sizes.plain.totalBytes == orderedPlan.sizes.plain.totalBytes)
    }

    @Test("the rows out of order are the fewest that would have to move; NULL times are left out")
    func outOfOrderCount() {
        let order = ProfileTimeOrder(times: [1, 2, 3, 1, 2, 3], series: [0, 0, 0, 1, 1, 1])
        #expect(order.outOfOrderRows == 2 && order.rows == 6 && order.seriesInOrder)
        let late = ProfileTimeOrder(times: [1, 9, 2, nil, 3, 4], series: [0, 0, 0, nil, 0, 0])
        #expect(late.outOfOrderRows == 1 && late.rows == 5 && !late.seriesInOrder)
        #expect(ProfileTimeOrder(times: [1, 1, 2, nil, 5], series: []).warning(timeColumn: "timestamp") == nil)
        #expect(ProfileTimeOrder(times: [], series: []).warning(timeColumn: "timestamp") == nil)
    }
}
