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

    /// Which local days have bars at all, when an export covers only windows of its span (a
    /// patchwork of sample days); nil: every day the weekly pattern opens.
    public struct ActiveDays: Sendable, Hashable, Codable {
        /// Local day number (days since 1970-01-01 in the calendar's zone) a window starts on.
        public var anchorDay: Int64
        /// Calendar days from the start of one window to the start of the next (≥ 1).
        public var periodDays: Int
        /// Calendar days each window lasts (1 … ``periodDays``).
        public var windowDays: Int
        /// What the pattern was fitted on: days with rows, and session days in the export's span.
        public var observedDays: Int
        public var sessionDays: Int

        public init(anchorDay: Int64, periodDays: Int, windowDays: Int, observedDays: Int, sessionDays: Int) {
            self.anchorDay = anchorDay
            self.periodDays = max(1, periodDays)
            self.windowDays = min(max(1, windowDays), max(1, periodDays))
            self.observedDays = observedDays
            self.sessionDays = sessionDays
        }

        /// Whether local day `d` lies in a window.
        public func contains(localDay d: Int64) -> Bool {
            let p = Int64(periodDays)
            let r = ((d &- anchorDay) % p + p) % p
            return r < Int64(windowDays)
        }

        enum CodingKeys: String, CodingKey {
            case anchorDay = "anchor_day", periodDays = "period_days", windowDays = "window_days"
            case observedDays = "observed_days", sessionDays = "session_days"
        }
    }

    /// IANA zone name, or `UTC`, in which ``openRanges`` are written.
    public var zone: String
    public var openRanges: [MinuteRange]
    /// Days with bars, when not every session day has them.
    public var activeDays: ActiveDays?
    /// One flag per minute of the week, rebuilt from the ranges.
    private let mask: [Bool]
    private let timeZone: PGTimeZone

    public init(zone: String, openRanges: [MinuteRange], activeDays: ActiveDays? = nil) {
        self.zone = zone
        self.openRanges = openRanges
        self.activeDays = activeDays
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

    enum CodingKeys: String, CodingKey { case zone, openRanges = "open_ranges", activeDays = "active_days" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(zone: try c.decode(String.self, forKey: .zone), openRanges: try c.decode([MinuteRange].self, forKey: .openRanges),
                  activeDays: try c.decodeIfPresent(ActiveDays.self, forKey: .activeDays))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(zone, forKey: .zone)
        try c.encode(openRanges, forKey: .openRanges)
        try c.encodeIfPresent(activeDays, forKey: .activeDays)
    }

    public static func == (a: SessionCalendar, b: SessionCalendar) -> Bool {
        a.zone == b.zone && a.openRanges == b.openRanges && a.activeDays == b.activeDays
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(zone)
        hasher.combine(openRanges)
        hasher.combine(activeDays)
    }

    /// The same weekly pattern on every day (``activeDays`` dropped): the full session a patchwork
    /// export was cut from.
    public var everyDay: SessionCalendar {
        var c = self
        c.activeDays = nil
        return c
    }

    /// Whether local day `d` (days since 1970-01-01 in ``zone``) has any open minute in the weekly
    /// pattern (``activeDays`` not consulted).
    public func isSessionDay(localDay d: Int64) -> Bool {
        let weekday = Int(((d + 4) % 7 + 7) % 7)
        return mask[(weekday * 1440)..<((weekday + 1) * 1440)].contains(true)
    }

    /// Whether the local day holding local minute `m` is in an active window.
    @inline(__always)
    private func dayIsActive(localMinute m: Int64) -> Bool {
        guard let activeDays else { return true }
        return activeDays.contains(localDay: CivilTime.floorDiv(m, 1440))
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
        let offset = timeZone.offsetSeconds(atUTC: t)
        return mask[Self.minuteOfWeek(utc: t, offsetSeconds: offset)]
            && dayIsActive(localMinute: CivilTime.floorDiv(t + Int64(offset) * 1_000_000, Self.minuteMicros))
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
                // A whole hour outside the active windows, likewise.
                if activeDays != nil, t == h * hour {
                    let local0 = CivilTime.floorDiv(h * hour + Int64(offset) * 1_000_000, Self.minuteMicros)
                    if !dayIsActive(localMinute: local0) && !dayIsActive(localMinute: local0 + 59) {
                        t += hour
                        continue
                    }
                }
            }
            if mask[Self.minuteOfWeek(utc: t, offsetSeconds: offset)],
               activeDays == nil || dayIsActive(localMinute: CivilTime.floorDiv(t + Int64(offset) * 1_000_000, Self.minuteMicros)) {
                body(t)
            }
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
