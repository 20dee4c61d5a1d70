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

    @OptionGroup var options: ScenarioOptions
    @Option(help: "FLAG=V1,V2,… : one scenario per value, side by side (repeatable).") var vary: [String] = []
    @Option(help: "table, json, markdown or html.") var format: ReportFormat?
    @Option(help: "Measure the profile from the table's rows in this table store (`simulate --save`, docs/STORE.md); replaces --profile.") var store: String?
    @Option(help: "Write the output to this file instead of standard output.") var out: String?
    @Flag(help: "Print one JSON document on stdout (same as --format json).") var json = false
    @Option(help: "Print the predicted plan tree of one query (Q1…Q5) as EXPLAIN would show it (with --config).") var explain: String?
    @Option(help: "The storage configuration for --explain: C1, C2 (plain), C3 (hypertable), C4 (compressed).") var config: String = "C4"

    func validate() throws {
        try ReportOutput.validate(format, json: json, for: PlanReport.self)
        for v in vary where !v.contains("=") { throw ValidationError("--vary takes FLAG=V1,V2,… (got \"\(v)\")") }
        if let explain {
            // Checked before the plan runs, which can take seconds.
            guard ["Q1", "Q2", "Q3", "Q4", "Q5"].contains(explain.uppercased()) else {
                throw ValidationError("--explain takes Q1, Q2, Q3, Q4 or Q5, got \"\(explain)\"")
            }
            guard ["C1", "C2", "C3", "C4"].contains(config.uppercased()) else {
                throw ValidationError("--config takes C1, C2, C3 or C4, got \"\(config)\"")
            }
            guard vary.isEmpty else { throw ValidationError("--explain shows one scenario's plan tree; drop --vary") }
        }
    }

    /// `--explain` as one JSON document: the query, the configuration and the tree's lines.
    struct ExplainReport: Encodable {
        let query: String
        let config: String
        let note: String
        let plan: [String]
    }

    func run() throws {
        var input = try options.input()
        if let store { input.profile = store }
        let currentTime = WallClock.microseconds
        let variants = try ScenarioOptions.variants(of: input, vary: vary).map(\.input)
        let progress = PlanProgress()
        var plans: [CapacityPlan] = []
        for variant in variants {
            let resolved = try Scenario.resolve(variant, currentTime: currentTime) { path, table, zone throws(ScenarioError) in
                try ProfileSource.load(path, table: table, zone: zone)
            }
            // The table and reports show warnings themselves; JSON keeps stdout for the document.
            if ReportOutput.format(format, json: json) == .json {
                for w in resolved.warnings where !plans.contains(where: { $0.warnings.contains(w) }) { PlanProgress.standardError(w + "\n") }
            }
            var planner = CapacityPlanner(scenario: resolved)
            planner.latency = PlanLatency.model
            let (plan, facts) = try planner.planWithFacts(progress: progress.report)
            if let explain {
                progress.finish()
                guard let text = PlanLatency.explain(resolved, facts, query: explain, config: config) else {
                    throw PlanFailure("--explain \(explain.uppercased()) --config \(config.uppercased()): the scenario has no such "
                                      + "configuration (C3 needs a hypertable, C4 a compressed one)")
                }
                let note = "predicted; times for the calibration machine, docs/LATENCY_MODEL.md"
                if ReportOutput.format(format, json: json) == .json {
                    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    let document = try ReportJSON.text(ExplainReport(query: explain.uppercased(), config: config.uppercased(), note: note,
                                                                     plan: lines.last == "" ? Array(lines.dropLast()) : lines))
                    if let out { try (document + "\n").write(toFile: out, atomically: true, encoding: .utf8) } else { print(document) }
                    return
                }
                print("\(explain.uppercased()) on \(config.uppercased()) (\(note))")
                print(text)
                return
            }
            plans.append(plan)
        }
        progress.finish()
        try ReportOutput.emit(PlanReport(plans: plans, varied: vary), as: ReportOutput.format(format, json: json), out: out)
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

