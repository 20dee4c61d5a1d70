import Schema

/// The exact bar calendar of a scenario: which bars exist and which chunk each lands in,
/// computed minute by minute from the session calendar, never sampled. A bar exists for every
/// bucket of its ``BarInterval`` holding at least one open minute of `[start, end)` and starting
/// in it, stamped at the bucket's start (as `generate` aggregates one-minute paths; a weekly or
/// monthly bar whose period began before `start` is not in the scenario); it
/// lands in the chunk `floor(stamp / chunk_interval) · chunk_interval` (TimescaleDB's
/// `dimension.c` alignment).
public enum BarCalendar {
    /// One chunk's bars per series (the same for every ticker), per interval.
    public struct ChunkBars: Sendable, Hashable {
        public var rangeStart: Int64
        public var rangeEnd: Int64
        /// Bars one series of each interval has in the chunk, in the scenario's interval order.
        public var barsPerSeries: [Int]
        /// The first and last bar stamps in the chunk.
        public var firstBar: Int64
        public var lastBar: Int64
        public var barsPerTicker: Int { barsPerSeries.reduce(0, +) }
    }

    /// Bars of one series of `interval` whose open minutes fall in `[from, to)`.
    public static func bars(calendar: SessionCalendar, interval: BarInterval, from: Int64, to: Int64) -> Int {
        var count = 0
        var last = Int64.min
        calendar.forEachOpenMinute(from: from, to: to) { t in
            let b = interval.bucket(containing: t)
            if b != last { last = b; count += 1 }
        }
        return count
    }

    /// Bars of one series of `interval` stamped in `[from, to)`: buckets starting there that hold an
    /// open minute anywhere (the rule ``chunks(calendar:intervals:start:end:chunkInterval:)``
    /// counts by). A week from a Wednesday noon holds six daily futures bars and one weekly bar;
    /// counting buckets with open minutes in the window counted the two half Wednesdays (7) and
    /// the two weeks they belong to (2).
    public static func barsStamped(calendar: SessionCalendar, interval: BarInterval, from: Int64, to: Int64) -> Int {
        guard from < to else { return 0 }
        var count = 0
        var last = Int64.min
        calendar.forEachOpenMinute(from: from, to: interval.barEnd(containing: to &- 1)) { t in
            let b = interval.bucket(containing: t)
            guard b != last else { return }
            last = b
            let stamp = interval.start(ofBucket: b)
            if stamp >= from && stamp < to { count += 1 }
        }
        return count
    }

    /// Every chunk that holds at least one bar, in time order.
    public static func chunks(calendar: SessionCalendar, intervals: [BarInterval], start: Int64, end: Int64,
                              chunkInterval: Int64) -> [ChunkBars] {
        let lengths = intervals
        var order: [Int64] = []
        var index: [Int64: Int] = [:]
        var out: [ChunkBars] = []
        var lastBucket = [Int64](repeating: Int64.min, count: lengths.count)
        var lastChunk = [Int64](repeating: Int64.min, count: lengths.count)
        var lastChunkSlot = [Int](repeating: -1, count: lengths.count)
        calendar.forEachOpenMinute(from: start, to: end) { t in
            for (k, interval) in lengths.enumerated() {
                let bucket = interval.bucket(containing: t)
                guard bucket != lastBucket[k] else { continue }
                lastBucket[k] = bucket
                let stamp = interval.start(ofBucket: bucket)
                guard stamp >= start else { continue }
                let chunkStart = CivilTime.floorDiv(stamp, chunkInterval) * chunkInterval
                var slot: Int
                if chunkStart == lastChunk[k] {
                    slot = lastChunkSlot[k]
                } else if let s = index[chunkStart] {
                    slot = s
                } else {
                    slot = out.count
                    index[chunkStart] = slot
                    order.append(chunkStart)
                    out.append(ChunkBars(rangeStart: chunkStart, rangeEnd: chunkStart &+ chunkInterval,
                                         barsPerSeries: [Int](repeating: 0, count: lengths.count), firstBar: stamp, lastBar: stamp))
                }
                lastChunk[k] = chunkStart
                lastChunkSlot[k] = slot
                out[slot].barsPerSeries[k] += 1
                out[slot].firstBar = min(out[slot].firstBar, stamp)
                out[slot].lastBar = max(out[slot].lastBar, stamp)
            }
        }
        return out.sorted { $0.rangeStart < $1.rangeStart }
    }
}
