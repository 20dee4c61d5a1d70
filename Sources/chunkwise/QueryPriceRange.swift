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
        let clock = try options.session().now
        _ = try options.timestamp(start, option: "--start", clock: clock)
        _ = try options.timestamp(end, option: "--end", clock: clock)
    }

    func run() throws {
        try options.emit {
            let session = try options.session()
            let store = try engine.store(files: options.data, resolution: options.resolve(defaultTable: "market_data"), session: session,
                                        directory: options.store)
            let analytics = NQPAnalytics(marketData: store, session: session)
            let bars = try analytics.getPriceRange(ticker: options.tickerID, interval: interval,
                                                   start: options.timestamp(start, option: "--start", clock: session.now),
                                                   end: options.timestamp(end, option: "--end", clock: session.now))
            return QueryResult(priceRange: bars, zone: session.timeZone)
        }
    }
}
