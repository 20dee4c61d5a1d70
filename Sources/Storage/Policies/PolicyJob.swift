import Schema

/// A background job that applies a policy to one hypertable: `add_compression_policy(after)` or
/// `add_retention_policy(drop_after)`.
///
/// Both act on chunks whose *whole* range is older than `now() − after`, i.e. `range_end ≤ cutoff`
/// (`ts:src/chunk.c:2287-2330`; an end exactly at the cutoff counts). Jobs run on a fixed schedule
/// from the time the policy was added: at `start`, `start + schedule`, `start + 2·schedule`, …
public struct PolicyJob: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case compression
        case retention
    }

    /// TimescaleDB numbers user jobs from 1000 (`_timescaledb_config.bgw_job` id sequence start).
    public static let firstJobID = 1000

    public var id: Int
    public var kind: Kind
    /// `compress_after` / `drop_after`.
    public var after: PGInterval
    /// µs between runs.
    public var scheduleInterval: Int64
    /// When the job runs next (µs since the epoch).
    public var nextStart: Int64
    /// How many times the job has run.
    public internal(set) var runs: Int = 0
    /// Chunks compressed (or recompressed) / dropped over all runs.
    public internal(set) var chunksAffected: Int = 0
    /// When the job last ran.
    public internal(set) var lastRun: Int64?

    public init(id: Int, kind: Kind, after: PGInterval, scheduleInterval: Int64, nextStart: Int64) {
        self.id = id
        self.kind = kind
        self.after = after
        self.scheduleInterval = scheduleInterval
        self.nextStart = nextStart
    }

    /// 1 day: TimescaleDB's `DEFAULT_COMPRESSION_SCHEDULE_INTERVAL` (`policies_v2.h:67`) and the
    /// retention policy's schedule (`retention_api.c:169-175`).
    public static let oneDay: Int64 = 86_400_000_000
    /// 12 hours: the cap of the compression schedule for timestamp time columns (`compression_api.c:33-42`).
    public static let twelveHours: Int64 = 12 * 3_600_000_000

    /// The compression policy's default schedule: `min(chunk_time_interval / 2, 12 h)` when the
    /// time column is a timestamp type, else 1 day (`compression_api.c:269-285`).
    public static func defaultCompressionSchedule(chunkInterval: Int64, timeType: PGType) -> Int64 {
        timeType.isTimeType ? min(chunkInterval / 2, twelveHours) : oneDay
    }

    /// The retention policy's default schedule: 1 day.
    public static let defaultRetentionSchedule: Int64 = oneDay

    /// `now() − after` in the session zone (calendar days and months, as PostgreSQL subtracts an interval).
    /// A clock outside PostgreSQL's timestamp range (±294,276 years, well inside ±2^62 µs) has no
    /// cutoff: nothing is eligible, rather than overflowing the interval arithmetic.
    public func cutoff(now: Int64, zone: PGTimeZone) -> Int64 {
        let limit: Int64 = 1 << 62
        let days = UInt64(after.months.magnitude) * 31 + UInt64(after.days.magnitude)
        let (dayMicros, o1) = days.multipliedReportingOverflow(by: 86_400_000_000)
        let (span, o2) = dayMicros.addingReportingOverflow(after.microseconds.magnitude)
        guard now > -limit, now < limit, !o1, !o2, span < UInt64(limit) else { return Int64.min }
        return after.negated.added(to: now, zone: zone)
    }

    /// Runs the job once at `now`: compresses every eligible chunk that is not compressed or is
    /// partial, or drops every eligible chunk. Returns the chunks it touched.
    @discardableResult
    public mutating func run(on hypertable: inout Hypertable, now: Int64, zone: PGTimeZone) throws(HypertableError) -> [String] {
        try run(on: &hypertable, now: now, zone: zone) { (h: inout Hypertable, name: String) throws(HypertableError) in
            try h.compressChunk(named: name)
        }
    }

    /// The same, with `compress` doing each chunk's compression (a replay hands the encoding to
    /// another thread, ``BackgroundCompressions``); it returns whether the chunk changed.
    @discardableResult
    mutating func run(on hypertable: inout Hypertable, now: Int64, zone: PGTimeZone,
                      compress: (inout Hypertable, String) throws(HypertableError) -> Bool) throws(HypertableError) -> [String] {
        let cutoff = cutoff(now: now, zone: zone)
        var touched: [String] = []
        switch kind {
        case .compression:
            for chunk in hypertable.chunks where chunk.timeRange.end <= cutoff && (!chunk.isCompressed || chunk.isPartial) {
                if try compress(&hypertable, chunk.name) { touched.append(chunk.name) }
            }
        case .retention:
            touched = hypertable.dropChunks(olderThan: cutoff)
        }
        runs += 1
        chunksAffected += touched.count
        lastRun = now
        return touched
    }

    /// The earliest `range_end` of a chunk this job would act on once the cutoff reaches it.
    /// `compressing` names chunks whose compression has started and not yet been put back
    /// (``BackgroundCompressions``): they count as compressed.
    func firstCandidateEnd(_ hypertable: Hypertable, compressing: BackgroundCompressions? = nil) -> Int64? {
        var first: Int64?
        for i in hypertable.chunks.indices {
            let end = hypertable.chunks[i].timeRange.end
            if let f = first, end >= f { continue }
            if kind == .retention { first = end; continue }
            if !hypertable.chunks[i].isCompressed || hypertable.chunks[i].isPartial,
               !(compressing?.isCompressing(hypertable.chunks[i].name) ?? false) { first = end }
        }
        return first
    }

    /// How many consecutive runs from `start` (on this job's schedule, at or before `until` and
    /// before `nextRow`, when a new row changes the chunks) would touch nothing. The cutoff only
    /// grows with `now`, so the answer is found by bisection over the run count.
    func idleRuns(from start: Int64, before nextRow: Int64, until: Int64, firstCandidate: Int64?, zone: PGTimeZone) -> Int64 {
        guard scheduleInterval > 0, start <= until else { return 0 }
        let last = min(until, nextRow == Int64.min ? Int64.min : nextRow - 1)
        guard last >= start else { return 0 }
        // Runs at start + k·schedule for k in 0..<total stay before the next row and within `until`.
        let total = Int64((UInt64(bitPattern: last &- start)) / UInt64(scheduleInterval)) + 1
        guard let first = firstCandidate else { return total }
        func idle(_ k: Int64) -> Bool {
            let (offset, o1) = k.multipliedReportingOverflow(by: scheduleInterval)
            let (t, o2) = start.addingReportingOverflow(offset)
            return !o1 && !o2 && cutoff(now: t, zone: zone) < first
        }
        guard idle(0) else { return 0 }
        var lo: Int64 = 0, hi = total   // idle(lo) holds; runs at k ≥ hi are not counted here
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if idle(mid) { lo = mid } else { hi = mid }
        }
        return lo + 1
    }

    /// Counts `count` runs that touched nothing, the first at `start`.
    mutating func skipIdleRuns(_ count: Int64, from start: Int64) {
        let lastOffset = (count - 1).multipliedReportingOverflow(by: scheduleInterval)
        let last = lastOffset.overflow ? Int64.max : start.addingReportingOverflow(lastOffset.partialValue).partialValue
        runs += Int(clamping: count)
        lastRun = last
        nextStart = scheduleInterval.addingSaturated(to: last)
    }
}

extension Int64 {
    /// `self + base`, pinned to Int64.max instead of overflowing (a schedule past the end of time).
    func addingSaturated(to base: Int64) -> Int64 {
        let (sum, overflow) = base.addingReportingOverflow(self)
        return overflow ? (self > 0 ? Int64.max : Int64.min) : sum
    }
}
