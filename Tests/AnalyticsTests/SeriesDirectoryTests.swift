import Testing
import Schema
import TestSupport
@testable import Analytics

/// The sorted (ticker, interval) directory finds exactly the series it was built with.
@Suite struct SeriesDirectoryTests {
    @Test func findsEverySeriesAndNothingElse() {
        var rng = SeededGenerator(seed: 7)
        let tickers = (0..<300).map { _ in PGUUID(high: UInt64.random(in: 0...UInt64.max, using: &rng), low: UInt64.random(in: 0...3, using: &rng)) }
        let intervals = ["1m", "5m", "1h", "1d"]
        var entries: [(ticker: PGUUID, interval: String, location: Int)] = []
        for (t, ticker) in tickers.enumerated() {
            for (i, interval) in intervals.enumerated() where (t + i) % 3 != 0 { entries.append((ticker, interval, entries.count)) }
        }
        let directory = SeriesDirectory(entries.shuffled(using: &rng))
        for e in entries { #expect(directory.location(ticker: e.ticker, interval: e.interval) == e.location) }
        for (t, ticker) in tickers.enumerated() {
            for (i, interval) in intervals.enumerated() where (t + i) % 3 == 0 { #expect(directory.location(ticker: ticker, interval: interval) == nil) }
            #expect(directory.location(ticker: ticker, interval: "1M") == nil)
        }
        #expect(directory.location(ticker: PGUUID(high: 1, low: 99), interval: "1m") == nil)
        #expect(SeriesDirectory<Int>([]).location(ticker: tickers[0], interval: "1m") == nil)
    }
}
