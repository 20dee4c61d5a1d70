import ArgumentParser
import Foundation
import Schema
import Storage

/// `chunkwise bench copy`: COPY CSV parse and write throughput on a data file, best of N runs.
struct BenchCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Parse (and write back) a COPY CSV file N times and report the best rows/s and MB/s."
    )

    @Option(help: "A PostgreSQL COPY CSV HEADER file.")
    var data: String

    @Option(help: "The table whose definition applies (market_data, predictions, block_predictions, tickers, market_data_numeric14_4).")
    var table: String = "market_data"

    @Option(help: "Runs per measurement; the best is reported.")
    var runs: Int = 5

    @Flag(help: "Print one JSON document.")
    var json = false

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        _ = try TableOption.definition(table)
    }

    func run() throws {
        let definition = try TableOption.definition(table)
        let bytes: [UInt8]
        do { bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: data))) } catch {
            throw ValidationError("could not open file \"\(data)\" for reading: \(error.localizedDescription)")
        }
        let reader = CopyReader(table: definition, loadTime: 0)
        var parseTimes = Stopwatch()
        var rows = RowSet(table: definition)
        for _ in 0..<runs {
            parseTimes.start()
            rows = try reader.read(bytes: bytes, file: data)
            parseTimes.stop()
        }
        let writer = CopyWriter()
        var writeTimes = Stopwatch()
        var written = 0
        for _ in 0..<runs {
            writeTimes.start()
            written = writer.write(rows).count
            writeTimes.stop()
        }
        // Thread CPU time is the figure of merit: on a shared machine wall time includes other work.
        let parseSeconds = parseTimes.bestCPU, writeSeconds = writeTimes.bestCPU
        let report = Report(file: data, table: definition.name, rows: rows.count, bytes: bytes.count, runs: runs,
                            parse_seconds: parseSeconds, parse_rows_per_second: Double(rows.count) / parseSeconds,
                            parse_mb_per_second: Double(bytes.count) / 1e6 / parseSeconds,
                            write_seconds: writeSeconds, write_rows_per_second: Double(rows.count) / writeSeconds,
                            write_mb_per_second: Double(written) / 1e6 / writeSeconds,
                            written_bytes: written, parse_wall_seconds: parseTimes.bestWall, write_wall_seconds: writeTimes.bestWall)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print("file   \(data)  (\(rows.count) rows, \(bytes.count) bytes, table \(definition.name), best of \(runs))")
            print("parse  \(Self.fixed(report.parse_rows_per_second, 0)) rows/s  \(Self.fixed(report.parse_mb_per_second, 1)) MB/s  (\(Self.fixed(parseSeconds * 1000, 1)) ms CPU, \(Self.fixed(parseTimes.bestWall * 1000, 1)) ms wall)")
            print("write  \(Self.fixed(report.write_rows_per_second, 0)) rows/s  \(Self.fixed(report.write_mb_per_second, 1)) MB/s  (\(Self.fixed(writeSeconds * 1000, 1)) ms CPU, \(Self.fixed(writeTimes.bestWall * 1000, 1)) ms wall)")
        }
    }

    struct Report: Encodable {
        let file: String
        let table: String
        let rows: Int
        let bytes: Int
        let runs: Int
        let parse_seconds: Double
        let parse_rows_per_second: Double
        let parse_mb_per_second: Double
        let write_seconds: Double
        let write_rows_per_second: Double
        let write_mb_per_second: Double
        let written_bytes: Int
        let parse_wall_seconds: Double
        let write_wall_seconds: Double
    }

    /// Best wall-clock and best thread-CPU time over several runs.
    struct Stopwatch {
        var bestWall = Double.infinity
        var bestCPU = Double.infinity
        private var wall0 = 0.0, cpu0 = 0.0

        static func now(_ clock: clockid_t) -> Double {
            var t = timespec()
            clock_gettime(clock, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }

        mutating func start() {
            wall0 = Self.now(CLOCK_MONOTONIC)
            cpu0 = Self.now(CLOCK_THREAD_CPUTIME_ID)
        }

        mutating func stop() {
            bestCPU = min(bestCPU, Self.now(CLOCK_THREAD_CPUTIME_ID) - cpu0)
            bestWall = min(bestWall, Self.now(CLOCK_MONOTONIC) - wall0)
        }
    }

    static func fixed(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }
}
