import Foundation
import Planner
import Schema
import Testing

/// `rows_per_ticker_per_week` counts the bars stamped in a week, as `generate` writes them (D11).
@Suite("BarsPerWeekTests: a week's bars per ticker are those stamped in it")
struct BarsPerWeekTests {
    @Test("from a Wednesday noon: six daily futures bars and one weekly bar a week")
    func dailyAndWeekly() throws {
        var input = ScenarioInput()
        input.start = "2025-06-04 12:00:00+00"   // a Wednesday
        input.days = 28
        input.tickers = 1
        input.intervals = ["1m", "1h", "1d", "1w"]
        let s = try Scenario.resolve(input, currentTime: 0) { path, _, _ throws(ScenarioError) in throw .profile("no profile file in tests: \(path)") }
        let plan = try CapacityPlanner(scenario: s).plan()
        let perWeek = Dictionary(uniqueKeysWithValues: plan.intervals.map { ($0.interval, $0.rowsPerTickerPerWeek) })
        #expect(perWeek["1d"] == 6)
        #expect(perWeek["1w"] == 1)
        #expect(perWeek["1h"] == 5 * 23)
        #expect(perWeek["1m"] == 5 * 23 * 60)
    }
}
