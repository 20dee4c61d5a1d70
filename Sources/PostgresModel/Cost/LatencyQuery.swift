/// The five NQP queries of the latency calibration (../shared/calibration/README.md).
public enum LatencyQuery: String, Codable, Sendable, Hashable, CaseIterable {
    /// Latest price: one series' newest row (`ORDER BY timestamp DESC LIMIT 1`, no time bound).
    case q1 = "Q1"
    /// 24 hours of 1m bars of one ticker, ascending.
    case q2 = "Q2"
    /// 30 days of 1h bars (1m when there are none), ascending.
    case q3 = "Q3"
    /// Prediction accuracy over 30 days (`predictions`, one aggregate row).
    case q4 = "Q4"
    /// Block prediction accuracy over 7 days (`block_predictions`, one aggregate row).
    case q5 = "Q5"

    /// Whether the query reads `market_data` (Q4 and Q5 read the prediction tables, which every
    /// configuration leaves alone).
    public var readsMarketData: Bool { self == .q1 || self == .q2 || self == .q3 }
}

/// The four storage configurations of `market_data` (calibration README).
public enum StorageConfiguration: String, Codable, Sendable, Hashable, CaseIterable {
    /// Plain table, original (001) indexes.
    case c1 = "C1"
    /// Plain table, migration-009 indexes.
    case c2 = "C2"
    /// Hypertable, uncompressed.
    case c3 = "C3"
    /// Hypertable with the compression policy applied.
    case c4 = "C4"

    public var isHypertable: Bool { self == .c3 || self == .c4 }
}

/// One predicted calibration-style entry: the CLI's `latency` element (docs/CLI.md).
public struct LatencyPrediction: Codable, Sendable, Hashable {
    public var query: LatencyQuery
    public var config: StorageConfiguration
    /// The executed plan in a few words (`Limit>Custom Scan (ChunkAppend)>Index Scan`).
    public var plan: String
    public var sharedHitBlocks: Int
    public var sharedReadBlocks: Int
    /// Rows the query returns.
    public var rows: Int
    /// Planning time, hot (catalog caches warm), ms.
    public var planningMs: Double
    /// Execution time, hot (EXPLAIN ANALYZE's Execution Time), ms.
    public var executionMs: Double
    /// First call on a fresh connection: planning plus execution, ms.
    public var firstRunMs: Double
    /// The two parts of ``firstRunMs``.
    public var firstRunPlanningMs: Double
    public var firstRunExecutionMs: Double

    enum CodingKeys: String, CodingKey {
        case query, config, plan, rows
        case sharedHitBlocks = "shared_hit_blocks", sharedReadBlocks = "shared_read_blocks"
        case planningMs = "planning_ms", executionMs = "execution_ms", firstRunMs = "first_run_ms"
        case firstRunPlanningMs = "first_run_planning_ms", firstRunExecutionMs = "first_run_execution_ms"
    }

    /// What a caller waits for on a warm connection: planning plus execution.
    public var hotTotalMs: Double { planningMs + executionMs }

    public init(query: LatencyQuery, config: StorageConfiguration, plan: String, sharedHitBlocks: Int, sharedReadBlocks: Int,
                rows: Int, planningMs: Double, executionMs: Double, firstRunPlanningMs: Double, firstRunExecutionMs: Double) {
        self.query = query
        self.config = config
        self.plan = plan
        self.sharedHitBlocks = sharedHitBlocks
        self.sharedReadBlocks = sharedReadBlocks
        self.rows = rows
        self.planningMs = planningMs
        self.executionMs = executionMs
        self.firstRunPlanningMs = firstRunPlanningMs
        self.firstRunExecutionMs = firstRunExecutionMs
        self.firstRunMs = firstRunPlanningMs + firstRunExecutionMs
    }
}

/// A predicted plan with its times: what `chunkwise plan --explain Q1 --config C4` prints.
public struct PredictedQueryPlan: Codable, Sendable, Hashable {
    public var query: LatencyQuery
    public var config: StorageConfiguration
    public var root: PredictedPlanNode
    public var planningMs: Double
    public var executionMs: Double
    public var firstRunPlanningMs: Double
    public var firstRunExecutionMs: Double
    /// Relations opened at plan time (chunks not excluded, with their indexes).
    public var chunksPlanned: Int
    public var chunksTotal: Int

    /// The plan as EXPLAIN (ANALYZE, BUFFERS) prints it, followed by planning and execution time.
    public func explainText(collapseAfter: Int = 6) -> String {
        var lines = root.explainText(collapseAfter: collapseAfter)
        if chunksTotal > 0 {
            lines.append("Chunks: \(chunksPlanned) of \(chunksTotal) planned (the rest excluded at plan time)")
        }
        lines.append(String(format: "Planning Time: %.3f ms (first call on a new connection: %.3f ms)", planningMs, firstRunPlanningMs))
        lines.append(String(format: "Execution Time: %.3f ms (first call: %.3f ms)", executionMs, firstRunExecutionMs))
        return lines.joined(separator: "\n")
    }

    /// The summary entry.
    public var prediction: LatencyPrediction {
        LatencyPrediction(query: query, config: config, plan: root.shape(executedOnly: true), sharedHitBlocks: root.sharedHitBlocks,
                          sharedReadBlocks: root.sharedReadBlocks, rows: Int(saturating: root.rows.rounded()), planningMs: planningMs,
                          executionMs: executionMs, firstRunPlanningMs: firstRunPlanningMs, firstRunExecutionMs: firstRunExecutionMs)
    }
}
