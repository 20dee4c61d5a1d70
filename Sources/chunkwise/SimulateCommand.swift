import ArgumentParser
import Foundation
import Planner
import Report
import Schema
import Storage

/// `chunkwise simulate`: runs the engine over data files in time order with policies on a
/// simulated clock, and reports chunks, jobs and engine bytes (CLI.md "simulate").
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the engine over data in time order: chunks, compression and retention policies, engine bytes.")

    @Option(help: ArgumentHelp(TableHelp.table))
    var table: String

    @Option(name: .customLong("data"), parsing: .upToNextOption, help: "PostgreSQL COPY … CSV HEADER files to ingest.")
    var data: [String]

    @Option(name: .customLong("schema"), parsing: .upToNextOption, help: ArgumentHelp(TableHelp.schema))
    var schema: [String] = []

    @Option(name: .customLong("time-column"), help: "The hypertable's time column (default: timestamp, else the first timestamptz column).")
    var timeColumn: String?

    @Option(name: .customLong("chunk-interval"), parsing: .unconditional,
            help: ArgumentHelp(TableHelp.chunkInterval))
    var chunkIntervalText: String?

    @Option(parsing: .unconditional, help: "Number of hash partitions of a space dimension (needs --partition-column).")
    var partitions: Int?

    @Option(name: .customLong("partition-column"), help: "The space dimension's column.")
    var partitionColumn: String?

    @Option(help: "compress_segmentby, e.g. 'ticker_id, interval'. Any compression option enables compression.")
    var segmentby: String?

    @Option(help: "compress_orderby, e.g. 'timestamp DESC' (default: the time column DESC).")
    var orderby: String?

    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Rows per compressed batch at most (timescaledb.compression_batch_size_limit, default 1000).")
    var batchSize: Int?

    @Option(name: .customLong("compress-after"), parsing: .unconditional, help: "add_compression_policy after, e.g. '7 days'.")
    var compressAfter: String?

    @Option(parsing: .unconditional, help: "add_retention_policy drop_after, e.g. '730 days'.")
    var retain: String?

    @Option(name: .customLong("on-conflict"),
            help: "A row whose unique key is already stored: error (like COPY, the default), nothing (ON CONFLICT DO NOTHING) or update (ON CONFLICT DO UPDATE, as the NQP ingest upserts; several files are loaded one after another, so a later file's row replaces an earlier file's).")
    var onConflict: ConflictOption = .error

    @Option(parsing: .unconditional, help: "The simulated clock's end as timestamptz text, or an integer for an integer time column (default: the last row's time).")
    var now: String?

    @Option(name: .customLong("time-unit"), help: "The unit of an integer time column's epoch values: s, ms, us or ns (default: read off the first row; policy schedules and --now text use it).")
    var timeUnit: String?

    @Option(parsing: .unconditional, help: "Session time zone for input without offsets and for printed ranges (default UTC).")
    var timezone: String = "UTC"

    @Flag(help: "Print one JSON document on stdout (same as --format json).")
    var json = false

    @Option(help: "Save the engine's chunks in this table-store directory (docs/STORE.md), atomically replacing an earlier save of the table.")
    var save: String?

    @Option(help: "table, json or markdown.")
    var format: ReportFormat?

    @Option(help: "Write the report to this file instead of standard output.")
    var out: String?

    func validate() throws {
        try ReportOutput.validate(format, json: json, for: SimulationReport.self)
        if data.isEmpty { throw ValidationError("--data needs at least one file") }
        if (partitions == nil) != (partitionColumn == nil) {
            throw ValidationError("--partitions and --partition-column go together")
        }
        if let partitions, !(1...32767).contains(partitions) {
            throw ValidationError("--partitions must be between 1 and 32767")
        }
        if PGTimeZone(name: timezone) == nil { throw ValidationError("time zone \"\(timezone)\" not recognized") }
        if let chunkIntervalText, Self.interval(chunkIntervalText) == nil {
            if PGInterval(text: chunkIntervalText) != nil || Int64(chunkIntervalText.trimmingCharacters(in: .whitespaces)) != nil {
                throw ValidationError("--chunk-interval must be positive (and at most 292,000 years): \"\(chunkIntervalText)\"")
            }
            throw ValidationError("--chunk-interval: invalid input syntax for type interval: \"\(chunkIntervalText)\"")
        }
        if let timeUnit, IntegerTimeUnit(text: timeUnit) == nil {
            throw ValidationError("--time-unit must be s, ms, us or ns, got \"\(timeUnit)\"")
        }
        // (An integer time column takes integers here; run() checks them against the table.)
        if let now, Int64(now.trimmingCharacters(in: .whitespaces)) == nil {
            do { _ = try PGTimestamp.parse(now, zone: PGTimeZone(name: timezone) ?? .utc, clock: WallClock.microseconds) } catch {
                throw ValidationError("--now: \(error)")
            }
        }
        for (flag, text) in [("--compress-after", compressAfter), ("--retain", retain)] {
            if let text, PGInterval(text: text) == nil, Int64(text.trimmingCharacters(in: .whitespaces)) == nil {
                throw ValidationError("\(flag): invalid input syntax for type interval: \"\(text)\"")
            }
        }
        if let batchSize, !(1...CompressionSettings.maximumBatchSizeLimit).contains(batchSize) {
            throw ValidationError("--batch-size must be between 1 and \(CompressionSettings.maximumBatchSizeLimit)")
        }
    }

    /// Interval text, or a bare integer for integer time columns.
    static func interval(_ text: String) -> Int64? {
        if let n = Int64(text.trimmingCharacters(in: .whitespaces)), n > 0 { return n }
        // Unlike plan, simulate takes sub-second intervals (a chunk per row is the user's choice here).
        guard let i = PGInterval(text: text), let us = i.exactTimescaleMicroseconds, us > 0 else { return nil }
        return us
    }

    func run() throws {
        let zone = PGTimeZone(name: timezone) ?? .utc
        let loaded = try TableResolution.resolve(table: table, files: schema)
        for warning in loaded.warnings { Self.standardError(warning + "\n") }
        let definition = loaded.table
        // Migrations' create_hypertable / dimensions / compression / policies are the defaults; flags override them.
        let time = timeColumn ?? loaded.defaultTimeColumn
        // An integer time column: its chunk interval, lags and --now are its integers, schedules
        // turn into its unit.
        let timeType = definition.columns.first { $0.name == time }?.type
        let integerUnit = timeType?.isInteger == true
            ? timeUnit.flatMap(IntegerTimeUnit.init(text:))
                ?? data.first.flatMap { IntegerTimeAxis.firstValue(path: $0, reader: CopyReader(table: definition, zone: zone), column: time) }
                    .flatMap(IntegerTimeUnit.inferred(fromEpochValue:))
            : nil
        let intervalMicros: Int64
        if let text = chunkIntervalText, let type = timeType, type.isInteger {
            do { intervalMicros = try IntegerTimeAxis.chunkInterval(text, type: type, unit: integerUnit) } catch { throw SimulateFailure("\(error)") }
        } else {
            intervalMicros = chunkIntervalText.flatMap(Self.interval) ?? loaded.defaultChunkInterval
        }
        let integerTime: IntegerTimeAxis? = timeType?.isInteger == true ? IntegerTimeAxis(unit: integerUnit, chunkInterval: intervalMicros) : nil
        if let integerTime, let note = integerTime.note(given: timeUnit != nil, column: time) { Self.standardError(note + "\n") }
        if integerTime == nil, timeUnit != nil {
            throw SimulateFailure("--time-unit applies to an integer time column; \"\(time)\" is \(timeType?.sqlName ?? "not a column of \(definition.name)")")
        }
        func lag(_ text: String?, flag: String) throws -> PGInterval? {
            guard let text else { return nil }
            guard let integerTime else { return PGInterval(text: text) }
            do { return try integerTime.lag(text, flag: flag) } catch { throw SimulateFailure("\(error)") }
        }
        let defaults = loaded.simulationDefaults(partitions: partitions, partitionColumn: partitionColumn, segmentBy: segmentby,
                                                 orderBy: orderby, compressAfter: try lag(compressAfter, flag: "compress-after"),
                                                 retain: try lag(retain, flag: "retain"), timeColumn: timeColumn)
        var hypertable = try Hypertable(table: definition, options: HypertableOptions(
            timeColumn: time, chunkInterval: intervalMicros, space: defaults.space.map { SpaceDimension(column: $0.column, partitions: $0.partitions) }))
        for warning in hypertable.droppedConstraintWarnings + defaults.warnings { Self.standardError(warning + "\n") }
        let compressAfterInterval = defaults.compressAfter
        let retainInterval = defaults.retain
        if segmentby != nil || orderby != nil || batchSize != nil || compressAfterInterval != nil || defaults.compressionEnabled {
            try hypertable.enableCompression(CompressionSettings(
                segmentBy: defaults.segmentBy ?? "", orderBy: defaults.orderBy, timeColumn: time,
                batchSizeLimit: batchSize ?? CompressionSettings.defaultBatchSizeLimit))
        }

        let end: Int64?
        if let now, let integerTime {
            do { end = try integerTime.now(now, zone: zone) } catch { throw SimulateFailure("\(error)") }
        } else if let now {
            do { end = try PGTimestamp.parse(now, zone: zone, clock: WallClock.microseconds) } catch { throw SimulateFailure("--now: \(error)") }
        } else {
            end = nil
        }
        if integerTime == nil, let end, end == PGTimestamp.infinity || end == PGTimestamp.minusInfinity {
            throw SimulateFailure("--now must be a finite time: \"\(now ?? "")\"")
        }
        // Columns a file omits take their defaults at a fixed load time (`--now`, else the epoch) and
        // seeded UUIDs, so the same inputs always give the same engine bytes.
        let reader = CopyReader(table: definition, zone: zone, loadTime: end ?? 0, seed: 1)
        let configured = hypertable
        let makeSimulation = { () throws(HypertableError) -> Simulation in
            var simulation = Simulation(hypertable: configured, zone: zone)
            // (On an integer column's axis the schedules are its units: TimescaleDB's one day, or the policy's.)
            let compressionSchedule = integerTime.map { $0.schedule(microseconds: defaults.compressionSchedule) } ?? defaults.compressionSchedule
            let retentionSchedule = integerTime.map { $0.schedule(microseconds: defaults.retentionSchedule) } ?? defaults.retentionSchedule
            if let after = compressAfterInterval { try simulation.addCompressionPolicy(after: after, schedule: compressionSchedule) }
            if let after = retainInterval { try simulation.addRetentionPolicy(dropAfter: after, schedule: retentionSchedule) }
            return simulation
        }
        // Regular files stream: memory holds the chunks and a piece of the file. Anything the
        // stream cannot settle alone (an error, rows out of time order) is replayed from whole reads,
        // which give the same result and the error of the whole input.
        let simulation = try streamed(reader: reader, makeSimulation: makeSimulation, end: end)
            ?? whole(reader: reader, makeSimulation: makeSimulation, end: end, zone: zone)

        if let save { try TableStore(directory: save).save(simulation.hypertable, now: simulation.clock.now) }
        try ReportOutput.emit(SimulationReport(simulation: simulation, zone: zone), as: ReportOutput.format(format, json: json), out: out)
    }

    /// The simulation fed from streamed files, or nil when a file does not stream or the stream
    /// stopped (then the whole-read path answers).
    private func streamed(reader: CopyReader, makeSimulation: () throws(HypertableError) -> Simulation,
                          end: Int64?) throws -> Simulation? {
        guard let initial = try? makeSimulation() else { return nil }
        var reporter: ((Int, Int) -> Void)?
        var madeReporter = false
        let fed = SimulationFeed.streamed(paths: data, reader: reader, simulation: initial, now: end,
                                          onConflict: onConflict.action) { read, total in
            if !madeReporter {
                madeReporter = true
                reporter = Self.progressReporter(total: total / 100, unit: "× 100 bytes")
            }
            reporter?(read / 100, total / 100)
        }
        if reporter != nil { Self.standardError("\r\u{1B}[K") }
        return fed?.simulation
    }

    /// The simulation over the files read whole and replayed at once (``Simulation/run``).
    private func whole(reader: CopyReader, makeSimulation: () throws(HypertableError) -> Simulation,
                       end: Int64?, zone: PGTimeZone) throws -> Simulation {
        var rows = RowSet(table: reader.table)
        // Where each file's rows start in `rows`, and their lines, to name a duplicate key's file and line.
        var sources: [(file: String, first: Int, lines: [Int32])] = []
        for (k, path) in data.enumerated() {
            let part = try reader.continuing(file: k, after: rows.count).load(path: path)
            sources.append((path == "-" ? "<stdin>" : path, rows.count, part.lines))
            if rows.count == 0 { rows = part.rows } else { rows.append(contentsOf: part.rows) }
        }
        var simulation = try makeSimulation()
        let progress = Self.progressReporter(total: rows.count)
        // Each file is its own statements (what `ON CONFLICT DO UPDATE` sees), as the streamed feed has them.
        let statements = sources.count > 1 ? sources.enumerated().flatMap { k, source in
            repeatElement(Int32(k), count: (k + 1 < sources.count ? sources[k + 1].first : rows.count) - source.first)
        } : nil
        let outcome = Result { () throws(HypertableError) in
            try simulation.run(rows, now: end, onConflict: onConflict.action, statements: statements, progress: progress)
        }
        if case .failure(let failure) = outcome, case .nowBeforeData(let now, let last) = failure {
            let integer = simulation.hypertable.timeColumnType.isInteger
            let show = { (t: Int64) in integer ? String(t) : PGTimestamp.format(t, zone: zone) }
            throw SimulateFailure("--now \(show(now)) is before the last row's time \(show(last)); the simulated clock cannot go back")
        }
        if case .failure(let failure) = outcome, case .uniqueViolation(let v) = failure,
           let source = sources.last(where: { $0.first <= v.incomingRow }), v.incomingRow - source.first < source.lines.count {
            throw CopyError(v, file: source.file, line: Int(source.lines[v.incomingRow - source.first]), table: reader.table.name)
        }
        if case .failure(let failure) = outcome, case .notVersion7UUID(let column, let row, let value) = failure,
           let source = sources.last(where: { $0.first <= row }), row - source.first < source.lines.count {
            throw CopyError(file: source.file, line: Int(source.lines[row - source.first]), column: column,
                            table: reader.table.name, kind: .notVersion7UUID(text: value.description))
        }
        _ = try outcome.get()
        if progress != nil { Self.standardError("\r\u{1B}[K") }
        return simulation
    }

    /// A progress line on stderr, only when stderr is a terminal and the run is long enough to need one.
    static func progressReporter(total: Int, unit: String = "rows") -> ((Int, Int) -> Void)? {
        guard isatty(STDERR_FILENO) == 1, total >= 200_000 else { return nil }
        return { done, all in
            standardError("\rsimulate: \(done)/\(all) \(unit) (\(all == 0 ? 100 : done * 100 / all)%)")
        }
    }

    static func standardError(_ text: String) { ReportOutput.standardError(text) }
}

/// A run-time failure of `simulate`, printed on stderr by the argument parser.
struct SimulateFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
