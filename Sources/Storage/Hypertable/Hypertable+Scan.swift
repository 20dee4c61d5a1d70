import Schema

extension Hypertable {
    /// Returns the rows that match `request`, using chunk exclusion (time and hash ranges),
    /// block-index pruning for uncompressed rows and segmentby / orderby-min/max pruning for
    /// compressed batches. Only the batches that may match are decoded.
    public func scan(_ request: ScanRequest) throws(HypertableError) -> ScanResult {
        var stats = ScanStatistics()
        stats.chunks = chunks.count
        var filters: [(column: Int, value: Value)] = []
        for e in request.equals {
            guard let c = table.columnIndex(e.column) else { throw .unknownColumn(table: table.name, column: e.column) }
            filters.append((c, e.value))
        }
        var parts: [RowSet] = []
        if filters.contains(where: { $0.value.isNull }) || request.time.map({ $0.isEmpty }) == true {
            stats.chunksExcluded = chunks.count
            return ScanResult(rows: RowSet(table: table), statistics: stats)
        }
        let spaceHash: Int64? = spaceColumnIndex.flatMap { s in filters.first { $0.column == s }.map { SpaceDimension.hash($0.value) } }
        for chunk in chunks {
            if let time = request.time, !chunk.timeRange.overlaps(time) { stats.chunksExcluded += 1; continue }
            if let hash = spaceHash, let range = chunk.spaceRange, !range.contains(hash) { stats.chunksExcluded += 1; continue }
            if let settings = compression {
                for batch in chunk.batches {
                    guard batchMayMatch(batch, settings: settings, time: request.time, filters: filters) else {
                        stats.batchesSkipped += 1
                        continue
                    }
                    stats.batchesRead += 1
                    let rows = try BatchCodec.decode(batch, table: table, settings: settings, chunk: chunk.name,
                                                      dictionaries: chunk.zstdDictionaries)
                    let hits = matchingRows(rows, in: 0..<rows.count, time: request.time, filters: filters)
                    stats.rowsExamined += rows.count
                    if !hits.isEmpty { parts.append(rows.gathering(hits)) }
                }
            }
            var hits: [Int] = []
            for b in 0..<chunk.blockIndex.blocks.count {
                guard blockMayMatch(chunk.blockIndex, block: b, time: request.time, filters: filters) else {
                    stats.blocksSkipped += 1
                    continue
                }
                stats.blocksRead += 1
                let range = chunk.blockIndex.rows(ofBlock: b, rowCount: chunk.rows.count)
                stats.rowsExamined += range.count
                hits += matchingRows(chunk.rows, in: range, time: request.time, filters: filters)
            }
            if !hits.isEmpty { parts.append(chunk.rows.gathering(hits)) }
        }
        var rows = RowSet(table: table)
        for part in parts { rows = rows.count == 0 ? part : rows.appending(part) }
        stats.rowsReturned = rows.count
        return ScanResult(rows: rows, statistics: stats)
    }

    /// Internal time of a time-column value (see ``ScanRequest/time``).
    func internalTime(of value: Value) -> Int64? {
        switch value {
        case .timestamp(let v), .int(let v): return v
        case .date(let d): return Self.dateMicroseconds(d)
        case .uuid(let u): return u.version7InternalTime
        default: return nil
        }
    }

    private func matchingRows(_ rows: RowSet, in range: Range<Int>, time: ClosedRange<Int64>?,
                              filters: [(column: Int, value: Value)]) -> [Int] {
        let timeColumn = rows.columns[timeColumnIndex]
        return range.filter { i in
            if let time, !time.contains(internalTime(timeColumn, i)) { return false }
            for f in filters {
                let column = rows.columns[f.column]
                if column.isNull(at: i) || ValueOrdering.compare(column.value(at: i), f.value) != 0 { return false }
            }
            return true
        }
    }

    private func blockMayMatch(_ index: BlockIndex, block b: Int, time: ClosedRange<Int64>?,
                               filters: [(column: Int, value: Value)]) -> Bool {
        let summaries = index.blocks[b]
        for (k, column) in index.columns.enumerated() {
            let summary = summaries[k]
            if column == timeColumnIndex, let time {
                guard let lo = internalTime(of: summary.min), let hi = internalTime(of: summary.max) else { return false }
                if hi < time.lowerBound || lo > time.upperBound { return false }
            }
            for f in filters where f.column == column {
                if !summary.mayContain(f.value) { return false }
            }
        }
        return true
    }

    private func batchMayMatch(_ batch: CompressedBatch, settings: CompressionSettings, time: ClosedRange<Int64>?,
                               filters: [(column: Int, value: Value)]) -> Bool {
        for f in filters {
            let name = table.columns[f.column].name
            if let s = settings.segmentBy.firstIndex(of: name) {
                let v = batch.segmentValues[s]
                if v.isNull || ValueOrdering.compare(v, f.value) != 0 { return false }
            } else if let o = settings.orderBy.firstIndex(where: { $0.column == name }) {
                let summary = batch.orderSummaries[o]
                if summary.min.isNull { return false }
                if ValueOrdering.compare(summary.min, f.value) > 0 || ValueOrdering.compare(f.value, summary.max) > 0 { return false }
            }
        }
        if let time, let o = settings.orderBy.firstIndex(where: { $0.column == options.timeColumn }) {
            let summary = batch.orderSummaries[o]
            guard let lo = internalTime(of: summary.min), let hi = internalTime(of: summary.max) else { return false }
            if hi < time.lowerBound || lo > time.upperBound { return false }
        }
        return true
    }
}
