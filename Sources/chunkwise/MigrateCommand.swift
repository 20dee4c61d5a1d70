import ArgumentParser
import Foundation
import Planner
import PostgresModel

/// `chunkwise migrate`: the migration SQL for the chosen settings (CLI.md "migrate").
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Migration SQL for the chosen settings: numbered files, each with its rollback and predicted effect.",
        discussion: """
            Takes the scenario flags of plan (or --from the team's own migrations, which define the table and settings). \
            Writes NNN_step.sql files and rollback/NNN_step.sql to --out; without --out, prints them. \
            The files are run through chunkwise check before they are written.
            """)

    @OptionGroup var options: ScenarioOptions
    @Option(parsing: .upToNextOption, help: "The team's migrations: they define the table, keys and settings (same as --migrations).")
    var from: [String] = []
    @Option(help: "Directory to write the numbered SQL files into (created if missing).") var out: String?
    @Option(help: "FLAG=V1,V2,… : one migration per value, each in its own folder under --out (repeatable).") var vary: [String] = []
    @Flag(help: "Print the steps as one JSON document.") var json = false

    func validate() throws {
        if !vary.isEmpty && out == nil { throw ValidationError("--vary writes one folder per scenario: give --out DIR") }
    }

    func run() throws {
        var input = try options.input()
        if !from.isEmpty { input.migrations = from }
        let variants = try ScenarioOptions.variants(of: input, vary: vary)
        for (name, variant) in variants {
            let folder = out.map { variants.count > 1 ? $0 + "/" + Self.folderName(name) : $0 }
            if variants.count > 1 { print("\(name):") }
            try write(variant, to: folder)
        }
    }

    /// `chunk-interval=7 days, retain=90 days` → `chunk-interval=7_days,retain=90_days`.
    static func folderName(_ name: String) -> String {
        String(name.replacingOccurrences(of: ", ", with: ",").map { c in
            c.isLetter || c.isNumber || "-=,.".contains(c) ? c : "_"
        })
    }

    func write(_ input: ScenarioInput, to out: String?) throws {
        let currentTime = Int64(Date().timeIntervalSince1970 * 1_000_000)
        let scenario = try Scenario.resolve(input, currentTime: currentTime) { path, table, zone throws(ScenarioError) in
            try ProfileSource.load(path, table: table, zone: zone)
        }
        for w in scenario.warnings { PlanProgress.standardError(w + "\n") }
        var planner = CapacityPlanner(scenario: scenario)
        planner.latency = PlanLatency.model
        let progress = PlanProgress()
        let (plan, facts) = try planner.planWithFacts(progress: progress.report)
        let choice = try IndexChoice.choose(scenario: scenario, facts: facts)
        progress.finish()
        let steps = MigrationWriter.steps(for: scenario, plan: plan, indexChoice: choice)

        // What we emit must pass check for the targeted version and edition.
        let target = TimescaleTarget(version: (scenario.timescaledb.major, scenario.timescaledb.minor),
                                     edition: scenario.edition == "apache" ? .apache : .community)
        let findings = MigrationCheck.run(files: steps.map { ($0.fileName, $0.sql) }, target: target).findings
        let errors = findings.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw PlanFailure("the migration written for this scenario fails chunkwise check (a Chunkwise defect, please report it):\n"
                              + errors.map { "  \($0.file):\($0.line): \($0.message)" }.joined(separator: "\n"))
        }

        if json {
            print(String(decoding: try PlanJSON.encoder.encode(["steps": steps]), as: UTF8.self))
        }
        guard let out else {
            if !json {
                for s in steps { print("-- file: \(s.fileName)\n\(s.sql)\n-- file: rollback/\(s.fileName)\n\(s.rollbackSQL)") }
            }
            return
        }
        let dir = URL(fileURLWithPath: out)
        do {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("rollback"), withIntermediateDirectories: true)
            for s in steps {
                try s.sql.write(to: dir.appendingPathComponent(s.fileName), atomically: true, encoding: .utf8)
                try s.rollbackSQL.write(to: dir.appendingPathComponent("rollback").appendingPathComponent(s.fileName), atomically: true, encoding: .utf8)
            }
        } catch {
            throw PlanFailure("could not write into \"\(out)\": \(error.localizedDescription)")
        }
        if !json {
            for s in steps { print("\(out)/\(s.fileName): \(s.comments.first ?? "")") }
            print("rollbacks in \(out)/rollback/ (run in reverse order); check: \(findings.count) warnings, no errors")
        }
    }
}
