import Schema

/// When bars exist: a weekly pattern of open minutes written in a time zone, so a session that
/// opens at 17:00 Chicago time moves with daylight saving time exactly as the exchange does.
///
/// The pattern is a list of half-open minute ranges counted from Sunday 00:00 local time
/// (0 ..< 10,080). Built-in sessions are fixed in UTC (CLI.md "plan"); a profile measured from an
/// export carries the zone its sessions were found to follow.
///
/// ```swift
/// let futures = SessionCalendar.futures
/// futures.isOpen(minute: mondayNoonUTC)   // true
/// ```
public struct SessionCalendar: Sendable, Hashable, Codable {
    /// Half-open `[start, end)` minutes since Sunday 00:00 local time.
    public struct MinuteRange: Sendable, Hashable, Codable {
        public var start: Int
        public var end: Int
        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }
    }

    public static let minutesPerWeek = 7 * 1440
    static let minuteMicros: Int64 = 60_000_000

    /// IANA zone name, or `UTC`, in which ``openRanges`` are written.
    public var zone: String
    public var openRanges: [MinuteRange]
    /// One flag per minute of the week, rebuilt from the ranges.
    private let mask: [Bool]
    private let timeZone: PGTimeZone

    public init(zone: String, openRanges: [MinuteRange]) {
        self.zone = zone
        self.openRanges = openRanges
        var m = [Bool](repeating: false, count: Self.minutesPerWeek)
        for r in openRanges {
            let lo = max(0, r.start), hi = min(Self.minutesPerWeek, r.end)
            if lo < hi { for i in lo..<hi { m[i] = true } }
        }
        mask = m
        timeZone = PGTimeZone(name: zone) ?? .utc
    }

    /// Builds the ranges from a per-minute mask (10,080 flags from Sunday 00:00 local).
    public init(zone: String, mask: [Bool]) {
        var ranges: [MinuteRange] = []
        var i = 0
        while i < min(mask.count, Self.minutesPerWeek) {
            guard mask[i] else { i += 1; continue }
            var j = i
            while j < min(mask.count, Self.minutesPerWeek), mask[j] { j += 1 }
            ranges.append(MinuteRange(start: i, end: j))
            i = j
        }
        self.init(zone: zone, openRanges: ranges)
    }

    enum CodingKeys: String, CodingKey { case zone, openRanges = "open_ranges" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(zone: try c.decode(String.self, forKey: .zone), openRanges: try c.decode([MinuteRange].self, forKey: .openRanges))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(zone, forKey: .zone)
        try c.encode(openRanges, forKey: .openRanges)
    }

    public static func == (a: SessionCalendar, b: SessionCalendar) -> Bool { a.zone == b.zone && a.openRanges == b.openRanges }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(zone)
        hasher.combine(openRanges)
    }

    /// CME-style futures in UTC: Sunday–Thursday 22:00 to 21:00 the next day (23 h, daily halt 21:00–22:00).
    public static let futures = SessionCalendar(zone: "UTC", openRanges: (0...4).map { d in
        MinuteRange(start: d * 1440 + 22 * 60, end: (d + 1) * 1440 + 21 * 60)
    })
    /// US cash equities in UTC: 14:30–21:00 Monday to Friday.
    public static let equities = SessionCalendar(zone: "UTC", openRanges: (1...5).map { d in
        MinuteRange(start: d * 1440 + 14 * 60 + 30, end: d * 1440 + 21 * 60)
    })
    /// Crypto: every minute of every day.
    public static let crypto = SessionCalendar(zone: "UTC", openRanges: [MinuteRange(start: 0, end: minutesPerWeek)])

    /// Open minutes per week.
    public var minutesOpenPerWeek: Int { mask.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// The local minute of the week (0 = Sunday 00:00) of a UTC instant given the zone offset in seconds.
    static func minuteOfWeek(utc t: Int64, offsetSeconds: Int) -> Int {
        let local = t + Int64(offsetSeconds) * 1_000_000
        let minute = CivilTime.floorDiv(local, minuteMicros)
        // 1970-01-01 00:00 was a Thursday: minute 0 of the epoch is minute 4 × 1440 of its week.
        let m = (minute + 4 * 1440) % Int64(minutesPerWeek)
        return Int(m < 0 ? m + Int64(minutesPerWeek) : m)
    }

    /// Whether the one-minute bar starting at `minute` (µs since the Unix epoch, UTC) trades.
    public func isOpen(minute t: Int64) -> Bool {
        mask[Self.minuteOfWeek(utc: t, offsetSeconds: timeZone.offsetSeconds(atUTC: t))]
    }

    /// Calls `body` with every open minute in `[start, end)` (µs, minute-aligned upwards), in order.
    /// The zone offset is looked up once per hour, so a decade of minutes costs milliseconds.
    public func forEachOpenMinute(from start: Int64, to end: Int64, _ body: (Int64) -> Void) {
        var t = CivilTime.floorDiv(start, Self.minuteMicros) * Self.minuteMicros
        if t < start { t += Self.minuteMicros }
        let hour: Int64 = 3_600_000_000
        var hourStart = Int64.min
        var offset = 0
        while t < end {
            let h = CivilTime.floorDiv(t, hour)
            if h != hourStart {
                hourStart = h
                offset = timeZone.isFixed ? timeZone.offsetSeconds(atUTC: t) : timeZone.offsetSeconds(atUTC: t)
                // Skip closed hours quickly: a whole local hour closed is skipped in one step.
                let m0 = Self.minuteOfWeek(utc: h * hour, offsetSeconds: offset)
                if m0 % 60 == 0, !mask[m0..<(m0 + 60)].contains(true), t == h * hour {
                    t += hour
                    continue
                }
            }
            if mask[Self.minuteOfWeek(utc: t, offsetSeconds: offset)] { body(t) }
            t += Self.minuteMicros
        }
    }

    /// The first open minute at or after `t`, or nil within eight days.
    public func firstOpenMinute(atOrAfter t: Int64) -> Int64? {
        var found: Int64?
        let limit = t + 8 * 86_400_000_000
        var cursor = t
        while found == nil && cursor < limit {
            let next = min(limit, cursor + 86_400_000_000)
            forEachOpenMinute(from: cursor, to: next) { m in if found == nil { found = m } }
            cursor = next
        }
        return found
    }
}
