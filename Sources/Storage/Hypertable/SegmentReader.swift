import Schema

/// Repeated typed reads of one segment's rows (one series: one `ticker_id, interval` of
/// `market_data`) from a snapshot of a hypertable, each run's columns built into the caller's
/// ``ColumnRunView`` once.
///
/// Built over a hypertable value (a snapshot: later changes to the original are not seen), it
/// lists, per segment of the hypertable's segment columns (the compression segmentby, or the
/// block-indexed columns before compression), the segment's *runs* in ascending time: its
/// uncompressed rows in each chunk (positions in time order) and each of its compressed batches,
/// each with its time min/max. A read is then
/// - a dictionary lookup of the segment (the role of TimescaleDB's index on the segmentby
///   columns, or of a B-tree such as migration 009's `(ticker_id, interval, timestamp)`);
/// - chunk exclusion and batch pruning in one binary search over that segment's runs by time
///   (a run is a chunk's rows or one batch, so runs whose min/max miss the range are never read);
/// - two binary searches in each remaining run's time column.
///
/// The first read of a chunk's uncompressed rows reads them in place: one view over the chunk's
/// whole columns (references to the snapshot's arrays, no row copied, built with the reader and
/// shared by the chunk's segments), the run's rows picked by position, so a first read costs its
/// searches, not a gather. A second read of the run gathers its columns into a view of their own
/// in time order and keeps it, as the first read of a batch decodes it and keeps the view, like a
/// buffer cache holds hot pages: hot reads then search plain time arrays. A class: readers are
/// shared, and passing one around costs one reference, not the snapshot's fields. Runs of one
/// segment that overlap in time (rows inserted into a compressed chunk beside its batches, or a
/// segment spread over space partitions) are merged into one view for that read.
///
/// ```swift
/// let reader = try SegmentReader<Closes>(hypertable: ht)
/// if let s = reader.segment(SegmentKey(.uuid(nq), .text("1m"))) {
///     for run in try reader.runs(segment: s, time: start...end) { … run.view.close[run.rows[0]] … }
/// }
/// ```
public final class SegmentReader<View: ColumnRunView>: Sendable {
    /// The snapshot read.
    public let hypertable: Hypertable
    /// The segment columns, in the order a ``SegmentKey`` lists their values.
    public let segmentColumnNames: [String]
    /// Segments known to the snapshot, by key (values as the columns store them): a caller with a
    /// typed key of its own can index these once.
    public let segments: [SegmentKey: Int]
    /// Per segment, its runs and how they sit in time.
    @usableFromInline let series: [Series]
    /// Per segment, its run with the greatest time (``Series/newest``), kept flat so the latest
    /// row costs no copy of a segment's run list.
    @usableFromInline let newestRuns: [Run]
    /// Per segment, ``Series/overlapping``, flat for the same reason.
    @usableFromInline let overlapping: [Bool]
    /// Per segment whose newest run is a chunk's uncompressed rows (and no other run reaches its
    /// time), a one-row view of its newest row, built with the reader: the latest row of a live
    /// series is then one array read, with no lock and no gathering.
    @usableFromInline let newestRowViews: [View?]
    /// Per uncompressed-rows run, the chunk's row positions in ascending time order (storage order on ties).
    @usableFromInline let rowPositions: [[Int]]
    /// Per chunk (by position in the snapshot), its uncompressed rows' time column as stored.
    @usableFromInline let chunkTimes: [[Int64]]
    /// Per chunk, the view over its whole uncompressed rows (references to the snapshot's arrays,
    /// built with the reader), or nil: no uncompressed row, or the view refused the columns (a NULL
    /// where it reads none, in another segment's rows), and its runs are gathered one by one.
    @usableFromInline let chunkViews: [View?]
    /// Per run slot, marked by the first read of an uncompressed-rows run (the second one gathers it).
    @usableFromInline let readOnce: WriteOnceReferences<SegmentRunReadMark>
    /// Table positions of ``ColumnRunView/columnNames``.
    private let projection: [Int]
    /// Built views, one slot per run, read without a lock.
    @usableFromInline let views: WriteOnceReferences<BuiltView>

    /// One run of a segment's rows.
    /// Plain values only, so reading one costs no reference counting.
    @usableFromInline struct Run: Sendable {
        @usableFromInline enum Source: Sendable {
            /// Uncompressed rows of the chunk: ``rowPositions`` at this index.
            case rows(Int)
            /// A compressed batch, by position in the chunk.
            case batch(Int)
        }

        @usableFromInline var chunk: Int
        @usableFromInline var source: Source
        @usableFromInline var minTime: Int64
        @usableFromInline var maxTime: Int64
        /// The run's slot in ``views``.
        @usableFromInline var slot: Int
    }

    /// A segment's runs in ascending `minTime` (then creation order).
    @usableFromInline struct Series: Sendable {
        @usableFromInline var runs: [Run]
        /// Whether some run starts before the previous one ends (so a read must merge).
        @usableFromInline var overlapping: Bool
        /// The run with the greatest `maxTime` (the first one on ties).
        @usableFromInline var newest: Int
    }

    /// A run's built view and its time column in the same ascending order.
    /// A class, so handing one out of the cache is one reference.
    @usableFromInline final class BuiltView: Sendable {
        @usableFromInline let view: View
        @usableFromInline let times: [Int64]

        @usableFromInline init(view: View, times: [Int64]) {
            self.view = view
            self.times = times
        }
    }


    /// A read's rows of one run: `view`'s rows `rows` (a range of a decoded batch's view, or
    /// positions in a chunk's view), ascending by time.
    public struct Rows: Sendable {
        public let view: View
        public let rows: ColumnScan.Selection

        @inlinable init(view: View, rows: ColumnScan.Selection) {
            self.view = view
            self.rows = rows
        }
    }

    /// Indexes the snapshot. Nil when the hypertable has no segment columns to read by (no
    /// segmentby and no block-indexed column besides time), its time column is a date, or its
    /// batches are not keyed by the segment columns; ``Hypertable/scanColumns(time:equals:columns:)``
    /// reads those. Throws when a ``ColumnRunView/columnNames`` column does not exist.
    public init?(hypertable: Hypertable) throws(HypertableError) {
        guard hypertable.isSegmentKeyed else { return nil }
        let projection = try hypertable.projection(View.columnNames).positions
        let timeColumn = hypertable.timeColumnIndex
        let timeSummary = hypertable.batchKeyPositions.timeSummary
        var ids: [SegmentKey: Int] = [:]
        var runs: [[Run]] = []
        var rowPositions: [[Int]] = []
        var slot = 0
        var chunkTimes = [[Int64]](repeating: [], count: hypertable.chunks.count)
        var chunkViews = [View?](repeating: nil, count: hypertable.chunks.count)
        for position in hypertable.timeOrder {
            let chunk = hypertable.chunks[position]
            let times = SegmentIndex.rawTimes(chunk.rows.columns[timeColumn]) ?? []
            chunkTimes[position] = times
            if chunk.rows.count > 0 { chunkViews[position] = View(columns: projection.map { chunk.rows.columns[$0] }) }
            for (key, entry) in chunk.segmentIndex.entries {
                let id: Int
                if let known = ids[SegmentKey(key)] {
                    id = known
                } else {
                    id = runs.count
                    ids[SegmentKey(key)] = id
                    runs.append([])
                }
                if !entry.rows.isEmpty {
                    let ordered = entry.rowsTimeSorted ? entry.rows
                        : entry.rows.enumerated().sorted { times[$0.element] != times[$1.element] ? times[$0.element] < times[$1.element] : $0.offset < $1.offset }.map(\.element)
                    runs[id].append(Run(chunk: position, source: .rows(rowPositions.count), minTime: times[ordered[0]],
                                        maxTime: times[ordered[ordered.count - 1]], slot: slot))
                    rowPositions.append(ordered)
                    slot += 1
                }
                for b in entry.batches {
                    guard let t = timeSummary, let lo = SegmentIndex.rawTime(chunk.batches[b].orderSummaries[t].min),
                          let hi = SegmentIndex.rawTime(chunk.batches[b].orderSummaries[t].max) else { return nil }
                    runs[id].append(Run(chunk: position, source: .batch(b), minTime: lo, maxTime: hi, slot: slot))
                    slot += 1
                }
            }
        }
        self.hypertable = hypertable
        self.segmentColumnNames = hypertable.segmentColumns.map { hypertable.table.columns[$0].name }
        self.segments = ids
        let series = runs.map { list in
            // Chunks come in time order and a chunk's batches in orderby order: usually sorted already.
            let sorted = zip(list, list.dropFirst()).allSatisfy { $0.minTime <= $1.minTime } ? list
                : list.enumerated().sorted { $0.element.minTime != $1.element.minTime ? $0.element.minTime < $1.element.minTime : $0.offset < $1.offset }.map(\.element)
            var newest = 0
            for (i, run) in sorted.enumerated() where run.maxTime > sorted[newest].maxTime { newest = i }
            return Series(runs: sorted, overlapping: zip(sorted, sorted.dropFirst()).contains { $0.maxTime >= $1.minTime }, newest: newest)
        }
        self.series = series
        self.newestRuns = series.map { $0.runs[$0.newest] }
        self.overlapping = series.map(\.overlapping)
        self.rowPositions = rowPositions
        self.chunkTimes = chunkTimes
        self.chunkViews = chunkViews
        self.readOnce = WriteOnceReferences(count: slot)
        self.projection = projection
        self.newestRowViews = series.indices.map { k in
            let run = series[k].runs[series[k].newest]
            guard !series[k].overlapping, case .rows(let r) = run.source, let position = rowPositions[r].last else { return nil }
            let rows = hypertable.chunks[run.chunk].rows
            // A view that refuses these columns leaves nil here; `newest` then throws `invalidView`.
            return View(columns: projection.map { rows.columns[$0].gathering([position]) })
        }
        self.views = WriteOnceReferences(count: slot)
    }

    /// How many segments the snapshot holds (ids `0..<segmentCount`).
    public var segmentCount: Int { series.count }

    /// The one-row view of `segment`'s newest row that the reader built up front, when it did
    /// (the newest run is a chunk's uncompressed rows that no other run overlaps): what a caller
    /// may turn into its own answer once, at construction, instead of on every call.
    @inlinable public func prebuiltNewest(segment: Int) -> View? { newestRowViews[segment] }

    /// The segment with these values of ``segmentColumnNames`` (as the columns store them:
    /// `.text` for varchar), or nil when the snapshot holds no row of it.
    @inlinable public func segment(_ key: SegmentKey) -> Int? { segments[key] }

    /// Every row of `segment` with `time.lowerBound <= time <= time.upperBound`, as runs of views in
    /// ascending time order (time-overlapping runs come merged into one).
    public func runs(segment: Int, time: ClosedRange<Int64>) throws(HypertableError) -> [Rows] {
        var out: [Rows] = []
        try forEachRun(segment: segment, time: time) { view, rows in out.append(Rows(view: view, rows: rows)) }
        return out
    }

    /// How many runs of `segment` a read of `time` visits at most (runs whose time min/max reach it).
    @inlinable
    public func runCount(segment: Int, time: ClosedRange<Int64>) -> Int {
        let s = series[segment]
        if s.overlapping { return 1 }
        return max(0, s.runs.partitionPoint { $0.minTime <= time.upperBound } - s.runs.partitionPoint { $0.maxTime < time.lowerBound })
    }

    /// ``runs(segment:time:)`` without building the list: `body(view, rows)` sees each run in
    /// ascending time order.
    @inlinable
    public func forEachRun(segment: Int, time: ClosedRange<Int64>, _ body: (View, ColumnScan.Selection) -> Void) throws(HypertableError) {
        let s = series[segment]
        if s.overlapping {
            for run in try mergedRows(s, time: time) { body(run.view, run.rows) }
            return
        }
        // Non-overlapping runs sorted by minTime are sorted by maxTime too: one binary search each way.
        var k = s.runs.partitionPoint { $0.maxTime < time.lowerBound }
        let end = s.runs.partitionPoint { $0.minTime <= time.upperBound }
        guard k < end else { return }
        while k < end {
            let run = s.runs[k]
            k += 1
            let inside = run.minTime >= time.lowerBound && run.maxTime <= time.upperBound
            if case .rows(let r) = run.source, views[run.slot] == nil, readOnce[run.slot] == nil, let view = chunkViews[run.chunk] {
                // A first read: the chunk's rows in place, this run's positions cut to the range
                // through the time column.
                readOnce.store(SegmentRunReadMark.shared, at: run.slot)
                let positions = rowPositions[r]
                if inside {
                    body(view, .positions(positions[...]))
                    continue
                }
                // Only the ends the range cuts are searched (each probe goes through the positions).
                let times = chunkTimes[run.chunk]
                let from = run.minTime >= time.lowerBound ? 0 : positions.partitionPoint { times[$0] < time.lowerBound }
                let to = run.maxTime <= time.upperBound ? positions.count : positions.partitionPoint { times[$0] <= time.upperBound }
                if from < to { body(view, .positions(positions[from..<to])) }
                continue
            }
            let built = try self.built(run)
            if inside {
                // A run inside the range (most of a long read's runs) is read whole, without searching.
                if !built.times.isEmpty { body(built.view, .range(0..<built.times.count)) }
                continue
            }
            let from = run.minTime >= time.lowerBound ? 0 : built.times.firstIndex(notBefore: time.lowerBound)
            let to = run.maxTime <= time.upperBound ? built.times.count : built.times.firstIndex(after: time.upperBound)
            if from < to { body(built.view, .range(from..<to)) }
        }
    }

    /// The row of `segment` with the greatest time (the last in time order of the newest run),
    /// reading one run and nothing else.
    @inlinable public func newest(segment: Int) throws(HypertableError) -> (view: View, row: Int)? {
        if let view = newestRowViews[segment] { return (view, 0) }
        let run = newestRuns[segment]
        if overlapping[segment] {
            // Another run may share the newest time; read them together, as a time-ordered merge would.
            guard let last = try mergedRows(series[segment], time: run.maxTime...run.maxTime).last, last.rows.count > 0 else { return nil }
            return (last.view, last.rows[last.rows.count - 1])
        }
        if case .rows = run.source {
            // The reader built this row's view up front; it has none only when the view refused the columns.
            throw refusal(ofRowsIn: run.chunk)
        }
        let done = try built(run)
        return done.times.isEmpty ? nil : (done.view, done.times.count - 1)
    }

    /// `invalidView` for a chunk's rows, naming the columns the view cannot read.
    @usableFromInline func refusal(ofRowsIn chunk: Int) -> HypertableError {
        .invalidView(columns: View.unreadableColumns(projection.map { hypertable.chunks[chunk].rows.columns[$0] }), table: hypertable.table.name)
    }

    /// How many runs have a built view (for tests of what a read touched).
    var builtRunCount: Int { views.filledCount }

    @inlinable func built(_ run: Run) throws(HypertableError) -> BuiltView {
        if let done = views[run.slot] { return done }
        return try build(run)
    }

    /// Gathers or decodes a run's columns into a new view and keeps it in its slot (a reader that
    /// built the same run at the same time may have kept its own first: both get the kept one).
    @usableFromInline func build(_ run: Run) throws(HypertableError) -> BuiltView {
        let (columns, times) = try columns(of: run)
        guard let view = View(columns: columns) else {
            throw .invalidView(columns: View.unreadableColumns(columns), table: hypertable.table.name)
        }
        return views.store(BuiltView(view: view, times: times), at: run.slot)
    }

    /// The run's ``projection`` columns and time column, rows in ascending time order.
    private func columns(of run: Run) throws(HypertableError) -> (columns: [ColumnVector], times: [Int64]) {
        let chunk = hypertable.chunks[run.chunk]
        switch run.source {
        case .rows(let r):
            let positions = rowPositions[r], times = chunkTimes[run.chunk]
            return (projection.map { chunk.rows.columns[$0].gathering(positions) }, positions.map { times[$0] })
        case .batch(let b):
            guard let settings = hypertable.compression else { return (projection.map { _ in ColumnVector(type: .int8) }, []) }
            var decoded = try hypertable.decodeBatchTimes(run.chunk, b, settings: settings)
            for c in projection where decoded.columns[c] == nil {
                try hypertable.decodeBatchColumn(run.chunk, b, column: c, into: &decoded, settings: settings)
            }
            return (projection.map { decoded.columns[$0] ?? ColumnVector(type: hypertable.table.columns[$0].type) }, decoded.times)
        }
    }

    /// The rows of time-overlapping runs in one view, sorted by time (stable in run order); not kept.
    @usableFromInline func mergedRows(_ s: Series, time: ClosedRange<Int64>) throws(HypertableError) -> [Rows] {
        var pieces: [(columns: [ColumnVector], times: ArraySlice<Int64>, rows: Range<Int>)] = []
        for run in s.runs where run.maxTime >= time.lowerBound && run.minTime <= time.upperBound {
            let (columns, times) = try columns(of: run)
            let from = times.firstIndex(notBefore: time.lowerBound), to = times.firstIndex(after: time.upperBound)
            if from < to { pieces.append((columns, times[from..<to], from..<to)) }
        }
        guard !pieces.isEmpty else { return [] }
        let merged = projection.indices.map { c in
            ColumnVector.concatenating(pieces.map { ($0.columns[c], .range($0.rows)) }, type: hypertable.table.columns[projection[c]].type)
        }
        let times = pieces.flatMap(\.times)
        let order = TimeOrder.stable(times)
        let ordered = merged.map { $0.gathering(order) }
        guard let view = View(columns: ordered) else {
            throw .invalidView(columns: View.unreadableColumns(ordered), table: hypertable.table.name)
        }
        return [Rows(view: view, rows: .range(0..<order.count))]
    }
}

/// What ``SegmentReader`` keeps in a run's slot once a read has read the run in place.
@usableFromInline final class SegmentRunReadMark: Sendable {
    @usableFromInline static let shared = SegmentRunReadMark()
}

/// The values of a hypertable's segment columns that name one segment, as the columns store them.
///
/// Holds up to two values inline, so looking up a `ticker_id, interval` segment allocates nothing.
public struct SegmentKey: Hashable, Sendable {
    @usableFromInline let first: Value
    @usableFromInline let second: Value?
    @usableFromInline let rest: [Value]

    /// The values, in segment-column order.
    public var values: [Value] { [first] + (second.map { [$0] } ?? []) + rest }

    /// A key of any length.
    public init(_ values: [Value]) {
        first = values.first ?? .null
        second = values.count > 1 ? values[1] : nil
        rest = values.count > 2 ? Array(values[2...]) : []
    }

    /// A key of two segment columns.
    @inlinable public init(_ a: Value, _ b: Value) {
        first = a
        second = b
        rest = []
    }
}
