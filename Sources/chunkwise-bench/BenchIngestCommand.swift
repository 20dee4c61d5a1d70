import ArgumentParser
import Foundation
import Schema
import Storage

/// `chunkwise-bench ingest`: the suite's ingest workload alone, repeated, for comparing two builds
/// or settings (wall time in the process, as the suite times it; the median and the spread).
struct BenchIngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Run the suite's COPY CSV → engine ingest on files N times; report the median and range of rows/s."
    )

    @Option(help: "PostgreSQL COPY CSV HEADER files (market_data layout); default: the real files in ../shared/data/real.")
    var data: [String] = []

    @Option(help: "Compress chunks this long after their end, as the suite's compressed row (\"none\" for no compression).")
    var compressAfter = "7 days"

    @Option(help: "Runs; the median is reported.")
    var runs = 15

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        if compressAfter != "none" { _ = try interval() }
    }

    private func interval() throws -> PGInterval? {
        if compressAfter == "none" { return nil }
        guard let value = PGInterval(text: compressAfter) else {
            throw ValidationError("--compress-after: invalid input syntax for type interval: \"\(compressAfter)\"")
        }
        return value
    }

    func run() throws {
        let files = data.isEmpty ? (SuiteCommand.realFiles("../shared/data/real") ?? []) : data
        guard !files.isEmpty else { throw ValidationError("no --data files given and ../shared/data/real has none") }
        let table = try TableOption.definition("market_data")
        let after = try interval()
        var seconds: [Double] = []
        var rows = 0
        for _ in 0..<runs {
            let result = try EngineWorkloads.ingest(files, table: table, compressAfter: after)
            seconds.append(result.wallSeconds)
            rows = result.rows
        }
        seconds.sort()
        let median = seconds[seconds.count / 2]
        print(String(format: "%d rows, %d runs: median %.4f s (%.2f M rows/s), range %.4f–%.4f s",
                     rows, runs, median, Double(rows) / median / 1e6, seconds.first ?? 0, seconds.last ?? 0))
    }
}
