import Testing
import Schema
import Storage
import PostgresModel
@testable import Planner

@Suite("compare: predicted_timescaledb")
struct ComparisonTimescaleDBPredictionTests {
    /// 2500 one-minute market_data bars for one ticker (the table keeps its PK on id, which the
    /// prediction leaves out as TimescaleDB would reject it).
    static func rows() -> RowSet {
        var rows = RowSet(table: NQPTables.marketData, capacity: 2500)
        let ticker = PGUUID(high: 1, low: 2)
        for i in 0..<2500 {
            let t: Int64 = 1_672_617_600_000_000 + Int64(i) * 60_000_000
            let p = PGNumeric(unscaled: 400_000 + Int64(i % 50), scale: 2)
            rows.append(row: [.uuid(PGUUID(high: UInt64(i) &* 0x9E37_79B9_7F4A_7C15, low: UInt64(i))), .uuid(ticker), .timestamp(t),
                              .numeric(p), .numeric(p), .numeric(p), .numeric(p), .int(Int64(i % 700)),
                              .text("1m"), .text("yfinance"), .jsonb("{}"), .timestamp(t + 61_000_000)])
        }
        return rows
    }

    @Test("each setting carries TimescaleDB's predicted compression stats, batches matching the engine's")
    func predictionPerSetting() throws {
        let comparison = CompressionComparison(table: NQPTables.marketData)
        let report = try comparison.run(rows: Self.rows(), rawCopyBytes: 1,
                                        settings: [CompressionSettingText(segmentBy: "ticker_id, interval", orderBy: "timestamp DESC")])
        let p = try #require(report.settings.first?.predictedTimescaledb)
        #expect(p.compressedBatches == report.settings.first?.batches)
        #expect(p.afterCompressionTotalBytes == p.afterCompressionTableBytes + p.afterCompressionIndexBytes + p.afterCompressionToastBytes)
        #expect(p.afterCompressionTotalBytes < p.beforeCompressionTotalBytes)
    }

    @Test("without a TimescaleDB version the prediction is left out")
    func noVersionNoPrediction() throws {
        let comparison = CompressionComparison(table: NQPTables.marketData, timescaledbVersion: nil)
        let report = try comparison.run(rows: Self.rows(), rawCopyBytes: 1, settings: [CompressionSettingText(segmentBy: "ticker_id")])
        #expect(report.settings.first?.predictedTimescaledb == nil)
    }
}
