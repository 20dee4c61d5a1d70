import Analytics
import Schema
import TestSupport

/// Hand-placed data for the cases REFERENCE.md §3 calls traps, and the calls that probe them.
enum AdversarialDataset {
    static let hour: Int64 = 3_600_000_000
    static let utcNow: Int64 = 1_710_244_800_000_000  // 2024-03-12 12:00:00+00

    static func numeric(_ text: String, scale: Int) -> PGNumeric {
        (try? PGNumeric.parse(text, precision: 12, scale: scale)) ?? PGNumeric(unscaled: 0, scale: scale)
    }

    static func price(_ cents: Int64) -> PGNumeric { PGNumeric(unscaled: cents, scale: 2) }

    /// Each prediction ticker holds one composition; the comment says what it tests.
    static func build() throws -> (AnalyticsDataset, [AnalyticsCall]) {
        var ds = AnalyticsDataset()
        var g = SeededGenerator(seed: 4)
        let market = AnalyticsDataset.uuid(1, 1), quiet = AnalyticsDataset.uuid(2, 2), unknown = AnalyticsDataset.uuid(3, 3)
        ds.tickers = [market, quiet]
        // Thousands of 1-minute bars, a 5-minute and an hourly series on one ticker; NULL volumes sometimes.
        let base = utcNow - 3000 * 60_000_000
        var n: UInt64 = 0
        for (interval, step, count) in [("1m", Int64(60_000_000), 3000), ("5m", Int64(300_000_000), 600), ("1h", hour, 50)] {
            for i in 0..<count {
                n += 1
                let o = Int64.random(in: 1_000_000...1_100_000, using: &g)
                let h = o + Int64.random(in: 0...500, using: &g), l = o - Int64.random(in: 0...500, using: &g)
                ds.bars.append(PriceBar(id: AnalyticsDataset.uuid(n, 11), tickerID: market, timestamp: base + Int64(i) * step,
                                        open: price(o), high: price(h), low: price(l), close: price(Int64.random(in: l...h, using: &g)),
                                        volume: i % 17 == 0 ? nil : Int64.random(in: 0...100_000, using: &g), interval: interval))
            }
        }
        ds.bars.append(PriceBar(id: AnalyticsDataset.uuid(99, 12), tickerID: quiet, timestamp: utcNow, open: price(-5), high: price(0),
                                low: price(-99_999_999_999), close: price(99_999_999_999), volume: 0, interval: "1d"))
        // NaN prices (numeric(12,2) takes NaN, not Infinity): the latest bar and some in between.
        let special = AnalyticsDataset.uuid(4, 4)
        ds.tickers.append(special)
        for i in 0..<40 {
            let nan = i % 7 == 3 || i == 39
            let p = price(1_000_000 + Int64(i))
            ds.bars.append(PriceBar(id: AnalyticsDataset.uuid(200 + UInt64(i), 13), tickerID: special, timestamp: utcNow - Int64(40 - i) * 60_000_000,
                                    open: nan ? .nan : p, high: i % 5 == 0 ? .nan : p, low: p, close: nan ? .nan : p,
                                    volume: Int64(i), interval: "1m"))
        }

        var tickerNumber: UInt64 = 100
        var predictionTickers: [PGUUID] = []
        func predictions(_ rows: [(String?, String, String?)], at created: Int64? = nil, spacing: Int64 = hour) {
            tickerNumber += 1
            let t = AnalyticsDataset.uuid(tickerNumber, tickerNumber)
            ds.tickers.append(t)
            predictionTickers.append(t)
            for (i, r) in rows.enumerated() {
                let rec = PredictionRecord(tickerID: t, createdAt: (created ?? utcNow - hour) - Int64(i) * spacing, actualResult: r.0,
                                           confidence: numeric(r.1, scale: 2), weightedScore: r.2.map { numeric($0, scale: 4) })
                ds.predictions.append(rec)
                ds.blocks.append(PredictionRecord(tickerID: t, createdAt: rec.createdAt, actualResult: rec.actualResult, confidence: rec.confidence))
            }
        }
        // 1 of 3 decided correct: 33.33; AVG ties 10.005 → 10.01 and 0.10005 → 0.1001.
        predictions([("CORRECT", "10.00", "0.1000"), ("WRONG", "10.01", "0.1001"), ("WRONG", "10.00", "0.1000"), ("WRONG", "10.01", "0.1001")])
        // 2 of 3: 66.67; AVG 1.6666… → 1.67.
        predictions([("CORRECT", "1.00", "0.0001"), ("CORRECT", "2.00", "0.0002"), ("WRONG", "2.00", nil)])
        // 1 of 32: 3.125 → 3.13 (a tie at the third digit).
        predictions([("CORRECT", "0.01", "0.0001")] + Array(repeating: ("WRONG", "0.00", "0.0000"), count: 31))
        // 1 of 8: 12.50; 1 of 800 would be 0.125 → 0.13.
        predictions([("CORRECT", "99.99", "1.0000")] + Array(repeating: ("WRONG", "99.98", "0.9999"), count: 7))
        predictions([("CORRECT", "50.00", "0.5000")] + Array(repeating: ("WRONG", "50.01", "0.5001"), count: 799), spacing: 60_000_000)
        // Only PENDING: no decided rows, accuracy NULL; blocks count PENDING as verified.
        predictions([("PENDING", "70.00", "0.7000"), ("PENDING", "70.01", "0.7001")])
        // Only NULL results and NULL scores: avg_weighted_score NULL.
        predictions([(nil, "33.33", nil), (nil, "33.33", nil), (nil, "33.34", nil)])
        // Everything older than the longest window probed.
        predictions([("CORRECT", "80.00", "0.8000")], at: utcNow - 400 * 24 * hour)
        // Mixed, thousands of rows.
        var mixed: [(String?, String, String?)] = []
        for _ in 0..<3000 {
            let r = [nil, "CORRECT", "WRONG", "PENDING"][Int.random(in: 0...3, using: &g)]
            let c = Int.random(in: 0...10_000, using: &g)
            let w = Int.random(in: 0...10_000, using: &g)
            mixed.append((r, "\(c / 100).\(padded(c % 100, 2))", Bool.random(using: &g) ? nil : "0.\(padded(w % 10_000, 4))"))
        }
        predictions(mixed, spacing: 1_000_000_000)

        // Window edges: rows exactly at now − N days and 1 µs before it, for UTC and New York across both changes.
        let sessions = [
            AnalyticsSession(now: utcNow),
            try AnalyticsSession(now: "2024-03-12 12:00:00-04", timeZone: "America/New_York"),
            try AnalyticsSession(now: "2024-11-05 12:00:00-05", timeZone: "America/New_York"),
            try AnalyticsSession(now: "2024-03-12 12:00:00+00", timeZone: "Asia/Kolkata"),
        ]
        let days: [Int32?] = [nil, 0, -1, 1, 3, 7, 365]
        tickerNumber += 1
        let edge = AnalyticsDataset.uuid(tickerNumber, tickerNumber)
        ds.tickers.append(edge)
        predictionTickers.append(edge)
        var k = 0
        for s in sessions {
            for d in [Int32(0), 1, 3, 7] {
                let start = try DayWindow.start(days: d, session: s)
                for (offset, result) in [(Int64(0), "CORRECT"), (-1, "WRONG"), (-hour, "WRONG"), (hour, "PENDING")] {
                    k += 1
                    let c = numeric("\(k % 100).\(k % 2 == 0 ? "05" : "15")", scale: 2)
                    let rec = PredictionRecord(tickerID: edge, createdAt: start + offset, actualResult: result, confidence: c,
                                               weightedScore: numeric("0.\(padded(k * 37 % 10_000, 4))", scale: 4))
                    ds.predictions.append(rec)
                    ds.blocks.append(PredictionRecord(tickerID: edge, createdAt: rec.createdAt, actualResult: result, confidence: c))
                }
            }
        }
        // A NULL created_at is never in a window.
        ds.predictions.append(PredictionRecord(tickerID: edge, createdAt: nil, actualResult: "CORRECT", confidence: numeric("1.00", scale: 2)))
        ds.blocks.append(PredictionRecord(tickerID: edge, createdAt: nil, actualResult: "CORRECT", confidence: numeric("1.00", scale: 2)))

        var calls: [AnalyticsCall] = []
        for s in sessions {
            for t in [market, quiet, unknown] {
                for i in [nil, "1m", "5m", "1h", "1d", "4h"] as [String?] { calls.append(AnalyticsCall(function: .latestPrice(ticker: t, interval: i), session: s)) }
            }
            // BETWEEN: endpoints on bars, between bars, a single instant, reversed, everything.
            let ranges: [(Int64, Int64)] = [(base, base + 10 * 60_000_000), (base + 1, base + 10 * 60_000_000 - 1), (base + 30 * 60_000_000, base + 30 * 60_000_000),
                                            (base + 10 * 60_000_000, base), (-30_610_224_000_000_000, 253_402_300_799_000_000), (base - hour, base - 1),
                                            (utcNow - 3 * hour, utcNow)]
            for (a, b) in ranges {
                for i in ["1m", "5m", "1h"] { calls.append(AnalyticsCall(function: .priceRange(ticker: market, interval: i, start: a, end: b), session: s)) }
            }
            calls.append(AnalyticsCall(function: .priceRange(ticker: quiet, interval: "1d", start: utcNow, end: utcNow), session: s))
            calls.append(AnalyticsCall(function: .latestPrice(ticker: special, interval: "1m"), session: s))
            calls.append(AnalyticsCall(function: .priceRange(ticker: special, interval: "1m", start: utcNow - hour, end: utcNow), session: s))
            for t in predictionTickers + [unknown] {
                for d in days {
                    calls.append(AnalyticsCall(function: .predictionAccuracy(ticker: t, days: d), session: s))
                    calls.append(AnalyticsCall(function: .blockPredictionAccuracy(ticker: t, days: d), session: s))
                }
            }
        }
        return (ds, calls)
    }
}

/// Zero-padded fraction digits for building numeric text.
func padded(_ v: Int, _ width: Int) -> String {
    let digits = String(v)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
