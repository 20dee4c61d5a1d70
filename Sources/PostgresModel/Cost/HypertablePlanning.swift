import Foundation

/// Q1–Q3 on a hypertable: plan-time chunk exclusion, each remaining chunk's cheapest path
/// (uncompressed: the plain-table paths on the chunk; compressed: a ColumnarScan over the
/// compressed relation, read by its index or sorted after a sequential scan), and ordered
/// ChunkAppend against Sort over Append.
extension LatencyModel.Context {
    /// One planned chunk: its ordered and cheapest child plans with their costs.
    struct ChunkChoice {
        var ordered: PredictedPlanNode
        var orderedCost: (startup: Double, total: Double)
        var cheapest: PredictedPlanNode
        var cheapestCost: Double
        var compressed: Bool
        var indexes: Int
        var sortPath: Bool
        var rowsEstimate: Double
    }

    mutating func hypertableQuery(_ q: LatencyQuery, _ config: StorageConfiguration, _ ht: HypertableShape) -> PredictedQueryPlan {
        let sp = spec(q)
        let tickerSel = 1 / Double(md.tickers)
        let intervalSel = md.intervalShare(sp.interval)
        // Plan-time exclusion: chunks whose range meets [now - window, now].
        let from = sp.windowDays.map { -$0 } ?? -Double.infinity
        let kept = ht.chunks.filter { $0.rangeEndDays > from && $0.rangeStartDays <= 0 }
        // Rows of every series inside the window, per chunk (data ends at now).
        let dataStart = ht.chunks.map(\.rangeStartDays).min() ?? 0
        func windowShare(_ c: ChunkShape) -> Double {
            let lo = max(c.rangeStartDays, dataStart), hi = min(c.rangeEndDays, 0)
            guard hi > lo else { return 0 }
            return sp.windowDays == nil ? 1 : max(0, min(hi, 0) - max(lo, from)) / (hi - lo)
        }
        let windowRows = kept.map { $0.rows * windowShare($0) }
        let allWindowRows = max(windowRows.reduce(0, +), 1)

        var choices: [ChunkChoice] = []
        for (i, c) in kept.enumerated() {
            let share = windowShare(c)
            let seriesRows = sp.limit != nil && sp.windowDays == nil
                ? c.rows * tickerSel * intervalSel
                : sp.seriesWindowRows * windowRows[i] / allWindowRows
            let partial = sp.windowDays != nil && share < 0.999
            if let comp = c.compressed {
                choices.append(compressedChunk(c, comp, sp: sp, share: share, partial: partial, seriesRows: seriesRows))
            } else {
                var r = ScanRequest(table: c.table, equalities: [tickerEquality(), intervalEquality(sp.interval)], timeColumn: "timestamp")
                if partial, let d = sp.windowDays {
                    r.rangeColumn = "timestamp"
                    r.rangeSelectivity = max(share, 1e-6)
                    r.rangeText = rangeText(d)
                }
                r.orderColumn = "timestamp"
                r.descending = sp.descending
                r.limit = sp.limit
                if sp.limit == nil { r.matchingOverride = seriesRows }
                let paths = ScanCosting.paths(for: r, settings: s)
                let any = ScanCosting.cheapest(paths, limit: nil, orderedOnly: false)!
                let ordered = ScanCosting.cheapest(paths, limit: nil, orderedOnly: true) ?? any
                choices.append(ChunkChoice(ordered: scanNode(ordered, relation: c.table.name), orderedCost: (ordered.startupCost, ordered.totalCost),
                                           cheapest: scanNode(any, relation: c.table.name), cheapestCost: any.totalCost, compressed: false,
                                           indexes: c.table.indexes.count, sortPath: false, rowsEstimate: any.planRows))
            }
        }

        // Ordered ChunkAppend (newest first for DESC) against Sort over Append.
        let order = sp.descending ? Array(choices.indices.reversed()) : Array(choices.indices)
        let rowsEstimate = max(choices.reduce(0) { $0 + $1.rowsEstimate }, 1)
        let orderedTotal = choices.reduce(0) { $0 + $1.orderedCost.total }
        let orderedStartup = order.first.map { choices[$0].orderedCost.startup } ?? 0
        let orderedCost = sp.limit.map { orderedStartup + (orderedTotal - orderedStartup) * min(1, $0 / rowsEstimate) } ?? orderedTotal
        let sort = ScanCosting.sortCost(rows: rowsEstimate, settings: s)
        let appendTotal = choices.reduce(0) { $0 + $1.cheapestCost }
        let sortedCost = appendTotal + sort.startup + sort.run

        var root: PredictedPlanNode
        if choices.isEmpty {
            root = PredictedPlanNode(nodeType: "Result", rows: 0)
        } else if orderedCost <= sortedCost {
            var kids: [PredictedPlanNode] = []
            var remaining = sp.limit ?? Double.infinity
            for i in order {
                var k = choices[i].ordered
                if remaining <= 0 { k = PredictedPlanNode.neverExecuted(k) }
                remaining -= k.rows
                kids.append(k)
            }
            if kids.count == 1 {
                root = kids[0]
            } else {
                root = PredictedPlanNode(nodeType: "Custom Scan (ChunkAppend)", relation: "market_data", startupCost: orderedStartup,
                                         totalCost: orderedTotal, planRows: rowsEstimate, rows: kids.reduce(0) { $0 + $1.rows }, children: kids)
                root.sharedHitBlocks = kids.reduce(0) { $0 + $1.sharedHitBlocks }
                root.sharedReadBlocks = kids.reduce(0) { $0 + $1.sharedReadBlocks }
                root.totalTimeMs = kids.reduce(0) { $0 + $1.totalTimeMs } + root.rows * p.rowPerNode
            }
            if let lim = sp.limit {
                root.rows = min(root.rows, lim)
                root = limitNode(root, limit: lim)
            }
        } else {
            let kids = choices.map(\.cheapest)
            var append: PredictedPlanNode
            if kids.count == 1 {
                append = kids[0]
            } else {
                append = PredictedPlanNode(nodeType: "Append", startupCost: 0, totalCost: appendTotal, planRows: rowsEstimate,
                                           rows: kids.reduce(0) { $0 + $1.rows }, children: kids)
                append.sharedHitBlocks = kids.reduce(0) { $0 + $1.sharedHitBlocks }
                append.sharedReadBlocks = kids.reduce(0) { $0 + $1.sharedReadBlocks }
                append.totalTimeMs = kids.reduce(0) { $0 + $1.totalTimeMs } + append.rows * p.rowPerNode
            }
            root = sortNode(append, startup: appendTotal + sort.startup, total: sortedCost)
            if let lim = sp.limit { root = limitNode(root, limit: lim) }
        }

        let uncompressed = choices.filter { !$0.compressed }
        let compressed = choices.filter(\.compressed)
        let planning = p.planHypertableBase + Double(ht.chunks.count) * p.planPerChunkExcluded
            + uncompressed.reduce(0) { $0 + p.planPerChunk * Double($1.indexes) / 4 }
            + compressed.reduce(0) { $0 + p.planPerCompressedChunk + ($1.sortPath ? p.planCompressedSortPath : 0) }
        let firstPlanning = p.coldPlanHypertableBase
            + uncompressed.reduce(0) { $0 + p.coldRelationOpen * Double(1 + $1.indexes) }
            + Double(compressed.count) * p.coldPlanPerCompressedChunk
        return finish(q, config, root: root, planning: planning, firstPlanning: firstPlanning,
                      chunkInits: choices.count > 1 ? uncompressed.count : 0, columnarInits: choices.count > 1 ? compressed.count : 0,
                      configPages: Double(ht.totalPages), chunksPlanned: kept.count, chunksTotal: ht.chunks.count)
    }

    /// A compressed chunk: ColumnarScan over the compressed relation, batches in time order
    /// (through the compressed index, or sorted after a sequential scan when that is cheaper).
    func compressedChunk(_ c: ChunkShape, _ comp: CompressedChunkShape, sp: MarketDataQuerySpec, share: Double, partial: Bool,
                         seriesRows: Double) -> ChunkChoice {
        let tickerSel = 1 / Double(md.tickers)
        // Batches per series: one per segment and up to 1,000 rows.
        func batchesFor(_ interval: String) -> Double {
            max(1, (c.rows * tickerSel * md.intervalShare(interval) / 1000).rounded(.up))
        }
        let perTicker = md.rowsPerInterval.keys.reduce(0.0) { $0 + (md.intervalShare($1) > 0 ? batchesFor($1) : 0) }
        let seriesBatches = batchesFor(sp.interval)
        let rowsPerBatch = max(1, c.rows * tickerSel * md.intervalShare(sp.interval) / seriesBatches)
        let compressedTable = TableShape(name: c.table.name.replacingOccurrences(of: "_hyper_1_", with: "compress_hyper_2_"),
                                         rows: Double(comp.batches), heapPages: comp.heapPages, indexes: [comp.index])
        var r = ScanRequest(table: compressedTable, equalities: [
            tickerEquality(),
            .init(column: "interval", selectivity: min(1, seriesBatches / max(perTicker, 1)), correlation: 0, text: "((interval)::text = '\(sp.interval)'::text)"),
        ], timeColumn: "_none")
        if partial {
            r.rangeColumn = "timestamp"
            r.rangeSelectivity = max(share, 1e-6)
            r.rangeText = "(_ts_meta_v2_min_timestamp <= now()) AND (_ts_meta_v2_max_timestamp >= (now() - '\(LatencyModel.daysText(sp.windowDays ?? 0))'::interval))"
        }
        r.orderColumn = "timestamp"
        r.descending = sp.descending
        let paths = ScanCosting.paths(for: r, settings: s)
        let any = ScanCosting.cheapest(paths, limit: nil, orderedOnly: false)!
        let ordered = ScanCosting.cheapest(paths, limit: nil, orderedOnly: true)
        let sortC = ScanCosting.sortCost(rows: any.planRows, settings: s)
        let useSort = ordered.map { $0.totalCost > any.totalCost + sortC.startup + sortC.run } ?? true
        var inner: PredictedPlanNode
        let innerCost: Double
        if useSort {
            inner = sortNode(scanNode(any, relation: compressedTable.name), startup: any.totalCost + sortC.startup, total: any.totalCost + sortC.startup + sortC.run)
            innerCost = any.totalCost + sortC.startup + sortC.run
        } else {
            inner = scanNode(ordered!, relation: compressedTable.name)
            innerCost = ordered!.totalCost
        }
        // Executed: the series' batches that meet the window.
        let batchesRead = partial ? min(seriesBatches, (share * seriesBatches).rounded(.up)) : seriesBatches
        let decompressed = batchesRead * rowsPerBatch
        let returned = min(seriesRows, decompressed)
        let toast = batchesRead * Double(sp.compressedColumnsRead) * toastAccessesPerValue(comp, rowsPerBatch: rowsPerBatch)
        // TimescaleDB estimates a batch at the chunk's average rows per batch.
        let planRows = max(1, any.planRows) * c.rows / Double(comp.batches)
        let cost = innerCost + planRows * s.cpuTupleCost
        var node = PredictedPlanNode(nodeType: "Custom Scan (ColumnarScan)", relation: c.table.name, startupCost: cost, totalCost: cost,
                                     planRows: planRows, rows: returned, rowsRemovedByFilter: max(0, decompressed - returned), children: [inner])
        node.filter = partial ? "vectorized: \(rangeText(sp.windowDays ?? 0))" : nil
        node.sharedHitBlocks = inner.sharedHitBlocks + Int(saturating: toast.rounded())
        node.totalTimeMs = inner.totalTimeMs + batchesRead * p.batchOpen + decompressed * p.rowDecompressed
            + toast * (p.toastAccess + p.bufferHit) + returned * p.rowPerNode
        return ChunkChoice(ordered: node, orderedCost: (cost, cost), cheapest: node, cheapestCost: cost, compressed: true,
                           indexes: 1, sortPath: useSort, rowsEstimate: planRows)
    }

    /// Buffer accesses to read one column value of one batch: none when the compressed row stays
    /// inline (under TOAST_TUPLE_THRESHOLD, 2,032 bytes), else a TOAST index descent and the value's pages.
    func toastAccessesPerValue(_ comp: CompressedChunkShape, rowsPerBatch: Double) -> Double {
        let valueBytes = rowsPerBatch * comp.compressedBytesPerValue
        let rowBytes = valueBytes * 10
        guard rowBytes > 2032, valueBytes > 100 else { return 0 }
        let toastChunks = Double(comp.toastPages) * 4
        let indexLevels: Double = toastChunks > 400 ? 2 : 1
        return indexLevels + (valueBytes / 7984).rounded(.up)
    }
}

extension PredictedPlanNode {
    /// The same node as EXPLAIN shows it when the executor never reached it.
    static func neverExecuted(_ n: PredictedPlanNode) -> PredictedPlanNode {
        var m = n
        m.loops = 0
        m.rows = 0
        m.rowsRemovedByFilter = 0
        m.sharedHitBlocks = 0
        m.sharedReadBlocks = 0
        m.totalTimeMs = 0
        m.children = n.children.map(neverExecuted)
        return m
    }
}
