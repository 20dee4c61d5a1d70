import Schema

/// The text form of each function's result, in the column order of its `RETURNS TABLE`.
extension QueryResult {
    /// `get_latest_price`'s columns.
    public static let latestPriceColumns = ["id", "ticker_id", "timestamp", "open", "high", "low", "close", "volume", "interval"]
    /// `get_price_range`'s columns.
    public static let priceRangeColumns = ["timestamp", "open", "high", "low", "close", "volume"]
    /// `get_prediction_accuracy`'s columns.
    public static let predictionAccuracyColumns = ["total_predictions", "correct_predictions", "wrong_predictions",
                                                    "pending_predictions", "accuracy_percentage", "avg_confidence", "avg_weighted_score"]
    /// `get_block_prediction_accuracy`'s columns.
    public static let blockPredictionAccuracyColumns = ["total_predictions", "verified_predictions", "correct_predictions",
                                                         "accuracy_percentage", "avg_confidence"]

    /// `get_latest_price`'s column types (migration 010's `RETURNS TABLE`).
    public static let latestPriceTypes = ["uuid", "uuid", "timestamptz", "numeric", "numeric", "numeric", "numeric", "bigint", "varchar"]
    /// `get_price_range`'s column types.
    public static let priceRangeTypes = ["timestamptz", "numeric", "numeric", "numeric", "numeric", "bigint"]
    /// `get_prediction_accuracy`'s column types.
    public static let predictionAccuracyTypes = ["bigint", "bigint", "bigint", "bigint", "numeric", "numeric", "numeric"]
    /// `get_block_prediction_accuracy`'s column types.
    public static let blockPredictionAccuracyTypes = ["bigint", "bigint", "bigint", "numeric", "numeric"]

    public init(latestPrice bar: PriceBar?, zone: PGTimeZone) {
        self.init(columns: QueryResult.latestPriceColumns, rows: bar.map { b in
            [[b.id.description, b.tickerID.description, PGTimestamp.format(b.timestamp, zone: zone), b.open.description,
              b.high.description, b.low.description, b.close.description, b.volume.map { String($0) }, b.interval]]
        } ?? [], types: QueryResult.latestPriceTypes)
    }

    public init<Bars: Collection<PriceBar>>(priceRange bars: Bars, zone: PGTimeZone) {
        self.init(columns: QueryResult.priceRangeColumns, rows: bars.map { b in
            [PGTimestamp.format(b.timestamp, zone: zone), b.open.description, b.high.description, b.low.description,
             b.close.description, b.volume.map { String($0) }]
        }, types: QueryResult.priceRangeTypes)
    }

    public init(_ a: PredictionAccuracy) {
        self.init(columns: QueryResult.predictionAccuracyColumns, rows: [[
            String(a.totalPredictions), a.correctPredictions.map { String($0) }, a.wrongPredictions.map { String($0) },
            a.pendingPredictions.map { String($0) }, a.accuracyPercentage?.description, a.averageConfidence?.description,
            a.averageWeightedScore?.description,
        ]], types: QueryResult.predictionAccuracyTypes)
    }

    public init(_ a: BlockPredictionAccuracy) {
        self.init(columns: QueryResult.blockPredictionAccuracyColumns, rows: [[
            String(a.totalPredictions), String(a.verifiedPredictions), String(a.correctPredictions),
            a.accuracyPercentage?.description, a.averageConfidence?.description,
        ]], types: QueryResult.blockPredictionAccuracyTypes)
    }
}
