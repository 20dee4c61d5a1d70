import Schema

/// Where the price functions read `market_data`: any store that can find one (ticker, interval)
/// series' newest bar and its bars in a closed time range.
///
/// The in-memory ``InMemoryMarketData`` and the engine-backed ``HypertableMarketData`` both conform; the functions
/// do not know which they read, so the same answer from both is a test of the engine.
public protocol MarketDataSource: Sendable {
    /// The bar of `ticker` and `interval` with the greatest timestamp, or nil.
    func latestBar(ticker: PGUUID, interval: String) throws(AnalyticsError) -> PriceBar?
    /// Bars of `ticker` and `interval` with `start <= timestamp <= end`, ascending by timestamp
    /// (empty when `start > end`). A slice, so a store that keeps series sorted returns a view of
    /// its storage without copying rows.
    func bars(ticker: PGUUID, interval: String, from start: Int64, through end: Int64) throws(AnalyticsError) -> ArraySlice<PriceBar>
}

/// Where the accuracy functions read `predictions` or `block_predictions`.
public protocol PredictionSource: Sendable {
    /// Feeds every row of `ticker` with `created_at >= start` (NULL `created_at` never qualifies)
    /// into `tally`.
    func tally(ticker: PGUUID, createdAtOrAfter start: Int64, into tally: inout PredictionTally)
}
