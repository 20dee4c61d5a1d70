import Schema

/// Several inputs, each in time order, read as one: rows come out in the order a stable sort of
/// all of them by time gives (ties: the earlier input first, then each input's own order), while
/// memory holds about a piece of each input, not the inputs.
///
/// Per-ticker exports, or a year per file, given in any order: each file is in time order, their
/// concatenation is not. Each step reads the next piece of the input that holds the others back
/// (the one whose last row read is the oldest), then hands on every buffered row that no input
/// can still precede: older than every other input's last row read, or tied with it and from an
/// earlier input. Rows of one piece may be out of order among themselves (they are sorted as they
/// wait); a row that should have come before something already handed on means the inputs are
/// not each in time order, and ``next()`` throws ``SimulationFeed/Failure/outOfOrder`` (read them
/// whole instead). A NULL time throws ``SimulationFeed/Failure/refusedRow``.
///
/// ```swift
/// var merge = TimeOrderedMerge(inputs: pipelines.map { p in { try p.next() } },
///                              timeColumn: hypertable.timeColumnIndex, times: hypertable.internalTimes)
/// while let rows = try merge.next() { try feed.add(rows) }
/// ```
struct TimeOrderedMerge {
    /// One input: its reader and the rows read from it that are not handed on yet.
    private struct Input {
        let read: () throws -> RowSet?
        /// Waiting rows, sorted by time (stable), from `start` on.
        var rows: RowSet?
        var times: [Int64] = []
        var start = 0
        /// The time of the last row read (nil before the first piece).
        var last: Int64?
        var finished = false

        var waiting: Int { times.count - start }
    }

    private var inputs: [Input]
    private let timeColumn: Int
    private let timesOf: (ColumnVector) -> [Int64]
    /// The greatest (time, input) handed on so far: every later row must come after it.
    private var handedOn: (time: Int64, input: Int)?
    /// With `tracksInputs`, the input of each row ``next()`` last returned (empty otherwise).
    private(set) var lastInputs: [Int32] = []
    private let tracksInputs: Bool

    /// - Parameters:
    ///   - inputs: each returns its next rows (nil at its end), in time order across calls.
    ///   - timeColumn: the index of the time column in the rows.
    ///   - times: the internal time of each value of a time column (as the hypertable orders them).
    ///   - tracksInputs: keep ``lastInputs`` (which input each returned row came from).
    init(inputs: [() throws -> RowSet?], timeColumn: Int, times: @escaping (ColumnVector) -> [Int64], tracksInputs: Bool = false) {
        self.inputs = inputs.map { Input(read: $0) }
        self.timeColumn = timeColumn
        self.timesOf = times
        self.tracksInputs = tracksInputs
    }

    /// The next rows in time order (an input's rows may come in several calls), nil at the end.
    mutating func next() throws -> RowSet? {
        while true {
            let open = inputs.indices.filter { !inputs[$0].finished }
            // Every input is read once before anything goes: until then its rows could be the oldest.
            if let k = open.first(where: { inputs[$0].last == nil }) {
                try read(k)
                continue
            }
            if let out = handOn(open: open) { return out }
            // Read on in the input holding the others back: the oldest last row (earlier input on a tie).
            guard let k = open.min(by: { Self.precedes((inputs[$0].last!, $0), (inputs[$1].last!, $1)) }) else { return nil }
            try read(k)
        }
    }

    /// Reads input `k`'s next piece into its waiting rows.
    private mutating func read(_ k: Int) throws {
        guard let rows = try inputs[k].read() else {
            inputs[k].finished = true
            return
        }
        guard rows.count > 0 else { return }
        let column = rows.columns[timeColumn]
        if column.hasNulls { throw SimulationFeed.Failure.refusedRow }
        let times = timesOf(column)
        var (sorted, low, _) = TimeOrder.scan(times)
        // Nothing read now may belong before what was handed on.
        if let h = handedOn, Self.precedes((time: low, input: k), h) { throw SimulationFeed.Failure.outOfOrder }
        inputs[k].last = times[times.count - 1]
        var input = inputs[k]
        if input.waiting == 0 {
            input.rows = rows
            input.times = times
        } else {
            // The rows still waiting, then the piece (its first row may be older than their last).
            let waitingLast = input.times[input.times.count - 1]
            var all = input.rows!.rows(input.start..<input.times.count)
            all.append(contentsOf: rows)
            input.rows = all
            input.times = Array(input.times[input.start...]) + times
            if times[0] < waitingLast { sorted = false }
        }
        input.start = 0
        if !sorted {
            let t = input.times
            let order = TimeOrder.stable(t)
            input.rows = input.rows!.gathering(order)
            input.times = order.map { t[$0] }
        }
        inputs[k] = input
    }

    /// Takes the waiting rows no input can still precede, in input order (a stable sort by time of
    /// the result is the merged order); nil when none can go yet. With every input finished, all go.
    ///
    /// A row of input i at time t can still be preceded by an open input j ≠ i unless
    /// (t, i) < (j's last time, j): j's later rows are not older than its last. So the bound is the
    /// smallest such key over the open inputs, the second smallest for the input that has it.
    private mutating func handOn(open: [Int]) -> RowSet? {
        var first: (time: Int64, input: Int)?, second: (time: Int64, input: Int)?
        for j in open {
            let key = (time: inputs[j].last!, input: j)
            if first.map({ Self.precedes(key, $0) }) ?? true {
                second = first
                first = key
            } else if second.map({ Self.precedes(key, $0) }) ?? true {
                second = key
            }
        }
        var parts: [RowSet] = []
        var partInputs: [(input: Int, count: Int)] = []
        var greatest = handedOn
        for i in inputs.indices where inputs[i].waiting > 0 {
            let times = inputs[i].times
            let from = inputs[i].start
            var stop = times.count
            if let bound = first?.input == i ? second : first {
                stop = Self.firstIndex(in: times, from: from) { !Self.precedes((time: $0, input: i), bound) }
            }
            guard stop > from else { continue }
            let all = inputs[i].rows!
            parts.append(from == 0 && stop == times.count ? all : all.rows(from..<stop))
            partInputs.append((i, stop - from))
            let key = (time: times[stop - 1], input: i)
            if greatest.map({ Self.precedes($0, key) }) ?? true { greatest = key }
            if stop == times.count {
                inputs[i].rows = nil
                inputs[i].times = []
                inputs[i].start = 0
            } else {
                inputs[i].start = stop
            }
        }
        guard var out = parts.first else { return nil }
        handedOn = greatest
        if tracksInputs {
            lastInputs = partInputs.flatMap { repeatElement(Int32(truncatingIfNeeded: $0.input), count: $0.count) }
        }
        for part in parts.dropFirst() { out.append(contentsOf: part) }
        return out
    }

    /// (time, input) order: the merged order of rows from different inputs.
    private static func precedes(_ a: (time: Int64, input: Int), _ b: (time: Int64, input: Int)) -> Bool {
        a.time != b.time ? a.time < b.time : a.input < b.input
    }

    /// The first index at or after `from` whose time passes `isPast` (`times` is sorted, so the
    /// ones after pass too), `times.count` when none does.
    private static func firstIndex(in times: [Int64], from: Int, where isPast: (Int64) -> Bool) -> Int {
        var lo = from, hi = times.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isPast(times[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
