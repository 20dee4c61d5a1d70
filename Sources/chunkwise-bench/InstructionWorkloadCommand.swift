import Analytics
import ArgumentParser
import Foundation
import Planner
import Schema
import Storage

/// `chunkwise-bench instructions WORKLOAD`: one small fixed workload for the instruction-count
/// guard (`bench/instructions` runs it under `valgrind --tool=callgrind`). With `--skip-measured`
/// the same process prepares the same input and stops before the measured step, so the guard
/// subtracts the two runs' totals and counts the measured step alone, whatever threads it uses.
struct InstructionWorkloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instructions",
        abstract: "Run one small fixed workload (ingest, compression, analytics) for the callgrind instruction-count guard.")

    enum Workload: String, ExpressibleByArgument, CaseIterable {
        case ingest, compression, analytics
    }

    @Argument(help: "ingest, compression or analytics.") var workload: Workload
    @Flag(help: "Prepare the input and stop before the measured step (the guard's baseline run).") var skipMeasured = false

    /// Generated market_data of the guard: 2 tickers × 1m,5m,1h × 5 days, seed 7.
    static let spec = SyntheticDataSpec(tickers: 2, intervals: ["1m", "5m", "1h"], days: 5, seed: 7)

    func run() throws {
        guard let table = TableResolution.builtIn("market_data") else { throw CommandFailure(message: "no built-in market_data") }
        let generated = try MarketDataGenerator(spec: Self.spec).rows()
        let bytes = CopyWriter().write(generated)
        let units: Int
        switch workload {
        case .ingest:
            units = generated.count
            if !skipMeasured { try Self.measuredIngest(bytes, table: table) }
        case .compression:
            let h = try EngineWorkloads.ingest(bytes: bytes, table: table, compressAfter: nil).hypertable
            units = generated.count
            if !skipMeasured { try Self.measuredCompression(h) }
        case .analytics:
            let data = BenchAnalyticsData(tickers: 1, minuteDays: 3, hourDays: 30, predictionsPerTicker: 100, seed: 42)
            let store = try HypertableMarketData(hypertable: BenchAnalyticsCommand.hypertable(data.bars, now: data.now))
            // The stores are set up outside the measured function: building the prediction stores
            // is not a call, and it is where the process first hashes a uuid in a Dictionary (a
            // one-time conformance lookup of ~430 k instructions that moves with whichever code
            // runs first).
            let analytics = NQPAnalytics(marketData: store, predictions: InMemoryPredictions(records: data.predictions),
                                         blockPredictions: InMemoryPredictions(records: data.blocks), session: AnalyticsSession(now: data.now))
            units = Self.analyticsCalls
            if !skipMeasured { try Self.measuredAnalytics(analytics, data: data) }
        }
        print("{\"workload\":\"\(workload.rawValue)\",\"units\":\(units),\"measured\":\(!skipMeasured)}")
    }

    /// COPY CSV bytes → rows → a simulation over migration 008's layout, compression after 7 days.
    @inline(never)
    static func measuredIngest(_ bytes: [UInt8], table: TableDefinition) throws {
        _ = try EngineWorkloads.ingest(bytes: bytes, table: table, compressAfter: PGInterval(days: 7))
    }

    /// compress_chunk on every chunk, then every chunk's rows decoded back.
    @inline(never)
    static func measuredCompression(_ hypertable: Hypertable) throws {
        _ = try EngineWorkloads.compression(of: hypertable)
    }

    static let analyticsCalls = 100

    /// `get_price_range(1m, 24 h)` on a fresh store (first call), then hot, `analyticsCalls` in all.
    @inline(never)
    static func measuredAnalytics(_ analytics: NQPAnalytics, data: BenchAnalyticsData) throws {
        let day: Int64 = 86_400_000_000
        var sum = 0
        for _ in 0..<analyticsCalls {
            sum &+= BenchAnalyticsCommand.touch(try analytics.getPriceRange(ticker: data.tickers[0], interval: "1m", start: data.now - day, end: data.now))
        }
        if sum == 42 { print("") }
    }
}
