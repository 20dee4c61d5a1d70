/// The one row `get_prediction_accuracy` returns.
///
/// The SUM-based counts are NULL (nil) when the window holds no prediction at all, because
/// `SUM` over no rows is NULL; `totalPredictions` is a COUNT and never NULL.
public struct PredictionAccuracy: Sendable, Hashable {
    public var totalPredictions: Int64
    public var correctPredictions: Int64?
    public var wrongPredictions: Int64?
    /// Rows whose `actual_result` is NULL or `'PENDING'`.
    public var pendingPredictions: Int64?
    /// `ROUND(100.0 * correct / NULLIF(correct + wrong, 0), 2)`: nil without decided rows.
    public var accuracyPercentage: PGDecimal?
    /// `ROUND(AVG(confidence), 2)`.
    public var averageConfidence: PGDecimal?
    /// `ROUND(AVG(weighted_score), 4)`: nil when every score in the window is NULL.
    public var averageWeightedScore: PGDecimal?

    public init(totalPredictions: Int64, correctPredictions: Int64?, wrongPredictions: Int64?, pendingPredictions: Int64?,
                accuracyPercentage: PGDecimal?, averageConfidence: PGDecimal?, averageWeightedScore: PGDecimal?) {
        self.totalPredictions = totalPredictions
        self.correctPredictions = correctPredictions
        self.wrongPredictions = wrongPredictions
        self.pendingPredictions = pendingPredictions
        self.accuracyPercentage = accuracyPercentage
        self.averageConfidence = averageConfidence
        self.averageWeightedScore = averageWeightedScore
    }
}

/// The one row `get_block_prediction_accuracy` returns. All three counts are `COUNT`s, so never NULL.
public struct BlockPredictionAccuracy: Sendable, Hashable {
    public var totalPredictions: Int64
    /// `COUNT(*) FILTER (WHERE actual_result IS NOT NULL)`: `'PENDING'` rows count as verified,
    /// a quirk of the SQL that is reproduced, not fixed.
    public var verifiedPredictions: Int64
    public var correctPredictions: Int64
    /// `ROUND(100.0 * correct / NULLIF(verified, 0), 2)`.
    public var accuracyPercentage: PGDecimal?
    public var averageConfidence: PGDecimal?

    public init(totalPredictions: Int64, verifiedPredictions: Int64, correctPredictions: Int64,
                accuracyPercentage: PGDecimal?, averageConfidence: PGDecimal?) {
        self.totalPredictions = totalPredictions
        self.verifiedPredictions = verifiedPredictions
        self.correctPredictions = correctPredictions
        self.accuracyPercentage = accuracyPercentage
        self.averageConfidence = averageConfidence
    }
}
