import Analytics
import ArgumentParser
import Foundation
import Storage
import LocalPostgres

/// `chunkwise bench analytics`: each analytics function in-process (in-memory store and engine
/// hypertable) and on a throwaway local PostgreSQL 15, on the same generated data, in one run.
///
/// PostgreSQL's figure is server-side: the median `Execution Time` of `EXPLAIN (ANALYZE, TIMING OFF)`
/// of `SELECT * FROM fn(...)` (planning reported apart, client round trip excluded). Chunkwise's is
/// the median thread CPU time of one call, hot, in this process, reading every returned row. CPU
/// time, not wall time: on this shared machine a tight loop of many calls is descheduled for whole
/// time slices, which a single short server-side execution mostly escapes, so wall time would
/// charge the neighbours' builds to Chunkwise alone.
struct BenchAnalyticsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analytics",
        abstract: "Time the NQP analytics functions in-process vs the same calls on a local PostgreSQL 15.")

    @Option(help: "Tickers in the generated data.")
    var tickers = 3
    @Option(help: "Days of 1-minute bars per ticker.")
    var minuteDays = 14
    @Option(help: "Days of hourly bars per ticker.")
    var hourDays = 365
    @Option(help: "Predictions (and block predictions) per ticker, one per hour back from now.")
    var predictions = 5000
    @Option(help: "In-process calls per measurement.")
    var iterations = 20000
    @Option(help: "EXPLAIN ANALYZE runs per call on PostgreSQL.")
    var postgresRuns = 25
    @Option(help: "Directory holding 001_nqp_schema.sql and 010_analytics_functions.sql (default: this source tree's sql/).")
    var sqlDirectory: String?
    @Flag(help: "Skip PostgreSQL (in-process numbers only).")
    var skipPostgres = false
    @Flag(help: "Print one JSON document.")
    var json = false

    struct Call {
        let name: String
        let sql: String
        /// The typed call made `n` times in a row (what is timed: PostgreSQL's Execution Time excludes
        /// output conversion too). The loop is inside, so the timing holds the calls and not a
        /// closure call per iteration.
        let call: (NQPAnalytics, Int) throws -> Int
        /// The same call rendered as PostgreSQL's text, to check the answers agree.
        let run: (NQPAnalytics) throws -> QueryResult
    }

    struct Row: Encodable {
        let function: String
        let rows: Int
        let in_memory_ns: Double
        /// Migration 008's layout: 1-day chunks, those older than 7 days compressed.
        let hypertable_ns: Double
        /// The same hypertable with no chunk compressed / every chunk compressed.
        let hypertable_uncompressed_ns: Double
        let hypertable_compressed_ns: Double
        /// The first call on a freshly built store over migration 008's layout: what a call costs
        /// before the runs it reads have views (batches decoded, rows gathered), less the floor of
        /// timing one call on a fresh store (``firstCallNanoseconds(_:call:)``).
        let hypertable_first_call_ns: Double
        /// The first call as timed, and the floor subtracted: an empty call timed the same way.
        let hypertable_first_call_raw_ns: Double
        let first_call_floor_ns: Double
        let postgres_execution_ns: Double?
        let postgres_planning_ns: Double?
        /// PostgreSQL's first call: the median `Execution Time` of the first `EXPLAIN ANALYZE` in
        /// each of seven new sessions (``BenchPostgres/firstCall(_:sessions:)``).
        let postgres_first_call_ns: Double?
        let speedup_in_memory: Double?
        let speedup_hypertable: Double?
        /// PostgreSQL over the slowest of the three hot hypertable layouts.
        let speedup_hypertable_slowest_layout: Double?
        /// PostgreSQL's first call in a new session over Chunkwise's first call on a fresh store.
        let speedup_first_call: Double?
        let same_result_as_postgres: Bool?
    }

    func run() throws {
        let rows = try measure()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(["results": rows]), as: UTF8.self))
            return
        }
        let data = BenchAnalyticsData.Shape(tickers: tickers, minuteDays: minuteDays, hourDays: hourDays, predictionsPerTicker: predictions)
        print("data: \(data.bars) market_data rows, \(data.predictions) predictions, \(data.predictions) block_predictions; \(tickers) tickers")
        print("in-process: median hot call; PostgreSQL: median EXPLAIN ANALYZE Execution Time (server side); the two alternate three times\n")
        print("hypertable: 1-day chunks, older than 7 days compressed (migration 008); ht-raw: none compressed; ht-zip: all compressed;")
        print("ht-first: first call on a fresh store over the hypertable (views not built yet); ×engine: PostgreSQL / slowest hot layout;")
        print("PG-first: PostgreSQL's first call in a new session; ×first: PG-first / ht-first\n")
        print(pad("function", 34) + pad("rows", 6) + pad("in-memory", 12) + pad("hypertable", 12) + pad("ht-raw", 12) + pad("ht-zip", 12)
              + pad("ht-first", 12) + pad("PostgreSQL", 12) + pad("PG-first", 12) + pad("×mem", 9) + pad("×engine", 9) + pad("×first", 9) + "same")
        for r in rows {
            print(pad(r.function, 34) + pad(String(r.rows), 6) + pad(Self.duration(r.in_memory_ns), 12) + pad(Self.duration(r.hypertable_ns), 12)
                  + pad(Self.duration(r.hypertable_uncompressed_ns), 12) + pad(Self.duration(r.hypertable_compressed_ns), 12)
                  + pad(Self.duration(r.hypertable_first_call_ns), 12)
                  + pad(r.postgres_execution_ns.map(Self.duration) ?? "-", 12) + pad(r.postgres_first_call_ns.map(Self.duration) ?? "-", 12)
                  + pad(r.speedup_in_memory.map { String(format: "%.0f", $0) } ?? "-", 9)
                  + pad(r.speedup_hypertable_slowest_layout.map { String(format: "%.0f", $0) } ?? "-", 9)
                  + pad(r.speedup_first_call.map { String(format: "%.0f", $0) } ?? "-", 9)
                  + (r.same_result_as_postgres.map { $0 ? "yes" : "NO" } ?? "-"))
        }
    }

    /// Every call measured in-process and (unless `skipPostgres`) on PostgreSQL, one row per call.
    func measure() throws -> [Row] {
        let data = BenchAnalyticsData(tickers: tickers, minuteDays: minuteDays, hourDays: hourDays, predictionsPerTicker: predictions, seed: 42)
        let session = AnalyticsSession(now: data.now)
        let memory = NQPAnalytics(marketData: InMemoryMarketData(bars: data.bars), predictions: InMemoryPredictions(records: data.predictions),
                                  blockPredictions: InMemoryPredictions(records: data.blocks), session: session)
        // `let` bindings: a timed closure that read a `var` would copy the whole NQPAnalytics value
        // (three store references and the session) on every call and time that too.
        func over(_ store: any MarketDataSource) -> NQPAnalytics {
            var analytics = memory
            analytics.marketData = store
            return analytics
        }
        let engineTable = try Self.hypertable(data.bars, now: data.now)
        let engine = over(try HypertableMarketData(hypertable: engineTable))
        let uncompressed = over(try HypertableMarketData(hypertable: Self.hypertable(data.bars, now: data.now, compressOlderThan: nil)))
        let compressed = over(try HypertableMarketData(hypertable: Self.hypertable(data.bars, now: data.now, compressOlderThan: Int64.max)))
        let t = data.tickers[0]
        let day: Int64 = 86_400_000_000
        func ts(_ v: Int64) -> String { "'\(PGTimestamp.format(v))'" }
        let calls = [
            Call(name: "get_latest_price(1m)", sql: "get_latest_price('\(t)', '1m')",
                 call: { a, n in try Self.repeated(n) { Self.touch(try a.getLatestPrice(ticker: t, interval: "1m")) } },
                 run: { QueryResult(latestPrice: try $0.getLatestPrice(ticker: t, interval: "1m"), zone: .utc) }),
            Call(name: "get_price_range(1m, 24 h)", sql: "get_price_range('\(t)', '1m', \(ts(data.now - day)), \(ts(data.now)))",
                 call: { a, n in try Self.repeated(n) { Self.touch(try a.getPriceRange(ticker: t, interval: "1m", start: data.now - day, end: data.now)) } },
                 run: { QueryResult(priceRange: try $0.getPriceRange(ticker: t, interval: "1m", start: data.now - day, end: data.now), zone: .utc) }),
            Call(name: "get_price_range(1h, 30 d)", sql: "get_price_range('\(t)', '1h', \(ts(data.now - 30 * day)), \(ts(data.now)))",
                 call: { a, n in try Self.repeated(n) { Self.touch(try a.getPriceRange(ticker: t, interval: "1h", start: data.now - 30 * day, end: data.now)) } },
                 run: { QueryResult(priceRange: try $0.getPriceRange(ticker: t, interval: "1h", start: data.now - 30 * day, end: data.now), zone: .utc) }),
            Call(name: "get_prediction_accuracy(30)", sql: "get_prediction_accuracy('\(t)', 30)",
                 call: { a, n in try Self.repeated(n) { Int(try a.getPredictionAccuracy(ticker: t, days: 30).totalPredictions) } },
                 run: { QueryResult(try $0.getPredictionAccuracy(ticker: t, days: 30)) }),
            Call(name: "get_block_prediction_accuracy(7)", sql: "get_block_prediction_accuracy('\(t)', 7)",
                 call: { a, n in try Self.repeated(n) { Int(try a.getBlockPredictionAccuracy(ticker: t, days: 7).totalPredictions) } },
                 run: { QueryResult(try $0.getBlockPredictionAccuracy(ticker: t, days: 7)) }),
        ]
        let server = skipPostgres ? nil : try BenchPostgres(data: data, sqlDirectory: URL(fileURLWithPath: sqlDirectory ?? Self.sourceTreeSQL.path),
                                                            runs: postgresRuns)
        var rows: [Row] = []
        for call in calls {
            let result = try call.run(memory)
            // PostgreSQL and Chunkwise alternate, three times, and each side's figure is its median:
            // this shared machine has slow and fast stretches of tens of seconds that would
            // otherwise land on one side only.
            var pgRounds: [(execution: Double, planning: Double)] = [], m: [Double] = [], h: [Double] = [], hu: [Double] = [], hc: [Double] = []
            for _ in 0..<3 {
                if let server { pgRounds.append(try server.time(call.sql)) }
                m.append(try Self.nanosecondsPerCall(iterations) { _ = try call.call(memory, $0) })
                h.append(try Self.nanosecondsPerCall(iterations) { _ = try call.call(engine, $0) })
                hu.append(try Self.nanosecondsPerCall(iterations) { _ = try call.call(uncompressed, $0) })
                hc.append(try Self.nanosecondsPerCall(iterations) { _ = try call.call(compressed, $0) })
            }
            let cold = try Self.firstCallNanoseconds { over(try HypertableMarketData(hypertable: engineTable)) } call: { _ = try call.call($0, 1) }
            let pg = try server.map { s in
                (execution: Self.median(pgRounds.map(\.execution)), planning: Self.median(pgRounds.map(\.planning)), csv: try s.csv(call.sql),
                 first: try s.firstCall(call.sql, sessions: 7))
            }
            let (mm, hm, hum, hcm) = (Self.median(m), Self.median(h), Self.median(hu), Self.median(hc))
            let same = [engine, uncompressed, compressed].allSatisfy { (try? call.run($0).csv) == result.csv }
            rows.append(Row(function: call.name, rows: result.rows.count, in_memory_ns: mm, hypertable_ns: hm,
                            hypertable_uncompressed_ns: hum, hypertable_compressed_ns: hcm, hypertable_first_call_ns: cold.call,
                            hypertable_first_call_raw_ns: cold.raw, first_call_floor_ns: cold.floor,
                            postgres_execution_ns: pg?.execution, postgres_planning_ns: pg?.planning, postgres_first_call_ns: pg?.first,
                            speedup_in_memory: pg.map { $0.execution / mm }, speedup_hypertable: pg.map { $0.execution / hm },
                            speedup_hypertable_slowest_layout: pg.map { $0.execution / max(hm, hum, hcm) },
                            speedup_first_call: pg.map { $0.first / cold.call },
                            same_result_as_postgres: pg.map { $0.csv == result.csv && same }))
        }
        return rows
    }

    /// Reads the returned bar's timestamp and close, as ``touch(_:)-(PriceRange)`` reads a range's rows.
    static func touch(_ bar: PriceBar?) -> Int {
        guard let bar else { return 0 }
        guard case .narrow(let close) = bar.close else { return 1 }
        return Int(truncatingIfNeeded: bar.timestamp &+ close.unscaled)
    }

    /// Reads every returned row's timestamp and close (as a chart would, column-wise), so no lazy
    /// view escapes the timing.
    static func touch(_ bars: PriceRange) -> Int {
        var sum: Int64 = 0
        // The bench's data holds prices of up to 18 digits; a wide close column has no unscaled array.
        guard bars.parts.allSatisfy({ $0.block.close.wide == nil }) else { return bars.count }
        bars.forEachRow { columns, row in sum &+= columns.block.close.unscaled[row] &+ columns.timestamps[row] }
        return Int(truncatingIfNeeded: sum)
    }

    func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s + " " : s + String(repeating: " ", count: w - s.count) }

    static func duration(_ ns: Double) -> String {
        if ns < 1_000 { return String(format: "%.0f ns", ns) }
        if ns < 1_000_000 { return String(format: "%.1f µs", ns / 1_000) }
        return String(format: "%.2f ms", ns / 1_000_000)
    }

    /// The bars in migration 008's hypertable (1-day chunks, segmentby ticker_id, interval), inserted
    /// in time order as they would arrive, chunks ending `compressOlderThan` before `now` compressed
    /// (7 days by default; nil compresses none).
    static func hypertable(_ bars: [PriceBar], now: Int64, compressOlderThan age: Int64? = 7 * 86_400_000_000) throws -> Hypertable {
        var ht = try HypertableMarketData.emptyHypertable()
        try ht.insert(PriceBar.rowSet(bars.sorted { $0.timestamp != $1.timestamp ? $0.timestamp < $1.timestamp : $0.id < $1.id }))
        if let age {
            for chunk in ht.chunks where age == Int64.max || chunk.timeRange.end <= now - age { try ht.compressChunk(named: chunk.name) }
        }
        return ht
    }

    /// Median wall time of one call over `n` calls, in 5 rounds after a warm-up round.
    /// One call on a fresh value from `make` (built outside the timing), timed in 31 rounds, and in
    /// the same rounds an empty call on a fresh value timed the same way: `raw` is the call's
    /// median, `floor` the empty call's, `call` their difference (at least 1 ns), the call's own
    /// cost. The floor is the two thread-CPU clock reads (a system call each), the closure call and
    /// the caches the build left cold: 700–900 ns here where two warm clock reads take 370 ns, so
    /// subtracting only those left 400–500 ns of harness in a 100 ns latest price.
    static func firstCallNanoseconds(_ make: () throws -> NQPAnalytics,
                                     call: (NQPAnalytics) throws -> Void) throws -> (call: Double, raw: Double, floor: Double) {
        func timed(_ body: (NQPAnalytics) throws -> Void) throws -> Double {
            let fresh = try make()
            var t0 = timespec(), t1 = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0)
            try body(fresh)
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1)
            return Double(t1.tv_sec - t0.tv_sec) * 1e9 + Double(t1.tv_nsec - t0.tv_nsec)
        }
        var calls: [Double] = [], empties: [Double] = []
        for _ in 0..<31 {
            calls.append(try timed(call))
            empties.append(try timed { _ in })
        }
        let raw = median(calls), floor = median(empties)
        return (max(1, raw - floor), raw, floor)
    }

    /// `body()` `n` times, its results summed so no call is optimized away.
    @inline(__always)
    static func repeated(_ n: Int, _ body: () throws -> Int) rethrows -> Int {
        var sum = 0
        for _ in 0..<n { sum &+= try body() }
        return sum
    }

    /// The median over five rounds of the time per call; `body(n)` makes `n` calls.
    static func nanosecondsPerCall(_ n: Int, _ body: (Int) throws -> Void) throws -> Double {
        try body(min(n, 100))
        var rounds: [Double] = []
        for _ in 0..<5 {
            var t0 = timespec(), t1 = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0)
            try body(n)
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1)
            rounds.append((Double(t1.tv_sec - t0.tv_sec) * 1e9 + Double(t1.tv_nsec - t0.tv_nsec)) / Double(n))
        }
        return rounds.sorted()[rounds.count / 2]
    }

    /// The repository's sql/ folder, found from this file's place in the source tree.
    static let sourceTreeSQL: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("sql")

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }
}
