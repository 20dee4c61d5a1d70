import Foundation
import Planner
import Schema
import Storage
import Testing
import TestSupport

@Suite("Bundled fixture")
struct FixtureTests {
    /// fixtures/market_data_sample.csv is exactly what its documented `chunkwise generate` command
    /// writes (the command's own defaults: tick 0.25, 0.1 % NULL volumes).
    @Test func fixtureIsTheGeneratorsOutput() throws {
        let path = SharedData.packageRoot.appendingPathComponent("fixtures/market_data_sample.csv")
        let bytes = try [UInt8](Data(contentsOf: path))
        let spec = SyntheticDataSpec(tickers: 2, intervals: ["1m", "5m"], days: 5, start: try PGTimestamp.parse("2024-01-01"),
                                     session: .futures, seed: 1, tick: PGNumeric(unscaled: 25, scale: 2), nullVolumeFraction: 0.001)
        #expect(CopyWriter().write(try MarketDataGenerator(spec: spec).rows()) == bytes)
        #expect(bytes.count <= 3_000_000)
        #expect(try CopyReader(table: NQPTables.marketData, loadTime: 0).read(bytes: bytes).count == 16_272)
    }
}
