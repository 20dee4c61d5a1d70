import ArgumentParser
import Foundation
import Planner
import PostgresModel
import Report
import Schema
import Storage

/// `chunkwise compare`: the same rows through several compression settings, side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compress the same data with several segmentby/orderby settings and compare engine bytes, ratios and speed."
    )

    @Option(help: ArgumentHelp(TableHelp.table))
    var table: String

    @Option(name: .customLong("data"), parsing: .upToNextOption, help: "PostgreSQL COPY CSV HEADER files.")
    var data: [String] = []

    @Option(help: "A table store written by `simulate --save` (docs/STORE.md): its rows of --table come first, --data files add to them.")
    var store: String?

    @Option(name: .customLong("chunk-interval"), help: ArgumentHelp(TableHelp.chunkInterval))
    var chunkInterval: String?

    @Option(name: .customLong("setting"), help: "A setting: 'segmentby=ticker_id,interval;orderby=timestamp DESC'. Repeatable.")
    var settings: [String] = []

    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Rows per batch at most (TimescaleDB: 1000).")
    var batchSize: Int = 1000

    @Option(name: .customLong("zstd-level"), parsing: .unconditional, help: "zstd level of the engine's codec stage; 0 turns it off.")
    var zstdLevel: Int32 = 3

    @Option(name: .customLong("zstd-dictionary"),
            help: "Per-column zstd dictionaries trained per chunk: off, on, or auto (only for small batches, kept where they pay); a setting may say zstd_dictionary=… itself.")
    var zstdDictionary: String = "off"

    @Option(name: .customLong("time-column"), help: "The hypertable's time column (default: the migrations', else timestamp, else the first timestamptz column).")
    var timeColumn: String?

    @Option(name: .customLong("timescaledb"), help: "TimescaleDB version whose sizes predicted_timescaledb predicts (2.16 … 2.28); 'none' skips the prediction.")
    var timescaledb: String = "2.28"

    @Option(name: .customLong("schema"), parsing: .upToNextOption, help: ArgumentHelp(TableHelp.schema))
    var schema: [String] = []

    @Flag(help: "Print one JSON document (same as --format json).")
    var json = false

    @Option(help: "table, json, markdown or html (a self-contained page with charts).") var format: ReportFormat?

    @Option(help: "Write the output to this file instead of standard output.") var out: String?

    func validate() throws {
        try ReportOutput.validate(format, json: json, for: ComparisonReport.self)
        if schema.isEmpty { _ = try TableOption.definition(table) }
        guard !data.isEmpty || store != nil else { throw ValidationError("--data needs at least one file (or give --store)") }
        guard !settings.isEmpty else { throw ValidationError("--setting is required (at least one)") }
        guard (1...32767).contains(batchSize) else {
            throw ValidationError("--batch-size \(batchSize) is outside the valid range (1 .. 32767)")
        }
        guard (0...22).contains(zstdLevel) else { throw ValidationError("--zstd-level must be between 0 and 22") }
        guard ZstdDictionaryMode(rawValue: zstdDictionary) != nil else {
            throw ValidationError("--zstd-dictionary expects off, on or auto; got \"\(zstdDictionary)\"")
        }
        // --chunk-interval is read in run(): an integer time column takes it in its own units.
        for s in settings {
            do { _ = try CompressionSettingText(parsing: s) } catch { throw ValidationError(error.description) }
        }
        if timescaledb != "none" {
            guard let v = TimescaleDBVersion(timescaledb), v.major == 2 else {
                throw ValidationError("--timescaledb expects a 2.x version such as 2.28, or none; got \"\(timescaledb)\"")
            }
        }
    }

    func run() throws {
        let resolution = try TableResolution.resolve(table: table, files: schema)
        for w in resolution.warnings { ReportOutput.standardError(w + "\n") }
        if let w = resolution.unmodelledDimensionWarning(command: "compare") { ReportOutput.standardError(w + "\n") }
        let definition = resolution.table
        // An integer time column's interval is in its units (interval text read through the unit
        // its first file's epoch values show).
        let time = timeColumn ?? resolution.defaultTimeColumn
        let unit = data.first.flatMap { IntegerTimeAxis.firstValue(path: $0, reader: CopyReader(table: definition), column: time) }
            .flatMap(IntegerTimeUnit.inferred(fromEpochValue:))
        let interval = try resolution.chunkInterval(flag: chunkInterval, timeColumn: time, unit: unit)
        let reader = CopyReader(table: definition, loadTime: 0, seed: 1)
        var rows = RowSet(table: definition)
        var rawBytes = 0
        if let store {
            do { rows = try TableStore(directory: store).open(table: definition.name).rows(table: definition) } catch {
                throw CommandFailure(message: error.description)
            }
            // The stored rows' COPY text (with a header), as a file of them would hold: the "vs COPY" base.
            rawBytes += CopyWriter().byteCount(rows)
        }
        /// Where each file's rows start among `rows`, and each row's line in its file.
        var sources: [(path: String, firstRow: Int, lines: [Int32])] = []
        for (k, path) in data.enumerated() {
            let loaded: CopyLoadResult
            do { loaded = try reader.continuing(file: k, after: rows.count).load(path: path) } catch {
                throw CommandFailure(message: error.report)
            }
            sources.append((path, rows.count, loaded.lines))
            rows = rows.count == 0 ? loaded.rows : rows.appending(loaded.rows)
            rawBytes += (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        }
        let texts = try settings.map { s throws(ComparisonError) in try CompressionSettingText(parsing: s) }
        let comparison = CompressionComparison(table: definition, timeColumn: timeColumn ?? resolution.defaultTimeColumn,
                                               chunkInterval: interval,
                                               batchSize: batchSize, zstdLevel: zstdLevel,
                                               zstdDictionary: ZstdDictionaryMode(rawValue: zstdDictionary) ?? .off,
                                               timescaledbVersion: timescaledb == "none" ? nil : TimescaleDBVersion(timescaledb))
        let report: ComparisonReport
        do { report = try comparison.run(rows: rows, rawCopyBytes: rawBytes, settings: texts) } catch {
            // A duplicate of a unique key stops COPY at its line (and names it), as in `simulate`.
            if case .duplicateKey(let violation) = error,
               let source = sources.last(where: { $0.firstRow <= violation.incomingRow }) {
                let position = violation.incomingRow - source.firstRow
                let line = position < source.lines.count ? Int(source.lines[position]) : 0
                throw CommandFailure(message: CopyError(violation, file: source.path == "-" ? "<stdin>" : source.path,
                                                        line: line, table: definition.name).report)
            }
            throw CommandFailure(message: error.description)
        }
        try ReportOutput.emit(report, as: ReportOutput.format(format, json: json), out: out)
    }
}
