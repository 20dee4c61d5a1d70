import Foundation
import Testing
import PostgresModel
import Schema
import Storage
@testable import Planner

/// `plan` against the same scenario generated in full and run through the engine (`simulate`),
/// the TimescaleDB model (`compare`) and the PostgreSQL model (`size`): rows and chunks exact,
/// every size within ±3 % (issue #10's self-consistency bar). The row budget is lowered in some
/// cases so that the two-width extrapolation is exercised at a size a debug build runs quickly.
@Suite("plan agrees with generate + simulate / compare / size")
struct PlanSelfConsistencyTests {
    struct Case: Sendable, CustomStringConvertible {
        var session: String
        var tickers: Int
        var intervals: [String]
        var start: String
        var days: Int
        var chunk: String
        var compressAfter: String?
        var retain: String?
        var rowBudget: Int = 12_000
        var description: String {
            "\(session) \(tickers)×\(intervals.joined(separator: ",")) \(days)d chunk \(chunk) compress \(compressAfter ?? "-") retain \(retain ?? "-") budget \(rowBudget)"
        }
    }

    static let cases: [Case] = [
        Case(session: "futures", tickers: 2, intervals: ["1m", "5m"], start: "2024-01-07 22:00:00+00", days: 5, chunk: "12 hours"),
        Case(session: "futures", tickers: 12, intervals: ["5m", "1h"], start: "2024-01-07 22:00:00+00", days: 10, chunk: "1 day",
             compressAfter: "2 days", retain: "7 days", rowBudget: 2_400),
        Case(session: "equities", tickers: 4, intervals: ["1m"], start: "2024-01-08 14:30:00+00", days: 14, chunk: "7 days",
             compressAfter: "3 days"),
        Case(session: "equities", tickers: 8, intervals: ["1m", "1h"], start: "2024-01-08 14:30:00+00", days: 7, chunk: "1 day",
             compressAfter: "3 days", retain: "5 days", rowBudget: 1_600),
        // Wider: the roadmap's interval mix on 48 tickers (≈ 400 k rows), and 1 ticker for 2 months.
        Case(session: "futures", tickers: 48, intervals: ["1m", "5m", "1h"], start: "2024-01-07 22:00:00+00", days: 5, chunk: "1 day",
             compressAfter: "2 days"),
        Case(session: "equities", tickers: 1, intervals: ["1m", "5m"], start: "2024-01-08 14:30:00+00", days: 60, chunk: "7 days",
             compressAfter: "14 days", retain: "30 days"),
        // Bars longer than a chunk: daily, weekly (Monday) and monthly (the 1st; 2024-06-01 is a
        // Saturday with no session, so that day's chunk holds only June's bar).
        Case(session: "futures", tickers: 6, intervals: ["1h", "1d", "1w", "1M"], start: "2024-05-05 22:00:00+00", days: 60,
             chunk: "1 day", compressAfter: "7 days"),
        // Many tickers over one day: 8 tickers of it (184 rows) were the plain table's sample, which
        // grew per row by its page rounding (plain −97 % for 5,000 tickers × 2 daily bars).
        Case(session: "futures", tickers: 400, intervals: ["1h"], start: "2024-01-09 00:00:00+00", days: 1, chunk: "1 day"),
        // Many tickers over a month: the plain sample holds 23 of them; its ticker-led indexes grown
        // per row carried the sample's own page splits over to the other tickers (+9 % each).
        Case(session: "futures", tickers: 150, intervals: ["1h"], start: "2024-01-08 00:00:00+00", days: 30, chunk: "7 days",
             compressAfter: "7 days"),
    ]

    static func within(_ predicted: Int, _ actual: Int, _ tolerance: Double) -> Bool {
        guard actual > 0 else { return predicted == 0 }
        return abs(Double(predicted - actual)) / Double(actual) <= tolerance
    }

    @Test("sizes within 3 %, rows and chunks exact", arguments: cases)
    func agrees(_ c: Case) throws {
        var input = ScenarioInput()
        input.tickers = c.tickers
        input.intervals = c.intervals
        input.session = c.session
        input.start = c.start
        input.days = c.days
        input.chunkInterval = c.chunk
        input.compressAfter = c.compressAfter
        input.retain = c.retain
        if c.compressAfter == nil { input.segmentby = nil }
        var scenarioInput = input
        if c.compressAfter == nil {
            // No compression at all: no compression settings either.
            scenarioInput = Scenario.defaults.overriding(input)
            scenarioInput.segmentby = nil
            scenarioInput.orderby = nil
            scenarioInput.compressAfter = nil
        }
        var scenario = try Scenario.resolve(scenarioInput, currentTime: 0) { p, _, _ throws(ScenarioError) in
            throw .profile("no profile file expected: \(p)")
        }
        if c.compressAfter == nil { scenario.compression = nil; scenario.compressAfter = nil }
        if c.retain == nil { scenario.retain = nil }
        var planner = CapacityPlanner(scenario: scenario)
        planner.rowBudget = c.rowBudget
        let plan = try planner.plan()

        // The same scenario generated in full.
        let session = try #require(TradingSession(name: c.session))
        var spec = SyntheticDataSpec(tickers: c.tickers, intervals: c.intervals, days: c.days, start: scenario.start, session: session,
                                     seed: 1, profile: scenario.profile, calendar: scenario.calendar)
        spec.end = scenario.end
        let rows = try MarketDataGenerator(spec: spec, table: scenario.table).rows()

        // simulate: the engine with the policies on the simulated clock up to --now.
        var hypertable = try Hypertable(table: scenario.table, options: HypertableOptions(timeColumn: "timestamp", chunkInterval: scenario.chunkInterval))
        if let compression = scenario.compression { try hypertable.enableCompression(compression) }
        var simulation = Simulation(hypertable: hypertable, zone: scenario.zone)
        if let after = scenario.compressAfter { try simulation.addCompressionPolicy(after: after) }
        if let after = scenario.retain { try simulation.addRetentionPolicy(dropAfter: after) }
        _ = try simulation.run(rows, now: scenario.now)
        let live = simulation.hypertable.chunks
        let liveRows = live.reduce(0) { $0 + $1.rowCount }
        #expect(plan.rows == liveRows, "rows \(c)")
        #expect(plan.chunks == live.count, "chunks \(c)")
        #expect(plan.compressedChunks == live.filter(\.isCompressed).count, "compressed chunks \(c)")
        #expect(plan.droppedChunks == simulation.hypertable.droppedChunkCount, "dropped chunks \(c)")
        let engine = live.reduce(0) { $0 + EngineBytes.chunk($1).total }
        #expect(Self.within(plan.sizes.engineBytes, engine, 0.03), "engine bytes \(plan.sizes.engineBytes) vs \(engine) \(c)")

        // compare: the TimescaleDB model on every row, chunk by chunk.
        let prediction = try TimescaleDBSizePrediction.predict(rows: rows, timeColumn: "timestamp", chunkInterval: scenario.chunkInterval,
                                                               compression: scenario.compression, version: scenario.timescaledb,
                                                               indexes: scenario.hypertableIndexes)
        let liveStarts = Set(live.map(\.timeRange.start))
        let compressedStarts = Set(live.filter(\.isCompressed).map(\.timeRange.start))
        var uncompressed = 0, detailed = 0, before = 0, after = 0
        for chunk in prediction.chunks where liveStarts.contains(chunk.rangeStart) {
            uncompressed += chunk.before.total
            if compressedStarts.contains(chunk.rangeStart), let a = chunk.after {
                detailed += a.total + chunk.emptied.total
                before += chunk.before.total
                after += a.total
            } else {
                detailed += chunk.before.total
            }
        }
        let root = prediction.uncompressed.total - prediction.compressionStatsBefore.total
        uncompressed += root
        detailed += root
        #expect(Self.within(plan.sizes.hypertableUncompressed.totalBytes, uncompressed, 0.03),
                "uncompressed \(plan.sizes.hypertableUncompressed.totalBytes) vs \(uncompressed) \(c)")
        #expect(Self.within(plan.sizes.hypertable.totalBytes, detailed, 0.03), "detailed \(plan.sizes.hypertable.totalBytes) vs \(detailed) \(c)")
        #expect(Self.within(plan.sizes.compressionStats.beforeCompressionTotalBytes, before, 0.03), "before \(c)")
        #expect(Self.within(plan.sizes.compressionStats.afterCompressionTotalBytes, after, 0.03),
                "after \(plan.sizes.compressionStats.afterCompressionTotalBytes) vs \(after) \(c)")

        // size: the PostgreSQL model on every row (001 indexes during the load, 009's after).
        var table = scenario.table
        table.indexes = scenario.plainIndexes + (scenario.indexes009 ?? [])
        let all = RowSet(table: table, columns: rows.columns)
        let bulk = Set((scenario.indexes009 ?? []).map(\.name))
        let relations = try RelationSizeModel.predict(rows: all, build: { bulk.contains($0.name) ? .bulk : .incremental },
                                                      context: EvaluationContext(now: scenario.now))
        let plain001 = relations.filter { !bulk.contains($0.name) }.reduce(0) { $0 + $1.totalBytes }
        let plain009 = relations.reduce(0) { $0 + $1.totalBytes }
        #expect(Self.within(plan.sizes.plain.totalBytes, plain001, 0.03), "plain \(plan.sizes.plain.totalBytes) vs \(plain001) \(c)")
        #expect(Self.within(plan.sizes.plain009?.totalBytes ?? 0, plain009, 0.03), "plain_009 \(c)")
    }
}
