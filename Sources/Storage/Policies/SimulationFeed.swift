import Schema

/// Replays rows into a ``Simulation`` piece by piece, as a file is read, so memory holds the
/// chunks and a few pieces, not the whole input.
///
/// It gives exactly what ``Simulation/run(_:now:onConflict:progress:)`` gives for the rows of all
/// pieces together, on one assumption it checks: rows arrive in time order, up to reordering among
/// rows not yet needed. A job due at `T` runs once a row later than `T` has been read (all rows up
/// to `T` are then read, if the order holds), after every read row at or before `T` is inserted —
/// as one insert, so `ON CONFLICT DO UPDATE` sees the same statements. Every decision moves a
/// floor up; a row below the floor means the input is not in time order and the feed refuses it
/// with ``Failure/outOfOrder``, and the caller replays the whole input with ``Simulation/run``.
///
/// ```swift
/// var feed = SimulationFeed(simulation: simulation, now: nil, onConflict: .error)
/// while let rows = try stream.next() { try feed.add(rows) }
/// let summary = try feed.finish()
/// ```
public struct SimulationFeed: Sendable {
    /// Why a feed stopped. Either way the simulation is unusable; replay with ``Simulation/run``,
    /// which reports the error of the whole input (a later NULL time, the true last row's time, …).
    public enum Failure: Error, Sendable, Equatable {
        /// A row earlier than what the replay already assumed complete.
        case outOfOrder
        /// A NULL or infinite time, a UUID time that is not version 7, a row after `now`: ``Simulation/run`` words these for the whole input.
        case refusedRow
        /// An insert or a job failed.
        case engine(HypertableError)
    }

    /// The simulation being fed; chunks whose compression runs in ``background`` still hold their rows.
    private var running: Simulation
    /// Compressions the policies started and the feed has not yet put back.
    private var background: BackgroundCompressions
    /// The simulated clock's end (nil: the last row's time).
    public let now: Int64?
    public let onConflict: ConflictAction
    /// Unless `ON CONFLICT DO UPDATE` (whose statements must stay whole), waiting rows are inserted
    /// once this many wait and no job is due before them, so memory stays bounded without policies.
    /// Waiting rows are memory a small file's few rows carry (16,384 of them were 13 bytes a row of
    /// the real exports' peak, 123,220 rows); 4,096 took ≈ 5 % off the compressed ingest of those
    /// exports, 8,192 costs no more per row than 16,384 and saves about half the memory.
    public var insertThreshold = 1 << 13

    /// Rows read and not yet inserted, sorted by time (stable), from `pendingStart` on.
    private var pending: RowSet
    private var pendingTimes: [Int64] = []
    private var pendingStart = 0
    /// Under `ON CONFLICT DO UPDATE`, the statement (file) of each waiting row when the input
    /// says (``add(_:statements:)``); empty otherwise.
    private var pendingStatements: [Int32] = []
    private var tracksStatements = false
    /// A later row must not be earlier than this (see the type's documentation).
    private var floor = Int64.min
    private var started = false
    /// The greatest row time read.
    private var maxTime = Int64.min
    private var rowsRead = 0
    private var summary = Simulation.Summary(rowsInserted: 0, rowsSkipped: 0, finalTime: Int64.min)
    private var firstCandidate: [Int64?] = []
    private var failed = false

    public init(simulation: Simulation, now: Int64?, onConflict: ConflictAction = .error) {
        self.running = simulation
        self.background = BackgroundCompressions(inBackground: simulation.compressesInBackground)
        self.now = now
        self.onConflict = onConflict
        self.pending = RowSet(table: running.hypertable.table)
    }

    /// The simulation as the rows given so far leave it, every compression the policies started
    /// put back (waited for, when one is still running).
    public var simulation: Simulation {
        guard !background.isEmpty else { return running }
        var settled = running, compressions = background
        // Putting batches back fails only where compressing in place would have failed.
        try? compressions.settle(into: &settled.hypertable)
        return settled
    }

    private var isUpdate: Bool {
        if case .update = onConflict { return true }
        return false
    }

    /// Adds the next rows of the input (in input order) and runs what they make due.
    ///
    /// `statements` gives each row's statement when the rows come from several files loaded one
    /// after another (their order): under `ON CONFLICT DO UPDATE` each file's rows then go as
    /// statements of their own (``StatementGroups``), as ``Simulation/run(_:now:onConflict:statements:progress:)`` does.
    public mutating func add(_ rows: RowSet, statements: [Int32]? = nil) throws(Failure) {
        guard !failed else { throw .refusedRow }
        if isUpdate, let statements, statements.count == rows.count { tracksStatements = true }
        do throws(Failure) { try addRows(rows, statements: tracksStatements ? (statements ?? Array(repeating: 0, count: rows.count)) : nil) } catch {
            failed = true
            throw error
        }
    }

    /// Inserts what is left, moves the clock to `now` (or the last row's time) and runs the jobs due.
    public mutating func finish() throws(Failure) -> Simulation.Summary {
        guard !failed else { throw .refusedRow }
        failed = true
        guard let end = now ?? (rowsRead > 0 ? maxTime : nil) ?? (running.clock.now == Int64.min ? nil : running.clock.now) else {
            return Simulation.Summary(rowsInserted: 0, rowsSkipped: 0, finalTime: running.clock.now)
        }
        if !started { start(at: end) }
        try runJobs(until: end, final: true)
        try insert(upTo: nil)
        do { try background.settle(into: &running.hypertable) } catch { throw .engine(error) }
        running.clock.advance(to: end)
        summary.finalTime = running.clock.now
        failed = false
        return summary
    }

    private mutating func addRows(_ rows: RowSet, statements: [Int32]?) throws(Failure) {
        guard rows.count > 0 else { return }
        let ht = running.hypertable
        let timeIndex = ht.timeColumnIndex
        let column = rows.columns[timeIndex]
        if column.hasNulls || Hypertable.firstNonVersion7Row(column) != nil { throw .refusedRow }
        let times = ht.internalTimes(column)
        let (sorted, low, high) = TimeOrder.scan(times)
        if ht.timeColumnType.isTimeType, times.contains(where: { $0 == PGTimestamp.infinity || $0 == PGTimestamp.minusInfinity }) {
            throw .refusedRow
        }
        if let now, high > now { throw .refusedRow }
        if low < floor { throw .outOfOrder }
        if !started { start(at: low) }
        rowsRead += rows.count
        maxTime = max(maxTime, high)
        append(rows, times: times, sorted: sorted, statements: statements)
        try runJobs(until: now ?? maxTime, final: false)
        if !isUpdate, pendingTimes.count - pendingStart >= insertThreshold {
            // No job is due at or before the waiting rows' times below the next run: insert those now.
            let due = running.jobs.map(\.nextStart).min() ?? Int64.max
            try insert(upTo: due)
        }
    }

    /// Starts the clock at the first row's time, where the policies are added.
    private mutating func start(at time: Int64) {
        started = true
        floor = max(floor, time)
        running.clock.advance(to: time)
        for j in running.jobs.indices where running.jobs[j].nextStart == Int64.min {
            running.jobs[j].nextStart = running.clock.now
        }
        summary.finalTime = running.clock.now
    }

    /// Adds rows to the waiting rows, keeping them sorted by time (stable: input order for ties).
    private mutating func append(_ rows: RowSet, times: [Int64], sorted: Bool, statements: [Int32]?) {
        var rows = rows, times = times, statements = statements ?? []
        if !statements.isEmpty && pendingStatements.count != pendingTimes.count {
            pendingStatements = Array(repeating: 0, count: pendingTimes.count)
        }
        if !sorted {
            let order = TimeOrder.stable(times)
            rows = rows.gathering(order)
            times = order.map { times[$0] }
            if !statements.isEmpty { statements = order.map { statements[$0] } }
        }
        if pendingStart == pendingTimes.count {
            pending = rows
            pendingTimes = times
            pendingStatements = statements
            pendingStart = 0
        } else if let last = pendingTimes.last, times[0] >= last {
            compactPending()
            pending.append(contentsOf: rows)
            pendingTimes.append(contentsOf: times)
            pendingStatements.append(contentsOf: statements)
        } else {
            compactPending()
            var all = pending
            all.append(contentsOf: rows)
            let allTimes = pendingTimes + times
            let order = TimeOrder.stable(allTimes)
            pending = all.gathering(order)
            pendingTimes = order.map { allTimes[$0] }
            if !statements.isEmpty {
                let allStatements = pendingStatements + statements
                pendingStatements = order.map { allStatements[$0] }
            }
        }
    }

    /// Drops the inserted rows from the front of the waiting rows.
    private mutating func compactPending() {
        guard pendingStart > 0 else { return }
        pending = pending.rows(pendingStart..<pendingTimes.count)
        pendingTimes.removeFirst(pendingStart)
        if !pendingStatements.isEmpty { pendingStatements.removeFirst(pendingStart) }
        pendingStart = 0
    }

    /// Runs the jobs due while the rows they need are all read: a job due at `T` runs when a row
    /// later than `T` has been read, or (`final`) at the end of the input.
    private mutating func runJobs(until end: Int64, final: Bool) throws(Failure) {
        while let j = running.jobs.indices.min(by: { running.jobs[$0].nextStart < running.jobs[$1].nextStart }),
              running.jobs[j].nextStart <= end, running.jobs[j].nextStart != Int64.max,
              final || running.jobs[j].nextStart < maxTime {
            let due = running.jobs[j].nextStart
            try insert(upTo: due)
            // Every row up to `due` has now been inserted; a later one would change this run.
            floor = max(floor, due == Int64.max ? due : due + 1)
            running.clock.advance(to: due)
            if firstCandidate.isEmpty { firstCandidate = running.jobs.map { $0.firstCandidateEnd(running.hypertable, compressing: background) } }
            let nextRow = pendingStart < pendingTimes.count ? pendingTimes[pendingStart] : Int64.max
            // Idle runs are counted up to the next row; a row before it would have changed that count.
            if !final { floor = max(floor, nextRow) }
            let skipped = running.jobs[j].idleRuns(from: due, before: nextRow, until: end, firstCandidate: firstCandidate[j],
                                                      zone: running.zone)
            if skipped > 0 {
                running.jobs[j].skipIdleRuns(skipped, from: due)
                continue
            }
            // Compression runs in the background while later rows go to newer chunks.
            do { try background.run(&running.jobs[j], on: &running.hypertable, now: due, zone: running.zone) } catch {
                throw .engine(error)
            }
            firstCandidate = running.jobs.map { $0.firstCandidateEnd(running.hypertable, compressing: background) }
            running.jobs[j].nextStart = running.jobs[j].scheduleInterval.addingSaturated(to: due)
        }
    }

    /// Inserts the waiting rows with time ≤ `limit` (all with nil) as one statement.
    private mutating func insert(upTo limit: Int64?) throws(Failure) {
        var stop = pendingStart
        if let limit {
            // Binary search: the waiting rows are sorted.
            var hi = pendingTimes.count
            while stop < hi {
                let mid = (stop + hi) / 2
                if pendingTimes[mid] <= limit { stop = mid + 1 } else { hi = mid }
            }
        } else {
            stop = pendingTimes.count
        }
        guard stop > pendingStart else { return }
        let groups = pendingStatements.isEmpty ? [] : StatementGroups.split(Array(pendingStart..<stop), statements: pendingStatements)
        var outcome = Hypertable.InsertOutcome(inserted: 0, skipped: 0, updated: 0, createdChunks: [])
        do {
            // Finished compressions go back at once (their rows are freed); one whose chunk these
            // rows may land in is waited for.
            if groups.count > 1 {
                // Rows of several files: each file's rows are a statement of their own, in file order.
                for group in groups {
                    try background.prepareInsert(from: pendingTimes[group[0]], into: &running.hypertable)
                    let part = try running.hypertable.insert(pending.gathering(group), onConflict: onConflict)
                    outcome.inserted += part.inserted
                    outcome.skipped += part.skipped
                }
            } else {
                try background.prepareInsert(from: pendingTimes[pendingStart], into: &running.hypertable)
                outcome = try running.hypertable.insert(pending.rows(pendingStart..<stop), onConflict: onConflict)
            }
        } catch { throw .engine(error) }
        let sliceEnd = ChunkRange.timeSlice(containing: pendingTimes[pendingStart], interval: running.hypertable.options.chunkInterval,
                                           within: running.hypertable.timeSliceLimits).end
        for j in firstCandidate.indices { firstCandidate[j] = min(firstCandidate[j] ?? sliceEnd, sliceEnd) }
        summary.rowsInserted += outcome.inserted
        summary.rowsSkipped += outcome.skipped
        // Rows inserted must stay before any later one.
        floor = max(floor, pendingTimes[stop - 1])
        running.hypertable.sealChunks(endingBy: floor)
        pendingStart = stop
        if pendingStart == pendingTimes.count {
            pending = RowSet(table: pending.table)
            pendingTimes = []
            pendingStatements = []
            pendingStart = 0
        }
    }
}
