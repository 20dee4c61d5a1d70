import Analytics
import ArgumentParser
import Schema

/// `chunkwise query get_prediction_accuracy --data FILE... --ticker UUID [--days 30]`
struct QueryPredictionAccuracy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get_prediction_accuracy", abstract: "Accuracy of predictions created in the last --days days (one row).")

    @OptionGroup var options: QueryOptions

    @Option(name: .long, parsing: .unconditional, help: "p_days (default 30; 0 and negative allowed, as in SQL: --days -1).")
    var days: Int32 = 30

    func run() throws {
        try options.emitAccuracy(defaultTable: "predictions", days: days) { rows, session in
            QueryResult(try NQPAnalytics(predictions: rows, session: session).getPredictionAccuracy(ticker: options.tickerID, days: days))
        }
    }
}
