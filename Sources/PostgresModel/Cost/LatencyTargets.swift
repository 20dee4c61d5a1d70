import Foundation

/// A roadmap latency target (REFERENCE.md).
public struct LatencyTarget: Codable, Sendable, Hashable {
    public var query: LatencyQuery
    /// What the roadmap calls it.
    public var label: String
    /// The bar: predicted planning + execution must not exceed it.
    public var targetMs: Double
    /// A stricter goal where the roadmap gives a range (accuracy: 50–100 ms → bar 100, goal 50).
    public var goalMs: Double?

    public init(query: LatencyQuery, label: String, targetMs: Double, goalMs: Double? = nil) {
        self.query = query
        self.label = label
        self.targetMs = targetMs
        self.goalMs = goalMs
    }

    /// The five roadmap targets.
    public static let roadmap: [LatencyTarget] = [
        LatencyTarget(query: .q1, label: "latest price", targetMs: 5),
        LatencyTarget(query: .q2, label: "24 h of 1m bars", targetMs: 30),
        LatencyTarget(query: .q3, label: "30 days of 1h bars", targetMs: 15),
        LatencyTarget(query: .q4, label: "prediction accuracy", targetMs: 100, goalMs: 50),
        LatencyTarget(query: .q5, label: "block predictions (7 d)", targetMs: 15),
    ]
}

/// A change to the scenario that the model predicts would meet a target.
public struct LatencyChange: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        case timeBound = "time_bound", index, chunkInterval = "chunk_interval", retention
    }
    public var kind: Kind
    /// In words: `add AND timestamp > now() - interval '1 day' to the latest-price query`.
    public var description: String
    public var config: StorageConfiguration
    /// The re-run model's planning + execution with the change.
    public var predictedMs: Double

    enum CodingKeys: String, CodingKey { case kind, description, config, predictedMs = "predicted_ms" }
}

/// The verdict on one target: the CLI's `targets` element, plus the change that meets it.
public struct LatencyTargetVerdict: Codable, Sendable, Hashable {
    public enum Verdict: String, Codable, Sendable, Hashable { case met, notMet = "not met" }
    public var query: LatencyQuery
    public var label: String
    public var targetMs: Double
    public var goalMs: Double?
    /// Planning + execution (hot) in the best configuration.
    public var predictedMs: Double
    /// The configuration with the lowest prediction.
    public var config: StorageConfiguration
    public var verdict: Verdict
    /// Whether the stricter goal holds too (nil without a goal).
    public var meetsGoal: Bool?
    /// When not met: the smallest change the model predicts meets the target (nil when none of
    /// the tried changes does).
    public var change: LatencyChange?

    enum CodingKeys: String, CodingKey {
        case query, label, config, verdict, change
        case targetMs = "target_ms", goalMs = "goal_ms", predictedMs = "predicted_ms", meetsGoal = "meets_goal"
    }
}

/// Verdicts on the roadmap targets.
public enum LatencyTargets {
    /// For each target: the best of `configs` in `predictions`, met or not, and where not met the
    /// smallest change that meets it, found by re-running `model` on the changed scenario. Changes
    /// are tried from least to most invasive: a time bound on the latest-price query, an index the
    /// planner uses, a longer chunk interval (2×, 3×, 7×, 14×, 30×), a shorter retention.
    public static func evaluate(predictions: [LatencyPrediction], scenario: LatencyScenario, model: LatencyModel = LatencyModel(),
                                targets: [LatencyTarget] = LatencyTarget.roadmap,
                                configs: [StorageConfiguration] = StorageConfiguration.allCases) -> [LatencyTargetVerdict] {
        targets.compactMap { target in
            let candidates = predictions.filter { $0.query == target.query && configs.contains($0.config) }
            guard let best = candidates.min(by: { $0.hotTotalMs < $1.hotTotalMs }) else { return nil }
            let met = best.hotTotalMs <= target.targetMs
            var v = LatencyTargetVerdict(query: target.query, label: target.label, targetMs: target.targetMs, goalMs: target.goalMs,
                                         predictedMs: best.hotTotalMs, config: best.config, verdict: met ? .met : .notMet,
                                         meetsGoal: target.goalMs.map { best.hotTotalMs <= $0 }, change: nil)
            if !met { v.change = smallestChange(target, scenario: scenario, model: model, configs: configs) }
            return v
        }
    }

    static func smallestChange(_ target: LatencyTarget, scenario: LatencyScenario, model: LatencyModel,
                               configs: [StorageConfiguration]) -> LatencyChange? {
        var tries: [(LatencyChange.Kind, String, LatencyScenario, String?)] = []
        let chunkDays = scenario.hypertable?.chunkIntervalDays ?? 1
        if target.query == .q1 {
            let bound = max(1, chunkDays)
            tries.append((.timeBound, "add AND timestamp > now() - interval '\(LatencyModel.daysText(bound))' to the latest-price query "
                          + "(chunks outside it are excluded at plan time)", scenario.withLatestPriceTimeBound(days: bound), nil))
        }
        if target.query == .q4 {
            tries.append((.index, "CREATE INDEX ON predictions (ticker_id, created_at DESC)",
                          scenario.withPredictionIndex(table: "predictions", name: "idx_predictions_ticker_created_at", columns: ["ticker_id", "created_at DESC"]),
                          "idx_predictions_ticker_created_at"))
        }
        if target.query == .q5 {
            tries.append((.index, "CREATE INDEX ON block_predictions (ticker_id, created_at DESC)",
                          scenario.withPredictionIndex(table: "block_predictions", name: "idx_block_predictions_ticker_created_at", columns: ["ticker_id", "created_at DESC"]),
                          "idx_block_predictions_ticker_created_at"))
        }
        if target.query.readsMarketData, scenario.hypertable != nil {
            for f in [2, 3, 7, 14, 30] {
                tries.append((.chunkInterval, "chunk_time_interval => interval '\(LatencyModel.daysText(chunkDays * Double(f)))' (\(f)× longer chunks)",
                              scenario.withChunkIntervalMultiplied(by: f), nil))
            }
            for days in [365.0, 180, 90, 30] where days < scenario.marketData.spanDays {
                tries.append((.retention, "keep \(LatencyModel.daysText(days)) of market_data (retention policy)", scenario.withRetention(days: days), nil))
            }
        }
        for (kind, text, changed, requiredIndex) in tries {
            var best: (StorageConfiguration, Double)?
            for c in configs {
                guard let plan = model.explain(target.query, c, changed) else { continue }
                if let requiredIndex, !plan.root.usesIndex(requiredIndex) { continue }
                let ms = plan.planningMs + plan.executionMs
                if best == nil || ms < best!.1 { best = (c, ms) }
            }
            if let best, best.1 <= target.targetMs {
                return LatencyChange(kind: kind, description: text, config: best.0, predictedMs: best.1)
            }
        }
        return nil
    }
}

extension PredictedPlanNode {
    /// Whether this node or a child scans the named index.
    public func usesIndex(_ name: String) -> Bool {
        index == name || children.contains { $0.usesIndex(name) }
    }
}
