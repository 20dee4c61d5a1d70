import Schema
import Storage

/// One `predictions` or `block_predictions` row, reduced to the columns the accuracy functions read.
public struct PredictionRecord: Sendable, Hashable {
    public var tickerID: PGUUID
    /// nil is a NULL `created_at`, which no window includes.
    public var createdAt: Int64?
    /// `'CORRECT'`, `'WRONG'`, `'PENDING'` or nil for NULL.
    public var actualResult: String?
    public var confidence: PGNumeric?
    /// Only `predictions` has it; nil for NULL or for block predictions.
    public var weightedScore: PGNumeric?

    public init(tickerID: PGUUID, createdAt: Int64?, actualResult: String?, confidence: PGNumeric?, weightedScore: PGNumeric? = nil) {
        self.tickerID = tickerID
        self.createdAt = createdAt
        self.actualResult = actualResult
        self.confidence = confidence
        self.weightedScore = weightedScore
    }

    /// The records of a `predictions`- or `block_predictions`-shaped row set (`weighted_score` is
    /// read when the table has it).
    public static func records(from rows: RowSet) throws(AnalyticsError) -> [PredictionRecord] {
        func column(_ name: String) throws(AnalyticsError) -> ColumnVector {
            guard let c = rows.column(name) else { throw .invalidData("column \"\(name)\" of relation \"\(rows.table.name)\" does not exist") }
            return c
        }
        let ticker = try column("ticker_id"), created = try column("created_at")
        let result = try column("actual_result"), confidence = try column("confidence")
        let weighted = rows.column("weighted_score")
        var out: [PredictionRecord] = []
        out.reserveCapacity(rows.count)
        for i in 0..<rows.count {
            guard case .uuid(let t) = ticker.value(at: i) else { throw .invalidData("row \(i + 1) of \(rows.table.name): ticker_id is NULL") }
            var r = PredictionRecord(tickerID: t, createdAt: nil, actualResult: nil, confidence: nil)
            if case .timestamp(let c) = created.value(at: i) { r.createdAt = c }
            if case .text(let s) = result.value(at: i) { r.actualResult = s }
            if case .numeric(let n) = confidence.value(at: i) { r.confidence = n }
            if let weighted, case .numeric(let n) = weighted.value(at: i) { r.weightedScore = n }
            out.append(r)
        }
        return out
    }
}

/// `predictions` or `block_predictions` in memory: per ticker, the rows sorted by `created_at`
/// in columns, so a window is a binary search and one tight loop.
public struct InMemoryPredictions: PredictionSource {
    struct TickerRows: Sendable {
        var createdAt: [Int64] = []
        var outcome: [PredictionTally.Outcome] = []
        var confidence: [PGNumeric?] = []
        var weightedScore: [PGNumeric?] = []
    }

    private let byTicker: [PGUUID: TickerRows]

    public init(records: [PredictionRecord]) {
        var grouped: [PGUUID: [PredictionRecord]] = [:]
        for r in records where r.createdAt != nil { grouped[r.tickerID, default: []].append(r) }
        var built: [PGUUID: TickerRows] = [:]
        for (ticker, list) in grouped {
            let sorted = list.sorted { ($0.createdAt ?? 0) < ($1.createdAt ?? 0) }
            var rows = TickerRows()
            rows.createdAt = sorted.map { $0.createdAt ?? 0 }
            rows.outcome = sorted.map { PredictionTally.Outcome($0.actualResult) }
            rows.confidence = sorted.map(\.confidence)
            rows.weightedScore = sorted.map(\.weightedScore)
            built[ticker] = rows
        }
        byTicker = built
    }

    public init(rows: RowSet) throws(AnalyticsError) {
        self.init(records: try PredictionRecord.records(from: rows))
    }

    public func tally(ticker: PGUUID, createdAtOrAfter start: Int64, into tally: inout PredictionTally) {
        guard let rows = byTicker[ticker] else { return }
        var i = rows.createdAt.firstIndex(notBefore: start)
        while i < rows.createdAt.count {
            tally.count(rows.outcome[i])
            if let c = rows.confidence[i] { tally.confidence.add(c) }
            if let w = rows.weightedScore[i] { tally.weightedScore.add(w) }
            i += 1
        }
    }
}
