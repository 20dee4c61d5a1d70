import Foundation

/// The unit of an integer time column holding an epoch time (`ts BIGINT` of milliseconds since
/// 1970, Zabbix's `clock` of seconds). TimescaleDB does not know it: chunk intervals and policy lags
/// of such a hypertable are integers in the column's own units, and its policies ask the
/// `integer_now` function for "now". Chunkwise needs it to run policy schedules (given in time) on
/// the column's axis and to turn time into the column's values.
public enum IntegerTimeUnit: String, Sendable, Hashable, CaseIterable {
    case seconds = "s"
    case milliseconds = "ms"
    case microseconds = "us"
    case nanoseconds = "ns"

    /// The unit's name in messages.
    public var name: String {
        switch self {
        case .seconds: return "seconds"
        case .milliseconds: return "milliseconds"
        case .microseconds: return "microseconds"
        case .nanoseconds: return "nanoseconds"
        }
    }

    /// How many units make one second.
    public var perSecond: Int64 {
        switch self {
        case .seconds: return 1
        case .milliseconds: return 1_000
        case .microseconds: return 1_000_000
        case .nanoseconds: return 1_000_000_000
        }
    }

    /// Reads `s`, `ms`, `us` (or `µs`), `ns`, and the spelled-out names.
    public init?(text: String) {
        switch text.lowercased() {
        case "s", "sec", "second", "seconds": self = .seconds
        case "ms", "millisecond", "milliseconds": self = .milliseconds
        case "us", "µs", "microsecond", "microseconds": self = .microseconds
        case "ns", "nanosecond", "nanoseconds": self = .nanoseconds
        default: return nil
        }
    }

    /// `microseconds` of time as this unit's count, rounded toward zero; nil on overflow.
    public func units(fromMicroseconds microseconds: Int64) -> Int64? {
        switch self {
        case .seconds: return microseconds / 1_000_000
        case .milliseconds: return microseconds / 1_000
        case .microseconds: return microseconds
        case .nanoseconds:
            let (v, overflow) = microseconds.multipliedReportingOverflow(by: 1_000)
            return overflow ? nil : v
        }
    }

    /// `count` units as microseconds, rounded toward zero; nil on overflow.
    public func microseconds(fromUnits count: Int64) -> Int64? {
        switch self {
        case .seconds:
            let (v, overflow) = count.multipliedReportingOverflow(by: 1_000_000)
            return overflow ? nil : v
        case .milliseconds:
            let (v, overflow) = count.multipliedReportingOverflow(by: 1_000)
            return overflow ? nil : v
        case .microseconds: return count
        case .nanoseconds: return count / 1_000
        }
    }

    /// The one unit under which `value` reads as an instant between 1980 and 2200 (epoch values of
    /// seconds, milliseconds, microseconds and nanoseconds lie three orders of magnitude apart, so
    /// at most one does); nil for a value that is no such epoch time (a block number, a counter).
    public static func inferred(fromEpochValue value: Int64) -> IntegerTimeUnit? {
        let from: Int64 = 315_532_800          // 1980-01-01 in seconds
        let to: Int64 = 7_258_118_400          // 2200-01-01
        let fits = allCases.filter { unit in
            let seconds = value / unit.perSecond
            return seconds >= from && seconds < to
        }
        return fits.count == 1 ? fits[0] : nil
    }

    /// The unit under which a `chunk_time_interval` of `interval` units is a whole number of
    /// minutes between one minute and ten years, nearest a day (the common chunk sizes): 86400 is
    /// a day of seconds, 86400000 a day of milliseconds; nil when no unit makes such a span
    /// (an interval of 10 on a counter column).
    public static func inferred(fromChunkInterval interval: Int64) -> IntegerTimeUnit? {
        guard interval > 0 else { return nil }
        let day = 86_400_000_000.0
        var best: (unit: IntegerTimeUnit, distance: Double)?
        for unit in allCases {
            guard let us = unit.microseconds(fromUnits: interval), us % 60_000_000 == 0,
                  us >= 60_000_000, us <= 3_650 * 86_400_000_000 else { continue }
            let distance = abs(log(Double(us) / day))
            if best.map({ distance < $0.distance }) ?? true { best = (unit, distance) }
        }
        return best?.unit
    }
}
