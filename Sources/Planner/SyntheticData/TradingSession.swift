import Schema

/// The built-in trading calendars, fixed in UTC (no exchange holidays, no DST; CLI.md "plan"):
///
/// - `futures`: CME-style, 23 hours a day, 5 sessions a week. Trading halts daily 21:00–22:00 UTC;
///   a session runs 22:00 UTC to 21:00 UTC the next day; the week opens Sunday 22:00 UTC and
///   closes Friday 21:00 UTC, so every one of the five sessions is exactly 23 h (1,380 one-minute
///   bars).
/// - `equity` (also spelled `equities`): US cash session, 14:30–21:00 UTC Monday to Friday
///   (6.5 h, 390 one-minute bars).
/// - `crypto`: 24 × 7.
///
/// A profile measured from an export carries its own ``SessionCalendar`` (with its zone).
public enum TradingSession: String, Sendable, CaseIterable {
    case futures
    case equity
    case crypto

    /// Accepts `equities` as well as `equity`.
    public init?(name: String) {
        switch name.lowercased() {
        case "futures": self = .futures
        case "equity", "equities": self = .equity
        case "crypto": self = .crypto
        default: return nil
        }
    }

    /// The name `plan` uses (`equities` for ``equity``).
    public var planName: String { self == .equity ? "equities" : rawValue }

    public var calendar: SessionCalendar {
        switch self {
        case .futures: return .futures
        case .equity: return .equities
        case .crypto: return .crypto
        }
    }

    /// Whether the one-minute bar starting at `minute` (µs since the Unix epoch, UTC) trades.
    public func isOpen(minute: Int64) -> Bool { calendar.isOpen(minute: minute) }

    /// Whether US cash hours are on (volume and volatility are higher then).
    static func isUSHours(minute: Int64) -> Bool {
        let day = CivilTime.floorDiv(minute, CivilTime.microsecondsPerDay)
        let minuteOfDay = Int((minute - day * CivilTime.microsecondsPerDay) / 60_000_000)
        return MarketDataProfile.activeHoursUTC.contains(minuteOfDay)
    }
}
