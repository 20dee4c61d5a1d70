import Analytics
import ArgumentParser
import Foundation
import Schema

/// Options every `query` function takes: the data, the ticker, the session and the output form.
struct QueryOptions: ParsableArguments {
    @Option(name: .long, parsing: .upToNextOption, help: "PostgreSQL COPY CSV (with HEADER) files of the function's table.")
    var data: [String] = []

    @Option(name: .long, help: "A table store written by `simulate --save` (docs/STORE.md): the function's table is loaded from it, and --data files add to it.")
    var store: String?

    @Option(name: .long, help: "p_ticker_id: the ticker's uuid.")
    var ticker: String

    @Option(name: .long, help: "The transaction time now() as timestamptz text (default: the current time).")
    var now: String?

    @Option(name: .long, help: "The session TimeZone (IANA name; default UTC).")
    var timezone: String = "UTC"

    @Flag(name: .long, help: "Print one JSON document: {\"columns\": [...], \"rows\": [[...]]}.")
    var json = false

    @Flag(name: .long, help: "Print what COPY (SELECT * FROM fn(...)) TO STDOUT WITH (FORMAT csv, HEADER) prints.")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("--json and --csv are exclusive") }
        if data.isEmpty && store == nil { throw ValidationError("--data needs at least one COPY CSV file (or give --store)") }
        if PGTimeZone(name: timezone) == nil { throw ValidationError("invalid value for parameter \"TimeZone\": \"\(timezone)\"") }
        do { _ = try PGUUID.parse(ticker) } catch { throw ValidationError(error.description) }
    }

    var tickerID: PGUUID {
        get throws { try PGUUID.parse(ticker) }
    }

    /// The session: `--now` read in `--timezone`, or the current time.
    func session() throws -> AnalyticsSession {
        if let now { return try AnalyticsSession(now: now, timeZone: timezone) }
        let micros = Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down))
        return AnalyticsSession(now: micros, timeZone: PGTimeZone(name: timezone) ?? .utc)
    }

    /// Parses a timestamptz argument in the session zone; `infinity` and `-infinity` as PostgreSQL reads them.
    func timestamp(_ text: String, option: String) throws -> Int64 {
        switch text.lowercased() {
        case "infinity", "+infinity": return Int64.max
        case "-infinity": return Int64.min
        default:
            do { return try PGTimestamp.parse(text, zone: PGTimeZone(name: timezone) ?? .utc) } catch {
                throw ValidationError("\(option): \(error.description)")
            }
        }
    }

    /// Runs `body`, printing its result in the chosen form, or the error on stderr with exit status 1.
    func emit(_ body: () throws -> QueryResult) throws {
        do {
            let result = try body()
            if json { print(result.json) } else if csv { print(result.csv, terminator: "") } else { print(result.table, terminator: "") }
        } catch let error as ValidationError {
            throw error
        } catch {
            FileHandle.standardError.write(Data("ERROR:  \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// A run-time refusal whose cause is one flag's value; the message names the flag.
struct FlagError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
