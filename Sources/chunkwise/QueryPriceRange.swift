import Analytics
import ArgumentParser

/// `chunkwise query get_price_range --data FILE... --ticker UUID --interval 1m --start T --end T`
struct QueryPriceRange: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get_price_range", abstract: "market_data bars with timestamp BETWEEN --start AND --end, ascending.")

    @OptionGroup var options: QueryOptions
    @OptionGroup var engine: QueryEngineOptions

    @Option(name: .long, help: "p_interval.")
    var interval: String

    @Option(name: .long, parsing: .unconditional, help: "p_start, timestamptz text (inclusive; -infinity allowed).")
    var start: String

    @Option(name: .long, parsing: .unconditional, help: "p_end, timestamptz text (inclusive; -infinity allowed).")
    var end: String

    func validate() throws {
        _ = try options.timestamp(start, option: "--start")
        _ = try options.timestamp(end, option: "--end")
    }

    func run() throws {
        try options.emit {
            let session = try options.session()
            let store = try engine.store(files: options.data, resolution: options.resolve(defaultTable: "market_data"), session: session,
                                        directory: options.store)
            let analytics = NQPAnalytics(marketData: store, session: session)
            let bars = try analytics.getPriceRange(ticker: options.tickerID, interval: interval,
                                                   start: options.timestamp(start, option: "--start"),
                                                   end: options.timestamp(end, option: "--end"))
            return QueryResult(priceRange: bars, zone: session.timeZone)
        }
    }
}
