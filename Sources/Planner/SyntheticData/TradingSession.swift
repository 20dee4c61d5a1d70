import Schema

/// When synthetic bars exist. Kept simple and fixed in UTC (no exchange holidays, no DST):
///
/// - `futures`: CME-style, 23 hours a day, 5 sessions a week. Trading halts daily 21:00–22:00 UTC;
///   a session runs 22:00 UTC to 21:00 UTC the next day; the week opens Sunday 22:00 UTC and
///   closes Friday 21:00 UTC, so every one of the five sessions is exactly 23 h (1,380 one-minute
///   bars). (CME's real Sunday open is 17:00 Chicago time, 22:00 or 23:00 UTC with DST.)
/// - `equity`: US cash session, 14:30–21:00 UTC Monday to Friday (6.5 h, 390 one-minute bars;
///   09:30–16:00 New York in summer time, kept fixed in UTC).
public enum TradingSession: String, Sendable, CaseIterable {
    case futures
    case equity

    /// Whether the one-minute bar starting at `minute` (µs since the Unix epoch, UTC) trades.
    public func isOpen(minute: Int64) -> Bool {
        let day = CivilTime.floorDiv(minute, CivilTime.microsecondsPerDay)
        let minuteOfDay = Int((minute - day * CivilTime.microsecondsPerDay) / 60_000_000)
        // 1970-01-01 was a Thursday; weekday 0 = Sunday.
        let weekday = Int(((day % 7) + 7 + 4) % 7)
        switch self {
        case .futures:
            if minuteOfDay >= 21 * 60 && minuteOfDay < 22 * 60 { return false }
            switch weekday {
            case 6: return false
            case 0: return minuteOfDay >= 22 * 60
            case 5: return minuteOfDay < 21 * 60
            default: return true
            }
        case .equity:
            guard weekday >= 1 && weekday <= 5 else { return false }
            return minuteOfDay >= 14 * 60 + 30 && minuteOfDay < 21 * 60
        }
    }

    /// Whether US cash hours are on (volume and volatility are higher then).
    static func isUSHours(minute: Int64) -> Bool {
        let day = CivilTime.floorDiv(minute, CivilTime.microsecondsPerDay)
        let minuteOfDay = Int((minute - day * CivilTime.microsecondsPerDay) / 60_000_000)
        return minuteOfDay >= 14 * 60 && minuteOfDay < 21 * 60
    }
}
