import Foundation

/// One table scan the latency model asks the planner for: conditions, their true selectivities,
/// the order wanted and the rows that really match. Internal to the model.
struct ScanRequest {
    /// An equality condition (`ticker_id = …`, `interval = '1m'`).
    struct Equality {
        var column: String
        var selectivity: Double
        /// pg_stats correlation of the column with the heap order.
        var correlation: Double
        var text: String
    }
    var table: TableShape
    var equalities: [Equality]
    /// The time column of a range condition (nil when the query or chunk has none).
    var rangeColumn: String?
    /// Share of the relation's rows inside the range.
    var rangeSelectivity: Double = 1
    var rangeText: String = ""
    /// The column the query orders by, and whether descending.
    var orderColumn: String?
    var descending = false
    var limit: Double?
    /// The heap's time column (rows are stored in its order).
    var timeColumn: String
    /// Rows written together in random order (see ``PredictionTableShape/rowsPerTimeGroup``).
    var timeGroup = 1
    /// Output columns (for the heap/projection work).
    var hasRange: Bool { rangeColumn != nil }

    /// The rows that truly match, when known better than the uniform estimate (a chunk's share of
    /// the window's rows).
    var matchingOverride: Double?

    var rows: Double { table.rows }
    var equalitySelectivity: Double { equalities.reduce(1) { $0 * $1.selectivity } }
    var matchingRows: Double { matchingOverride ?? rows * equalitySelectivity * rangeSelectivity }
}

/// A costed access path for one relation, with what executing it touches.
struct ScanPath {
    enum Kind { case seqScan, indexScan, bitmapScan }
    var kind: Kind
    var index: IndexShape?
    var backward = false
    var ordered: Bool
    var startupCost: Double
    var totalCost: Double
    var planRows: Double
    // Executed quantities.
    var indexAccesses: Double = 0
    var heapAccesses: Double = 0
    var indexTuples: Double = 0
    var heapTuples: Double = 0
    var returnedRows: Double = 0
    var indexCondition: String?
    var filter: String?

    /// Cost to the first `n` rows (PostgreSQL's LIMIT interpolation).
    func cost(limit n: Double?) -> Double {
        guard let n, planRows > 0 else { return totalCost }
        return startupCost + (totalCost - startupCost) * min(1, n / max(planRows, 1))
    }
}

/// PostgreSQL 15's cost formulas (costsize.c, selfuncs.c, nbtree's btcostestimate), reduced to
/// the conditions Q1–Q5 have: equality on leading columns, one time range, an ORDER BY on time.
enum ScanCosting {
    /// Mackert–Lohman: heap pages fetched for `tuples` random fetches from a `pages`-page relation
    /// with `cacheShare` of effective_cache_size (index_pages_fetched).
    static func pagesFetched(tuples: Double, pages: Double, totalPages: Double, settings: PlannerSettings) -> Double {
        let T = max(pages, 1)
        let b = max(1, (settings.effectiveCacheSizePages * T / max(totalPages, T)).rounded(.up))
        var result: Double
        if T <= b {
            result = 2 * T * tuples / (2 * T + tuples)
            if result >= T { result = T }
        } else {
            let lim = 2 * T * b / (2 * T - b)
            if tuples <= lim { result = 2 * T * tuples / (2 * T + tuples) } else { result = b + (tuples - lim) * (T - b) / T }
        }
        return result.rounded(.up)
    }

    /// Sort cost for `n` rows (cost_sort in memory: 2 operator costs per comparison).
    static func sortCost(rows n: Double, settings: PlannerSettings) -> (startup: Double, run: Double) {
        let n = max(n, 2)
        return (2 * settings.cpuOperatorCost * n * log2(n), settings.cpuOperatorCost * n)
    }

    /// Whether the column of an index entry is descending (`"timestamp DESC"`).
    static func columnName(_ c: String) -> String { c.split(separator: " ").first.map(String.init) ?? c }
    static func isDescending(_ c: String) -> Bool { c.uppercased().hasSuffix(" DESC") }

    /// Every path the planner considers for the request.
    static func paths(for r: ScanRequest, settings s: PlannerSettings) -> [ScanPath] {
        var out: [ScanPath] = []
        let T = Double(r.table.heapPages)
        let allQualCount = Double(r.equalities.count + (r.hasRange ? 2 : 0))
        let matching = max(r.matchingRows, 0)
        let filterText = r.equalities.map(\.text).joined(separator: " AND ")

        // Sequential scan.
        do {
            let total = T * s.seqPageCost + r.rows * (s.cpuTupleCost + s.cpuOperatorCost * allQualCount)
            var p = ScanPath(kind: .seqScan, ordered: r.orderColumn == nil, startupCost: 0, totalCost: total, planRows: max(1, matching))
            p.heapAccesses = T
            p.heapTuples = r.rows
            p.returnedRows = matching
            p.filter = ([filterText] + (r.hasRange ? [r.rangeText] : [])).filter { !$0.isEmpty }.joined(separator: " AND ")
            out.append(p)
        }

        for index in r.table.indexes {
            let cols = index.columns.map(columnName)
            // Boundary conditions: equalities on a leading prefix, then at most one range.
            var boundSel = 1.0, nBound = 0.0
            var bound: [String] = []
            var rangeBound = false
            var k = 0
            while k < cols.count {
                if let e = r.equalities.first(where: { $0.column == cols[k] }) {
                    boundSel *= e.selectivity; nBound += 1; bound.append(e.text); k += 1; continue
                }
                if let rc = r.rangeColumn, rc == cols[k] {
                    boundSel *= r.rangeSelectivity; nBound += 2; bound.append(r.rangeText); rangeBound = true; k += 1
                }
                break
            }
            // Later key columns with conditions still filter inside the index.
            var inIndexSel = 1.0
            var nIndexQuals = nBound
            for c in cols.dropFirst(k) {
                if let e = r.equalities.first(where: { $0.column == c }) { inIndexSel *= e.selectivity; nIndexQuals += 1 }
                else if let rc = r.rangeColumn, rc == c, !rangeBound { inIndexSel *= r.rangeSelectivity; rangeBound = true; nIndexQuals += 2 }
            }
            // Ordered when every column before the order column is pinned by an equality.
            var providesOrder = false
            var backward = false
            if let oc = r.orderColumn, let pos = cols.firstIndex(of: oc),
               cols[..<pos].allSatisfy({ c in r.equalities.contains { $0.column == c } }) {
                providesOrder = index.method == .btree
                backward = isDescending(index.columns[pos]) != r.descending
            }
            if index.isPartial && nBound == 0 { continue }
            if nBound == 0 && !providesOrder { continue }
            if index.method == .brin && !rangeBound { continue }

            let indexTuples = max(1, r.rows * boundSel)
            let fetched = max(1, indexTuples * inIndexSel)
            let heapFilterSel = max(1e-12, (r.equalitySelectivity * r.rangeSelectivity) / max(boundSel * inIndexSel, 1e-12))
            let heapQuals = Double(r.equalities.filter { e in !cols.contains(e.column) }.count) + ((r.hasRange && !rangeBound) ? 2 : 0)
            let leafPages = (indexTuples / index.rowsPerLeaf).rounded(.up)
            let descent = (log2(max(index.rowsPerLeaf * Double(index.pages), 2))).rounded(.up) * s.cpuOperatorCost
                + Double(index.levels) * 50 * s.cpuOperatorCost
            let indexCost = max(1, leafPages) * s.randomPageCost + indexTuples * (s.cpuIndexTupleCost + s.cpuOperatorCost * max(nIndexQuals, 1))
            let totalPages = T + Double(index.pages)

            // Rows of the same series lie together in time; what the heap visits depends on the order.
            let leadingIsTime = cols.first == r.timeColumn
            let spanPages = max(1, (T * (rangeBound ? r.rangeSelectivity : 1)).rounded(.up))
            let distinctPages = min(fetched, spanPages, T)

            let filterParts = ([r.equalities.filter { e in !cols.contains(e.column) }.map(\.text).joined(separator: " AND ")]
                               + ((r.hasRange && !rangeBound) ? [r.rangeText] : [])).filter { !$0.isEmpty }
            let filter = filterParts.isEmpty ? nil : filterParts.joined(separator: " AND ")
            let indexCond = bound.isEmpty ? nil : bound.joined(separator: " AND ")

            if index.method == .btree {
                // Plain index scan (cost_index).
                let firstCorrelation: Double = {
                    if cols.first == r.timeColumn { return 1 }
                    return r.equalities.first { $0.column == cols.first }?.correlation ?? 0
                }()
                let corr = firstCorrelation * (cols.count > 1 ? 0.75 : 1)
                let maxIO = pagesFetched(tuples: fetched, pages: T, totalPages: totalPages, settings: s) * s.randomPageCost
                let corrPages = max(1, (boundSel * inIndexSel * T).rounded(.up))
                let minIO = s.randomPageCost + (corrPages - 1) * s.seqPageCost
                let io = maxIO + corr * corr * (minIO - maxIO)
                let cpu = fetched * (s.cpuTupleCost + s.cpuOperatorCost * heapQuals)
                var p = ScanPath(kind: .indexScan, index: index, backward: backward, ordered: providesOrder,
                                 startupCost: descent, totalCost: descent + indexCost + io + cpu, planRows: max(1, matching))
                p.indexCondition = indexCond
                p.filter = filter
                // Executed: a LIMIT on an ordered scan stops at the first match.
                if let lim = r.limit, providesOrder {
                    let examined = min(fetched, lim / heapFilterSel)
                    p.heapTuples = examined
                    p.indexTuples = examined / max(inIndexSel, 1e-12)
                    p.indexAccesses = Double(index.levels) + max(0, (p.indexTuples / index.rowsPerLeaf).rounded(.up) - 1)
                    p.heapAccesses = leadingIsTime ? max(1, (examined / r.table.rowsPerPage).rounded(.up)) : min(examined, spanPages)
                    p.returnedRows = min(lim, matching)
                } else {
                    p.heapTuples = fetched
                    p.indexTuples = indexTuples
                    p.indexAccesses = Double(index.levels) + max(0, leafPages - 1) * (backward ? 2 : 1)
                    if leadingIsTime {
                        p.heapAccesses = groupedAccesses(rows: fetched, rowsPerPage: r.table.rowsPerPage, group: r.timeGroup)
                    } else {
                        p.heapAccesses = distinctPages
                    }
                    p.returnedRows = matching
                }
                out.append(p)
            }

            // Bitmap heap scan (cost_bitmap_heap_scan); never ordered.
            if nBound > 0 {
                let pages = min(T, pagesFetched(tuples: fetched, pages: T, totalPages: totalPages, settings: s))
                let perPage = pages >= 2 ? s.randomPageCost - (s.randomPageCost - s.seqPageCost) * (pages / T).squareRoot() : s.randomPageCost
                let bitmapIndexCost = descent + indexCost + 0.1 * s.cpuOperatorCost * indexTuples
                // Bitmap results are rechecked: every restriction is evaluated on every fetched row.
                let cpu = fetched * (s.cpuTupleCost + s.cpuOperatorCost * allQualCount)
                let total = bitmapIndexCost + pages * perPage + cpu
                var p = ScanPath(kind: .bitmapScan, index: index, ordered: r.orderColumn == nil, startupCost: bitmapIndexCost,
                                 totalCost: total, planRows: max(1, matching))
                p.indexCondition = indexCond
                p.filter = filter
                p.indexTuples = index.method == .brin ? 0 : indexTuples
                p.indexAccesses = index.method == .brin ? Double(index.pages) : Double(index.levels) + max(0, leafPages - 1)
                p.heapTuples = index.method == .brin ? r.rows * r.rangeSelectivity : fetched
                p.heapAccesses = index.method == .brin ? spanPages : distinctPages
                p.returnedRows = matching
                out.append(p)
            }
        }
        return out
    }

    /// Heap accesses of an index scan in time order when `group` rows share a moment and sit in
    /// random order among themselves: each group visits its one or two pages, switching pages as
    /// often as the random order alternates between them.
    static func groupedAccesses(rows: Double, rowsPerPage p: Double, group g: Int) -> Double {
        let pages = max(1, (rows / p).rounded(.up))
        guard g > 1 else { return pages }
        let gd = Double(g)
        let groups = max(1, rows / gd)
        let pSplit = min(1, (gd - 1) / p)
        var runs = 0.0
        for k in 1..<g { runs += 1 + 2 * Double(k) * (gd - Double(k)) / gd }
        runs /= Double(g - 1)
        return max(pages, groups * ((1 - pSplit) * 1 + pSplit * runs))
    }

    /// The cheapest path, for the first `limit` rows when there is a limit; `orderedOnly` keeps
    /// only paths that return rows in the wanted order.
    static func cheapest(_ paths: [ScanPath], limit: Double?, orderedOnly: Bool) -> ScanPath? {
        paths.filter { !orderedOnly || $0.ordered }.min { $0.cost(limit: limit) < $1.cost(limit: limit) }
    }
}
