import Foundation
import Schema
import Storage
import Testing
@testable import Planner

@Suite struct CompressionComparisonTests {
    /// `tickers` tickers × two intervals of minute bars, as COPY CSV read by the engine.
    static func syntheticRows(tickers: Int = 2, minutes: Int = 2 * 1440) throws -> RowSet {
        var csv = "ticker_id,timestamp,open,high,low,close,volume,interval,source\n"
        let start = 1_700_006_400 // 2023-11-15 00:00:00 UTC, a chunk boundary for 1-day chunks
        for t in 0..<tickers {
            let ticker = String(format: "00000000-0000-0000-0000-%012d", t + 1)
            for interval in ["1m", "5m"] {
                let step = interval == "1m" ? 60 : 300
                var price = 15_000.0 + Double(t) * 100
                for m in stride(from: 0, to: minutes * 60, by: step) {
                    price += Double((m / step * 7919) % 9) * 0.25 - 1.0
                    let ts = PGTimestamp.format(Int64(start + m) * 1_000_000)
                    csv += "\(ticker),\(ts),\(price),\(price + 1),\(price - 1),\(price + 0.25),\(m % 977),\(interval),yfinance\n"
                }
            }
        }
        return try CopyReader(table: NQPTables.marketData, loadTime: 0, seed: 7).read(string: csv)
    }

    static let bySegment = CompressionSettingText(segmentBy: "ticker_id, interval", orderBy: "timestamp DESC")

    @Test func encodedColumnsAndMetadataAddUpToEngineBytes() throws {
        let rows = try Self.syntheticRows()
        let report = try CompressionComparison(table: NQPTables.marketData).run(rows: rows, rawCopyBytes: 1, settings: [Self.bySegment])
        let s = try #require(report.settings.first)
        // Every column (a segmentby column's values included, once) plus the batch metadata.
        #expect(s.columns.contains { $0.codec == "segmentby" })
        let columns = s.columns.reduce(0) { $0 + $1.engineBytes }
        #expect(columns + s.metadataBytes == s.engineBytes)
        #expect(report.rows == rows.count)
    }

    @Test func batchesFollowSegmentsChunksAndTheSizeLimit() throws {
        let rows = try Self.syntheticRows()
        let report = try CompressionComparison(table: NQPTables.marketData, batchSize: 1000).run(rows: rows, rawCopyBytes: 1, settings: [Self.bySegment])
        let s = try #require(report.settings.first)
        #expect(s.chunks == 2)
        // Per chunk and ticker: 1440 one-minute rows → 2 batches, 288 five-minute rows → 1 batch.
        #expect(s.batches == 2 * 2 * 3)
        #expect(s.columns.first { $0.name == "ticker_id" }?.codec == "segmentby")
    }

    @Test func segmentingByAUniqueColumnWarnsAboutSmallSegments() throws {
        let rows = try Self.syntheticRows(tickers: 1, minutes: 300)
        let report = try CompressionComparison(table: NQPTables.marketData)
            .run(rows: rows, rawCopyBytes: 1, settings: [CompressionSettingText(segmentBy: "id", orderBy: "timestamp DESC")])
        let s = try #require(report.settings.first)
        #expect(s.rowsPerSegmentPerChunk == 1)
        #expect(!s.warnings.isEmpty)
    }

    @Test func recommendationSegmentsByLowCardinalityIndexColumns() throws {
        let rows = try Self.syntheticRows()
        let report = try CompressionComparison(table: NQPTables.marketData)
            .run(rows: rows, rawCopyBytes: 1, settings: [CompressionSettingText(segmentBy: "", orderBy: "timestamp DESC")])
        #expect(report.recommendation.proposed.segmentBy == "ticker_id, interval")
        #expect(report.recommendation.timescaledbDefault.segmentBy == "ticker_id")
        // With that segmentby TimescaleDB orders by the rest of the unique key (ticker_id, timestamp, interval).
        #expect(report.recommendation.timescaledbDefault.orderBy == "timestamp DESC, interval")
    }

    @Test func aSettingWithoutAnOrderbyTakesTimescaleDBsDefaultForTheTable() throws {
        let rows = try Self.syntheticRows(tickers: 2, minutes: 60)
        let report = try CompressionComparison(table: NQPTables.marketData)
            .run(rows: rows, rawCopyBytes: 1, settings: [CompressionSettingText(segmentBy: ""), CompressionSettingText(segmentBy: "ticker_id, interval"),
                                                         CompressionSettingText(segmentBy: "ticker_id", orderBy: "close")])
        #expect(report.settings.map(\.orderby) == ["ticker_id, timestamp DESC, interval", "timestamp DESC", "close, timestamp DESC"])
    }

    @Test func unknownSegmentColumnIsAnError() throws {
        let rows = try Self.syntheticRows(tickers: 1, minutes: 10)
        #expect(throws: ComparisonError.self) {
            try CompressionComparison(table: NQPTables.marketData).run(rows: rows, rawCopyBytes: 1, settings: [CompressionSettingText(segmentBy: "nope")])
        }
    }

    @Test func jsonUsesTheCLIFieldNames() throws {
        let rows = try Self.syntheticRows(tickers: 1, minutes: 60)
        let report = try CompressionComparison(table: NQPTables.marketData).run(rows: rows, rawCopyBytes: 1, settings: [Self.bySegment])
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
        #expect(object?["rows"] as? Int == rows.count)
        let setting = (object?["settings"] as? [[String: Any]])?.first
        for key in ["segmentby", "orderby", "chunks", "batches", "engine_bytes", "columns"] {
            #expect(setting?[key] != nil, "missing \(key)")
        }
        let column = (setting?["columns"] as? [[String: Any]])?.first
        for key in ["name", "codec", "engine_bytes"] { #expect(column?[key] != nil, "missing \(key)") }
    }
}

/// compare recommends on the target's bytes and says when the engine disagrees (issue #12 item 6).
@Suite struct RecommendationTruthTests {
    @Test func recommendationIsTheSmallestPredictedTimescaleDBTotal() throws {
        let rows = try CompressionComparisonTests.syntheticRows(tickers: 2, minutes: 600)
        let settings = [CompressionSettingText(segmentBy: "ticker_id, interval", orderBy: "timestamp DESC"),
                        CompressionSettingText(segmentBy: "", orderBy: "timestamp DESC"),
                        CompressionSettingText(segmentBy: "ticker_id", orderBy: "timestamp DESC")]
        let report = try CompressionComparison(table: NQPTables.marketData).run(rows: rows, rawCopyBytes: 1, settings: settings)
        let r = report.recommendation
        #expect(r.basis == "predicted TimescaleDB bytes")
        let totals = report.settings.map { $0.predictedTimescaledb?.afterCompressionTotalBytes ?? Int.max }
        let engine = report.settings.map(\.engineBytes)
        let best = try #require(totals.indices.min { (totals[$0], engine[$0], $0) < (totals[$1], engine[$1], $1) })
        #expect(r.smallestMeasured == best)
        #expect(r.recommended.segmentBy == report.settings[best].segmentby)
        for (i, t) in totals.enumerated() where i != best { #expect(t >= totals[best]) }
        if let e = r.smallestByEngine, e != best { #expect(r.reasons.contains { $0.contains("engine's own bytes favour") }) }
    }

    @Test func settingsTiedOnTimescaleDBBytesGoToTheSmallerEngineBytes() throws {
        // Dictionary modes are the engine's own: TimescaleDB stores the three alike.
        let rows = try CompressionComparisonTests.syntheticRows(tickers: 2, minutes: 600)
        let settings = [ZstdDictionaryMode.on, .auto, .off].map {
            CompressionSettingText(segmentBy: "ticker_id, interval", orderBy: "timestamp DESC", zstdDictionary: $0)
        }
        let report = try CompressionComparison(table: NQPTables.marketData, batchSize: 50).run(rows: rows, rawCopyBytes: 1, settings: settings)
        let totals = report.settings.map { $0.predictedTimescaledb?.afterCompressionTotalBytes }
        try #require(Set(totals).count == 1, "\(totals)")
        let engine = report.settings.map(\.engineBytes)
        let best = try #require(engine.indices.min { (engine[$0], $0) < (engine[$1], $1) })
        #expect(report.recommendation.smallestMeasured == best)
        #expect((report.recommendation.recommended.zstdDictionary?.rawValue ?? "off") == report.settings[best].zstdDictionary)
        #expect(!report.recommendation.reasons.contains { $0.contains("0 more than the recommended") })
        #expect(report.recommendation.reasons.contains { $0.contains("break the tie") })
    }

    @Test func withoutATimescaleDBTargetTheEngineBytesDecideAndSaySo() throws {
        let rows = try CompressionComparisonTests.syntheticRows(tickers: 1, minutes: 300)
        let report = try CompressionComparison(table: NQPTables.marketData, timescaledbVersion: nil)
            .run(rows: rows, rawCopyBytes: 1, settings: [CompressionSettingText(segmentBy: "", orderBy: "timestamp DESC"),
                                                         CompressionSettingText(segmentBy: "ticker_id", orderBy: "timestamp DESC")])
        #expect(report.recommendation.basis == "engine bytes")
        let bytes = report.settings.map(\.engineBytes)
        #expect(report.recommendation.smallestMeasured == bytes.indices.min { (bytes[$0], $0) < (bytes[$1], $1) })
    }

    @Test func finerTicksKeepThePriceLevel() throws {
        // `generate --tick 0.001` / `0.0001` once produced prices 10× / 100× too high.
        var opens: [Double] = []
        for tick in ["0.01", "0.001", "0.0001"] {
            let spec = SyntheticDataSpec(tickers: 1, intervals: ["1m"], days: 1, tick: try PGNumeric.parse(tick))
            let rows = try MarketDataGenerator(spec: spec).rows()
            guard case .numeric(let first)? = rows.column("open")?.value(at: 0) else { Issue.record("no open"); return }
            opens.append(first.approximateValue)
        }
        for o in opens { #expect(abs(o / opens[0] - 1) < 0.01, "\(opens)") }
    }
}
