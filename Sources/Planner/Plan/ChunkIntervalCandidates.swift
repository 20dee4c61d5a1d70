import Dispatch
import Schema
import Storage
import Synchronization

/// The chunk intervals the memory advice weighs, each measured as the plan measures its own
/// interval: the session calendar cut into that interval's chunks (exact), the chunks the
/// hypertable holds at `--now`, and the newest chunk once full (the largest of the last eight up
/// to `--now`), sized as ``measures(current:)`` says.
///
/// Before, a candidate was the current newest chunk's bytes per row times a day's rows scaled by
/// length and its count the horizon divided by its length: `plan --chunk-interval '1 hour'` held
/// 11,983 chunks with a 352 KB newest chunk where the 1-day plan's candidate listed 17,495 chunks
/// of 278 KB (weekends and halts have no chunks; an hour of a session is busier than a day's
/// average hour), and its 7-day candidate was 20 % over the 7-day plan's own figure.
struct ChunkIntervalCandidates: Sendable {
    /// The candidates, shortest first.
    static let intervals: [(name: String, micros: Int64)] = [
        ("1 hour", 3_600_000_000), ("6 hours", 21_600_000_000), ("12 hours", 43_200_000_000), ("1 day", 86_400_000_000),
        ("2 days", 172_800_000_000), ("7 days", 604_800_000_000), ("14 days", 1_209_600_000_000), ("30 days", 2_592_000_000_000),
    ]

    /// One candidate's figures.
    struct Measure: Sendable {
        var name: String
        var micros: Int64
        /// The newest chunk once full, uncompressed with its indexes (page-rounded).
        var activeChunkBytes: Int
        /// Chunks the hypertable holds at `--now` (each hash partition's chunk counted).
        var chunksAtNow: Int
        /// Rows of an average chunk held at `--now`.
        var rowsPerChunk: Double
    }

    var scenario: Scenario
    var rowBudget: Int
    var partitions: HashPartitions
    var clock: PolicyClock
    /// Rows of a chunk with these bars (the plan's coverage of each interval applied).
    var rows: @Sendable (BarCalendar.ChunkBars) -> Int
    /// A time slice's uncompressed bytes (page-rounded, partitions summed) for a chunk longer than
    /// the plan's with this many bars per ticker: the plan's sampled shapes extended linearly in
    /// bars, as a chunk's sizes are a fixed part plus a part per row (``ChunkSampler/boundedSizes``).
    var uncompressedBytes: @Sendable (_ barsPerTicker: Int) -> Int

    /// Every candidate; the one equal to the plan's own interval is `current` (already measured).
    /// A candidate shorter than the plan's interval has its newest chunk generated and sized (its
    /// fixed pages weigh too much for a straight line: a 1-hour chunk of crypto bars is twice what
    /// the line through 1-day chunks gives); a longer one is sized on the line (within 6 % of its
    /// own plan on the futures, crypto and equities defaults, where generating a 7-day chunk cost a
    /// second and more).
    func measures(current: Measure) throws(PlanError) -> [Measure] {
        let s = scenario
        let cutoff = clock.retentionCutoff(at: s.now)
        let found = Mutex<[Int: (Measure, BarCalendar.ChunkBars?)]>([:])
        let (perSlice, rows, bytes) = (partitions.chunksPerSlice, self.rows, uncompressedBytes)
        let intervals = s.intervals.compactMap(BarInterval.init(name:))
        DispatchQueue.concurrentPerform(iterations: Self.intervals.count) { k in
            let candidate = Self.intervals[k]
            var m = Measure(name: candidate.name, micros: candidate.micros, activeChunkBytes: 0, chunksAtNow: 0, rowsPerChunk: 0)
            var newest: BarCalendar.ChunkBars?
            defer { found.withLock { $0[k] = (m, newest) } }
            if candidate.micros == s.chunkInterval {
                m = current
                return
            }
            // Only chunks that can still be held at --now: from the retention cutoff's chunk on,
            // to the end of the chunk --now falls in.
            let held = cutoff == Int64.min ? s.start : Swift.max(s.start, Self.chunkStart(cutoff, candidate.micros))
            let (nowChunkEnd, _) = Self.chunkStart(s.now, candidate.micros).addingReportingOverflow(candidate.micros)
            let until = Swift.min(s.end, Swift.max(held, nowChunkEnd))
            guard until > held else { return }
            // More chunk ranges than a plan takes (a 1-hour candidate of a century): the newest
            // from the last nine ranges, the count and average rows in proportion to the plan's own.
            let tooMany = (Double(until) - Double(held)) / Double(candidate.micros) + 1 > Double(Scenario.maximumChunkRanges)
            let from = tooMany ? until - 9 * candidate.micros : held
            let chunks = BarCalendar.chunks(calendar: s.calendar, intervals: intervals, start: from, end: until, chunkInterval: candidate.micros)
                .filter { $0.firstBar <= s.now && $0.rangeEnd > cutoff }
            guard !chunks.isEmpty else { return }
            if tooMany {
                let ratio = Double(s.chunkInterval) / Double(candidate.micros)
                m.chunksAtNow = Int(Swift.min(Double(Int.max / 2), (Double(current.chunksAtNow) * ratio).rounded()))
                m.rowsPerChunk = current.rowsPerChunk / ratio
            } else {
                m.chunksAtNow = chunks.count * perSlice
                m.rowsPerChunk = Double(chunks.reduce(0) { $0 + rows($1) }) / Double(chunks.count)
            }
            // The newest chunk once full: the largest of the last eight up to now.
            let busiest = chunks.suffix(8).max { rows($0) < rows($1) }!
            if candidate.micros > s.chunkInterval { m.activeChunkBytes = bytes(busiest.barsPerTicker) } else { newest = busiest }
        }
        var measures = found.withLock { all in Self.intervals.indices.map { all[$0]! } }
        // The shorter candidates' newest chunks, at every sampled partition width, sized concurrently.
        let jobs = measures.indices.flatMap { k in
            measures[k].1.map { chunk in
                partitions.sampledWidths.map {
                    ChunkSampler.SizingJob(key: k, width: $0, window: (Swift.max(chunk.rangeStart, s.start), Swift.min(chunk.rangeEnd, s.end)),
                                           barsPerTicker: chunk.barsPerTicker, chunkInterval: Self.intervals[k].micros)
                }
            } ?? []
        }
        for (k, widths) in try ChunkSampler.concurrentSizes(scenario: s, jobs: jobs, rowBudget: rowBudget) {
            measures[k].0.activeChunkBytes = Int(partitions.slice(measured: widths.mapValues(\.sizes)).before.pageRounded.total)
        }
        return measures.map(\.0)
    }

    /// The start of the chunk of `interval` that holds `t` (chunks are aligned to the epoch).
    static func chunkStart(_ t: Int64, _ interval: Int64) -> Int64 {
        let (start, overflow) = CivilTime.floorDiv(t, interval).multipliedReportingOverflow(by: interval)
        return overflow ? (t < 0 ? Int64.min : Int64.max) : start
    }
}
