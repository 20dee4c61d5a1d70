import Analytics
import Storage

/// The benchmark's data set, generated from a seed: hourly and 1-minute bars, predictions and
/// block predictions for a few tickers, sized like the roadmap's queries (REFERENCE.md §2 targets).
struct BenchAnalyticsData {
    let tickers: [PGUUID]
    let bars: [PriceBar]
    let predictions: [PredictionRecord]
    let blocks: [PredictionRecord]
    let now: Int64

    /// Row counts of a data set of this shape, without generating it.
    struct Shape {
        let bars: Int
        let predictions: Int
        init(tickers: Int, minuteDays: Int, hourDays: Int, predictionsPerTicker: Int) {
            bars = tickers * (minuteDays * 1440 + hourDays * 24)
            predictions = tickers * predictionsPerTicker
        }
    }

    static let minute: Int64 = 60_000_000
    static let hour: Int64 = 3_600_000_000

    init(tickers count: Int, minuteDays: Int, hourDays: Int, predictionsPerTicker: Int, seed: UInt64) {
        var random = SeededRandom(seed: seed)
        // 2025-06-02 00:00:00+00: a fixed clock keeps runs comparable.
        now = 1_748_822_400_000_000
        tickers = (0..<count).map { PGUUID(high: 0x5EED_0000_0000_4000 | UInt64($0) << 16, low: 0x8000_0000_0000_0000 | UInt64($0)) }
        var bars: [PriceBar] = []
        var n: UInt64 = 0
        for t in tickers {
            var price: Int64 = 1_500_000
            for (interval, step, total) in [("1m", Self.minute, minuteDays * 1440), ("1h", Self.hour, hourDays * 24)] {
                for i in 0..<total {
                    n += 1
                    price += Int64(random.next() % 201) - 100
                    let ts = now - Int64(total - i) * step
                    bars.append(PriceBar(id: PGUUID(high: n, low: 0x8000_0000_0000_0000 | n), tickerID: t, timestamp: ts,
                                         open: PGNumeric(unscaled: price, scale: 2), high: PGNumeric(unscaled: price + 25, scale: 2),
                                         low: PGNumeric(unscaled: price - 25, scale: 2), close: PGNumeric(unscaled: price + 5, scale: 2),
                                         volume: Int64(random.next() % 10_000), interval: interval))
                }
            }
        }
        self.bars = bars
        var predictions: [PredictionRecord] = []
        var blocks: [PredictionRecord] = []
        let results: [String?] = ["CORRECT", "WRONG", "PENDING", nil, "CORRECT"]
        for t in tickers {
            for i in 0..<predictionsPerTicker {
                let created = now - Int64(i) * Self.hour
                let result = results[Int(random.next() % 5)]
                let confidence = PGNumeric(unscaled: Int64(random.next() % 10_001), scale: 2)
                predictions.append(PredictionRecord(tickerID: t, createdAt: created, actualResult: result, confidence: confidence,
                                                    weightedScore: PGNumeric(unscaled: Int64(random.next() % 10_001), scale: 4)))
                blocks.append(PredictionRecord(tickerID: t, createdAt: created, actualResult: result, confidence: confidence))
            }
        }
        self.predictions = predictions
        self.blocks = blocks
    }

    /// psql input creating the rows (the tables from sql/001 must exist).
    var loadScript: String {
        var s = "COPY tickers (id, symbol) FROM STDIN WITH (FORMAT csv);\n"
        for (i, t) in tickers.enumerated() { s += "\(t),B\(i)\n" }
        s += "\\.\nCOPY market_data (id, ticker_id, \"timestamp\", open, high, low, close, volume, \"interval\") FROM STDIN WITH (FORMAT csv);\n"
        for b in bars {
            s += "\(b.id),\(b.tickerID),\(PGTimestamp.format(b.timestamp)),\(b.open),\(b.high),\(b.low),\(b.close),\(b.volume.map { String($0) } ?? ""),\(b.interval)\n"
        }
        s += "\\.\nCOPY predictions (ticker_id, \"timestamp\", prediction, confidence, weighted_score, actual_result, created_at) FROM STDIN WITH (FORMAT csv);\n"
        for p in predictions {
            let created = p.createdAt.map { PGTimestamp.format($0) } ?? ""
            s += "\(p.tickerID),\(created),BULLISH,\(p.confidence?.description ?? ""),\(p.weightedScore?.description ?? ""),\(p.actualResult ?? ""),\(created)\n"
        }
        s += "\\.\nCOPY block_predictions (ticker_id, hour_start_timestamp, prediction_timestamp, prediction, confidence, actual_result, created_at) FROM STDIN WITH (FORMAT csv);\n"
        for p in blocks {
            let created = p.createdAt.map { PGTimestamp.format($0) } ?? ""
            s += "\(p.tickerID),\(created),\(created),UP,\(p.confidence?.description ?? ""),\(p.actualResult ?? ""),\(created)\n"
        }
        return s + "\\.\nVACUUM ANALYZE;\n"
    }
}
