import Foundation
import PostgresModel

/// Wires the latency model (`PostgresModel/Cost`) into `plan`: the plan's relation sizes, chunk
/// structure and typical chunk become a ``LatencyScenario``; the model predicts Q1–Q5 under C1–C4
/// and judges the roadmap's targets (docs/LATENCY_MODEL.md).
public enum PlanLatency {
    /// The latency scenario a plan describes at `--now`.
    public static func scenario(_ s: Scenario, _ facts: CapacityPlanner.PlanFacts) -> LatencyScenario {
        let t = facts.typicalChunk
        let q1 = s.intervals.contains("1h") ? "1h" : s.intervals[0]
        return LatencyScenario.fromPlan(
            tickers: s.tickers, barsPerSeriesPerDay: facts.barsPerTickerPerDay, days: facts.keptDays,
            plain001: facts.plain, plain009: facts.plain009, chunkIntervalDays: Double(s.chunkInterval) / 86_400e6,
            chunks: facts.chunksAtNow, compressedChunks: facts.compressedChunksAtNow,
            typicalChunkRows: t.rows, typicalChunkHeapBytes: t.before.table, typicalChunkIndexBytes: t.before.index,
            compressedBatches: t.batches, compressedHeapBytes: t.after.table, compressedToastBytes: t.after.toast,
            compressedIndexBytes: t.after.index, sharedBuffersBytes: Int(clamping: s.sharedBuffersBytes), q1Interval: q1,
            indexes: indexSet(s), plainRows: Double(facts.plainRows))
    }

    /// The predicted plan tree of one query under one configuration, as EXPLAIN would print it.
    public static func explain(_ s: Scenario, _ facts: CapacityPlanner.PlanFacts, query: String, config: String) -> String? {
        guard let q = LatencyQuery(rawValue: query.uppercased()), let c = StorageConfiguration(rawValue: config.uppercased()) else { return nil }
        return LatencyModel().explain(q, c, scenario(s, facts)).map { inTableNames($0.explainText(), s) }
    }

    public static let model: (@Sendable (Scenario, CapacityPlanner.PlanFacts) -> ([CapacityPlan.QueryLatencyFigure], [CapacityPlan.TargetFigure]))? = { s, facts in
        let ls = scenario(s, facts)
        let model = LatencyModel()
        let predictions = model.predictAll(ls)
        // Targets are judged on the configuration the plan migrates to (the plain table meets them
        // all and says nothing about the migration).
        let target: [StorageConfiguration] = s.compression != nil && facts.compressedChunksAtNow > 0 ? [.c4] : [.c3]
        let verdicts = LatencyTargets.evaluate(predictions: predictions, scenario: ls, model: model, configs: target)
        let figures = predictions.map { p in
            CapacityPlan.QueryLatencyFigure(query: p.query.rawValue, config: p.config.rawValue, plan: p.plan,
                                            sharedHitBlocks: p.sharedHitBlocks, sharedReadBlocks: p.sharedReadBlocks, rows: p.rows,
                                            planningMs: p.planningMs, executionMs: p.executionMs, firstRunMs: p.firstRunMs)
        }
        let targets = verdicts.map { v in
            CapacityPlan.TargetFigure(query: v.query.rawValue, targetMs: v.targetMs, predictedMs: v.predictedMs, config: v.config.rawValue,
                                      verdict: v.verdict.rawValue,
                                      change: v.change.map {
                                          "\(changeInTableNames($0.description, s)): \(String(format: "%.1f", $0.predictedMs)) ms on \($0.config.rawValue)"
                                      })
        }
        return (figures, targets)
    }
}
