import Foundation
import Testing
@testable import PostgresModel
import TestSupport

/// Behaviour of the latency model away from the calibration entries: scenarios built from plan
/// inputs alone, chunk counts it has not seen, target verdicts and the changes they propose.
@Suite struct LatencyModelTests {
    /// syn20_60d's shape from plan inputs only (20 tickers, 1m/5m/1h, 60 days, 1-day chunks,
    /// compressed after 7 days): rule-of-thumb sizes, no calibration file read for the scenario.
    /// Its clock stands at 23:59, one minute before the newest chunk ends, as in the calibration.
    static let syn20 = LatencyScenario.approximate(tickers: 20, rowsPerSeriesPerDay: ["1m": 1380, "5m": 276, "1h": 23], days: 60,
                                                   nowIntoNewestChunk: 1439.0 / 1440)

    @Test func planInputsAloneReproduceSyn20Measurements() throws {
        guard let url = try SharedData.require("calibration/latency_syn20_60d.json") else { return }
        let measured = try LatencyCalibration.load(url).measurements
        let model = LatencyModel()
        var report = "approximate(syn20 inputs) vs latency_syn20_60d.json\n"
        for m in measured where m.query.readsMarketData {
            let p = try #require(model.predict(m.query, m.config, Self.syn20))
            let buffers = Double(p.sharedHitBlocks + p.sharedReadBlocks) / Double(max(1, m.sharedHitBlocks + m.sharedReadBlocks))
            report += "\(m.query.rawValue) \(m.config.rawValue) \(p.plan == m.plan ? "=" : "≠ \(p.plan) vs") \(m.plan) buffers \(String(format: "%.2f", buffers)) exec \(String(format: "%.2f", p.executionMs / m.executionMs)) plan \(String(format: "%.2f", p.planningMs / m.planningMs))\n"
            #expect(p.plan == m.plan, "\(m.query) \(m.config): \(p.plan) vs \(m.plan)")
            #expect(abs(buffers - 1) <= 0.25, "\(m.query) \(m.config) buffers \(p.sharedHitBlocks) vs \(m.sharedHitBlocks)")
            #expect(p.executionMs / m.executionMs <= 2 && p.executionMs / m.executionMs >= 0.5, "\(m.query) \(m.config) exec \(p.executionMs) vs \(m.executionMs)")
            #expect(p.planningMs / m.planningMs <= 2 && p.planningMs / m.planningMs >= 0.5, "\(m.query) \(m.config) planning \(p.planningMs) vs \(m.planningMs)")
        }
        print(report)
    }

    @Test func planningGrowsWithChunksAndFasterForCompressedChunksThanNot() {
        let model = LatencyModel()
        var previous: (c3: Double, c4: Double)?
        for days in [30.0, 90, 180, 365] {
            let s = LatencyScenario.approximate(tickers: 3, rowsPerSeriesPerDay: ["1m": 1380, "5m": 276, "1h": 23], days: days)
            let c3 = model.predict(.q1, .c3, s)!.planningMs
            let c4 = model.predict(.q1, .c4, s)!.planningMs
            // Q1 has no time bound: every chunk is planned; compressed chunks cost more to plan.
            #expect(c4 > c3)
            if let previous { #expect(c3 > previous.c3 && c4 > previous.c4) }
            previous = (c3, c4)
            // Q2 is bounded to 24 h: its planning barely moves with the chunk count.
            #expect(model.predict(.q2, .c4, s)!.planningMs < 0.5)
        }
        // The growth per chunk is not constant: it depends on how many chunks are compressed.
        let a = LatencyScenario.approximate(tickers: 3, rowsPerSeriesPerDay: ["1m": 1380], days: 60, compressAfterDays: 7)
        let b = LatencyScenario.approximate(tickers: 3, rowsPerSeriesPerDay: ["1m": 1380], days: 120, compressAfterDays: 7)
        let perChunkC4 = (model.predict(.q1, .c4, b)!.planningMs - model.predict(.q1, .c4, a)!.planningMs) / 60
        let perChunkC3 = (model.predict(.q1, .c3, b)!.planningMs - model.predict(.q1, .c3, a)!.planningMs) / 60
        #expect(perChunkC4 > perChunkC3 * 1.5)
    }

    @Test func latestPriceTargetFailsOnAYearOfDailyChunksAndATimeBoundFixesIt() throws {
        let s = LatencyScenario.approximate(tickers: 3, rowsPerSeriesPerDay: ["1m": 1380, "5m": 276, "1h": 23], days: 365)
        let model = LatencyModel()
        let predictions = model.predictAll(s)
        #expect(predictions.count == 20)
        let verdicts = LatencyTargets.evaluate(predictions: predictions, scenario: s, model: model, configs: [.c4])
        for p in predictions { print(p.query.rawValue, p.config.rawValue, p.plan, p.sharedHitBlocks, String(format: "%.3f %.3f %.3f", p.planningMs, p.executionMs, p.firstRunMs)) }
        for v in verdicts { print(v.query.rawValue, v.targetMs, String(format: "%.2f", v.predictedMs), v.config.rawValue, v.verdict.rawValue, v.change?.description ?? "", v.change.map { String(format: "%.2f", $0.predictedMs) } ?? "") }
        let q1 = try #require(verdicts.first { $0.query == .q1 })
        #expect(q1.verdict == .notMet)
        #expect(q1.predictedMs > 5)
        let change = try #require(q1.change)
        #expect(change.kind == .timeBound)
        #expect(change.predictedMs <= 5)
        // Re-running the model with the change gives the same number: the verdict is computed.
        let rerun = model.predict(.q1, .c4, s.withLatestPriceTimeBound(days: 1))!
        #expect(abs(rerun.hotTotalMs - change.predictedMs) < 1e-9)
        // Across all configurations the plain table already meets it.
        let all = LatencyTargets.evaluate(predictions: predictions, scenario: s, model: model)
        #expect(all.first { $0.query == .q1 }?.verdict == .met)
        #expect(all.count == 5)
    }

    @Test func longerChunksAreProposedWhenNoTimeBoundIsPossible() throws {
        // A tight target on Q3 (30 days over 1-day compressed chunks): fewer, longer chunks help.
        let s = LatencyScenario.approximate(tickers: 3, rowsPerSeriesPerDay: ["1m": 1380, "1h": 23], days: 365)
        let model = LatencyModel()
        let base = model.predict(.q3, .c4, s)!.hotTotalMs
        let target = LatencyTarget(query: .q3, label: "tight", targetMs: base * 0.6)
        let v = try #require(LatencyTargets.evaluate(predictions: model.predictAll(s), scenario: s, model: model, targets: [target], configs: [.c4]).first)
        #expect(v.verdict == .notMet)
        let change = try #require(v.change)
        #expect(change.kind == .chunkInterval || change.kind == .retention)
        #expect(change.predictedMs <= target.targetMs)
    }

    @Test func explainTextLooksLikeExplain() throws {
        let plan = try #require(LatencyModel().explain(.q1, .c4, Self.syn20))
        let text = plan.explainText()
        #expect(text.hasPrefix("Limit  (cost="))
        #expect(text.contains("->  Custom Scan (ChunkAppend) on market_data"))
        #expect(text.contains("(never executed)"))
        #expect(text.contains("Buffers: shared hit=3"))
        #expect(text.contains("Planning Time:"))
        #expect(plan.chunksTotal == 60 && plan.chunksPlanned == 60)
        let q2 = try #require(LatencyModel().explain(.q2, .c4, Self.syn20))
        #expect(q2.chunksPlanned == 2)
    }

    @Test func predictionJSONUsesTheCLIFieldNames() throws {
        let p = try #require(LatencyModel().predict(.q2, .c1, Self.syn20))
        let json = String(decoding: try JSONEncoder().encode(p), as: UTF8.self)
        for key in ["\"query\":\"Q2\"", "\"config\":\"C1\"", "\"plan\"", "\"shared_hit_blocks\"", "\"shared_read_blocks\"", "\"rows\"",
                    "\"planning_ms\"", "\"execution_ms\"", "\"first_run_ms\""] {
            #expect(json.contains(key), "\(key) in \(json)")
        }
    }

    @Test func tableBiggerThanSharedBuffersReadsOnSequentialScansAndFirstRuns() {
        // Q4 on a predictions table over a quarter of shared_buffers goes through the ring buffer.
        var s = LatencyScenario.approximate(tickers: 1, rowsPerSeriesPerDay: ["1m": 1380], days: 400, sharedBuffersBytes: 1 << 20)
        let p = LatencyModel().predict(.q4, .c1, s)!
        #expect(p.plan == "Aggregate>Seq Scan")
        #expect(p.sharedReadBlocks > 0)
        s.sharedBuffersBytes = 1 << 30
        let q = LatencyModel().predict(.q4, .c1, s)!
        #expect(q.sharedReadBlocks == 0)
        #expect(p.firstRunMs > q.firstRunMs)
    }
}

/// `LatencyScenario.fromPlan`, the adapter `chunkwise plan` uses, fed with syn20_60d's relation
/// sizes in the form the size models give them (a relation list, one typical chunk before and
/// after compression), reproduces that file's plans and stays within the bars.
@Suite struct LatencyFromPlanTests {
    @Test func fromPlanWithSyn20SizesMatchesTheCalibration() throws {
        guard let url = try SharedData.require("calibration/latency_syn20_60d.json") else { return }
        let cal = try LatencyCalibration.load(url)
        let relations: [RelationSize] = [
            RelationSize(name: "market_data", kind: .heap, mainBytes: 279_912_448),
            RelationSize(name: "market_data_pkey", kind: .btree, mainBytes: 80_371_712),
            RelationSize(name: "market_data_ticker_id_timestamp_interval_key", kind: .btree, mainBytes: 176_570_368),
            RelationSize(name: "idx_market_data_ticker_timestamp", kind: .btree, mainBytes: 131_899_392),
            RelationSize(name: "idx_market_data_ticker_interval_timestamp", kind: .btree, mainBytes: 178_970_624),
            RelationSize(name: "idx_market_data_timestamp", kind: .btree, mainBytes: 27_705_344),
        ]
        let s = LatencyScenario.fromPlan(tickers: 20, barsPerSeriesPerDay: ["1m": 1380, "5m": 276, "1h": 23], days: 60,
                                         plain001: relations, plain009: nil, chunkIntervalDays: 1, chunks: 60, compressedChunks: 52,
                                         typicalChunkRows: 33_580, typicalChunkHeapBytes: 4_669_440, typicalChunkIndexBytes: 8_380_608,
                                         compressedBatches: 80, compressedHeapBytes: 57_344, compressedToastBytes: 1_118_208,
                                         compressedIndexBytes: 16_384, sharedBuffersBytes: 128 << 20, nowIntoNewestChunk: 1439.0 / 1440)
        #expect(s.hypertable?.chunks.count == 60)
        #expect(s.compressedHypertable?.compressedChunkCount == 52)
        let model = LatencyModel()
        for m in cal.measurements where m.query.readsMarketData && m.config != .c2 {
            let p = try #require(model.predict(m.query, m.config, s))
            #expect(p.plan == m.plan, "\(m.query) \(m.config): \(p.plan) vs \(m.plan)")
            let b = Double(p.sharedHitBlocks + p.sharedReadBlocks) / Double(max(1, m.sharedHitBlocks + m.sharedReadBlocks))
            #expect(abs(b - 1) <= 0.25, "\(m.query) \(m.config) buffers \(p.sharedHitBlocks) vs \(m.sharedHitBlocks)")
            #expect(p.executionMs / m.executionMs <= 2 && p.executionMs / m.executionMs >= 0.5, "\(m.query) \(m.config) exec \(p.executionMs) vs \(m.executionMs)")
            #expect(p.planningMs / m.planningMs <= 2 && p.planningMs / m.planningMs >= 0.5, "\(m.query) \(m.config) planning \(p.planningMs) vs \(m.planningMs)")
        }
    }

    @Test func extremeInputsNeitherTrapNorHang() {
        let s = LatencyScenario.approximate(tickers: 0, rowsPerSeriesPerDay: ["1m": .infinity, "1h": -5], days: .nan,
                                            chunkIntervalDays: 0, compressAfterDays: 0, sharedBuffersBytes: 0)
        let all = LatencyModel().predictAll(s)
        #expect(all.count == 20)
        _ = LatencyTargets.evaluate(predictions: all, scenario: s)
        let empty = LatencyScenario.fromPlan(tickers: 1, barsPerSeriesPerDay: [:], days: 0, plain001: [], plain009: nil,
                                             chunkIntervalDays: 1, chunks: 0, compressedChunks: 5, typicalChunkRows: 0,
                                             typicalChunkHeapBytes: 0, typicalChunkIndexBytes: 0, compressedBatches: 0,
                                             compressedHeapBytes: 0, compressedToastBytes: 0, compressedIndexBytes: 0, sharedBuffersBytes: 8192)
        #expect(LatencyModel().predictAll(empty).count == 20)
    }
}
