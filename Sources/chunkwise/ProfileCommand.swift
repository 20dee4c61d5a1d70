import ArgumentParser
import Foundation
import Planner
import Schema
import Storage

/// `chunkwise profile`: measures a data profile from an export (CLI.md "profile").
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Measure a data profile (calendar, prices, volumes, timing) from a COPY-CSV export, for `plan --profile`.")

    @Option(help: "The table whose definition applies (default market_data).") var table: String = "market_data"
    @Option(name: .customLong("data"), parsing: .upToNextOption, help: "COPY … CSV HEADER files.") var data: [String]
    @Option(name: .customLong("schema"), parsing: .upToNextOption, help: "Migration SQL files that define the table.") var schema: [String] = []
    @Option(help: "Session time zone for input without offsets (default UTC).") var timezone: String = "UTC"
    @Option(help: "Write the profile JSON here.") var out: String?
    @Flag(help: "Print the profile JSON on stdout.") var json = false

    func validate() throws {
        if data.isEmpty { throw ValidationError("--data needs at least one file") }
        if PGTimeZone(name: timezone) == nil { throw ValidationError("--timezone: time zone \"\(timezone)\" not recognized") }
    }

    func run() throws {
        let zone = PGTimeZone(name: timezone) ?? .utc
        let definition = try TableResolution.resolve(table: table, files: schema).table
        var profiles: [MarketDataProfile] = []
        for path in data { profiles.append(try ProfileSource.load(path, table: definition, zone: zone)) }
        var profile = profiles[0]
        if profiles.count > 1 {
            // Several files: measure them as one export.
            let reader = CopyReader(table: definition, zone: zone, loadTime: 0, seed: 1)
            var rows = try reader.read(path: data[0])
            for path in data.dropFirst() { rows = rows.appending(try reader.read(path: path)) }
            profile = try MarketDataProfile.measure(rows, name: "combined", source: data.joined(separator: ", "))
        }
        let text = try profile.jsonText()
        if let out {
            try (text + "\n").write(toFile: out, atomically: true, encoding: .utf8)
        }
        if json || out == nil {
            print(text)
        } else {
            let p = profile
            print("profile \(p.name) from \(p.measuredRows) rows: \(p.observedTickers) tickers, intervals \(p.observedIntervals.joined(separator: ",")), "
                  + "session zone \(p.calendar.zone) (\(p.calendar.minutesOpenPerWeek) open minutes a week), tick \(p.price.tick), "
                  + "level \(p.price.level); written to \(out ?? "-")")
        }
    }
}
