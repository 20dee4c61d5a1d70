import ArgumentParser
import Foundation
import Planner
import Report
import Schema
import Storage

/// `chunkwise-bench suite` (the default; `make bench`): every workload on fixed data, Chunkwise
/// beside PostgreSQL 15 on a throwaway cluster in the same run, one table (or `--json`).
///
/// Data: market_data generated from `--seed` (`--tickers` × 1m,5m,1h bars × `--days`, times each
/// `--scale`), and the real COPY exports in `--real-data` when that folder exists.
struct SuiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suite",
        abstract: "Run every workload (ingest, compression, analytics, plan, memory) beside PostgreSQL 15 and print one table.")

    @Option(help: "Tickers of the generated data at scale 1.") var tickers = 10
    @Option(help: "Calendar days of generated 1m, 5m and 1h bars.") var days = 30
    @Option(help: "Seed of the generated data.") var seed: UInt64 = 1
    @Option(parsing: .upToNextOption, help: "Scales (multiples of --tickers) to run ingest, compression, plan and memory at, e.g. 1 2 4 8.")
    var scale: [Int] = [1]
    @Option(help: "Folder of real market_data COPY CSV exports (2-decimal prices); skipped when absent.")
    var realData = "../shared/data/real"
    @Option(help: "Directory holding sql/001_nqp_schema.sql and 010_analytics_functions.sql (default: this source tree's sql/).")
    var sqlDirectory: String?
    @Option(help: "In-process calls per analytics measurement.") var analyticsIterations = 20000
    @Option(help: "EXPLAIN ANALYZE runs per analytics call on PostgreSQL.") var postgresRuns = 25
    @Flag(help: "Skip the analytics workload.") var skipAnalytics = false
    @Flag(help: "Skip the plan workload.") var skipPlan = false
    @Flag(help: "Skip PostgreSQL (Chunkwise's figures only, no ratios).") var skipPostgres = false
    @Flag(help: "Tiny data and few iterations: a smoke test of the suite, not a measurement.") var smoke = false
    @Flag(help: "Print one JSON document.") var json = false

    func validate() throws {
        guard tickers >= 1, days >= 1 else { throw ValidationError("--tickers and --days must be at least 1") }
        guard !scale.isEmpty, scale.allSatisfy({ (1...64).contains($0) }) else { throw ValidationError("--scale values must be between 1 and 64") }
        guard analyticsIterations >= 1, postgresRuns >= 1 else { throw ValidationError("--analytics-iterations and --postgres-runs must be at least 1") }
    }

    struct Document: Encodable {
        var started: String
        var machine: String
        var load_start: Double
        var results: [SuiteRow]
    }

    func run() throws {
        let started = ISO8601DateFormatter().string(from: Date())
        let loadStart = ProcessStats.loadAverage
        let sql = URL(fileURLWithPath: sqlDirectory ?? BenchAnalyticsCommand.sourceTreeSQL.path)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let table = TableResolution.builtIn("market_data") else { throw CommandFailure(message: "no built-in market_data") }

        var sets: [(name: String, files: [String])] = []
        for s in (smoke ? [1] : scale) {
            let path = folder.appendingPathComponent("market_data_\(s)x.csv").path
            let spec = SyntheticDataSpec(tickers: (smoke ? 2 : tickers) * s, intervals: ["1m", "5m", "1h"], days: smoke ? 3 : days, seed: seed)
            try CopyWriter().write(try MarketDataGenerator(spec: spec).rows(), toPath: path)
            sets.append(("synthetic \(s)×", [path]))
        }
        // The set after which analytics and the plan run: the real files when present, else scale 1.
        var analyticsAfter = 0
        if !smoke, let real = Self.realFiles(realData) {
            analyticsAfter = min(1, sets.count)
            sets.insert(("real (\(real.count) files)", real), at: analyticsAfter)
        }

        var rows: [SuiteRow] = []
        // Each row also goes to stderr as it is measured, so a long series stopped early keeps what it measured.
        func emit(_ row: SuiteRow) {
            rows.append(row)
            FileHandle.standardError.write(Data((row.cells.joined(separator: " | ") + "\n").utf8))
        }
        // Scale 1 and the real files first, then analytics and the 4.4e8-row plan, then the larger
        // scales. A plan run earlier in this process left the real files' compressed ingest 10-15 %
        // slower (57-63 ms against 48-55 ms in the same hour), a state no user's `simulate`, a
        // process of its own, starts from.
        for (k, set) in sets.enumerated() {
            try measureIngestAndCompression(set.name, set.files, table: table, sql: sql, emit: emit)
            if k == analyticsAfter {
                if !skipAnalytics { try measureAnalytics(sql: sql, emit: emit) }
                if !skipPlan && !smoke { try measurePlan(emit: emit) }
            }
        }

        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            let doc = Document(started: started, machine: Self.machine, load_start: loadStart, results: rows)
            print(String(decoding: try encoder.encode(doc), as: UTF8.self))
            return
        }
        print("chunkwise-bench suite · \(started) · \(Self.machine) · release build: \(Self.isRelease ? "yes" : "NO (debug: figures are not measurements)")")
        print("ratios: Chunkwise over PostgreSQL 15 from this same run (rates: ours ÷ theirs; times and bytes: theirs ÷ ours); load = 1-min load average before/after\n")
        for line in TextTable(header: SuiteRow.header, rows: rows.map(\.cells), rightAligned: [3, 4, 6, 7]).lines { print(line) }
    }

    // MARK: workloads

    func measureIngestAndCompression(_ name: String, _ files: [String], table: TableDefinition, sql: URL,
                                     emit: (SuiteRow) -> Void) throws {
        let l0 = ProcessStats.loadAverage
        let (plain, plainRuns) = try Self.medianRun(\.wallSeconds) { try EngineWorkloads.ingest(files, table: table, compressAfter: nil) }
        let l1 = ProcessStats.loadAverage
        let (zipped, zippedRuns) = try Self.medianRun(\.wallSeconds) {
            try EngineWorkloads.ingest(files, table: table, compressAfter: PGInterval(days: 7))
        }
        let l2 = ProcessStats.loadAverage
        let pgMedian = skipPostgres ? nil : try Self.medianRun(\.seconds) { try PostgresCopyWorkload.run(files, sqlDirectory: sql) }
        let pg = pgMedian?.median
        let l3 = ProcessStats.loadAverage
        let pgRate = pg.map { Double($0.rows) / $0.seconds }
        let pgNote = pgMedian.map { "; PostgreSQL " + Self.runsText($0.seconds) } ?? ""
        for (label, result, runs, la, lb) in [("COPY CSV → engine, uncompressed", plain, plainRuns, l0, l1),
                                              ("COPY CSV → engine, compress after 7 days", zipped, zippedRuns, l1, l2)] {
            let rate = Double(result.rows) / result.wallSeconds
            let ratio = pgRate.map { rate / $0 }
            emit(SuiteRow(workload: "ingest", detail: label, data: name, rows: result.rows, value: rate, unit: "rows/s",
                          secondary: String(format: "%.0f ns/row wall, %.1f s CPU; ", result.wallSeconds * 1e9 / Double(result.rows), result.cpuSeconds)
                              + Self.runsText(runs) + pgNote + (result.streamed ? "" : "; read whole (rows out of time order)"),
                          postgres: pgRate, ratio: ratio, bar: "≥20× and ≥2 M rows/s",
                          met: ratio.map { $0 >= 20 && rate >= 2e6 }, load_before: la, load_after: max(lb, l3)))
        }
        for (compressed, result) in [(false, plain), (true, zipped)] {
            let label = compressed ? "compressed ingest" : "uncompressed ingest"
            let limit: Double = compressed ? 40 : 120
            let pgPerRow = pg.map { Double($0.totalBytes) / Double(max(1, $0.rows)) }
            let engine = String(format: "engine bytes %.1f B/row", Double(result.engineBytes) / Double(max(1, result.rows)))
            let m0 = ProcessStats.loadAverage
            let detail: String, perRow: Double, note: String, measurable: Bool, loads: (Double, Double)
            if let chunkwise = SimulateProcessMemory.executable {
                // `simulate` as its own process: peak RSS over the same command on no rows.
                let m = try SimulateProcessMemory.measure(executable: chunkwise, options: EngineWorkloads.simulateArguments(compressed: compressed),
                                                          files: files, rows: result.rows)
                (detail, perRow, measurable) = ("peak RSS of `chunkwise simulate`, \(label)", m.bytesPerRow, true)
                note = String(format: "; %.0f MB peak, %.0f MB with no rows", Double(m.peakBytes) / 1e6, Double(m.baselineBytes) / 1e6)
                loads = (m0, ProcessStats.loadAverage)
            } else {
                // No `chunkwise` beside this executable: the growth of this process's peak during the ingest.
                // The engine's own bytes must be resident at the peak; a smaller growth means the run
                // reused memory an earlier workload of this process freed, and measured nothing.
                (detail, perRow) = ("peak RSS growth, \(label)", Double(result.peakBytes) / Double(max(1, result.rows)))
                measurable = result.peakBytes >= result.engineBytes && result.peakBytes > 0
                note = measurable ? "" : "; NOT MEASURED (growth below the engine's bytes: freed memory reused)"
                loads = (l0, l2)
            }
            emit(SuiteRow(workload: "memory", detail: detail, data: name, rows: result.rows, value: perRow, unit: "B/row",
                          secondary: engine + note, postgres: pgPerRow, ratio: measurable ? pgPerRow.map { $0 / max(perRow, 1e-9) } : nil,
                          bar: "≤\(Int(limit)) B/row", met: measurable && perRow <= limit,
                          load_before: loads.0, load_after: loads.1))
        }
        let c0 = ProcessStats.loadAverage
        let c = try EngineWorkloads.compression(of: plain.hypertable)
        let c1 = ProcessStats.loadAverage
        let mb = Double(c.rawBytes) / 1e6
        emit(SuiteRow(workload: "compression", detail: "compress_chunk, every chunk (\(c.chunks)), one thread CPU", data: name, rows: c.rows,
                      value: mb / c.compressSeconds, unit: "MB/s",
                      secondary: String(format: "%@ rows/s, %.1f× smaller", SuiteRow.rate(Double(c.rows) / c.compressSeconds),
                                        Double(c.rawBytes) / Double(max(1, c.compressedBytes))),
                      postgres: nil, ratio: nil, bar: "≥150 MB/s raw column bytes", met: mb / c.compressSeconds >= 150,
                      load_before: c0, load_after: c1))
        emit(SuiteRow(workload: "decompression", detail: "every compressed chunk's rows back, one thread CPU", data: name, rows: c.rows,
                      value: mb / c.decompressSeconds, unit: "MB/s",
                      secondary: SuiteRow.rate(Double(c.rows) / c.decompressSeconds) + " rows/s",
                      postgres: nil, ratio: nil, bar: "≥1000 MB/s", met: mb / c.decompressSeconds >= 1000,
                      load_before: c0, load_after: c1))
    }

    /// Runs shorter than this are run three times and the median kept: a run of a few dozen
    /// milliseconds on this shared machine can lose a whole time slice to a neighbour, which a
    /// run of seconds averages away.
    static let repeatBelowSeconds = 2.0

    /// `measure()` once, or three times when that run took under ``repeatBelowSeconds``; the run
    /// with the median `seconds`, and every run's seconds (ascending). The same rule for both sides
    /// of a ratio: not the fastest run, the middle one.
    static func medianRun<Run>(_ seconds: (Run) -> Double, _ measure: () throws -> Run) rethrows -> (median: Run, seconds: [Double]) {
        var runs = [try measure()]
        if seconds(runs[0]) < repeatBelowSeconds { for _ in 0..<2 { runs.append(try measure()) } }
        runs.sort { seconds($0) < seconds($1) }
        return (runs[runs.count / 2], runs.map(seconds))
    }

    /// "1 run" or "median of 3 runs (0.052–0.061 s)".
    static func runsText(_ seconds: [Double]) -> String {
        guard seconds.count > 1, let lo = seconds.first, let hi = seconds.last else { return "1 run" }
        return String(format: "median of %d runs (%.3f–%.3f s)", seconds.count, lo, hi)
    }

    func measureAnalytics(sql: URL, emit: (SuiteRow) -> Void) throws {
        var args = ["--iterations", String(smoke ? 50 : analyticsIterations), "--postgres-runs", String(smoke ? 2 : postgresRuns),
                    "--sql-directory", sql.path]
        if smoke { args += ["--tickers", "1", "--minute-days", "2", "--hour-days", "10", "--predictions", "100"] }
        if skipPostgres { args.append("--skip-postgres") }
        let bench = try BenchAnalyticsCommand.parse(args)
        let l0 = ProcessStats.loadAverage
        let results = try bench.measure()
        let l1 = ProcessStats.loadAverage
        let shape = BenchAnalyticsData.Shape(tickers: bench.tickers, minuteDays: bench.minuteDays, hourDays: bench.hourDays,
                                             predictionsPerTicker: bench.predictions)
        for r in results {
            let slowest = max(r.hypertable_ns, r.hypertable_uncompressed_ns, r.hypertable_compressed_ns)
            let hot = r.postgres_execution_ns.map { $0 / slowest }
            let same = r.same_result_as_postgres.map { $0 ? "" : ", ANSWERS DIFFER" } ?? ""
            emit(SuiteRow(workload: "analytics", detail: r.function + " hot (slowest hypertable layout)", data: "generated \(shape.bars) bars",
                          rows: r.rows, value: slowest, unit: "ns/call",
                          secondary: String(format: "in-memory %@, 008 layout %@%@", SuiteRow.duration(r.in_memory_ns), SuiteRow.duration(r.hypertable_ns), same),
                          postgres: r.postgres_execution_ns, ratio: hot, bar: "≥100×", met: hot.map { $0 >= 100 },
                          load_before: l0, load_after: l1))
            // A first call is held to PostgreSQL's first call (the first execution in a new
            // session), like for like; the ratio to its hot execution is printed beside it.
            let first = r.speedup_first_call
            let timing = "timed \(SuiteRow.duration(r.hypertable_first_call_raw_ns)) less an empty call's \(SuiteRow.duration(r.first_call_floor_ns))"
            let againstHot = timing + (r.postgres_execution_ns.map {
                String(format: "; %.1f× PostgreSQL's hot %@", $0 / r.hypertable_first_call_ns, SuiteRow.duration($0))
            } ?? "")
            emit(SuiteRow(workload: "analytics", detail: r.function + " first call (fresh store; PostgreSQL: new session)", data: "generated \(shape.bars) bars",
                          rows: r.rows, value: r.hypertable_first_call_ns, unit: "ns/call", secondary: againstHot,
                          postgres: r.postgres_first_call_ns, ratio: first, bar: "≥100×", met: first.map { $0 >= 100 },
                          load_before: l0, load_after: l1))
        }
    }

    func measurePlan(emit: (SuiteRow) -> Void) throws {
        for s in scale.sorted() {
            let l0 = ProcessStats.loadAverage
            ProcessStats.resetPeak()
            let (rows, seconds) = try BenchPlanCommand.planOnce(tickers: 500 * s, years: 2)
            emit(SuiteRow(workload: "plan", detail: "plan \(500 * s) tickers × 1m,5m,1h × 2 years", data: "scenario \(s)×", rows: rows,
                          value: seconds, unit: "s", secondary: String(format: "peak RSS %.0f MB", Double(ProcessStats.peakResidentBytes) / 1e6),
                          postgres: nil, ratio: nil, bar: nil, met: nil, load_before: l0, load_after: ProcessStats.loadAverage))
        }
    }

    // MARK: environment

    /// The 2-decimal market_data exports in `folder` (numeric(14,4) files need another table).
    static func realFiles(_ folder: String) -> [String]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        let files = names.filter { $0.hasSuffix(".csv") && !$0.contains("numeric14_4") }.sorted().map { folder + "/" + $0 }
        return files.isEmpty ? nil : files
    }

    static var machine: String {
        "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB"
    }

    static var isRelease: Bool {
        #if DEBUG
        return false
        #else
        return true
        #endif
    }
}
