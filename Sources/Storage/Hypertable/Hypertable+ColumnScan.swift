import Schema

extension Hypertable {
    /// Requested columns resolved to table positions once, for callers that repeat the same scan.
    public struct ColumnProjection: Sendable, Hashable {
        public let names: [String]
        let positions: [Int]
    }

    /// Resolves column names (`column … does not exist` for an unknown one).
    public func projection(_ names: [String]) throws(HypertableError) -> ColumnProjection {
        var positions: [Int] = []
        for name in names {
            guard let c = table.columnIndex(name) else { throw .unknownColumn(table: table.name, column: name) }
            positions.append(c)
        }
        return ColumnProjection(names: names, positions: positions)
    }

    /// The rows with `time.lowerBound <= time column <= time.upperBound` whose columns equal
    /// `equals`, as typed columns `columns` in ascending time order — no ``Value`` per row.
    ///
    /// When the equality filters name exactly the segment columns (the compression segmentby
    /// columns, or the block-indexed columns before compression), the scan is: a binary search of
    /// the chunks by time, one ``SegmentIndex`` lookup per overlapping chunk, batches pruned by
    /// their time min/max, only the requested columns of only the overlapping batches decoded (and
    /// kept in the chunk's ``DecodedBatchCache``), and two binary searches over each segment's
    /// time-sorted uncompressed rows. Runs are returned as views of the engine's vectors (copying
    /// many small runs into one measured slower than handing them out). Other requests go
    /// through ``scan(_:)`` and are projected.
    public func scanColumns(time: ClosedRange<Int64>, equals: [ScanRequest.Equality], columns names: [String]) throws(HypertableError) -> ColumnScan {
        try scanColumns(time: time, equals: equals, projection: projection(names))
    }

    /// ``scanColumns(time:equals:columns:)`` with the columns resolved beforehand.
    public func scanColumns(time: ClosedRange<Int64>, equals: [ScanRequest.Equality], projection: ColumnProjection) throws(HypertableError) -> ColumnScan {
        let columns = projection.positions
        let filters = try resolve(equals)
        guard let key = segmentKey(filters) else { return try projectedScan(time: time, equals: equals, columns: columns) }
        var stats = ScanStatistics()
        stats.chunks = chunks.count
        var parts: [TimedPart] = []
        let timeSummary = batchKeyPositions.timeSummary
        var k = firstChunk(endingAfter: time.lowerBound)
        stats.chunksExcluded = k
        while k < timeOrder.count {
            let position = timeOrder[k]
            k += 1
            if chunks[position].timeRange.start > time.upperBound { stats.chunksExcluded += timeOrder.count - k + 1; break }
            guard let entry = chunks[position].segmentIndex[key] else { stats.chunksExcluded += 1; continue }
            if let settings = compression, let t = timeSummary {
                for b in entry.batches {
                    let summary = chunks[position].batches[b].orderSummaries[t]
                    guard let lo = SegmentIndex.rawTime(summary.min), let hi = SegmentIndex.rawTime(summary.max),
                          hi >= time.lowerBound, lo <= time.upperBound else { stats.batchesSkipped += 1; continue }
                    stats.batchesRead += 1
                    let decoded = try decodedBatch(position, b, columns: columns, settings: settings)
                    let from = decoded.times.firstIndex(notBefore: time.lowerBound), to = decoded.times.firstIndex(after: time.upperBound)
                    guard from < to else { continue }
                    parts.append(TimedPart(first: decoded.times[from], last: decoded.times[to - 1], times: decoded.times,
                                           source: .batch(decoded), rows: .range(from..<to)))
                }
            }
            guard !entry.rows.isEmpty, let times = SegmentIndex.rawTimes(chunks[position].rows.columns[timeColumnIndex]) else { continue }
            stats.rowsExamined += entry.rows.count
            if entry.rowsTimeSorted {
                let from = entry.rows.partitionPoint { times[$0] < time.lowerBound }, to = entry.rows.partitionPoint { times[$0] <= time.upperBound }
                guard from < to else { continue }
                parts.append(TimedPart(first: times[entry.rows[from]], last: times[entry.rows[to - 1]], times: times,
                                       source: .rows(position), rows: .positions(entry.rows[from..<to])))
            } else {
                let picked = entry.rows.filter { time.contains(times[$0]) }.enumerated()
                    .sorted { times[$0.element] != times[$1.element] ? times[$0.element] < times[$1.element] : $0.offset < $1.offset }.map(\.element)
                guard let first = picked.first, let last = picked.last else { continue }
                parts.append(TimedPart(first: times[first], last: times[last], times: times, source: .rows(position), rows: .positions(picked[...])))
            }
        }
        let result = ordered(parts, columns: columns)
        stats.rowsReturned = result.reduce(0) { $0 + $1.rows.count }
        return ColumnScan(parts: result, statistics: stats)
    }

    /// The newest row (greatest time) whose columns equal `equals`, as typed columns: zero or one row.
    ///
    /// With a segment-key request this reads one ``SegmentIndex`` entry per chunk, newest chunk first,
    /// and stops at the first chunk that cannot hold anything newer than what was found; a compressed
    /// chunk decodes only its newest batch of the segment.
    public func latestRow(equals: [ScanRequest.Equality], columns names: [String]) throws(HypertableError) -> ColumnScan {
        try latestRow(equals: equals, projection: projection(names))
    }

    /// ``latestRow(equals:columns:)`` with the columns resolved beforehand.
    public func latestRow(equals: [ScanRequest.Equality], projection: ColumnProjection) throws(HypertableError) -> ColumnScan {
        let columns = projection.positions
        let filters = try resolve(equals)
        guard let key = segmentKey(filters) else {
            let all = try projectedScan(time: Int64.min...Int64.max, equals: equals, columns: columns)
            guard let last = all.parts.last, last.rows.count > 0 else { return all }
            let row = last.rows[last.rows.count - 1]
            return ColumnScan(parts: [ColumnScan.Part(columns: last.columns, rows: .range(row..<(row + 1)))], statistics: all.statistics)
        }
        var stats = ScanStatistics()
        stats.chunks = chunks.count
        var best: (time: Int64, source: TimedPart.Source, row: Int)?
        let timeSummary = batchKeyPositions.timeSummary
        for position in timeOrder.reversed() {
            if let b = best, b.time >= chunks[position].timeRange.end &- 1 { break }
            guard let entry = chunks[position].segmentIndex[key] else { continue }
            if let r = entry.newestRow, let times = SegmentIndex.rawTimes(chunks[position].rows.columns[timeColumnIndex]),
               best.map({ $0.time < times[r] }) ?? true {
                stats.rowsExamined += 1
                best = (times[r], .rows(position), r)
            }
            if let b = entry.newestBatch, let settings = compression, let t = timeSummary,
               let hi = SegmentIndex.rawTime(chunks[position].batches[b].orderSummaries[t].max), best.map({ $0.time < hi }) ?? true {
                stats.batchesRead += 1
                let decoded = try decodedBatch(position, b, columns: columns, settings: settings)
                guard let newest = decoded.times.indices.last else { continue }
                best = (decoded.times[newest], .batch(decoded), newest)
            }
        }
        stats.rowsReturned = best == nil ? 0 : 1
        guard let best else { return ColumnScan(parts: [], statistics: stats) }
        return ColumnScan(parts: [ColumnScan.Part(columns: vectors(best.source, columns), rows: .range(best.row..<(best.row + 1)))],
                          statistics: stats)
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
        guard isSegmentKeyed, filters.count == segmentColumns.count else { return nil }
        var key: [Value] = []
        for c in segmentColumns {
            guard let f = filters.first(where: { $0.column == c }), !f.value.isNull else { return nil }
            switch (f.value, table.columns[c].type) {
            case (.uuid, .uuid), (.text, .text), (.text, .varchar):
                key.append(f.value)  // already the stored form
            default:
                var stored = ColumnVector(type: table.columns[c].type, capacity: 1)
                guard stored.append(f.value), !stored.isNull(at: 0) else { return nil }
                key.append(stored.value(at: 0))
            }
        }
        return key
    }

    /// Whether every row and batch is reachable through the per-chunk ``SegmentIndex``: there are
    /// segment columns, the time column is not a date (whose stored days are not internal time),
    /// and once batches exist they are keyed by the segment columns and summarized on time.
    var isSegmentKeyed: Bool {
        guard !segmentColumns.isEmpty, timeColumnType != .date else { return false }
        let keys = batchKeyPositions
        if compression != nil, keys.positions == nil || keys.timeSummary == nil,
           chunks.contains(where: { !$0.batches.isEmpty }) { return false }
        return true
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
    private func decodedBatch(_ position: Int, _ b: Int, columns: [Int], settings: CompressionSettings) throws(HypertableError) -> DecodedBatchCache.Batch {
        let cache = chunks[position].decodedBatches
        var decoded: DecodedBatchCache.Batch
        var changed = false
        if let cached = cache.get(b) {
            decoded = cached
        } else {
            decoded = try decodeBatchTimes(position, b, settings: settings)
            changed = true
        }
        for c in columns where decoded.columns[c] == nil {
            try decodeBatchColumn(position, b, column: c, into: &decoded, settings: settings)
            changed = true
        }
        if changed { cache.put(b, decoded) }
        return decoded
    }

    /// Decodes a batch's time column and puts its rows in ascending time order (a batch is written
    /// in orderby order, often `time DESC`); no other column is decoded yet.
    func decodeBatchTimes(_ position: Int, _ b: Int, settings: CompressionSettings) throws(HypertableError) -> DecodedBatchCache.Batch {
        let batch = chunks[position].batches[b]
        let vector = try BatchCodec.decodeColumn(batch, column: timeColumnIndex, table: table, settings: settings, chunk: chunks[position].name,
                                                 dictionaries: chunks[position].zstdDictionaries)
        let raw = SegmentIndex.rawTimes(vector) ?? []
        var order: [Int]?
        if !zip(raw, raw.dropFirst()).allSatisfy({ $0 <= $1 }) {
            if zip(raw, raw.dropFirst()).allSatisfy({ $0 >= $1 }) {
                order = Array(raw.indices.reversed())
            } else {
                order = TimeOrder.stable(raw)
            }
        }
        var decoded = DecodedBatchCache.Batch(times: order.map { $0.map { raw[$0] } } ?? raw, order: order,
                                              columns: Array(repeating: nil, count: table.columns.count))
        decoded.columns[timeColumnIndex] = order.map { vector.gathering($0) } ?? vector
        return decoded
    }

    /// Decodes one more column of a batch into `decoded`, in the same ascending time order.
    func decodeBatchColumn(_ position: Int, _ b: Int, column c: Int, into decoded: inout DecodedBatchCache.Batch,
                           settings: CompressionSettings) throws(HypertableError) {
        let vector = try BatchCodec.decodeColumn(chunks[position].batches[b], column: c, table: table, settings: settings,
                                                 chunk: chunks[position].name, dictionaries: chunks[position].zstdDictionaries)
        decoded.columns[c] = decoded.order.map { vector.gathering($0) } ?? vector
    }

    /// A run of selected rows with its source's time values and its time span.
    private struct TimedPart {
        enum Source {
            /// A chunk's uncompressed rows, by chunk position.
            case rows(Int)
            case batch(DecodedBatchCache.Batch)
        }

        var first: Int64
        var last: Int64
        var times: [Int64]
        var source: Source
        var rows: ColumnScan.Selection
    }

    /// The requested vectors of a part's source.
    private func vectors(_ source: TimedPart.Source, _ columns: [Int]) -> [ColumnVector] {
        switch source {
        case .rows(let position): return columns.map { chunks[position].rows.columns[$0] }
        case .batch(let decoded): return columns.map { decoded.columns[$0] ?? ColumnVector(type: table.columns[$0].type) }
        }
    }

    /// Parts in ascending time order. Parts whose time spans overlap (rows inserted into a
    /// compressed chunk beside its batches, or several space partitions) are merged into one run
    /// sorted by time.
    private func ordered(_ parts: [TimedPart], columns: [Int]) -> [ColumnScan.Part] {
        let sorted = parts.count < 2 ? parts
            : parts.enumerated().sorted { $0.element.first != $1.element.first ? $0.element.first < $1.element.first : $0.offset < $1.offset }.map(\.element)
        let overlapping = zip(sorted, sorted.dropFirst()).contains { $0.last >= $1.first }
        let rows = sorted.reduce(0) { $0 + $1.rows.count }
        guard sorted.count > 1, overlapping else {
            return sorted.map { ColumnScan.Part(columns: vectors($0.source, columns), rows: $0.rows) }
        }
        let sources = sorted.map { vectors($0.source, columns) }
        let merged = columns.indices.map { c in
            ColumnVector.concatenating(sorted.indices.map { (sources[$0][c], sorted[$0].rows) }, type: table.columns[columns[c]].type)
        }
        var times: [Int64] = []
        times.reserveCapacity(rows)
        for p in sorted { for i in 0..<p.rows.count { times.append(p.times[p.rows[i]]) } }
        let order = TimeOrder.stable(times)
        return [ColumnScan.Part(columns: merged, rows: .positions(order[...]))]
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
    @inlinable func partitionPoint(_ belongs: (Element) -> Bool) -> Int {
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
    @inlinable public func firstIndex(notBefore bound: Int64) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] < bound { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The first index whose value is `> bound` in an ascending array (count when none).
    @inlinable public func firstIndex(after bound: Int64) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] <= bound { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
