import Foundation

/// Predicts, per query and storage configuration, the plan PostgreSQL 15 / TimescaleDB 2.28 choose,
/// the buffers it touches, and planning, execution and first-run times, from a ``LatencyScenario``.
///
/// The plan is chosen the way the servers choose it: every access path is costed with
/// PostgreSQL's own formulas and default settings (``PlannerSettings``), chunks are excluded at plan
/// time when the query bounds time, ordered (Chunk)Append is weighed against Sort over Append.
/// Buffers follow from the B-tree levels, rows per leaf and heap page, the chunks and batches;
/// times are work units times ``LatencyParameters`` (fitted on the calibration files).
///
/// ```swift
/// let model = LatencyModel()
/// let rows = model.predictAll(scenario)              // the CLI's `latency` section
/// print(model.explain(.q1, .c4, scenario)!.explainText())
/// ```
public struct LatencyModel: Sendable {
    public var parameters: LatencyParameters
    public var settings: PlannerSettings

    public init(parameters: LatencyParameters = .calibrated, settings: PlannerSettings = PlannerSettings()) {
        self.parameters = parameters
        self.settings = settings
    }

    /// Every (query, configuration) the scenario has: C3 and C4 only with a hypertable.
    public func predictAll(_ scenario: LatencyScenario) -> [LatencyPrediction] {
        var out: [LatencyPrediction] = []
        for config in StorageConfiguration.allCases {
            for query in LatencyQuery.allCases {
                if let p = predict(query, config, scenario) { out.append(p) }
            }
        }
        return out
    }

    /// One entry; nil for C3/C4 when the scenario has no hypertable.
    public func predict(_ query: LatencyQuery, _ config: StorageConfiguration, _ scenario: LatencyScenario) -> LatencyPrediction? {
        explain(query, config, scenario)?.prediction
    }

    /// The predicted plan tree with its times.
    public func explain(_ query: LatencyQuery, _ config: StorageConfiguration, _ scenario: LatencyScenario) -> PredictedQueryPlan? {
        var ctx = Context(model: self, scenario: scenario)
        switch query {
        case .q4, .q5:
            return ctx.predictionQuery(query, config)
        case .q1, .q2, .q3:
            if config.isHypertable {
                guard let ht = config == .c4 ? (scenario.compressedHypertable ?? scenario.hypertable) : scenario.hypertable else { return nil }
                return ctx.hypertableQuery(query, config, ht)
            }
            return ctx.plainQuery(query, config, config == .c1 ? scenario.plain001 : scenario.plain009)
        }
    }
}

/// The query's conditions against market_data.
struct MarketDataQuerySpec {
    var interval: String
    /// Window in days before now; nil = no time bound.
    var windowDays: Double?
    /// Rows of the series in the window (for Q1: 1).
    var seriesWindowRows: Double
    var descending: Bool
    var limit: Double?
    /// Columns the query reads from compressed batches.
    var compressedColumnsRead: Int
}

extension LatencyModel {
    struct Context {
        let model: LatencyModel
        let scenario: LatencyScenario
        var p: LatencyParameters { model.parameters }
        var s: PlannerSettings { model.settings }
        var sharedBufferPages: Double { Double(max(1, scenario.sharedBuffersBytes / 8192)) }

        func spec(_ q: LatencyQuery) -> MarketDataQuerySpec {
            let w = scenario.windows
            switch q {
            case .q1: return MarketDataQuerySpec(interval: w.q1Interval, windowDays: w.q1TimeBoundDays, seriesWindowRows: 1,
                                                 descending: true, limit: 1, compressedColumnsRead: 7)
            case .q2: return MarketDataQuerySpec(interval: w.q2Interval, windowDays: w.q2Days, seriesWindowRows: Double(w.q2SeriesRows),
                                                 descending: false, limit: nil, compressedColumnsRead: 6)
            default: return MarketDataQuerySpec(interval: w.q3Interval, windowDays: w.q3Days, seriesWindowRows: Double(w.q3SeriesRows),
                                                descending: false, limit: nil, compressedColumnsRead: 6)
            }
        }

        var md: MarketDataShape { scenario.marketData }
        func tickerEquality() -> ScanRequest.Equality {
            .init(column: "ticker_id", selectivity: 1 / Double(md.tickers), correlation: md.tickers == 1 ? 1 : 0, text: "(ticker_id = $1)")
        }
        func intervalEquality(_ i: String) -> ScanRequest.Equality {
            .init(column: "interval", selectivity: max(md.intervalShare(i), 1e-9), correlation: md.intervalCount == 1 ? 1 : 0,
                  text: "((interval)::text = '\(i)'::text)")
        }
        /// All rows of the series over the whole table.
        func seriesTotalRows(_ i: String) -> Double { Double(md.rowsPerInterval[i] ?? 0) / Double(md.tickers) }

        func rangeText(_ days: Double) -> String {
            "((\"timestamp\" >= (now() - '\(LatencyModel.daysText(days))'::interval)) AND (\"timestamp\" <= now()))"
        }

        // MARK: plain table

        mutating func plainQuery(_ q: LatencyQuery, _ config: StorageConfiguration, _ table: TableShape) -> PredictedQueryPlan {
            let sp = spec(q)
            var r = ScanRequest(table: table, equalities: [tickerEquality(), intervalEquality(sp.interval)], timeColumn: "timestamp")
            if let days = sp.windowDays {
                r.rangeColumn = "timestamp"
                // The plain table keeps every row, retention or not: its series (and its span) are
                // longer than the hypertable's by its rows over the rows kept.
                let kept = Double(md.totalRows)
                let longer = kept > 0 && table.rows > kept ? table.rows / kept : 1
                let series = max(seriesTotalRows(sp.interval) * longer, 1)
                r.rangeSelectivity = q == .q1 ? min(1, days / (md.spanDays * longer)) : min(1, max(sp.seriesWindowRows, 1) / series)
                r.rangeText = rangeText(days)
            }
            r.orderColumn = "timestamp"
            r.descending = sp.descending
            r.limit = sp.limit
            let root = orderedOrSorted(r, relationName: table.name)
            let planning = p.planBase + p.planPerIndex * Double(table.indexes.count) + (sp.windowDays != nil ? p.planRangeQuals : 0)
            let firstPlanning = p.coldPlanBase + p.coldPlanPerIndex * Double(table.indexes.count)
            return finish(q, config, root: root, planning: planning, firstPlanning: firstPlanning, chunkInits: 0, columnarInits: 0,
                          configPages: Double(table.totalPages), chunksPlanned: 0, chunksTotal: 0)
        }

        /// The cheapest way to return the request's rows in order: an ordered path, or the cheapest
        /// path under a Sort; a Limit on top when the query has one.
        func orderedOrSorted(_ r: ScanRequest, relationName: String) -> PredictedPlanNode {
            let paths = ScanCosting.paths(for: r, settings: s)
            let ordered = ScanCosting.cheapest(paths, limit: r.limit, orderedOnly: true)
            let any = ScanCosting.cheapest(paths, limit: nil, orderedOnly: false)!
            let sort = ScanCosting.sortCost(rows: any.planRows, settings: s)
            let sortedCost = any.totalCost + sort.startup + sort.run
            var node: PredictedPlanNode
            if let ordered, ordered.cost(limit: r.limit) <= sortedCost {
                node = scanNode(ordered, relation: relationName)
            } else {
                node = sortNode(scanNode(any, relation: relationName), startup: any.totalCost + sort.startup, total: sortedCost)
            }
            if let lim = r.limit { node = limitNode(node, limit: lim) }
            return node
        }

        // MARK: nodes

        func scanNode(_ path: ScanPath, relation: String) -> PredictedPlanNode {
            let hit = p.bufferHit
            switch path.kind {
            case .seqScan:
                var n = PredictedPlanNode(nodeType: "Seq Scan", relation: relation, filter: path.filter, startupCost: 0, totalCost: path.totalCost,
                                          planRows: path.planRows, rows: path.returnedRows, rowsRemovedByFilter: max(0, path.heapTuples - path.returnedRows))
                let pages = Int(saturating: path.heapAccesses.rounded(.up))
                // Scans of tables over a quarter of shared_buffers go through a 256 kB ring: every run reads.
                if path.heapAccesses > sharedBufferPages / 4 { n.sharedReadBlocks = pages } else { n.sharedHitBlocks = pages }
                n.totalTimeMs = Double(n.sharedHitBlocks) * hit + Double(n.sharedReadBlocks) * p.bufferRead
                    + path.heapTuples * p.seqTuple + path.returnedRows * p.rowPerNode
                return n
            case .indexScan:
                var n = PredictedPlanNode(nodeType: "Index Scan", relation: relation, index: path.index?.name,
                                          direction: path.backward ? "Backward" : nil, indexCondition: path.indexCondition, filter: path.filter,
                                          startupCost: path.startupCost, totalCost: path.totalCost, planRows: path.planRows, rows: path.returnedRows,
                                          rowsRemovedByFilter: max(0, path.heapTuples - path.returnedRows))
                n.sharedHitBlocks = Int(saturating: (path.indexAccesses + path.heapAccesses).rounded())
                n.totalTimeMs = Double(n.sharedHitBlocks) * hit + path.heapTuples * p.tupleExamined + path.returnedRows * p.rowPerNode
                return n
            case .bitmapScan:
                var inner = PredictedPlanNode(nodeType: "Bitmap Index Scan", index: path.index?.name, indexCondition: path.indexCondition,
                                              startupCost: path.startupCost, totalCost: path.startupCost, planRows: path.planRows,
                                              rows: path.indexTuples)
                inner.sharedHitBlocks = Int(saturating: path.indexAccesses.rounded())
                inner.totalTimeMs = Double(inner.sharedHitBlocks) * hit + path.indexTuples * p.tupleExamined * 0.15
                var n = PredictedPlanNode(nodeType: "Bitmap Heap Scan", relation: relation, filter: path.filter, startupCost: path.startupCost,
                                          totalCost: path.totalCost, planRows: path.planRows, rows: path.returnedRows,
                                          rowsRemovedByFilter: max(0, path.heapTuples - path.returnedRows), children: [inner])
                n.sharedHitBlocks = inner.sharedHitBlocks + Int(saturating: path.heapAccesses.rounded())
                n.totalTimeMs = inner.totalTimeMs + path.heapAccesses * (hit + p.bitmapPage) + path.heapTuples * p.tupleExamined
                    + path.returnedRows * p.rowPerNode
                return n
            }
        }

        func sortNode(_ child: PredictedPlanNode, startup: Double, total: Double) -> PredictedPlanNode {
            let n = max(child.rows, 1)
            var node = PredictedPlanNode(nodeType: "Sort", startupCost: startup, totalCost: total, planRows: child.planRows, rows: child.rows,
                                         loops: child.loops, children: [child])
            node.sharedHitBlocks = child.sharedHitBlocks
            node.sharedReadBlocks = child.sharedReadBlocks
            node.totalTimeMs = child.totalTimeMs + n * log2(max(n, 2)) * p.sortCompare + child.rows * p.rowPerNode
            return node
        }

        func limitNode(_ child: PredictedPlanNode, limit: Double) -> PredictedPlanNode {
            var node = PredictedPlanNode(nodeType: "Limit", startupCost: child.startupCost,
                                         totalCost: child.startupCost + (child.totalCost - child.startupCost) * min(1, limit / max(child.planRows, 1)),
                                         planRows: min(limit, child.planRows), rows: min(limit, child.rows), children: [child])
            node.sharedHitBlocks = child.sharedHitBlocks
            node.sharedReadBlocks = child.sharedReadBlocks
            node.totalTimeMs = child.totalTimeMs + node.rows * p.rowPerNode
            return node
        }

        func aggregateNode(_ child: PredictedPlanNode) -> PredictedPlanNode {
            var node = PredictedPlanNode(nodeType: "Aggregate", startupCost: child.totalCost + child.planRows * s.cpuOperatorCost * 7,
                                         totalCost: child.totalCost + child.planRows * s.cpuOperatorCost * 7 + s.cpuTupleCost,
                                         planRows: 1, rows: 1, children: [child])
            node.sharedHitBlocks = child.sharedHitBlocks
            node.sharedReadBlocks = child.sharedReadBlocks
            node.totalTimeMs = child.totalTimeMs + child.rows * p.aggregateRow
            return node
        }

        func countNodes(_ n: PredictedPlanNode, _ type: String) -> Int {
            (n.nodeType == type && n.loops > 0 ? 1 : 0) + n.children.reduce(0) { $0 + countNodes($1, type) }
        }

        /// Times and first-run numbers for a finished tree.
        func finish(_ q: LatencyQuery, _ config: StorageConfiguration, root: PredictedPlanNode, planning: Double, firstPlanning: Double,
                    chunkInits: Int, columnarInits: Int, configPages: Double, chunksPlanned: Int, chunksTotal: Int) -> PredictedQueryPlan {
            let sorts = Double(countNodes(root, "Sort"))
            let inits = Double(chunkInits) * p.chunkScanInit + Double(columnarInits) * p.columnarScanInit
            let execution = p.executorBase + root.totalTimeMs + sorts * p.sortStartup + inits
            // First call: caches cold; pages that do not fit in shared_buffers come from the OS cache.
            let missShare = max(0, 1 - sharedBufferPages / max(configPages, 1))
            let coldReads = Double(root.sharedHitBlocks) * missShare
            let firstExecution = p.coldExecutionFactor * execution + p.coldExecutionBase
                + Double(chunkInits + columnarInits) * p.coldChunkScanInit + coldReads * p.bufferRead
            let f = p.machineFactor
            return PredictedQueryPlan(query: q, config: config, root: root, planningMs: planning * f, executionMs: execution * f,
                                      firstRunPlanningMs: firstPlanning * f, firstRunExecutionMs: firstExecution * f,
                                      chunksPlanned: chunksPlanned, chunksTotal: chunksTotal)
        }

        // MARK: prediction tables

        mutating func predictionQuery(_ q: LatencyQuery, _ config: StorageConfiguration) -> PredictedQueryPlan {
            let shape = q == .q4 ? scenario.predictions : scenario.blockPredictions
            let days = q == .q4 ? scenario.windows.q4Days : scenario.windows.q5Days
            var r = ScanRequest(table: shape.table, equalities: [
                .init(column: "ticker_id", selectivity: 1 / Double(shape.tickers), correlation: shape.tickers == 1 ? 1 : 0, text: "(ticker_id = $1)"),
            ], timeColumn: "created_at")
            r.rangeColumn = "created_at"
            r.rangeSelectivity = min(1, days / shape.spanDays)
            r.rangeText = "(created_at >= (now() - '\(LatencyModel.daysText(days))'::interval))"
            r.timeGroup = shape.rowsPerTimeGroup
            let paths = ScanCosting.paths(for: r, settings: s)
            let best = ScanCosting.cheapest(paths, limit: nil, orderedOnly: false)!
            let root = aggregateNode(scanNode(best, relation: shape.table.name))
            let planning = p.planBase + p.planPerIndex * Double(shape.table.indexes.count) + p.planRangeQuals
            let firstPlanning = p.coldPlanBase + p.coldPlanPerIndex * Double(shape.table.indexes.count)
            return finish(q, config, root: root, planning: planning, firstPlanning: firstPlanning, chunkInits: 0, columnarInits: 0,
                          configPages: Double(shape.table.totalPages), chunksPlanned: 0, chunksTotal: 0)
        }
    }

    /// `'30 days'`, `'1 day'`, `'12:00:00'`-style interval text for the rendered conditions.
    static func daysText(_ days: Double) -> String {
        if days == days.rounded() { return days == 1 ? "1 day" : "\(Int(saturating: days)) days" }
        return String(format: "%.0f hours", days * 24)
    }
}
