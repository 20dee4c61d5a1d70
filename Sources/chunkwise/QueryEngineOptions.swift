import Analytics
import ArgumentParser
import Schema

/// How the price functions' `market_data` is held: loaded into the engine as a hypertable
/// (migration 008's layout), optionally with its older chunks compressed.
struct QueryEngineOptions: ParsableArguments {
    @Option(name: .customLong("chunk-interval"), help: "chunk_time_interval as PostgreSQL interval text (migration 008: 1 day).")
    var chunkInterval: String = "1 day"

    @Option(name: .customLong("compress-after"),
            help: "Compress the chunks whose range ends at least this long before --now (interval text; default: none compressed).")
    var compressAfter: String?

    func validate() throws {
        guard let interval = PGInterval(text: chunkInterval), interval.timescaleMicroseconds > 0 else {
            throw ValidationError("invalid input syntax for type interval: \"\(chunkInterval)\"")
        }
        if let compressAfter, PGInterval(text: compressAfter) == nil {
            throw ValidationError("invalid input syntax for type interval: \"\(compressAfter)\"")
        }
    }

    /// `--data` loaded into a hypertable store.
    func store(files: [String], session: AnalyticsSession, directory: String? = nil) throws -> HypertableMarketData {
        if let directory { return try HypertableMarketData(store: directory, copyCSVFiles: files, loadTime: session.now) }
        let chunk = PGInterval(text: chunkInterval)?.timescaleMicroseconds ?? 86_400_000_000
        // compress_after counts back from now as the policy does, in whole microseconds (months as 30 days).
        let cutoff = compressAfter.flatMap { PGInterval(text: $0) }.map { session.now &- $0.timescaleMicroseconds }
        return try HypertableMarketData(copyCSVFiles: files, loadTime: session.now, chunkInterval: chunk, compressBefore: cutoff)
    }
}
