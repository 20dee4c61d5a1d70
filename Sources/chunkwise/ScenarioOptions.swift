import ArgumentParser
import Foundation
import Planner

/// The scenario flags `plan` and `migrate` share (CLI.md "plan"): a scenario file, migrations, and
/// one flag per ``ScenarioInput`` field.
struct ScenarioOptions: ParsableArguments {
    @Option(help: "A TOML scenario file whose keys are these flags' names.") var scenario: String?
    @Option(name: [.customLong("migrations"), .customLong("schema")], parsing: .upToNextOption,
            help: "Migration SQL replayed for the schema, indexes, hypertable, compression and policies (--schema is the same option, as in the other data commands).")
    var migrations: [String] = []
    @Option(help: ArgumentHelp(TableHelp.table + " Default market_data, or the migrations' one hypertable when they do not create market_data."))
    var table: String?
    @Option(parsing: .unconditional, help: "Number of tickers.") var tickers: Int?
    @Option(help: "Comma-separated bar intervals (1m,5m,15m,30m,1h,4h,1d,1w,1M).") var intervals: String?
    @Option(help: "futures, equities or crypto.") var session: String?
    @Option(parsing: .unconditional, help: "First instant (default: the first session open on or after --now minus the horizon).") var start: String?
    @Option(parsing: .unconditional, help: "End, exclusive (default --now).") var end: String?
    @Option(parsing: .unconditional, help: "Horizon in days.") var days: Int?
    @Option(parsing: .unconditional, help: "Horizon in years (default 2).") var years: Int?
    @Option(parsing: .unconditional, help: "The simulated clock for policies (default --end, else the current time).") var now: String?
    @Option(parsing: .unconditional, help: "Session time zone (default UTC).") var timezone: String?
    @Option(help: "futures, equities, crypto, or a COPY-CSV export or profile JSON to measure statistics from.") var profile: String?
    @Option(name: .customLong("chunk-interval"), parsing: .unconditional, help: "chunk_time_interval (default: the --migrations/--schema files' create_hypertable, else TimescaleDB's '7 days'; with no migrations and no --scenario, the NQP roadmap scenario's '1 day' of its migration 008).")
    var chunkInterval: String?
    @Option(help: "compress_segmentby.") var segmentby: String?
    @Option(help: "compress_orderby.") var orderby: String?
    @Option(name: .customLong("compress-after"), parsing: .unconditional, help: "Compression policy's compress_after (none: no policy).") var compressAfter: String?
    @Option(parsing: .unconditional, help: "Retention policy's drop_after (none: keep everything).") var retain: String?
    @Option(help: "The hypertable's index set: 001 (the table's) or 009 (plus migration 009's).") var indexes: String?
    @Option(help: "Server memory (default 16GB).") var memory: String?
    @Option(name: .customLong("shared-buffers"), help: "shared_buffers (default 25 % of --memory).") var sharedBuffers: String?
    @Option(help: "TimescaleDB version 2.16 to 2.28 (default 2.28).") var timescaledb: String?
    @Option(help: "community or apache.") var edition: String?
    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Rows per compressed batch at most (default 1000).") var batchSize: Int?
    @Option(name: .customLong("time-column"), help: "The column to partition by, when the migrations do not call create_hypertable (default: a column named timestamp, else the first timestamptz column, else the first timestamp one; created_at-style stamps last).") var timeColumn: String?
    @Option(name: .customLong("time-unit"), help: "The unit of an integer time column's epoch values: s, ms, us or ns (default: the one that makes the migrations' chunk_time_interval a common span, such as 86400000 = 1 day of ms).") var timeUnit: String?

    /// One input per combination of `--vary FLAG=V1,V2,…` values (the cross product, in order),
    /// each with a name such as `chunk-interval=7 days, retain=90 days`.
    static func variants(of input: ScenarioInput, vary: [String]) throws -> [(name: String, input: ScenarioInput)] {
        var variants: [(name: String, input: ScenarioInput)] = [("", input)]
        for v in vary {
            let parts = v.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--vary takes FLAG=V1,V2,… (got \"\(v)\")") }
            let flag = parts[0].trimmingCharacters(in: CharacterSet(charactersIn: "- "))
            let values = parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            var next: [(name: String, input: ScenarioInput)] = []
            for base in variants {
                for value in values {
                    var copy = base.input
                    do { try copy.set(flag, text: value) } catch {
                        throw ValidationError("--vary: \(error.description)")
                    }
                    next.append(((base.name.isEmpty ? "" : base.name + ", ") + "\(flag)=\(value)", copy))
                }
            }
            variants = next
        }
        return variants
    }

    func validate() throws {
        if days != nil && years != nil { throw ValidationError("--days and --years both give the span; give one") }
    }

    /// The scenario file (if any) with these flags over it.
    func input() throws -> ScenarioInput {
        let base = try scenario.map { try ScenarioInput.read(scenarioFile: $0) } ?? ScenarioInput()
        return base.overriding(flagInput)
    }

    var flagInput: ScenarioInput {
        var i = ScenarioInput()
        i.table = table
        i.tickers = tickers
        i.intervals = intervals.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        i.session = session
        i.start = start
        i.end = end
        i.days = days
        i.years = years
        i.now = now
        i.timezone = timezone
        i.profile = profile
        i.chunkInterval = chunkInterval
        i.segmentby = segmentby
        i.orderby = orderby
        i.compressAfter = compressAfter
        i.retain = retain
        i.indexes = indexes
        i.memory = memory
        i.sharedBuffers = sharedBuffers
        i.timescaledb = timescaledb
        i.edition = edition
        i.batchSize = batchSize
        i.migrations = migrations.isEmpty ? nil : migrations
        i.timeUnit = timeUnit
        i.timeColumn = timeColumn
        return i
    }
}
