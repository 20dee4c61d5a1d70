import Schema

/// The lower bound `NOW() - (p_days || ' days')::interval` of the accuracy functions.
///
/// `p_days || ' days'` makes an interval of `p_days` *days* (not 24-hour spans), and
/// `timestamptz - interval` steps days on the calendar of the session time zone keeping the wall
/// time (`timestamptz_mi_interval` → `timestamptz_pl_interval`). In America/New_York the 7 days
/// before a Monday noon after the spring change are 167 hours. Zero days is `now` itself; negative
/// days put the bound after `now`.
public enum DayWindow {
    /// PostgreSQL's earliest timestamp, 4714-11-24 00:00 BC (`MIN_TIMESTAMP`), moved from the
    /// 2000-01-01 epoch to the Unix epoch. Its last one (`END_TIMESTAMP`, 294277-01-01) lies beyond
    /// what the day bound below can reach, so only the lower end needs a check.
    static let earliestMicroseconds: Int64 = -211_813_488_000_000_000 + 946_684_800_000_000

    /// The first instant inside the window (`created_at >= start`).
    public static func start(days: Int32, session: AnalyticsSession) throws(AnalyticsError) -> Int64 {
        // -(-2147483648 days) does not fit an interval's int32 day field: PostgreSQL says so.
        guard days != Int32.min else { throw .intervalOutOfRange }
        // 106 million days × 86,400,000,000 µs still fits in Int64; PostgreSQL's whole timestamp
        // range is about 109 million days, so beyond this bound nearly every call is out of range
        // anyway (the sliver just under 294277 AD is refused here too: a documented gap).
        guard abs(Int64(days)) <= 106_000_000 else { throw .timestampOutOfRange }
        let result = PGInterval(days: -days).added(to: session.now, zone: session.timeZone)
        guard result >= earliestMicroseconds else { throw .timestampOutOfRange }
        return result
    }
}
