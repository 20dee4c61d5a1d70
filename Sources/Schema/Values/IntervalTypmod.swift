/// An interval type's modifier: the fields it keeps (gram.y's `opt_interval`: `YEAR`, `DAY TO
/// HOUR`, `MINUTE TO SECOND(3)` …) and its fractional-second precision (`INTERVAL(0)`,
/// `SECOND(0)`), as `interval_in` applies them (timestamp.c's `INTERVAL_RANGE`,
/// `AdjustIntervalForTypmod`; datetime.c's `DecodeInterval` for a bare number).
public struct IntervalTypmod: Sendable, Hashable {
    /// The fields of `opt_interval`; `nil` in ``IntervalTypmod/fields`` is the full range.
    public enum Fields: String, Sendable, Hashable, CaseIterable {
        case year = "year", month = "month", day = "day", hour = "hour", minute = "minute", second = "second"
        case yearToMonth = "year to month", dayToHour = "day to hour", dayToMinute = "day to minute"
        case dayToSecond = "day to second", hourToMinute = "hour to minute", hourToSecond = "hour to second"
        case minuteToSecond = "minute to second"

        /// The unit a number with none after it counts (DecodeInterval's "use typmod to decide
        /// what rightmost field is"): `'90' MINUTE` is 90 minutes, `'1' DAY` a day.
        var bareNumberUnit: String {
            switch self {
            case .year: return "years"
            case .month, .yearToMonth: return "months"
            case .day: return "days"
            case .hour, .dayToHour: return "hours"
            case .minute, .hourToMinute, .dayToMinute: return "minutes"
            case .second, .dayToSecond, .hourToSecond, .minuteToSecond: return "seconds"
            }
        }
    }

    /// The words `opt_interval` starts with.
    static let fieldWords: Set<String> = ["year", "month", "day", "hour", "minute", "second"]

    public var fields: Fields?
    /// Digits of a second kept, 0–6; `nil` keeps all (PostgreSQL reduces a larger one to 6 with a warning).
    public var precision: Int?

    public init(fields: Fields? = nil, precision: Int? = nil) {
        self.fields = fields
        self.precision = precision.map { min($0, 6) }
    }

    /// AdjustIntervalForTypmod: the fields below the last one kept are dropped (toward zero:
    /// `'1 day 3 hours' DAY` is `1 day`, `'36 hours' DAY` is `00:00:00`, the hours not carried
    /// into days), then the seconds rounded half away from zero to ``precision`` digits.
    public func adjust(_ value: PGInterval) -> PGInterval {
        var v = value
        let hour: Int64 = 3_600_000_000, minute: Int64 = 60_000_000
        switch fields {
        case .year?: v.months = v.months / 12 * 12; v.days = 0; v.microseconds = 0
        case .month?, .yearToMonth?: v.days = 0; v.microseconds = 0
        case .day?: v.microseconds = 0
        case .hour?, .dayToHour?: v.microseconds = v.microseconds / hour * hour
        case .minute?, .hourToMinute?, .dayToMinute?: v.microseconds = v.microseconds / minute * minute
        case .second?, .dayToSecond?, .hourToSecond?, .minuteToSecond?, nil: break
        }
        if let precision, precision < 6 {
            var scale: Int64 = 1
            for _ in precision..<6 { scale *= 10 }
            let magnitude = v.microseconds.magnitude
            let rounded = (magnitude + UInt64(scale / 2)) / UInt64(scale) * UInt64(scale)
            if let r = Int64(exactly: rounded) { v.microseconds = v.microseconds < 0 ? -r : r }
        }
        return v
    }
}

extension PGInterval {
    /// Interval text read for a type with a modifier, as `INTERVAL '1' DAY` or
    /// `INTERVAL(0) '1.5 seconds'` is: the bare number's unit and a two-part clock under
    /// `MINUTE TO SECOND` (`mm:ss`) follow the fields, then ``IntervalTypmod/adjust(_:)``.
    public init?(text: String, typmod: IntervalTypmod) {
        guard let v = PGInterval(text: text, fields: typmod.fields) else { return nil }
        self = typmod.adjust(v)
    }
}
