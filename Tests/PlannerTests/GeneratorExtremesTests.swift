import Foundation
import Planner
import Schema
import Storage
import Testing

/// The generator draws from any statistics a profile can hold without trapping: prices stay
/// whole ticks of at most 18 digits, volumes stay summable (hostile-input sweep, A3).
@Suite("GeneratorExtremesTests: no statistic makes the generator trap")
struct GeneratorExtremesTests {
    static func profile(step: Double, wick: Double = 3, level: Double = 6_800, tick: String = "0.01",
                        volume: Double = 400, volumeSigma: Double = 0.7) -> MarketDataProfile {
        var p = MarketDataProfile.futures
        p.price.minuteStepTicks = step
        p.price.wickTicks = wick
        p.price.level = level
        p.price.tick = tick
        p.volume.medianPerMinute = volume
        p.volume.logSigma = volumeSigma
        return p
    }

    @Test("a one-minute step of 10¹⁸ ticks (and 7.96 × 10¹⁷ at a 10⁻¹⁷ tick, as an export of alternating 0.1 and 9 measures) draws bars, all within 18 digits",
          arguments: [(1e18, "0.01", 6_800.0), (7.96e17, "0.00000000000000001", 4.5), (1e300, "0.25", 1e308)])
    func hugeStep(step: Double, tick: String, level: Double) throws {
        let spec = SyntheticDataSpec(tickers: 3, intervals: ["1m", "1h", "1M"], days: 3, seed: 5,
                                     profile: Self.profile(step: step, wick: 1e18, level: level, tick: tick, volume: 1e300, volumeSigma: 50))
        let rows = try MarketDataGenerator(spec: spec).rows()
        #expect(rows.count > 0)
        guard case .numeric(let highs, _)? = rows.column("high")?.storage else { Issue.record("high is not numeric"); return }
        #expect(highs.allSatisfy { $0 >= 0 }, "prices are whole ticks of at least 1, rounded to the column's scale")
        guard case .int64(let volumes)? = rows.column("volume")?.storage else { Issue.record("volume is not an integer"); return }
        #expect(volumes.allSatisfy { $0 >= 0 })
    }

    @Test("plan with a profile whose step is 10¹⁸ ticks finishes instead of trapping")
    func planWithHugeStep() throws {
        var input = ScenarioInput()
        input.now = "2025-07-01"
        input.days = 3
        input.tickers = 2
        input.profile = "steponly"
        let profile = Self.profile(step: 1e18)
        let scenario = try Scenario.resolve(input, currentTime: 0) { _, _, _ throws(ScenarioError) in profile }
        let plan = try CapacityPlanner(scenario: scenario).plan()
        #expect(plan.rows > 0)
    }
}
