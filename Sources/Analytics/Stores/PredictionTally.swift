import Schema

/// What the accuracy functions aggregate over their window, in one pass: counts by
/// `actual_result` and the AVG states of `confidence` and `weighted_score`.
public struct PredictionTally: Sendable, Equatable {
    /// `actual_result` as the SQL distinguishes it.
    public enum Outcome: UInt8, Sendable {
        /// NULL.
        case null
        case correct
        case wrong
        case pending
        /// Any other text (the CHECK constraint forbids it; counted like PostgreSQL would: neither
        /// correct, wrong nor pending, but not NULL).
        case other

        /// Classifies the column text (nil for NULL); comparison is exact, as `=` on varchar is.
        public init(_ text: String?) {
            switch text {
            case nil: self = .null
            case "CORRECT": self = .correct
            case "WRONG": self = .wrong
            case "PENDING": self = .pending
            default: self = .other
            }
        }
    }

    public private(set) var rows: Int64 = 0
    public private(set) var correct: Int64 = 0
    public private(set) var wrong: Int64 = 0
    /// NULL or `'PENDING'`.
    public private(set) var pendingOrNull: Int64 = 0
    /// Not NULL (`'PENDING'` included).
    public private(set) var notNull: Int64 = 0
    public var confidence = NumericAccumulator()
    public var weightedScore = NumericAccumulator()

    public init() {}

    /// Counts one row's outcome; the caller adds its numeric columns to the accumulators.
    @inline(__always)
    public mutating func count(_ outcome: Outcome) {
        rows += 1
        switch outcome {
        case .null: pendingOrNull += 1
        case .correct: correct += 1; notNull += 1
        case .wrong: wrong += 1; notNull += 1
        case .pending: pendingOrNull += 1; notNull += 1
        case .other: notNull += 1
        }
    }

    /// One whole row.
    public mutating func add(outcome: Outcome, confidence c: PGNumeric?, weightedScore w: PGNumeric? = nil) {
        count(outcome)
        if let c { confidence.add(c) }
        if let w { weightedScore.add(w) }
    }
}
