import Analytics
import ArgumentParser
import Planner
import Schema

/// How the price functions' `market_data` is held: loaded into the engine as a hypertable
/// (migration 008's layout), optionally with its older chunks compressed.
struct QueryEngineOptions: ParsableArguments {
    @Option(name: .customLong("chunk-interval"), parsing: .unconditional, help: ArgumentHelp(TableHelp.chunkInterval))
    var chunkInterval: String?

    @Option(name: .customLong("compress-after"), parsing: .unconditional,
            help: "Compress the chunks whose range ends at least this long before --now (interval text; default: the --schema migrations' compression policy, else none compressed).")
    var compressAfter: String?

    func validate() throws {
        if let chunkInterval {
            do { _ = try IntervalText.chunkInterval(chunkInterval) } catch { throw ValidationError(error.description) }
        }
        if let compressAfter, PGInterval(text: compressAfter) == nil {
            throw ValidationError("invalid input syntax for type interval: \"\(compressAfter)\"")
        }
    }

    /// `--data` loaded into a hypertable store of the resolved table (or the table store in
    /// `directory`, with `--data` appended); settings no flag gives come from its migrations, else
    /// TimescaleDB's defaults (7-day chunks, nothing compressed).
    func store(files: [String], resolution: TableResolution, session: AnalyticsSession, directory: String? = nil) throws -> HypertableMarketData {
        if let directory {
            return try HypertableMarketData(store: directory, copyCSVFiles: files, table: resolution.table, loadTime: session.now,
                                            zone: session.timeZone)
        }
        let chunk = try resolution.chunkInterval(flag: chunkInterval)
        // compress_after counts back from now as the policy does, in whole microseconds (months as 30 days).
        let after = compressAfter.flatMap { PGInterval(text: $0) } ?? resolution.table.hypertable?.compressAfter
        let cutoff = after.map { session.now &- $0.timescaleMicroseconds }
        return try HypertableMarketData(copyCSVFiles: files, table: resolution.table, loadTime: session.now,
                                        zone: session.timeZone, chunkInterval: chunk, compressBefore: cutoff)
    }
}
