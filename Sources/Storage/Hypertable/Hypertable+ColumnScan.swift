import Schema

extension Hypertable {
    /// The rows with `time.lowerBound <= time column <= time.upperBound` whose columns equal
    /// `equals`, as typed columns `columns` in ascending time order — no ``Value`` per row.
    ///
    /// When the equality filters name exactly the segment columns (the compression segmentby
    /// columns, or the block-indexed columns before compression), the scan is: a binary search of
    /// the chunks by time, one ``SegmentIndex`` lookup per overlapping chunk, batches pruned by
    /// their time min/max, only the requested columns of only the overlapping batches decoded (and
    /// kept in the chunk's ``DecodedBatchCache``), and two binary searches over each segment's
    /// time-sorted uncompressed rows. Other requests go through ``scan(_:)`` and are projected.
    public func scanColumns(time: ClosedRange<Int64>, equals: [ScanRequest.Equality], columns names: [String]) throws(HypertableError) -> ColumnScan {
        let columns = try columnPositions(names)
        let filters = try resolve(equals)
        guard let key = segmentKey(filters) else { return try projectedScan(time: time, equals: equals, columns: columns) }
        var stats = ScanStatistics()
        stats.chunks = chunks.count
        var parts: [TimedPart] = []
        let timeSummary = batchKeyPositions.timeSummary
        var k = firstChunk(endingAfter: time.lowerBound)
        stats.chunksExcluded = k
        while k < timeOrder.count {
            let chunk = chunks[timeOrder[k]]
            k += 1
            if chunk.timeRange.start > time.upperBound { stats.chunksExcluded += timeOrder.count - k + 1; break }
            guard let entry = chunk.segmentIndex[key] else { stats.chunksExcluded += 1; continue }
            if let settings = compression, let t = timeSummary {
                for b in entry.batches {
                    let summary = chunk.batches[b].orderSummaries[t]
                    guard let lo = SegmentIndex.rawTime(summary.min), let hi = SegmentIndex.rawTime(summary.max),
                          hi >= time.lowerBound, lo <= time.upperBound else { stats.batchesSkipped += 1; continue }
                    stats.batchesRead += 1
                    let decoded = try decodedBatch(chunk, b, columns: columns, settings: settings)
                    let from = decoded.times.firstIndex(notBefore: time.lowerBound), to = decoded.times.firstIndex(after: time.upperBound)
                    guard from < to else { continue }
                    parts.append(TimedPart(first: decoded.times[from], last: decoded.times[to - 1], times: decoded.times, part: ColumnScan.Part(columns: columns.map { decoded.columns[$0] ?? ColumnVector(type: table.columns[$0].type) },
                                                  rows: .range(from..<to))))
                }
            }
            guard !entry.rows.isEmpty, let times = SegmentIndex.rawTimes(chunk.rows.columns[timeColumnIndex]) else { continue }
            stats.rowsExamined += entry.rows.count
            let vectors = columns.map { chunk.rows.columns[$0] }
            if entry.rowsTimeSorted {
                let from = entry.rows.partitionPoint { times[$0] < time.lowerBound }, to = entry.rows.partitionPoint { times[$0] <= time.upperBound }
                guard from < to else { continue }
                parts.append(TimedPart(first: times[entry.rows[from]], last: times[entry.rows[to - 1]], times: times,
                                       part: ColumnScan.Part(columns: vectors, rows: .positions(entry.rows[from..<to]))))
            } else {
                let picked = entry.rows.filter { time.contains(times[$0]) }.enumerated()
                    .sorted { times[$0.element] != times[$1.element] ? times[$0.element] < times[$1.element] : $0.offset < $1.offset }.map(\.element)
                guard let first = picked.first, let last = picked.last else { continue }
                parts.append(TimedPart(first: times[first], last: times[last], times: times,
                                       part: ColumnScan.Part(columns: vectors, rows: .positions(picked[...]))))
            }
        }
        return ColumnScan(parts: ordered(parts), statistics: finished(stats, parts.map(\.part)))
    }

    /// The newest row (greatest time) whose columns equal `equals`, as typed columns: zero or one row.
    ///
    /// With a segment-key request this reads one ``SegmentIndex`` entry per chunk, newest chunk first,
    /// and stops at the first chunk that cannot hold anything newer than what was found; a compressed
    /// chunk decodes only its newest batch of the segment.
    public func latestRow(equals: [ScanRequest.Equality], columns names: [String]) throws(HypertableError) -> ColumnScan {
        let columns = try columnPositions(names)
        let filters = try resolve(equals)
        guard let key = segmentKey(filters) else {
            let all = try projectedScan(time: Int64.min...Int64.max, equals: equals, columns: columns)
            guard let last = all.parts.last, last.rows.count > 0 else { return all }
            let row = last.rows[last.rows.count - 1]
            return ColumnScan(parts: [ColumnScan.Part(columns: last.columns, rows: .range(row..<(row + 1)))], statistics: all.statistics)
        }
        var stats = ScanStatistics()
        stats.chunks = chunks.count
        var best: (time: Int64, part: ColumnScan.Part)?
        let timeSummary = batchKeyPositions.timeSummary
        for position in timeOrder.reversed() {
            let chunk = chunks[position]
            if let b = best, b.time >= chunk.timeRange.end &- 1 { break }
            guard let entry = chunk.segmentIndex[key] else { continue }
            if let r = entry.newestRow, let times = SegmentIndex.rawTimes(chunk.rows.columns[timeColumnIndex]),
               best.map({ $0.time < times[r] }) ?? true {
                stats.rowsExamined += 1
                best = (times[r], ColumnScan.Part(columns: columns.map { chunk.rows.columns[$0] }, rows: .range(r..<(r + 1))))
            }
            if let b = entry.newestBatch, let settings = compression, let t = timeSummary,
               let hi = SegmentIndex.rawTime(chunk.batches[b].orderSummaries[t].max), best.map({ $0.time < hi }) ?? true {
                stats.batchesRead += 1
                let decoded = try decodedBatch(chunk, b, columns: columns, settings: settings)
                guard let newest = decoded.times.indices.last else { continue }
                best = (decoded.times[newest], ColumnScan.Part(columns: columns.map { decoded.columns[$0] ?? ColumnVector(type: table.columns[$0].type) },
                                                               rows: .range(newest..<(newest + 1))))
            }
        }
        stats.rowsReturned = best == nil ? 0 : 1
        return ColumnScan(parts: best.map { [$0.part] } ?? [], statistics: stats)
    }

    private func columnPositions(_ names: [String]) throws(HypertableError) -> [Int] {
        var positions: [Int] = []
        for name in names {
            guard let c = table.columnIndex(name) else { throw .unknownColumn(table: table.name, column: name) }
            positions.append(c)
        }
        return positions
    }

    private func resolve(_ equals: [ScanRequest.Equality]) throws(HypertableError) -> [(column: Int, value: Value)] {
        var filters: [(column: Int, value: Value)] = []
        for e in equals {
            guard let c = table.columnIndex(e.column) else { throw .unknownColumn(table: table.name, column: e.column) }
            filters.append((c, e.value))
        }
        return filters
    }

    /// The ``SegmentIndex`` key the filters spell, with each value as the column stores it; nil when
    /// the filters are not exactly one non-NULL equality per segment column (or batches cannot be keyed).
    private func segmentKey(_ filters: [(column: Int, value: Value)]) -> [Value]? {
        guard !segmentColumns.isEmpty, filters.count == segmentColumns.count, timeColumnType != .date else { return nil }
        let keys = batchKeyPositions
        if compression != nil, keys.positions == nil || keys.timeSummary == nil,
           chunks.contains(where: { !$0.batches.isEmpty }) { return nil }
        var key: [Value] = []
        for c in segmentColumns {
            guard let f = filters.first(where: { $0.column == c }), !f.value.isNull else { return nil }
            var stored = ColumnVector(type: table.columns[c].type, capacity: 1)
            guard stored.append(f.value), !stored.isNull(at: 0) else { return nil }
            key.append(stored.value(at: 0))
        }
        return key
    }

    /// The first position in ``timeOrder`` whose chunk ends after `bound` (chunks of one hypertable
    /// have equal-width aligned slices, so range ends ascend with range starts).
    private func firstChunk(endingAfter bound: Int64) -> Int {
        var lo = 0, hi = timeOrder.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let range = chunks[timeOrder[mid]].timeRange
            if range.end != Int64.max && range.end <= bound { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// A batch's time column and `columns`, in ascending time order, from the chunk's cache or decoded now.
    private func decodedBatch(_ chunk: Chunk, _ b: Int, columns: [Int], settings: CompressionSettings) throws(HypertableError) -> DecodedBatchCache.Batch {
        let batch = chunk.batches[b]
        var decoded: DecodedBatchCache.Batch
        var changed = false
        if let cached = chunk.decodedBatches.get(b) {
            decoded = cached
        } else {
            let vector = try BatchCodec.decodeColumn(batch, column: timeColumnIndex, table: table, settings: settings, chunk: chunk.name)
            let raw = SegmentIndex.rawTimes(vector) ?? []
            var order: [Int]?
            if !zip(raw, raw.dropFirst()).allSatisfy({ $0 <= $1 }) {
                if zip(raw, raw.dropFirst()).allSatisfy({ $0 >= $1 }) {
                    order = Array(raw.indices.reversed())
                } else {
                    order = raw.indices.sorted { raw[$0] != raw[$1] ? raw[$0] < raw[$1] : $0 < $1 }
                }
            }
            decoded = DecodedBatchCache.Batch(times: order.map { $0.map { raw[$0] } } ?? raw, order: order,
                                              columns: Array(repeating: nil, count: table.columns.count))
            decoded.columns[timeColumnIndex] = order.map { vector.gathering($0) } ?? vector
            changed = true
        }
        for c in columns where decoded.columns[c] == nil {
            let vector = try BatchCodec.decodeColumn(batch, column: c, table: table, settings: settings, chunk: chunk.name)
            decoded.columns[c] = decoded.order.map { vector.gathering($0) } ?? vector
            changed = true
        }
        if changed { chunk.decodedBatches.put(b, decoded) }
        return decoded
    }

    /// A part with its source's time values and the span of its selected rows.
    private struct TimedPart {
        var first: Int64
        var last: Int64
        var times: [Int64]
        var part: ColumnScan.Part
    }

    /// Parts in ascending time order; parts whose time spans overlap (rows inserted into a
    /// compressed chunk beside its batches, or several space partitions) are merged into one.
    private func ordered(_ parts: [TimedPart]) -> [ColumnScan.Part] {
        let sorted = parts.enumerated().sorted { $0.element.first != $1.element.first ? $0.element.first < $1.element.first : $0.offset < $1.offset }.map(\.element)
        guard zip(sorted, sorted.dropFirst()).contains(where: { $0.last >= $1.first }), let first = sorted.first else { return sorted.map(\.part) }
        var merged = first.part.columns.map { _ in nil as ColumnVector? }
        var times: [Int64] = []
        for p in sorted {
            let rows = (0..<p.part.rows.count).map { p.part.rows[$0] }
            times += rows.map { p.times[$0] }
            for c in merged.indices {
                let picked = p.part.columns[c].gathering(rows)
                merged[c] = merged[c].map { $0.appending(picked) } ?? picked
            }
        }
        let order = times.indices.sorted { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }
        return [ColumnScan.Part(columns: merged.enumerated().map { $1 ?? first.part.columns[$0] }, rows: .positions(order[...]))]
    }

    private func finished(_ stats: ScanStatistics, _ parts: [ColumnScan.Part]) -> ScanStatistics {
        var s = stats
        s.rowsReturned = parts.reduce(0) { $0 + $1.rows.count }
        return s
    }

    /// The generic path: ``scan(_:)``, then the requested columns with rows sorted by time.
    private func projectedScan(time: ClosedRange<Int64>, equals: [ScanRequest.Equality], columns: [Int]) throws(HypertableError) -> ColumnScan {
        let result = try scan(ScanRequest(time: time, equals: equals))
        let rows = result.rows
        let timeVector = rows.columns[timeColumnIndex]
        let order = (0..<rows.count).sorted { a, b in
            let x = internalTime(timeVector, a), y = internalTime(timeVector, b)
            return x != y ? x < y : a < b
        }
        let parts = rows.count == 0 ? [] : [ColumnScan.Part(columns: columns.map { rows.columns[$0] }, rows: .positions(order[...]))]
        return ColumnScan(parts: parts, statistics: result.statistics)
    }
}

extension Array {
    /// The first index whose element fails `belongs` in an array partitioned so that every element
    /// satisfying it comes first (count when all do).
    func partitionPoint(_ belongs: (Element) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if belongs(self[mid]) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

extension Array where Element == Int64 {
    /// The first index whose value is `>= bound` in an ascending array (count when none).
    func firstIndex(notBefore bound: Int64) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] < bound { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The first index whose value is `> bound` in an ascending array (count when none).
    func firstIndex(after bound: Int64) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] <= bound { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
