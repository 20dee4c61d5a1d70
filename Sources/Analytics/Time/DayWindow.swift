import Schema

/// The lower bound `NOW() - (p_days || ' days')::interval` of the accuracy functions.
///
/// `p_days || ' days'` makes an interval of `p_days` *days* (not 24-hour spans), and
/// `timestamptz - interval` steps days on the calendar of the session time zone keeping the wall
/// time (`timestamptz_mi_interval` → `timestamptz_pl_interval`). In America/New_York the 7 days
/// before a Monday noon after the spring change are 167 hours. Zero days is `now` itself; negative
/// days put the bound after `now`.
///
/// The SQL's arithmetic at the extremes, as PostgreSQL 15 does it: `timestamptz_mi_interval`
/// negates the day field in 32 bits, so `-2147483648` days stays `-2147483648` (an instant about
/// 5.9 million years ahead: `timestamp out of range`, not `interval out of range`); the days are
/// then added on the calendar, and any result outside PostgreSQL's timestamps (4714-11-24 BC …
/// 294276-12-31) is `timestamp out of range`. Every `p_days` that lands inside is answered,
/// `-106000001` (292245 AD from 2026) included.
///
/// Chunkwise holds instants as µs since 1970 in 64 bits, which end at 294247-01-10; a start
/// after that (PostgreSQL's go to 294276) is given as `Int64.max`, selecting no row, as
/// PostgreSQL's later start selects none.
public enum DayWindow {
    /// 2000-01-01 00:00 UTC, PostgreSQL's epoch, in µs since the Unix epoch.
    static let postgresEpoch: Int64 = 946_684_800_000_000
    /// `MIN_TIMESTAMP` (4714-11-24 00:00 BC) and `END_TIMESTAMP` (294277-01-01 00:00), in µs since
    /// PostgreSQL's epoch, as datatype/timestamp.h defines them.
    static let minTimestamp: Int64 = -211_813_488_000_000_000
    static let endTimestamp: Int64 = 9_223_371_331_200_000_000

    /// The first instant inside the window (`created_at >= start`).
    public static func start(days: Int32, session: AnalyticsSession) throws(AnalyticsError) -> Int64 {
        // `-span->day` in C: the negation wraps at -2147483648.
        let step = Int64(0 &- days)
        // No day field, no calendar step: now itself, even in an ambiguous autumn hour.
        guard step != 0 else { return session.now }
        let zone = session.timeZone
        let day = CivilTime.microsecondsPerDay
        // The wall time in the session zone, since PostgreSQL's epoch (where every timestamp fits).
        let local = session.now - postgresEpoch + Int64(zone.offsetSeconds(atUTC: session.now)) * CivilTime.microsecondsPerSecond
        let dayNumber = CivilTime.floorDiv(local, day)
        let timeOfDay = local - dayNumber * day
        // The days stepped on the calendar, the wall time kept. A wall time two days or more
        // outside the timestamps is out of range whatever the zone's offset.
        let (dayMicros, o1) = (dayNumber + step).multipliedReportingOverflow(by: day)
        let (newLocal, o2) = dayMicros.addingReportingOverflow(timeOfDay)
        guard !o1, !o2, newLocal >= minTimestamp - 2 * day, newLocal < endTimestamp + 2 * day else { throw .timestampOutOfRange }
        // Back to the Unix epoch, where the zone's rules are read (`DetermineTimeZoneOffset`).
        let last = Int64.max - 3 * day
        guard newLocal <= last - postgresEpoch else {
            // Past Chunkwise's last instant: inside PostgreSQL's timestamps or not.
            let offset = Int64(zone.offsetSeconds(atUTC: last)) * CivilTime.microsecondsPerSecond
            guard newLocal - offset < endTimestamp else { throw .timestampOutOfRange }
            return Int64.max
        }
        let result = zone.utc(fromLocal: newLocal + postgresEpoch)
        guard result - postgresEpoch >= minTimestamp, result - postgresEpoch < endTimestamp else { throw .timestampOutOfRange }
        return result
    }
}
