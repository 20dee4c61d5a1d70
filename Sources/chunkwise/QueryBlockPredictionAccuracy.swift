import Analytics
import ArgumentParser
import Schema

/// `chunkwise query get_block_prediction_accuracy --data FILE... --ticker UUID [--days 30]`
struct QueryBlockPredictionAccuracy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get_block_prediction_accuracy",
        abstract: "Accuracy of block predictions created in the last --days days (one row; PENDING counts as verified).")

    @OptionGroup var options: QueryOptions

    @Option(name: .long, parsing: .unconditional, help: "p_days (default 30; 0 and negative allowed, as in SQL: --days -1).")
    var days: Int32 = 30

    func run() throws {
        try options.emit {
            let session = try options.session()
            let table = try options.resolve(defaultTable: "block_predictions").table
            let store = try options.store.map { try InMemoryPredictions(store: $0, copyCSVFiles: options.data, table: table, loadTime: session.now) }
                ?? InMemoryPredictions(copyCSVFiles: options.data, table: table, loadTime: session.now)
            let analytics = NQPAnalytics(blockPredictions: store, session: session)
            do {
                return QueryResult(try analytics.getBlockPredictionAccuracy(ticker: options.tickerID, days: days))
            } catch AnalyticsError.timestampOutOfRange {
                // now() - --days falls outside PostgreSQL's timestamp range: name the flag at fault.
                throw FlagError("--days \(days): timestamp out of range (now() - \(days) days is outside PostgreSQL's timestamps)")
            } catch AnalyticsError.intervalOutOfRange {
                // PostgreSQL's own error for the call; the flag is the value that caused it.
                throw FlagError("--days \(days): interval out of range (as PostgreSQL reports for this call)")
            }
        }
    }
}
