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
        try options.emitAccuracy(defaultTable: "block_predictions", days: days) { rows, session in
            QueryResult(try NQPAnalytics(blockPredictions: rows, session: session).getBlockPredictionAccuracy(ticker: options.tickerID, days: days))
        }
    }
}
