import ArgumentParser
import Foundation
import Planner
import Report
import Schema

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
    @Option(help: "Directory to write the numbered SQL files into (created if missing; refused if it already holds .sql files, unless --force).") var out: String?
    @Flag(help: "Write into an --out directory that already holds .sql files: the files migrate writes are replaced, the others are kept and named on stderr.")
    var force = false
    @Option(help: "FLAG=V1,V2,… : one migration per value, each in its own folder under --out (repeatable).") var vary: [String] = []
    @Flag(help: "Print the steps as one JSON document (same as --format json).") var json = false
    @Option(help: "table (the SQL, or the files written), json or markdown.") var format: ReportFormat?

    func validate() throws {
        try ReportOutput.validate(format, for: MigrateReport.self)
        if !vary.isEmpty && out == nil { throw ValidationError("--vary writes one folder per scenario: give --out DIR") }
        if force && out == nil { throw ValidationError("--force applies to --out DIR: give --out DIR") }
    }

    func run() throws {
        var input = try options.input()
        if !from.isEmpty { input.migrations = from }
        let variants = try ScenarioOptions.variants(of: input, vary: vary)
        let currentTime = WallClock.microseconds
        // Every output folder is inspected before anything is written, so a refusal writes nothing.
        if let out { _ = try MigrationOutputDirectory(path: out, force: force || variants.count > 1) }
        let outputs = try variants.map { (name, _) throws -> MigrationOutputDirectory? in
            try out.map { o throws in try MigrationOutputDirectory(path: variants.count > 1 ? o + "/" + Self.folderName(name) : o, force: force) }
        }
        for ((name, variant), output) in zip(variants, outputs) {
            let folder = output?.path
            if variants.count > 1 { print("\(name):") }
            let scenario = try Scenario.resolve(variant, currentTime: currentTime) { path, table, zone throws(ScenarioError) in
                try ProfileSource.load(path, table: table, zone: zone)
            }
            let written = MigrationWriter.writtenContinuousAggregates(scenario).map(\.definition.name)
            for w in scenario.warnings(handling: written) { ReportOutput.standardError(w + "\n") }
            let progress = PlanProgress()
            let migration = try MigrationPlan.make(scenario: scenario, progress: progress.report)
            progress.finish()
            if let output {
                try migration.write(to: output.path)
                let stale = output.staleFiles(after: migration)
                if !stale.isEmpty {
                    ReportOutput.standardError("WARNING: \"\(output.path)\" still holds SQL files this migration did not write "
                        + "(\(stale.joined(separator: ", "))); remove them before running the folder with psql\n")
                }
            }
            try ReportOutput.emit(MigrateReport(migration: migration, directory: folder), as: ReportOutput.format(format, json: json))
        }
    }

    /// `chunk-interval=7 days, retain=90 days` → `chunk-interval=7_days,retain=90_days`.
    static func folderName(_ name: String) -> String {
        String(name.replacingOccurrences(of: ", ", with: ",").map { c in
            c.isLetter || c.isNumber || "-=,.".contains(c) ? c : "_"
        })
    }
}
