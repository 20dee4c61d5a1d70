import Foundation
import Planner
import Schema
import Storage
import Testing

/// A chunk longer than the row budget allows is sampled in two time slices and extrapolated in
/// bars, so the sample does not grow with the chunk interval (hostile-input sweep, A5).
@Suite("LongChunkSamplingTests: a long chunk costs the row budget, not its length")
struct LongChunkSamplingTests {
    static func scenario(chunk: String, days: Int) throws -> Scenario {
        var input = ScenarioInput()
        input.now = "2025-07-01"
        input.days = days
        input.tickers = 2
        input.intervals = ["1m", "5m"]
        input.chunkInterval = chunk
        input.retain = "none"
        return try Scenario.resolve(input, currentTime: 0) { path, _, _ throws(ScenarioError) in throw .profile("no profile file in tests: \(path)") }
    }

    @Test("30-day chunks under a 2,000-row budget: time slices of a few days, sizes within 5 % of the whole chunks measured")
    func slicesMatchWholeChunks() throws {
        let s = try Self.scenario(chunk: "30 days", days: 60)
        var sliced = CapacityPlanner(scenario: s)
        sliced.rowBudget = 2_000
        var whole = CapacityPlanner(scenario: s)
        whole.rowBudget = 10_000_000
        let a = try sliced.plan(), b = try whole.plan()
        #expect(a.rows == b.rows)
        #expect(a.chunks == b.chunks)
        // Whole: every chunk generated at both tickers (≈ 2 × 50,000 rows per shape).
        #expect(a.method.sampleRows - 16_000 < 40_000, "sampled \(a.method.sampleRows) rows")
        func near(_ x: Int, _ y: Int) -> Bool { abs(Double(x - y)) <= 0.05 * Double(y) }
        #expect(near(a.sizes.hypertableUncompressed.totalBytes, b.sizes.hypertableUncompressed.totalBytes),
                "\(a.sizes.hypertableUncompressed.totalBytes) vs \(b.sizes.hypertableUncompressed.totalBytes)")
        #expect(near(a.sizes.hypertable.totalBytes, b.sizes.hypertable.totalBytes), "\(a.sizes.hypertable.totalBytes) vs \(b.sizes.hypertable.totalBytes)")
        #expect(near(a.sizes.engineBytes, b.sizes.engineBytes))
    }

    @Test("a chunk of 9223372036854775807 microseconds over a year samples a bounded number of rows")
    func longestChunk() throws {
        let s = try Self.scenario(chunk: "9223372036854775807 microseconds", days: 365)
        let plan = try CapacityPlanner(scenario: s).plan()
        #expect(plan.chunks == 1)
        #expect(plan.method.sampleRows < 200_000, "sampled \(plan.method.sampleRows) rows")
    }
}
