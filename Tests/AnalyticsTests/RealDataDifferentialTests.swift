import Testing
@testable import Analytics
import Schema
import Storage
import TestSupport

/// The price functions over real market data (../shared, never committed), loaded through the
/// COPY-CSV fixture path, against the same rows on PostgreSQL.
@Suite struct RealDataDifferentialTests {
    @Test(.enabled(if: SharedData.isAvailable && PostgresCluster.canRun, "needs ../shared and postgresql-15")) func realBarsMatchPostgres() throws {
        let url = try #require(try SharedData.require("data/real/nq_1m_5m_2023.csv"))
        let server = try #require(try ReferenceServer.shared())
        let store = try InMemoryMarketData(copyCSVFiles: [url.path])
        let bars = try PriceBar.bars(from: CopyReader(table: NQPTables.marketData, loadTime: 0).read(path: url.path))
        var dataset = AnalyticsDataset()
        dataset.bars = bars
        dataset.tickers = Array(Set(bars.map(\.tickerID))).sorted()
        let ticker = try #require(dataset.tickers.first)
        let times = bars.map(\.timestamp).sorted()
        let first = try #require(times.first), last = try #require(times.last)
        var calls: [AnalyticsCall] = []
        for zone in ["UTC", "America/New_York"] {
            let session = AnalyticsSession(now: last, timeZone: PGTimeZone(name: zone) ?? .utc)
            for interval in ["1m", "5m", "1h"] {
                calls.append(AnalyticsCall(function: .latestPrice(ticker: ticker, interval: interval), session: session))
                for k in 0..<4 {
                    let start = first + (last - first) * Int64(k) / 4
                    calls.append(AnalyticsCall(function: .priceRange(ticker: ticker, interval: interval, start: start, end: start + 86_400_000_000), session: session))
                }
            }
        }
        var viaFixtures = dataset.analytics(session: AnalyticsSession(now: 0))
        viaFixtures.marketData = store
        let (bad, distinct) = try server.mismatches(calls, on: dataset, alsoOver: [("COPY-CSV fixture store", viaFixtures)])
        #expect(bad.isEmpty, "\(bad.count) differ:\n\(bad.prefix(3).joined(separator: "\n"))")
        #expect(distinct > 10)
    }
}
