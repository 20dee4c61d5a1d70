import ArgumentParser
import Foundation
import Planner
import Report
import Schema
import Storage

/// `chunkwise generate`: deterministic synthetic NQP data as PostgreSQL COPY CSV.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write deterministic synthetic market_data, predictions or block_predictions as COPY CSV.",
        discussion: """
            Same flags and seed, same bytes. Sessions: futures = 23 h a day (halt 21:00-22:00 UTC), \
            Sunday 22:00 to Friday 21:00 UTC; equity = 14:30-21:00 UTC Monday to Friday. \
            Tickers are SYN1..SYNn with ticker_id = md5(symbol)::uuid.
            """
    )

    @Option(help: """
        market_data, predictions or block_predictions; with --schema, a table the migrations define \
        (default: their one hypertable, or market_data).
        """)
    var table: String?

    @Option(name: .customLong("schema"), parsing: .upToNextOption,
            help: """
                Migration SQL files defining the table: bars are written in its columns (its instrument column, \
                interval column if any, prices and volume by name).
                """)
    var schema: [String] = []

    @Option(parsing: .unconditional, help: "Number of tickers (SYN1 … SYNn).")
    var tickers: Int = 2

    @Option(help: "Comma-separated bar intervals for market_data (1m,5m,15m,30m,1h,4h,1d). (default: 1m,5m; 1m for a --schema table without an interval column)")
    var intervals: String?

    @Option(parsing: .unconditional, help: "Calendar days from --start.")
    var days: Int = 5

    @Option(parsing: .unconditional, help: "First day (YYYY-MM-DD) or a timestamptz, in UTC unless it carries an offset.")
    var start: String = "2024-01-01"

    @Option(help: "Trading calendar: futures or equity.")
    var session: String = "futures"

    @Option(parsing: .unconditional, help: "Random seed.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Price tick (quantum).")
    var tick: String = "0.25"

    @Option(help: "Fraction of market_data bars with NULL volume (0…1).")
    var nullVolumeFraction: Double = 0.001

    @Option(name: .customLong("time-unit"), help: "With --schema, the unit of an integer time column's epoch values: s, ms, us or ns (default: read off its chunk_time_interval, as plan does).")
    var timeUnit: String?

    @Option(help: "Output file; standard output when omitted.")
    var out: String?

    @Flag(help: "Print a JSON summary (needs --out: standard output carries the CSV otherwise).")
    var json = false

    func validate() throws {
        if schema.isEmpty, !["market_data", "predictions", "block_predictions"].contains(tableName) {
            throw ValidationError("--table must be market_data, predictions or block_predictions (or a table --schema defines)")
        }
        guard tickers >= 1 else { throw ValidationError("--tickers must be at least 1") }
        guard days >= 1 else { throw ValidationError("--days must be at least 1") }
        guard TradingSession(rawValue: session) != nil else { throw ValidationError("--session must be futures or equity") }
        guard (0...1).contains(nullVolumeFraction) else { throw ValidationError("--null-volume-fraction must be between 0 and 1") }
        for i in intervalList where BarInterval(name: i) == nil {
            throw ValidationError("interval \"\(i)\" cannot be generated (supported: \(BarInterval.supportedList))")
        }
        _ = try windowEnd()
        _ = try parsedTick()
        try checkSize()
        if json && out == nil { throw ValidationError("--json needs --out (standard output carries the CSV otherwise)") }
    }

    /// `--table`, else the migrations' one hypertable (as `plan` picks it), else market_data.
    var tableName: String {
        if let table { return table }
        if case .success(let name) = TableResolution.defaultTable(files: schema) { return name }
        return "market_data"
    }

    var intervalList: [String] { (intervals ?? "1m,5m").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    func parsedStart() throws -> Int64 {
        do { return try PGTimestamp.parse(start) } catch {
            throw ValidationError("--start: \(error)")
        }
    }

    /// The window's exclusive end, refused when `--start` is ±infinity or `--days` would reach
    /// past the last time PostgreSQL (and a hypertable) holds.
    func windowEnd() throws -> Int64 {
        let first = try parsedStart()
        guard first != PGTimestamp.infinity, first != PGTimestamp.minusInfinity else {
            throw ValidationError("--start must be a finite time, got \"\(start)\"")
        }
        let (span, o1) = Int64(days).multipliedReportingOverflow(by: CivilTime.microsecondsPerDay)
        let (end, o2) = first.addingReportingOverflow(span)
        guard !o1, !o2, end <= PGTimestamp.end else {
            throw ValidationError("--days: \(days) days from \(PGTimestamp.format(first)) end after \(PGTimestamp.format(PGTimestamp.end)), "
                                  + "the last time a hypertable holds")
        }
        return end
    }

    /// What one run may take: the generator walks every ticker's calendar minute by minute
    /// (about ten million minutes a second) and holds the rows until it writes them.
    static let minuteStepLimit = 2_000_000_000
    static let rowLimit = 50_000_000

    /// Refuses a run past ``minuteStepLimit`` or ``rowLimit`` up front, rather than running for
    /// hours or exhausting memory.
    func checkSize() throws {
        let spec = SyntheticDataSpec(tickers: tickers, intervals: intervalList, days: days, start: try parsedStart())
        if tableName == "predictions" && schema.isEmpty {
            // One prediction per ticker every few minutes, no minute walk.
            let slots = (spec.minuteSteps / max(1, tickers)) / PredictionGenerator.everyMinutes + 1
            let (rows, overflow) = slots.multipliedReportingOverflow(by: tickers)
            if overflow || rows > Self.rowLimit {
                throw ValidationError("--tickers \(tickers) × --days \(days) may give up to \(overflow ? "Int.max" : String(rows)) predictions, "
                                      + "over the \(Self.rowLimit) one run holds in memory; generate fewer per file (--start moves the window)")
            }
            return
        }
        if spec.minuteSteps > Self.minuteStepLimit {
            throw ValidationError("--tickers \(tickers) × --days \(days) is \(spec.minuteSteps) ticker-minutes to walk, over the "
                                  + "\(Self.minuteStepLimit) one run takes (about 3 minutes); generate fewer tickers or days per file "
                                  + "(--start moves the window)")
        }
        if tableName != "predictions" && tableName != "block_predictions" || !schema.isEmpty, spec.maximumRows > Self.rowLimit {
            throw ValidationError("--tickers \(tickers) × --days \(days) × --intervals \(intervalList.joined(separator: ",")) may give up to \(spec.maximumRows) rows, "
                                  + "over the \(Self.rowLimit) one run holds in memory; generate fewer per file (--start moves the window)")
        }
    }

    func parsedTick() throws -> PGNumeric {
        guard let t = try? PGNumeric.parse(tick), t.unscaled > 0, t.scale <= 4 else {
            throw ValidationError("--tick must be a positive number with at most 4 decimals")
        }
        return t
    }

    func run() throws {
        let spec = SyntheticDataSpec(tickers: tickers, intervals: intervalList, days: days, start: try parsedStart(),
                                     session: TradingSession(rawValue: session) ?? .futures, seed: seed, tick: try parsedTick(),
                                     nullVolumeFraction: nullVolumeFraction)
        let rows: RowSet
        switch (tableName, schema.isEmpty) {
        case ("predictions", true): rows = PredictionGenerator(spec: spec).rows()
        case ("block_predictions", true): rows = BlockPredictionGenerator(spec: spec).rows()
        case (_, true):
            do { rows = try MarketDataGenerator(spec: spec).rows() } catch { throw ValidationError(error.description) }
        case (let name, false):
            let resolution: TableResolution
            do { resolution = try TableResolution.resolve(table: name, files: schema) } catch {
                throw CommandFailure(message: "--schema: \(error)")
            }
            // An integer time column is written in its unit (as plan reads it).
            let unit: IntegerTimeUnit?
            do { unit = try resolution.integerTimeUnit(given: timeUnit) } catch { throw CommandFailure(message: "\(error)") }
            do {
                var generator = try MarketDataGenerator.forTable(resolution.table, spec: spec, intervalsGiven: intervals != nil)
                generator.timeUnit = unit
                rows = try generator.rows()
            } catch let failure as MarketDataGenerator.OwnTableFailure {
                throw CommandFailure(message: "--table: \(failure)")
            } catch let failure as MarketDataGenerator.Failure {
                throw CommandFailure(message: "--table: \(failure)")
            }
        }
        let writer = CopyWriter()
        guard let out else {
            let bytes = writer.write(rows)
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        do { try writer.write(rows, toPath: out) } catch {
            throw CommandFailure(message: String(describing: error))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        try ReportOutput.emit(GenerateSummary(table: tableName, rows: rows.count, bytes: size, out: out, seed: seed), as: json ? .json : .table)
    }
}
