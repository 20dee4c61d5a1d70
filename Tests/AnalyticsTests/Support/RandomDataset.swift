import Analytics
import Schema
import TestSupport

/// Property-style data: random bars, predictions and calls from a seed.
enum RandomDataset {
    static let zones = ["UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe"]
    static let intervals = ["1m", "5m", "1h", "1d"]

    static func build(seed: UInt64) throws -> (AnalyticsDataset, [AnalyticsCall]) {
        var g = SeededGenerator(seed: seed &* 7919 &+ 1)
        var ds = AnalyticsDataset()
        // Around one of the 2024 DST changes or a quiet date.
        let anchors: [Int64] = [1_710_054_000_000_000, 1_730_613_600_000_000, 1_718_000_000_000_000]
        let anchor = anchors[Int.random(in: 0..<anchors.count, using: &g)]
        let minute: Int64 = 60_000_000
        ds.tickers = (0..<3).map { AnalyticsDataset.uuid(seed &* 100 &+ UInt64($0), UInt64($0)) }
        var id: UInt64 = 0
        var timestampsSeen: [Int64] = []
        for t in ds.tickers.prefix(2) {
            for interval in intervals.shuffled(using: &g).prefix(Int.random(in: 1...3, using: &g)) {
                var offsets = Set<Int64>()
                for _ in 0..<Int.random(in: 0...150, using: &g) { offsets.insert(Int64.random(in: -6000...6000, using: &g)) }
                for off in offsets.sorted() {
                    id += 1
                    let ts = anchor + off * minute + (Bool.random(using: &g) ? 0 : Int64.random(in: 0..<minute, using: &g))
                    timestampsSeen.append(ts)
                    let o = Int64.random(in: -1_000...99_999_999, using: &g)
                    ds.bars.append(PriceBar(id: AnalyticsDataset.uuid(id, seed), tickerID: t, timestamp: ts,
                                            open: PGNumeric(unscaled: o, scale: 2), high: PGNumeric(unscaled: o + 7, scale: 2),
                                            low: PGNumeric(unscaled: o - 3, scale: 2), close: PGNumeric(unscaled: o + 1, scale: 2),
                                            volume: Int.random(in: 0...9, using: &g) == 0 ? nil : Int64.random(in: 0...Int64(1) << 40, using: &g),
                                            interval: interval))
                }
            }
            for _ in 0..<Int.random(in: 0...120, using: &g) {
                let r = [nil, "CORRECT", "WRONG", "PENDING", "CORRECT"][Int.random(in: 0...4, using: &g)]
                let created: Int64? = Int.random(in: 0...30, using: &g) == 0 ? nil : anchor + Int64.random(in: -60 * 1440 ... 2 * 1440, using: &g) * minute
                let rec = PredictionRecord(tickerID: t, createdAt: created, actualResult: r,
                                           confidence: PGNumeric(unscaled: Int64.random(in: 0...10_000, using: &g), scale: 2),
                                           weightedScore: Bool.random(using: &g) ? nil : PGNumeric(unscaled: Int64.random(in: 0...10_000, using: &g), scale: 4))
                ds.predictions.append(rec)
                if Bool.random(using: &g) {
                    ds.blocks.append(PredictionRecord(tickerID: t, createdAt: created, actualResult: r, confidence: rec.confidence))
                }
            }
        }
        var calls: [AnalyticsCall] = []
        for _ in 0..<40 {
            let zone = zones[Int.random(in: 0..<zones.count, using: &g)]
            let session = AnalyticsSession(now: anchor + Int64.random(in: -3 * 1440 ... 3 * 1440, using: &g) * minute,
                                           timeZone: PGTimeZone(name: zone) ?? .utc)
            let t = ds.tickers[Int.random(in: 0..<ds.tickers.count, using: &g)]
            let interval = intervals[Int.random(in: 0..<intervals.count, using: &g)]
            func instant() -> Int64 {
                if !timestampsSeen.isEmpty, Bool.random(using: &g) { return timestampsSeen[Int.random(in: 0..<timestampsSeen.count, using: &g)] }
                return anchor + Int64.random(in: -7000...7000, using: &g) * minute
            }
            let days = Int32.random(in: -3...45, using: &g)
            switch Int.random(in: 0...3, using: &g) {
            case 0: calls.append(AnalyticsCall(function: .latestPrice(ticker: t, interval: Bool.random(using: &g) ? nil : interval), session: session))
            case 1: calls.append(AnalyticsCall(function: .priceRange(ticker: t, interval: interval, start: instant(), end: instant()), session: session))
            case 2: calls.append(AnalyticsCall(function: .predictionAccuracy(ticker: t, days: Bool.random(using: &g) ? nil : days), session: session))
            default: calls.append(AnalyticsCall(function: .blockPredictionAccuracy(ticker: t, days: Bool.random(using: &g) ? nil : days), session: session))
            }
        }
        return (ds, calls)
    }
}
