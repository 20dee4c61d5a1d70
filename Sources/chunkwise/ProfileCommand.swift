import ArgumentParser
import Foundation
import Planner
import Report
import Schema
import Storage

/// `chunkwise profile`: measures a data profile from an export (CLI.md "profile").
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Measure a data profile (calendar, prices, volumes, timing) from a COPY-CSV export, for `plan --profile`.")

    @Option(help: ArgumentHelp(TableHelp.table + " Default market_data, or the --schema migrations' one hypertable when they do not create market_data."))
    var table: String?
    @Option(name: .customLong("data"), parsing: .upToNextOption, help: "COPY … CSV HEADER files.") var data: [String]
    @Option(name: .customLong("schema"), parsing: .upToNextOption, help: ArgumentHelp(TableHelp.schema)) var schema: [String] = []
    @Option(parsing: .unconditional, help: "Session time zone for input without offsets (default UTC).") var timezone: String = "UTC"
    @Option(help: "Write the profile JSON here.") var out: String?
    @Flag(help: "Print the profile JSON on stdout (same as --format json).") var json = false
    @Option(help: "table, json or markdown (default: json without --out, else a one-line summary).") var format: ReportFormat?

    func validate() throws {
        try ReportOutput.validate(format, json: json, for: ProfileReport.self)
        if data.isEmpty { throw ValidationError("--data needs at least one file") }
        if PGTimeZone(name: timezone) == nil { throw ValidationError("--timezone: time zone \"\(timezone)\" not recognized") }
    }

    func run() throws {
        let zone = PGTimeZone(name: timezone) ?? .utc
        let name: String
        switch table.map(Result.success) ?? TableResolution.defaultTable(files: schema) {
        case .success(let n): name = n
        case .failure(let ambiguous): throw CommandFailure(message: "--table: \(ambiguous)")
        }
        let definition = try TableResolution.resolve(table: name, files: schema).table
        var profiles: [MarketDataProfile] = []
        for path in data { profiles.append(try ProfileSource.load(path, table: definition, zone: zone, flag: "data")) }
        var profile = profiles[0]
        if profiles.count > 1 {
            // Several files: measure them as one export. A column one of them lacks holds
            // defaults in its rows, so it is measured from none.
            let reader = CopyReader(table: definition, zone: zone, loadTime: 0, seed: 1)
            let first = try reader.load(path: data[0])
            var rows = first.rows
            var omitted = Set(first.omittedColumns)
            // Each file's rounded prices are its own; the combined rows' own warnings follow them.
            var rounding = ProfileSource.priceRoundingWarning(path: data[0], table: definition, zone: zone, loaded: first).map { [$0] } ?? []
            for path in data.dropFirst() {
                let next = try reader.load(path: path)
                rows = rows.appending(next.rows)
                omitted.formUnion(next.omittedColumns)
                if let w = ProfileSource.priceRoundingWarning(path: path, table: definition, zone: zone, loaded: next) { rounding.append(w) }
            }
            profile = try MarketDataProfile.measure(rows, name: "combined", source: data.joined(separator: ", "), omittedColumns: omitted)
                .clampedToUsableRanges()
            let warnings = rounding + (profile.warnings ?? [])
            profile.warnings = warnings.isEmpty ? nil : warnings
            do { try profile.validate() } catch {
                throw CommandFailure(message: "\(data.joined(separator: ", ")): the measured profile's \(error.description)")
            }
        }
        if let out {
            do { try (try profile.jsonText() + "\n").write(toFile: out, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure(message: "could not write \"\(out)\": \(error.localizedDescription)")
            }
        }
        let chosen = json || (format == nil && out == nil) ? ReportFormat.json : format ?? .table
        try ReportOutput.emit(ProfileReport(profile: profile, writtenTo: out), as: chosen)
    }
}
