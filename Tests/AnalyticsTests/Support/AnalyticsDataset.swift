import Analytics
import Schema

/// Rows for the three tables the functions read, built in code, renderable as the psql script that
/// loads the same rows into PostgreSQL.
struct AnalyticsDataset {
    var tickers: [PGUUID] = []
    var bars: [PriceBar] = []
    var predictions: [PredictionRecord] = []
    var blocks: [PredictionRecord] = []

    /// The in-process functions over this data.
    func analytics(session: AnalyticsSession) -> NQPAnalytics {
        NQPAnalytics(marketData: InMemoryMarketData(bars: bars), predictions: InMemoryPredictions(records: predictions),
                     blockPredictions: InMemoryPredictions(records: blocks), session: session)
    }

    /// A deterministic UUID from two numbers (v4 layout bits set, so it looks like the real ids).
    static func uuid(_ a: UInt64, _ b: UInt64) -> PGUUID {
        PGUUID(high: (a & 0xFFFF_FFFF_FFFF_0FFF) | 0x4000, low: (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000)
    }

    /// psql input that empties the tables and COPYs these rows in.
    var loadScript: String {
        var s = "TRUNCATE market_data, predictions, block_predictions, tickers;\n"
        s += "COPY tickers (id, symbol) FROM STDIN WITH (FORMAT csv);\n"
        for (i, t) in tickers.enumerated() { s += "\(t),T\(i)\n" }
        s += "\\.\n"
        s += "COPY market_data (id, ticker_id, \"timestamp\", open, high, low, close, volume, \"interval\") FROM STDIN WITH (FORMAT csv);\n"
        for b in bars {
            s += "\(b.id),\(b.tickerID),\(PGTimestamp.format(b.timestamp)),\(b.open),\(b.high),\(b.low),\(b.close),\(b.volume.map { String($0) } ?? ""),\(b.interval)\n"
        }
        s += "\\.\n"
        s += "COPY predictions (id, ticker_id, \"timestamp\", prediction, confidence, weighted_score, actual_result, created_at) FROM STDIN WITH (FORMAT csv);\n"
        for (i, p) in predictions.enumerated() {
            let created = p.createdAt.map { PGTimestamp.format($0) } ?? ""
            s += "\(AnalyticsDataset.uuid(UInt64(i), 7)),\(p.tickerID),\(created.isEmpty ? "2024-01-01 00:00:00+00" : created),BULLISH,"
            s += "\(p.confidence?.description ?? ""),\(p.weightedScore?.description ?? ""),\(p.actualResult ?? ""),\(created)\n"
        }
        s += "\\.\n"
        s += "COPY block_predictions (id, ticker_id, hour_start_timestamp, prediction_timestamp, prediction, confidence, actual_result, created_at) FROM STDIN WITH (FORMAT csv);\n"
        for (i, p) in blocks.enumerated() {
            // One row per ticker per hour (the UNIQUE constraint): hour i after 2000-01-01.
            let hour = PGTimestamp.format(946_684_800_000_000 + Int64(i) * 3_600_000_000)
            s += "\(AnalyticsDataset.uuid(UInt64(i), 9)),\(p.tickerID),\(hour),\(hour),UP,"
            s += "\(p.confidence?.description ?? ""),\(p.actualResult ?? ""),\(p.createdAt.map { PGTimestamp.format($0) } ?? "")\n"
        }
        s += "\\.\nANALYZE;\n"
        return s
    }
}
