import Schema

/// Replays rows into a hypertable in time order while a ``SimClock`` advances, running policy
/// jobs whenever they are due — what a live system ingesting the same rows would have done.
///
/// The clock starts at the first row's time, where the policies are added, so every job first
/// runs then and then on its fixed schedule. Before each job run, every row whose time is at or
/// before the run time has been inserted. Jobs due at the same instant run in the order they were
/// added. After the last row the clock moves to `now` and the jobs due until then run.
public struct Simulation: Sendable {
    public var hypertable: Hypertable
    public var jobs: [PolicyJob]
    public var clock: SimClock
    public var zone: PGTimeZone
    /// Whether the compression policy's encoding runs on other threads while later rows
    /// are inserted (``BackgroundCompressions``); the result is the same either way.
    var compressesInBackground = true

    /// What one simulation did.
    public struct Summary: Sendable, Hashable {
        public var rowsInserted: Int
        public var rowsSkipped: Int
        public var finalTime: Int64
    }

    public init(hypertable: Hypertable, zone: PGTimeZone = .utc) {
        self.hypertable = hypertable
        self.jobs = []
        self.clock = SimClock(now: Int64.min)
        self.zone = zone
    }

    /// Adds `add_compression_policy(after)`; `schedule` defaults to TimescaleDB's default.
    public mutating func addCompressionPolicy(after: PGInterval, schedule: Int64? = nil) throws(HypertableError) {
        guard hypertable.compression != nil else {
            throw .invalidCompressionSettings("columnstore not enabled on hypertable \"\(hypertable.table.name)\"")
        }
        let every = schedule ?? PolicyJob.defaultCompressionSchedule(chunkInterval: hypertable.options.chunkInterval,
                                                                     timeType: hypertable.timeColumnType)
        guard every > 0 else { throw .invalidSchedule(every) }
        jobs.append(PolicyJob(id: PolicyJob.firstJobID + jobs.count, kind: .compression, after: after,
                              scheduleInterval: every, nextStart: Int64.min))
    }

    /// Adds `add_retention_policy(drop_after)`; `schedule` defaults to 1 day.
    public mutating func addRetentionPolicy(dropAfter: PGInterval, schedule: Int64? = nil) throws(HypertableError) {
        guard (schedule ?? 1) > 0 else { throw .invalidSchedule(schedule ?? 0) }
        jobs.append(PolicyJob(id: PolicyJob.firstJobID + jobs.count, kind: .retention, after: dropAfter,
                              scheduleInterval: schedule ?? PolicyJob.defaultRetentionSchedule, nextStart: Int64.min))
    }

    /// Inserts `rows` in time order (stable for equal times) and runs due jobs up to `now`
    /// (default: the last row's time). `progress` is called with (rows done, rows total).
    ///
    /// `statements` gives each row's statement when `rows` hold several files loaded one after
    /// another: under `ON CONFLICT DO UPDATE` each file's rows of one insert then go as a statement
    /// of their own, in file order (``StatementGroups``), so a later file's row replaces an
    /// earlier file's row with its key instead of failing as a second update in one statement.
    public mutating func run(_ rows: RowSet, now: Int64? = nil, onConflict: ConflictAction = .error,
                             statements: [Int32]? = nil,
                             progress: ((Int, Int) -> Void)? = nil) throws(HypertableError) -> Summary {
        var byStatement: [Int32]?
        if case .update = onConflict, let statements, statements.count == rows.count { byStatement = statements }
        let timeIndex = hypertable.timeColumnIndex
        let times = hypertable.internalTimes(rows.columns[timeIndex])
        if let r = (0..<rows.count).first(where: { rows.columns[timeIndex].isNull(at: $0) }) {
            throw .nullTime(column: hypertable.options.timeColumn, row: r)
        }
        if let r = Hypertable.firstNonVersion7Row(rows.columns[timeIndex]), case .uuid(let ids) = rows.columns[timeIndex].storage {
            throw .notVersion7UUID(column: hypertable.options.timeColumn, row: r, value: ids[r])
        }
        if hypertable.timeColumnType.isTimeType,
           let r = (0..<rows.count).first(where: { times[$0] == PGTimestamp.infinity || times[$0] == PGTimestamp.minusInfinity }) {
            throw .infiniteTime(column: hypertable.options.timeColumn, row: r)
        }
        // Input already in time order (an export usually is) keeps its order: the stable sort would
        // give the same, and each insert takes a range of rows instead of gathering them one by one.
        let inOrder = zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }
        let order = inOrder ? Array(0..<rows.count) : TimeOrder.stable(times)
        // No rows and no `now`: there is no time to run anything at.
        guard let end = now ?? order.last.map({ times[$0] }) ?? (clock.now == Int64.min ? nil : clock.now) else {
            return Summary(rowsInserted: 0, rowsSkipped: 0, finalTime: clock.now)
        }
        if let now, let last = order.last.map({ times[$0] }), now < last { throw .nowBeforeData(now: now, lastRow: last) }
        let start = order.first.map { times[$0] } ?? end
        clock.advance(to: start)
        for j in jobs.indices where jobs[j].nextStart == Int64.min { jobs[j].nextStart = clock.now }
        var summary = Summary(rowsInserted: 0, rowsSkipped: 0, finalTime: clock.now)
        var next = 0
        var firstCandidate: [Int64?] = []
        // The compression policy's encoding runs on another thread while later rows are inserted
        // (see ``BackgroundCompressions``, which says why the result is the same).
        var compressions = BackgroundCompressions(inBackground: compressesInBackground)
        func insert(upTo limit: Int64?) throws(HypertableError) {
            var stop = next
            while stop < order.count, limit.map({ times[order[stop]] <= $0 }) ?? true { stop += 1 }
            guard stop > next else { return }
            let groups = byStatement.map { StatementGroups.split(Array(order[next..<stop]), statements: $0) } ?? []
            var outcome = Hypertable.InsertOutcome(inserted: 0, skipped: 0, updated: 0, createdChunks: [])
            for group in groups.count > 1 ? groups : [[]] {
                // One statement: the rows in order; several: each file's rows (positions in `rows`).
                let positions = group.isEmpty ? order[next..<stop] : group[...]
                try compressions.prepareInsert(from: times[positions.first!], into: &hypertable)
                let part = group.isEmpty && inOrder ? rows.rows(next..<stop) : rows.gathering(Array(positions))
                let attempt = Result { () throws(HypertableError) in try hypertable.insert(part, onConflict: onConflict) }
                if case .failure(let failure) = attempt, case .uniqueViolation(var v) = failure, (0..<positions.count).contains(v.incomingRow) {
                    // Name the row by its position in `rows` (so callers can give its file and line), not in the batch.
                    v.incomingRow = positions[positions.startIndex + v.incomingRow]
                    throw .uniqueViolation(v)
                }
                let done = try attempt.get()
                outcome.inserted += done.inserted
                outcome.skipped += done.skipped
            }
            // The chunks the rows land in are (again) candidates of every job; the earliest is the first row's.
            let sliceEnd = ChunkRange.timeSlice(containing: times[order[next]], interval: hypertable.options.chunkInterval,
                                                  within: hypertable.timeSliceLimits).end
            for j in firstCandidate.indices { firstCandidate[j] = min(firstCandidate[j] ?? sliceEnd, sliceEnd) }
            summary.rowsInserted += outcome.inserted
            summary.rowsSkipped += outcome.skipped
            next = stop
            progress?(next, order.count)
        }
        func runJobs(until end: Int64) throws(HypertableError) {
            while let j = jobs.indices.min(by: { jobs[$0].nextStart < jobs[$1].nextStart }), jobs[j].nextStart <= end, jobs[j].nextStart != Int64.max {
                let due = jobs[j].nextStart
                try insert(upTo: due)
                clock.advance(to: due)
                // Runs that would find nothing to do are counted, not stepped through one by one: until
                // the next row arrives nothing changes but the cutoff, so the next run that does work is
                // the first whose cutoff reaches an eligible chunk (found by bisection), a 2 µs chunk
                // interval or a clock 18,000 years ahead costs a few steps, not billions.
                // Each job's earliest candidate chunk end is kept between runs: it only moves when rows
                // arrive (the chunks they land in become candidates) or a run did work.
                if firstCandidate.isEmpty { firstCandidate = jobs.map { $0.firstCandidateEnd(hypertable, compressing: compressions) } }
                let nextRow = next < order.count ? times[order[next]] : Int64.max
                let skipped = jobs[j].idleRuns(from: due, before: nextRow, until: end, firstCandidate: firstCandidate[j], zone: zone)
                if skipped > 0 {
                    jobs[j].skipIdleRuns(skipped, from: due)
                    continue
                }
                try compressions.run(&jobs[j], on: &hypertable, now: due, zone: zone)
                firstCandidate = jobs.map { $0.firstCandidateEnd(hypertable, compressing: compressions) }
                jobs[j].nextStart = jobs[j].scheduleInterval.addingSaturated(to: due)
            }
        }
        do {
            try runJobs(until: end)
            try insert(upTo: nil)
            try compressions.settle(into: &hypertable)
        } catch {
            // What the statements and jobs before the failure did stays, compressions included.
            try? compressions.settle(into: &hypertable)
            throw error
        }
        clock.advance(to: end)
        summary.finalTime = clock.now
        return summary
    }
}
