import Dispatch
import Synchronization

extension ChunkSampler {
    /// One chunk to size: its window, bars per ticker, the ticker width to sample it at, and the
    /// chunk interval it is a chunk of (nil: the scenario's).
    struct SizingJob: Sendable {
        var key: Int
        var width: Int
        var window: (start: Int64, end: Int64)
        var barsPerTicker: Int
        var chunkInterval: Int64?
    }

    /// Sizes several chunks on every core (``boundedSizes(window:barsPerTicker:rowBudget:)``), by
    /// key and width: the sizes, engine/model runs and rows generated. The first failure is thrown.
    static func concurrentSizes(scenario: Scenario, jobs: [SizingJob], rowBudget: Int) throws(PlanError)
        -> [Int: [Int: (sizes: ChunkSizes, runs: Int, rows: Int)]] {
        let results = Mutex<[Int: [Int: (sizes: ChunkSizes, runs: Int, rows: Int)]]>([:])
        let failure = Mutex<PlanError?>(nil)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { j in
            let job = jobs[j]
            var narrowed = scenario
            narrowed.tickers = job.width
            if let interval = job.chunkInterval { narrowed.chunkInterval = interval }
            do {
                let measured = try ChunkSampler(scenario: narrowed).boundedSizes(window: job.window, barsPerTicker: job.barsPerTicker,
                                                                                rowBudget: rowBudget)
                results.withLock { $0[job.key, default: [:]][job.width] = measured }
            } catch {
                let e = (error as? PlanError) ?? .sampling("\(error)")
                failure.withLock { $0 = $0 ?? e }
            }
        }
        if let e = failure.withLock({ $0 }) { throw e }
        return results.withLock { $0 }
    }
}
