import Analytics
import ArgumentParser

/// `chunkwise query get_latest_price --data FILE... --ticker UUID [--interval 1h]`
struct QueryLatestPrice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get_latest_price", abstract: "The newest market_data bar of a ticker and interval (zero or one row).")

    @OptionGroup var options: QueryOptions
    @OptionGroup var engine: QueryEngineOptions

    @Option(name: .long, help: "p_interval (default 1h, as the SQL default).")
    var interval: String = "1h"

    func run() throws {
        try options.emit {
            let session = try options.session()
            let store = try engine.store(files: options.data, resolution: options.resolve(defaultTable: "market_data"), session: session,
                                        directory: options.store)
            let analytics = NQPAnalytics(marketData: store, session: session)
            return QueryResult(latestPrice: try analytics.getLatestPrice(ticker: options.tickerID, interval: interval), zone: session.timeZone)
        }
    }
}
