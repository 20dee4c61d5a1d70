import ArgumentParser
import Foundation
import Planner

/// `chunkwise bench plan`: wall time and peak memory of capacity plans at issue #10's scales
/// (500 tickers × 1m/5m/1h × 2 years ≈ 4.4×10⁸ rows; 5,000 tickers × 10 years ≈ 2×10¹⁰ rows),
/// and a doubling series in tickers. Numbers go to docs/PLANNER.md.
struct BenchPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Time capacity plans at 4.4e8 and 2e10 rows and a doubling series (wall seconds, peak RSS).")

    @Option(help: "Runs per scenario (the median is reported).") var runs: Int = 3
    @Flag(help: "Print one JSON document.") var json = false

    struct Row: Codable {
        var scenario: String
        var rows: Int
        var medianSeconds: Double
        var peakResidentBytes: Int
    }

    func validate() throws {
        guard (1...50).contains(runs) else { throw ValidationError("--runs must be between 1 and 50") }
    }

    func run() throws {
        let cases: [(String, Int, Int)] = [("500 tickers × 1m,5m,1h × 2 years", 500, 2), ("5,000 tickers × 1m,5m,1h × 10 years", 5_000, 10)]
            + [62, 125, 250, 500, 1_000].map { ("\($0) tickers × 1m,5m,1h × 2 years (doubling)", $0, 2) }
        var out: [Row] = []
        for (name, tickers, years) in cases {
            var times: [Double] = []
            var rows = 0
            for _ in 0..<runs {
                let (r, seconds) = try Self.planOnce(tickers: tickers, years: years)
                times.append(seconds)
                rows = r
            }
            times.sort()
            out.append(Row(scenario: name, rows: rows, medianSeconds: times[times.count / 2], peakResidentBytes: ProcessStats.peakResidentBytes))
        }
        if json {
            let e = PlanJSON.encoder
            print(String(decoding: try e.encode(out), as: UTF8.self))
        } else {
            print("scenario                                          rows        median s   peak RSS")
            for r in out {
                print(r.scenario.padding(toLength: 46, withPad: " ", startingAt: 0)
                      + String(r.rows).leftPad(16) + String(format: "%11.2f", r.medianSeconds) + ByteCount.text(r.peakResidentBytes).leftPad(11))
            }
        }
    }

    /// One capacity plan of `tickers` × 1m,5m,1h × `years` ending 2026-01-01 (no retention beyond
    /// 2 years): its row count and wall seconds.
    static func planOnce(tickers: Int, years: Int) throws -> (rows: Int, seconds: Double) {
        var input = ScenarioInput()
        input.tickers = tickers
        input.years = years
        input.end = "2026-01-01"
        if years > 2 { input.retain = "none" }
        let scenario = try Scenario.resolve(input, currentTime: 0) { p, t, z throws(ScenarioError) in try ProfileSource.load(p, table: t, zone: z) }
        var planner = CapacityPlanner(scenario: scenario)
        planner.latency = PlanLatency.model
        let start = ProcessStats.wall
        let plan = try planner.plan()
        return (plan.rows, ProcessStats.wall - start)
    }
}
