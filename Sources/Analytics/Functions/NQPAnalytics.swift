import Schema

/// The four analytics functions of NQP migration 010 (REFERENCE.md §3), computed in-process with
/// the results PostgreSQL 15 returns: same rows, order, NULLs, numeric scales and text.
///
/// ```swift
/// let analytics = NQPAnalytics(marketData: InMemoryMarketData(bars: bars),
///                              session: try AnalyticsSession(now: "2025-01-02 15:00:00+00"))
/// let latest = analytics.getLatestPrice(ticker: nq, interval: "1m")
/// ```
public struct NQPAnalytics: Sendable {
    public var marketData: any MarketDataSource
    public var predictions: any PredictionSource
    public var blockPredictions: any PredictionSource
    public var session: AnalyticsSession

    public init(marketData: any MarketDataSource = InMemoryMarketData(bars: []),
                predictions: any PredictionSource = InMemoryPredictions(records: []),
                blockPredictions: any PredictionSource = InMemoryPredictions(records: []),
                session: AnalyticsSession) {
        self.marketData = marketData
        self.predictions = predictions
        self.blockPredictions = blockPredictions
        self.session = session
    }

    /// `get_latest_price(p_ticker_id, p_interval DEFAULT '1h')`: the newest bar, or nil (zero rows).
    public func getLatestPrice(ticker: PGUUID, interval: String = "1h") throws(AnalyticsError) -> PriceBar? {
        try marketData.latestBar(ticker: ticker, interval: interval)
    }

    /// `get_price_range(p_ticker_id, p_interval, p_start, p_end)`: `timestamp BETWEEN p_start AND
    /// p_end`, both ends included, ascending; nothing when `start > end` (BETWEEN is not SYMMETRIC).
    public func getPriceRange(ticker: PGUUID, interval: String, start: Int64, end: Int64) throws(AnalyticsError) -> PriceRange {
        guard start <= end else { return PriceRange() }
        return try marketData.bars(ticker: ticker, interval: interval, from: start, through: end)
    }

    /// `get_prediction_accuracy(p_ticker_id, p_days DEFAULT 30)` over `predictions` with
    /// `created_at >= now() - (p_days || ' days')::interval`.
    public func getPredictionAccuracy(ticker: PGUUID, days: Int32 = 30) throws(AnalyticsError) -> PredictionAccuracy {
        let start = try DayWindow.start(days: days, session: session)
        var t = PredictionTally()
        predictions.tally(ticker: ticker, createdAtOrAfter: start, into: &t)
        // SUM(CASE … THEN 1 ELSE 0 END) is NULL over no rows; otherwise a bigint.
        let any = t.rows > 0
        let decided = t.correct + t.wrong
        return PredictionAccuracy(
            totalPredictions: t.rows,
            correctPredictions: any ? t.correct : nil,
            wrongPredictions: any ? t.wrong : nil,
            pendingPredictions: any ? t.pendingOrNull : nil,
            accuracyPercentage: any ? NQPAnalytics.percentage(t.correct, of: decided) : nil,
            averageConfidence: t.confidence.average?.rounded(toScale: 2),
            averageWeightedScore: t.weightedScore.average?.rounded(toScale: 4))
    }

    /// `get_block_prediction_accuracy(p_ticker_id, p_days DEFAULT 30)` over `block_predictions`
    /// with the same window.
    public func getBlockPredictionAccuracy(ticker: PGUUID, days: Int32 = 30) throws(AnalyticsError) -> BlockPredictionAccuracy {
        let start = try DayWindow.start(days: days, session: session)
        var t = PredictionTally()
        blockPredictions.tally(ticker: ticker, createdAtOrAfter: start, into: &t)
        return BlockPredictionAccuracy(
            totalPredictions: t.rows,
            verifiedPredictions: t.notNull,
            correctPredictions: t.correct,
            accuracyPercentage: NQPAnalytics.percentage(t.correct, of: t.notNull),
            averageConfidence: t.confidence.average?.rounded(toScale: 2))
    }

    /// `ROUND(100.0 * part / NULLIF(whole, 0), 2)` in NUMERIC: `100.0` has scale 1, so the product
    /// has scale 1; the division takes `select_div_scale`'s scale and rounds there, then ROUND rounds
    /// again to 2 digits (two roundings, exactly as the SQL does them).
    public static func percentage(_ part: Int64, of whole: Int64) -> PGDecimal? {
        guard whole != 0 else { return nil }
        let hundred = PGDecimal(unscaled: 1000, scale: 1)
        return (hundred * PGDecimal(part)).divided(by: PGDecimal(whole))?.rounded(toScale: 2)
    }
}
