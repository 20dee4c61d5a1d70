import Analytics
import ArgumentParser
import Foundation
import Planner
import Report
import Schema

/// Options every `query` function takes: the data, the ticker, the session and the output form.
struct QueryOptions: ParsableArguments {
    @Option(name: .long, parsing: .upToNextOption, help: "PostgreSQL COPY CSV (with HEADER) files of the function's table.")
    var data: [String] = []

    @Option(name: .long, help: "A table store written by `simulate --save` (docs/STORE.md): the function's table is loaded from it, and --data files add to it.")
    var store: String?

    @Option(name: .long, help: "p_ticker_id: the ticker's uuid.")
    var ticker: String

    @Option(name: .long, parsing: .unconditional, help: "The transaction time now() as timestamptz text (default: the current time).")
    var now: String?

    @Option(name: .long, parsing: .unconditional, help: "The session TimeZone (IANA name; default UTC).")
    var timezone: String = "UTC"

    @Option(name: .long, help: ArgumentHelp("The table whose definition the data files follow (default: the function's own table; "
            + "market_data_numeric14_4 is market_data with numeric(14,4) prices), built-in or from --schema."))
    var table: String?

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp(TableHelp.schema))
    var schema: [String] = []

    @Flag(name: .long, help: "Print one JSON document: {\"columns\": [...], \"rows\": [[...]]} (same as --format json).")
    var json = false

    @Flag(name: .long, help: "Print what COPY (SELECT * FROM fn(...)) TO STDOUT WITH (FORMAT csv, HEADER) prints.")
    var csv = false

    @Option(name: .long, help: "table (psql's aligned format), json or markdown.")
    var format: ReportFormat?

    func validate() throws {
        try ReportOutput.validate(format, json: json, for: QueryReport.self)
        if json && csv { throw ValidationError("--json and --csv are exclusive") }
        if csv && format != nil { throw ValidationError("--csv and --format are exclusive") }
        if data.isEmpty && store == nil { throw ValidationError("--data needs at least one COPY CSV file (or give --store)") }
        if PGTimeZone(name: timezone) == nil { throw ValidationError("invalid value for parameter \"TimeZone\": \"\(timezone)\"") }
        do { _ = try PGUUID.parse(ticker) } catch { throw ValidationError(error.description) }
    }

    var tickerID: PGUUID {
        get throws { try PGUUID.parse(ticker) }
    }

    /// The session: `--now` read in `--timezone`, or the current time.
    func session() throws -> AnalyticsSession {
        let micros = WallClock.microseconds
        guard let now else { return AnalyticsSession(now: micros, timeZone: PGTimeZone(name: timezone) ?? .utc) }
        let session: AnalyticsSession
        do {
            session = try AnalyticsSession(now: now, timeZone: timezone, clock: micros)
        } catch {
            guard case .invalidArgument(let message) = error else { throw error }
            throw FlagError("--now: \(message)")
        }
        return session
    }

    /// Parses a timestamptz argument in the session zone; `infinity` and `-infinity` as PostgreSQL
    /// reads them, and `now`, `today`, `tomorrow`, `yesterday` by `clock` (the session's `now()`).
    func timestamp(_ text: String, option: String, clock: Int64) throws -> Int64 {
        switch text.lowercased() {
        case "infinity", "+infinity": return Int64.max
        case "-infinity": return Int64.min
        default:
            do { return try PGTimestamp.parse(text, zone: PGTimeZone(name: timezone) ?? .utc, clock: clock) } catch {
                throw ValidationError("\(option): \(error.description)")
            }
        }
    }

    /// `--table` (default `defaultTable`, the function's table) resolved with `--schema`, as every
    /// data command resolves it.
    func resolve(defaultTable: String) throws -> TableResolution {
        let resolution = try TableResolution.resolve(table: table ?? defaultTable, files: schema)
        for w in resolution.warnings { ReportOutput.standardError(w + "\n") }
        return resolution
    }

    /// Runs `body`, printing its result in the chosen form; a refusal is printed as `Error: …` with
    /// exit status 1, like every command's.
    func emit(_ body: () throws -> QueryResult) throws {
        let result: QueryResult
        do { result = try body() } catch let error as ValidationError {
            throw error
        } catch {
            throw CommandFailure(message: String(describing: error))
        }
        if csv {
            print(result.csv, terminator: "")
        } else {
            try ReportOutput.emit(QueryReport(result), as: ReportOutput.format(format, json: json))
        }
    }
}

extension QueryOptions {
    /// The accuracy functions' run: `--data` loaded as their predictions table (or `--store`'s),
    /// `call` given the rows and the session, and an out-of-range `now() - --days` named by the flag.
    func emitAccuracy(defaultTable: String, days: Int32,
                      _ call: (InMemoryPredictions, AnalyticsSession) throws -> QueryResult) throws {
        try emit {
            let session = try session()
            let table = try resolve(defaultTable: defaultTable).table
            let rows = try store.map { try InMemoryPredictions(store: $0, copyCSVFiles: data, table: table, loadTime: session.now, zone: session.timeZone) }
                ?? InMemoryPredictions(copyCSVFiles: data, table: table, loadTime: session.now, zone: session.timeZone)
            do {
                return try call(rows, session)
            } catch AnalyticsError.timestampOutOfRange {
                // now() - --days falls outside PostgreSQL's timestamp range: name the flag at fault.
                throw FlagError("--days \(days): timestamp out of range (now() - \(days) days is outside PostgreSQL's timestamps)")
            }
        }
    }
}

/// A run-time refusal whose cause is one flag's value; the message names the flag.
struct FlagError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
