import Foundation
@testable import Planner
import Schema
import Testing

/// `intervals[].rows` are the rows of each bar interval the hypertable holds at `--now`, as the
/// top-level `rows` (CLI.md: "at --now, after retention"); `loaded_rows` every row loaded by then,
/// what the plain table holds. They counted every bar from `--start` to `--end` before session 34.
@Suite("IntervalRowsTests: intervals[].rows are the rows held at now, after retention")
struct IntervalRowsTests {
    static func plan(days: Int, retain: String, now: String? = nil) throws -> CapacityPlan {
        var input = ScenarioInput()
        input.start = "2025-06-02 00:00:00+00"   // a Monday
        input.days = days
        input.tickers = 2
        input.intervals = ["1m", "1h"]
        input.chunkInterval = "1 day"
        input.compressAfter = "none"
        input.retain = retain
        input.now = now
        let s = try Scenario.resolve(input, currentTime: 0) { path, _, _ throws(ScenarioError) in throw .profile("no profile file in tests: \(path)") }
        return try CapacityPlanner(scenario: s).plan()
    }

    @Test("with retention they add up to the rows held, fewer than those loaded")
    func retentionLeavesTheHeldRows() throws {
        let plan = try Self.plan(days: 42, retain: "14 days")
        #expect(plan.droppedChunks > 0)
        #expect(plan.intervals.reduce(0) { $0 + $1.rows } == plan.rows)
        for figure in plan.intervals {
            #expect(figure.rows > 0 && figure.rows < figure.loadedRows, "\(figure)")
        }
        // 1h bars are a sixtieth of the 1m ones, held or loaded.
        let byInterval = Dictionary(uniqueKeysWithValues: plan.intervals.map { ($0.interval, $0) })
        #expect(byInterval["1m"]?.rows == (byInterval["1h"]?.rows ?? 0) * 60)
        #expect(byInterval["1m"]?.loadedRows == (byInterval["1h"]?.loadedRows ?? 0) * 60)
    }

    @Test("with --now inside the span they count the rows up to now, a filling chunk's share split by interval")
    func nowInsideTheSpan() throws {
        let plan = try Self.plan(days: 30, retain: "none", now: "2025-06-11 15:30:00+00")
        let held = plan.intervals.reduce(0) { $0 + $1.rows }
        #expect(held == plan.rows)
        #expect(plan.intervals.reduce(0) { $0 + $1.loadedRows } == held)
        let whole = try Self.plan(days: 30, retain: "none")
        #expect(held < whole.intervals.reduce(0) { $0 + $1.rows })
    }

    @Test("without retention every row loaded is held")
    func loadedRowsWithoutRetentionEqualHeld() throws {
        let plan = try Self.plan(days: 20, retain: "none")
        #expect(plan.intervals.allSatisfy { $0.rows == $0.loadedRows })
    }

    @Test("a filling chunk's rows split by interval in proportion, summing to its rows")
    func splitSumsToTheTotal() {
        #expect(IntervalRowSplit.split(7, by: [10, 4]) == [5, 2])
        #expect(IntervalRowSplit.split(14, by: [10, 4]) == [10, 4])
        #expect(IntervalRowSplit.split(0, by: [10, 4]) == [0, 0])
        #expect(IntervalRowSplit.split(5, by: [0, 0]) == [0, 0])
        #expect(IntervalRowSplit.split(3, by: [1, 1, 1, 0]) == [1, 1, 1, 0])
        let huge = IntervalRowSplit.split(Int.max - 1, by: [Int.max, Int.max, 3])
        #expect(huge.reduce(0) { $0.addingReportingOverflow($1).partialValue } == Int.max - 1)
    }
}
