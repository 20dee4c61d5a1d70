import Foundation

/// One node of a predicted plan, with the numbers EXPLAIN (ANALYZE, BUFFERS) would show for it.
/// Buffers and times include the node's children, as EXPLAIN reports them.
public struct PredictedPlanNode: Codable, Sendable, Hashable {
    /// EXPLAIN's node name: `Index Scan`, `Bitmap Heap Scan`, `Custom Scan (ChunkAppend)` …
    public var nodeType: String
    public var relation: String?
    public var index: String?
    /// `Backward` for a backward index scan.
    public var direction: String?
    public var indexCondition: String?
    public var filter: String?
    /// The planner's cost estimate (PostgreSQL cost units).
    public var startupCost: Double
    public var totalCost: Double
    /// The planner's row estimate.
    public var planRows: Double
    /// Predicted actual rows (per loop).
    public var rows: Double
    /// Rows the node's filter discarded.
    public var rowsRemovedByFilter: Double
    /// 0 when the node is never executed (a chunk after the LIMIT was satisfied), otherwise 1.
    public var loops: Int
    public var sharedHitBlocks: Int
    public var sharedReadBlocks: Int
    /// Predicted actual total time in ms, children included.
    public var totalTimeMs: Double
    public var children: [PredictedPlanNode]

    public init(nodeType: String, relation: String? = nil, index: String? = nil, direction: String? = nil,
                indexCondition: String? = nil, filter: String? = nil, startupCost: Double = 0, totalCost: Double = 0,
                planRows: Double = 0, rows: Double = 0, rowsRemovedByFilter: Double = 0, loops: Int = 1,
                sharedHitBlocks: Int = 0, sharedReadBlocks: Int = 0, totalTimeMs: Double = 0, children: [PredictedPlanNode] = []) {
        self.nodeType = nodeType
        self.relation = relation
        self.index = index
        self.direction = direction
        self.indexCondition = indexCondition
        self.filter = filter
        self.startupCost = startupCost
        self.totalCost = totalCost
        self.planRows = planRows
        self.rows = rows
        self.rowsRemovedByFilter = rowsRemovedByFilter
        self.loops = loops
        self.sharedHitBlocks = sharedHitBlocks
        self.sharedReadBlocks = sharedReadBlocks
        self.totalTimeMs = totalTimeMs
        self.children = children
    }

    /// The plan in a few words, in the calibration files' notation: `A>B` (B is A's child),
    /// `60xB` (60 children of shape B), `[B + C]` (children of different shapes, in order of first
    /// appearance). `executedOnly` omits never-executed nodes, as the files' `plan` strings do.
    public func shape(executedOnly: Bool = true) -> String {
        let kids = executedOnly ? children.filter { $0.loops > 0 } : children
        guard !kids.isEmpty else { return nodeType }
        var order: [String] = []
        var counts: [String: Int] = [:]
        for k in kids {
            let s = k.shape(executedOnly: executedOnly)
            if counts[s] == nil { order.append(s) }
            counts[s, default: 0] += 1
        }
        func group(_ s: String, bracketed: Bool) -> String {
            let n = counts[s] ?? 1
            if n == 1 { return s }
            return s.contains(">") ? "\(n)x(\(s))" : "\(n)x\(s)"
        }
        if order.count == 1 { return nodeType + ">" + group(order[0], bracketed: false) }
        return nodeType + ">[" + order.map { group($0, bracketed: true) }.joined(separator: " + ") + "]"
    }

    /// Number of nodes, children included.
    public var nodeCount: Int { 1 + children.reduce(0) { $0 + $1.nodeCount } }

    /// The tree as EXPLAIN (ANALYZE, BUFFERS) prints it in text form, with predicted numbers.
    /// Runs of more than `collapseAfter` sibling nodes of the same shape are shortened to their first
    /// and last with a line saying how many were left out.
    public func explainText(collapseAfter: Int = 6) -> [String] {
        var lines: [String] = []
        render(into: &lines, depth: 0, collapseAfter: collapseAfter)
        return lines
    }

    private func render(into lines: inout [String], depth: Int, collapseAfter: Int) {
        let pad = depth == 0 ? "" : String(repeating: " ", count: 2 + (depth - 1) * 6) + "->  "
        let detailPad = String(repeating: " ", count: depth == 0 ? 2 : 2 + (depth - 1) * 6 + 6)
        var head = nodeType
        if let index { head += (direction == "Backward" ? " Backward" : "") + " using \(index)" }
        if let relation { head += " on \(relation)" }
        head += String(format: "  (cost=%.2f..%.2f rows=%.0f)", startupCost, totalCost, planRows)
        if loops == 0 {
            head += " (never executed)"
        } else {
            head += String(format: " (actual time=..%.3f rows=%.0f loops=%d)", totalTimeMs, rows, loops)
        }
        lines.append(pad + head)
        if let indexCondition { lines.append(detailPad + "Index Cond: " + indexCondition) }
        if let filter {
            lines.append(detailPad + "Filter: " + filter)
            if loops > 0 { lines.append(detailPad + String(format: "Rows Removed by Filter: %.0f", rowsRemovedByFilter)) }
        }
        if loops > 0 && (sharedHitBlocks > 0 || sharedReadBlocks > 0) {
            var b = detailPad + "Buffers: shared"
            if sharedHitBlocks > 0 { b += " hit=\(sharedHitBlocks)" }
            if sharedReadBlocks > 0 { b += " read=\(sharedReadBlocks)" }
            lines.append(b)
        }
        var i = 0
        while i < children.count {
            var j = i
            let s = children[i].shape(executedOnly: false) + "|\(children[i].loops)"
            while j + 1 < children.count && children[j + 1].shape(executedOnly: false) + "|\(children[j + 1].loops)" == s { j += 1 }
            let run = j - i + 1
            if run > collapseAfter {
                children[i].render(into: &lines, depth: depth + 1, collapseAfter: collapseAfter)
                let pad2 = String(repeating: " ", count: 2 + depth * 6) + "    "
                lines.append(pad2 + "… \(run - 2) more \(children[i].nodeType) nodes like these …")
                children[j].render(into: &lines, depth: depth + 1, collapseAfter: collapseAfter)
            } else {
                for k in i...j { children[k].render(into: &lines, depth: depth + 1, collapseAfter: collapseAfter) }
            }
            i = j + 1
        }
    }
}
