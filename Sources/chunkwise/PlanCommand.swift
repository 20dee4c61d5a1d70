import ArgumentParser
import Foundation
import Planner
import Report
import Schema

/// `chunkwise plan`: a capacity plan from CLI inputs, a scenario file or migrations (CLI.md "plan").
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "A capacity plan: sizes over time, chunk counts, memory fit and latencies, without data or a database.",
        discussion: """
            With no arguments: the NQP roadmap's setup (10 futures tickers at 1m, 5m and 1h, two years, 1-day chunks, \
            segment by ticker_id and interval, compress after 7 days, drop after 730 days, 16GB of memory). \
            Flags override a --scenario file (TOML, same field names), which overrides --migrations. \
            Sessions in UTC: futures Sunday-Thursday 22:00 to 21:00 next day; equities 14:30-21:00 Monday-Friday; crypto 24x7.
            """)

    @Option(help: "A TOML scenario file whose keys are these flags' names.") var scenario: String?
    @Option(parsing: .upToNextOption, help: "Migration SQL replayed for the schema, indexes, hypertable, compression and policies.")
    var migrations: [String] = []
    @Option(help: "The table to plan (default market_data).") var table: String?
    @Option(help: "Number of tickers.") var tickers: Int?
    @Option(help: "Comma-separated bar intervals (1m,5m,15m,30m,1h,4h,1d).") var intervals: String?
    @Option(help: "futures, equities or crypto.") var session: String?
    @Option(help: "First instant (default: the first session open on or after --now minus the horizon).") var start: String?
    @Option(help: "End, exclusive (default --now).") var end: String?
    @Option(help: "Horizon in days.") var days: Int?
    @Option(help: "Horizon in years (default 2).") var years: Int?
    @Option(help: "The simulated clock for policies (default --end, else the current time).") var now: String?
    @Option(help: "Session time zone (default UTC).") var timezone: String?
    @Option(help: "futures, equities, crypto, or a COPY-CSV export or profile JSON to measure statistics from.") var profile: String?
    @Option(name: .customLong("chunk-interval"), help: "chunk_time_interval (default '1 day'; with --migrations theirs, else TimescaleDB's 7 days).")
    var chunkInterval: String?
    @Option(help: "compress_segmentby.") var segmentby: String?
    @Option(help: "compress_orderby.") var orderby: String?
    @Option(name: .customLong("compress-after"), help: "Compression policy's compress_after (none: no policy).") var compressAfter: String?
    @Option(help: "Retention policy's drop_after (none: keep everything).") var retain: String?
    @Option(help: "The hypertable's index set: 001 (the table's) or 009 (plus migration 009's).") var indexes: String?
    @Option(help: "Server memory (default 16GB).") var memory: String?
    @Option(name: .customLong("shared-buffers"), help: "shared_buffers (default 25 % of --memory).") var sharedBuffers: String?
    @Option(help: "TimescaleDB version 2.16 to 2.28 (default 2.28).") var timescaledb: String?
    @Option(help: "community or apache.") var edition: String?
    @Option(name: .customLong("batch-size"), help: "Rows per compressed batch at most (default 1000).") var batchSize: Int?
    @Option(help: "FLAG=V1,V2,… : one scenario per value, side by side (repeatable).") var vary: [String] = []
    @Option(help: "table, json, markdown or html.") var format: String = "table"
    @Option(help: "Write the output to this file instead of standard output.") var out: String?
    @Flag(help: "Print one JSON document on stdout (same as --format json).") var json = false

    func validate() throws {
        guard ["table", "json", "markdown", "html"].contains(format) else {
            throw ValidationError("--format must be table, json, markdown or html")
        }
        for v in vary where !v.contains("=") { throw ValidationError("--vary takes FLAG=V1,V2,… (got \"\(v)\")") }
    }

    var flagInput: ScenarioInput {
        var i = ScenarioInput()
        i.table = table
        i.tickers = tickers
        i.intervals = intervals.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        i.session = session
        i.start = start
        i.end = end
        i.days = days
        i.years = years
        i.now = now
        i.timezone = timezone
        i.profile = profile
        i.chunkInterval = chunkInterval
        i.segmentby = segmentby
        i.orderby = orderby
        i.compressAfter = compressAfter
        i.retain = retain
        i.indexes = indexes
        i.memory = memory
        i.sharedBuffers = sharedBuffers
        i.timescaledb = timescaledb
        i.edition = edition
        i.batchSize = batchSize
        i.migrations = migrations.isEmpty ? nil : migrations
        return i
    }

    func run() throws {
        var input = try scenario.map { try ScenarioInput.read(scenarioFile: $0) } ?? ScenarioInput()
        input = input.overriding(flagInput)
        let currentTime = Int64(Date().timeIntervalSince1970 * 1_000_000)
        var variants: [ScenarioInput] = [input]
        for v in vary {
            let parts = v.split(separator: "=", maxSplits: 1).map(String.init)
            let values = parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            var next: [ScenarioInput] = []
            for base in variants {
                for value in values {
                    var copy = base
                    do { try copy.set(parts[0].trimmingCharacters(in: CharacterSet(charactersIn: "- ")), text: value) } catch {
                        throw ValidationError("--vary: \(error.description)")
                    }
                    next.append(copy)
                }
            }
            variants = next
        }
        let progress = PlanProgress()
        var plans: [CapacityPlan] = []
        for variant in variants {
            let resolved = try Scenario.resolve(variant, currentTime: currentTime) { path, table, zone throws(ScenarioError) in
                try ProfileSource.load(path, table: table, zone: zone)
            }
            // The table and reports show warnings themselves; JSON keeps stdout for the document.
            if json || format == "json" {
                for w in resolved.warnings where !plans.contains(where: { $0.warnings.contains(w) }) { PlanProgress.standardError(w + "\n") }
            }
            var planner = CapacityPlanner(scenario: resolved)
            planner.latency = PlanLatency.model
            plans.append(try planner.plan(progress: progress.report))
        }
        progress.finish()
        let text: String
        switch json ? "json" : format {
        case "json":
            if plans.count == 1 {
                text = try plans[0].jsonText()
            } else {
                text = "{\"scenarios\":[" + (try plans.map { try $0.jsonText() }.joined(separator: ",")) + "]}"
            }
        case "markdown": text = PlanText.markdown(plans)
        case "html": text = PlanText.html(plans)
        default: text = plans.count == 1 ? PlanText.table(plans[0]) : PlanText.sideBySide(plans, varied: vary)
        }
        if let out {
            do { try (text + "\n").write(toFile: out, atomically: true, encoding: .utf8) } catch {
                throw PlanFailure("could not write \"\(out)\": \(error.localizedDescription)")
            }
        } else {
            print(text)
        }
    }
}

/// A run-time failure of `plan`.
struct PlanFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Progress on stderr when it is a terminal and the plan takes over a second.
final class PlanProgress: @unchecked Sendable {
    private let started = Date()
    private let enabled = isatty(STDERR_FILENO) == 1
    private var shown = false

    func report(_ step: String) {
        guard enabled, Date().timeIntervalSince(started) > 1 else { return }
        shown = true
        Self.standardError("\rplan: \(step)…\u{1B}[K")
    }

    func finish() {
        if shown { Self.standardError("\r\u{1B}[K") }
    }

    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

