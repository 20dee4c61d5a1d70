import Foundation
import Schema
import Testing
@testable import Planner

/// A NOT NULL column without a default that the compression segments by takes one value per
/// ticker: numbered by row, every row was a batch of its own.
@Suite("segmentby columns the generator fills")
struct PerTickerSegmentColumnsTests {
    static let migration = """
        CREATE TABLE candles (exchange smallint NOT NULL, symbol text NOT NULL, bucket timestamptz NOT NULL,
                              open numeric(20,8) NOT NULL, high numeric(20,8) NOT NULL, low numeric(20,8) NOT NULL,
                              close numeric(20,8) NOT NULL, volume numeric(28,8) NOT NULL DEFAULT 0,
                              PRIMARY KEY (exchange, symbol, bucket));
        SELECT create_hypertable('candles', by_range('bucket', INTERVAL '7 days'));
        ALTER TABLE candles SET (timescaledb.compress, timescaledb.compress_segmentby = 'exchange, symbol',
                                 timescaledb.compress_orderby = 'bucket DESC');
        SELECT add_compression_policy('candles', compress_after => INTERVAL '14 days');

        """

    static func plan(segmentBy: String? = nil) throws -> (Scenario, CapacityPlan) {
        let path = try ScenarioTests.migrationFile(Self.migration)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = ScenarioInput()
        input.migrations = [path]
        input.tickers = 12
        input.days = 120
        input.intervals = ["1h"]
        input.session = "crypto"
        input.segmentby = segmentBy
        let s = try ScenarioTests.resolve(input)
        var planner = CapacityPlanner(scenario: s)
        planner.latency = nil
        return (s, try planner.plan())
    }

    @Test("a segmentby column of the team's own is one value per ticker: a batch per ticker and chunk, smaller once compressed")
    func segmentsAreTickers() throws {
        let (s, p) = try Self.plan()
        let stats = p.sizes.compressionStats
        #expect(stats.compressedChunks > 10)
        // One batch per ticker and compressed chunk (a week of 1h bars is 168 rows, under 1,000).
        #expect(stats.compressedBatches == stats.compressedChunks * s.tickers, "\(stats)")
        #expect(stats.afterCompressionTotalBytes * 2 < stats.beforeCompressionTotalBytes, "\(stats)")
        #expect(s.warnings.contains { $0.contains("\"exchange\" (NOT NULL, no default) is filled with 1, 2, 3, … by ticker (a segmentby column)") },
                "\(s.warnings)")
        let generator = s.marketDataGenerator(SyntheticDataSpec(tickers: 3, intervals: ["1h"], days: 1))
        #expect(generator.tickerValues(of: "exchange") == [.int(1), .int(2), .int(3)])
    }

    @Test("--segmentby decides which columns are per ticker")
    func flagDecides() throws {
        let (s, _) = try Self.plan(segmentBy: "symbol")
        #expect(s.marketDataGenerator(SyntheticDataSpec(tickers: 3, intervals: ["1h"], days: 1)).tickerValues(of: "exchange") == nil)
        let exchange = try #require(s.warnings.first { $0.contains("\"exchange\" (NOT NULL, no default) is filled with 1, 2, 3, …") })
        #expect(!exchange.contains("by ticker"), "\(exchange)")
    }
}
