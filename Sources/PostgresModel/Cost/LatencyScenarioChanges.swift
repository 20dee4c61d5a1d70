import Foundation

/// The changes a target verdict may propose, applied to a scenario so the model can be re-run on them.
extension LatencyScenario {
    /// Q1 with `AND timestamp > now() - bound` (chunks outside it are excluded at plan time).
    public func withLatestPriceTimeBound(days: Double) -> LatencyScenario {
        var s = self
        s.windows.q1TimeBoundDays = days
        return s
    }

    /// Only the newest `days` of data kept (a retention policy): older chunks dropped, the plain
    /// tables shrunk in proportion.
    public func withRetention(days: Double) -> LatencyScenario {
        var s = self
        let keep = min(1, days / marketData.spanDays)
        guard keep < 1 else { return s }
        s.marketData.rowsPerInterval = marketData.rowsPerInterval.mapValues { Int(saturating: (Double($0) * keep).rounded()) }
        s.marketData.spanDays = days
        s.plain001 = plain001.scaled(keep)
        s.plain009 = plain009.scaled(keep)
        s.hypertable = hypertable.map { h in HypertableShape(chunkIntervalDays: h.chunkIntervalDays, chunks: h.chunks.filter { $0.rangeEndDays > -days }) }
        s.compressedHypertable = compressedHypertable.map { h in HypertableShape(chunkIntervalDays: h.chunkIntervalDays, chunks: h.chunks.filter { $0.rangeEndDays > -days }) }
        return s
    }

    /// The hypertable with `factor` consecutive chunks merged into one (a chunk interval `factor`
    /// times longer). In C4 a merged chunk is compressed when all its parts were.
    public func withChunkIntervalMultiplied(by factor: Int) -> LatencyScenario {
        var s = self
        guard factor > 1 else { return s }
        s.hypertable = hypertable.map { $0.merged(factor, uncompressedTwin: nil) }
        s.compressedHypertable = compressedHypertable.map { $0.merged(factor, uncompressedTwin: hypertable) }
        return s
    }

    /// An extra index on a prediction table (`predictions` or `block_predictions`), sized from its rows.
    public func withPredictionIndex(table: String, name: String, columns: [String]) -> LatencyScenario {
        var s = self
        func add(_ t: inout PredictionTableShape) {
            let pages = max(1, Int(saturating: (t.table.rows * 36 / (8192 * 0.9)).rounded(.up)) + 1)
            t.table.indexes.append(IndexShape.derived(name: name, columns: columns, pages: pages, rows: t.table.rows))
        }
        if table == "predictions" { add(&s.predictions) } else { add(&s.blockPredictions) }
        return s
    }
}

extension TableShape {
    func scaled(_ f: Double) -> TableShape {
        TableShape(name: name, rows: rows * f, heapPages: max(1, Int(saturating: (Double(heapPages) * f).rounded(.up))),
                   indexes: indexes.map { i in
                       let pages = max(1, Int(saturating: (Double(i.pages) * f).rounded(.up)))
                       return IndexShape(name: i.name, columns: i.columns, method: i.method, pages: pages,
                                         levels: i.method == .brin ? 1 : IndexShape.levels(pages: pages), rowsPerLeaf: i.rowsPerLeaf, isPartial: i.isPartial)
                   })
    }
}

extension HypertableShape {
    /// `factor` consecutive chunks as one. `uncompressedTwin` (C3) gives the uncompressed sizes of
    /// chunks that end up uncompressed after merging.
    func merged(_ factor: Int, uncompressedTwin: HypertableShape?) -> HypertableShape {
        // Align groups so the newest group ends with the newest chunk.
        var groups: [[Int]] = []
        var i = chunks.count - 1
        while i >= 0 {
            groups.insert(Array(max(0, i - factor + 1)...i), at: 0)
            i -= factor
        }
        var out: [ChunkShape] = []
        for (g, members) in groups.enumerated() {
            let parts = members.map { chunks[$0] }
            let rows = parts.reduce(0) { $0 + $1.rows }
            let start = parts.first!.rangeStartDays, end = start + chunkIntervalDays * Double(factor)
            let name = "_hyper_1_\(g + 1)_chunk"
            if parts.allSatisfy({ $0.compressed != nil }) {
                let cs = parts.compactMap(\.compressed)
                let batches = cs.reduce(0) { $0 + $1.batches }
                let idxPages = max(1, cs.reduce(0) { $0 + $1.index.pages } / max(1, factor / 2))
                let comp = CompressedChunkShape(batches: batches, heapPages: cs.reduce(0) { $0 + $1.heapPages }, toastPages: cs.reduce(0) { $0 + $1.toastPages },
                                                index: IndexShape.derived(name: name + "_compressed_idx", columns: cs[0].index.columns, pages: idxPages, rows: Double(batches)),
                                                compressedBytesPerValue: cs[0].compressedBytesPerValue)
                var t = parts[0].table
                t.name = name
                out.append(ChunkShape(rangeStartDays: start, rangeEndDays: end, table: t, rows: rows, compressed: comp))
            } else {
                // Uncompressed: sum the parts' (or their C3 twins') relations.
                let tables = members.map { m -> TableShape in
                    if chunks[m].compressed == nil { return chunks[m].table }
                    return uncompressedTwin.flatMap { $0.chunks.indices.contains(m) ? $0.chunks[m].table : nil } ?? chunks[m].table
                }
                let template = tables.first { $0.rows > 0 } ?? tables[0]
                let heap = tables.reduce(0) { $0 + $1.heapPages }
                let idx = template.indexes.enumerated().map { (k, ix) -> IndexShape in
                    let pages = tables.reduce(0) { $0 + (k < $1.indexes.count ? $1.indexes[k].pages : 0) }
                    let nm = ix.name.replacingOccurrences(of: template.name, with: name)
                    return IndexShape.derived(name: nm, columns: ix.columns, method: ix.method, pages: pages, rows: rows, isPartial: ix.isPartial)
                }
                out.append(ChunkShape(rangeStartDays: start, rangeEndDays: end, table: TableShape(name: name, rows: rows, heapPages: heap, indexes: idx), rows: rows))
            }
        }
        return HypertableShape(chunkIntervalDays: chunkIntervalDays * Double(factor), chunks: out)
    }
}
