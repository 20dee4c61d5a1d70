/// A POSIX `TZ` specification as tzcode's `tzparse` reads it (src/timezone/localtime.c), which
/// `pg_tzset` falls back to for a zone written inside a date/time value when no zone file has the
/// name (`am-03`, `pm.16`, `c9t`): a standard name (one character or more, none of them a digit,
/// `,`, `-` or `+`), an offset west of Greenwich (`[±]h[:m[:s]]`, hours to 167, seconds to 60),
/// then optionally a daylight name and offset (one hour east of standard when absent), which make
/// it a zone with daylight saving time by the default rules (unless the two offsets are equal). Rules after a comma cannot occur
/// here: the date/time reader ends a field at a comma.
///
///     PGPOSIXZone.parse("am-03")   // .fixed(secondsWest: -10800)
///     PGPOSIXZone.parse("c9t")     // .daylight(standardWest: 32400, daylightWest: 28800)
///     PGPOSIXZone.parse("est")     // nil: no offset
enum PGPOSIXZone: Equatable {
    case fixed(secondsWest: Int)
    case daylight(standardWest: Int, daylightWest: Int)

    /// The offset (seconds west) of a `daylight` zone at a local date and time: daylight time by
    /// the United States' rules since 2007, which tzcode's `posixrules` default gives (second
    /// Sunday of March 02:00 to first Sunday of November 02:00; a time in the spring gap counts as
    /// standard, one in the autumn overlap as standard, as `DetermineTimeZoneOffset` takes them).
    /// Earlier years' rules are not modelled.
    func secondsWest(year: Int, month: Int, day: Int, secondOfDay: Int) -> Int {
        switch self {
        case .fixed(let west): return west
        case .daylight(let standard, let daylight):
            func sunday(month: Int, nth: Int) -> Int {
                let first = Int(CivilTime.days(year: year, month: month, day: 1))
                let weekday = ((first + 4) % 7 + 7) % 7
                return first + (7 - weekday) % 7 + 7 * (nth - 1)
            }
            let today = Int(CivilTime.days(year: year, month: month, day: day))
            let start = sunday(month: 3, nth: 2), end = sunday(month: 11, nth: 1)
            let inDaylight = (today > start || (today == start && secondOfDay >= 3 * 3600))
                && (today < end || (today == end && secondOfDay < 3600))
            return inDaylight ? daylight : standard
        }
    }

    static func parse(_ text: String) -> PGPOSIXZone? {
        let s = Array(text.utf8)
        var i = 0
        func name() -> Bool {
            let start = i
            while i < s.count, !(s[i] >= 0x30 && s[i] <= 0x39), s[i] != UInt8(ascii: ","), s[i] != UInt8(ascii: "-"),
                  s[i] != UInt8(ascii: "+") { i += 1 }
            return i > start
        }
        // getnum: digits while the value stays within `max`.
        func number(max: Int) -> Int? {
            let start = i
            var value = 0
            while i < s.count, s[i] >= 0x30 && s[i] <= 0x39 {
                value = value * 10 + Int(s[i] - 0x30)
                if value > max { return nil }
                i += 1
            }
            return i > start ? value : nil
        }
        // getoffset: a sign, then getsecs.
        func offset() -> Int? {
            var sign = 1
            if i < s.count, s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "+") {
                if s[i] == UInt8(ascii: "-") { sign = -1 }
                i += 1
            }
            guard let hours = number(max: 24 * 7 - 1) else { return nil }
            var seconds = hours * 3600
            if i < s.count, s[i] == UInt8(ascii: ":") {
                i += 1
                guard let minutes = number(max: 59) else { return nil }
                seconds += minutes * 60
                if i < s.count, s[i] == UInt8(ascii: ":") {
                    i += 1
                    // SECSPERMIN itself allowed, for a leap second.
                    guard let secs = number(max: 60) else { return nil }
                    seconds += secs
                }
            }
            return sign * seconds
        }
        guard name(), let standard = offset() else { return nil }
        if i == s.count { return .fixed(secondsWest: standard) }
        guard name() else { return nil }
        var daylight = standard - 3600
        if i < s.count {
            guard let d = offset() else { return nil }
            daylight = d
        }
        guard i == s.count else { return nil }
        // Daylight time at the standard offset changes nothing: pg_get_timezone_offset finds one
        // offset and calls the zone fixed.
        return daylight == standard ? .fixed(secondsWest: standard) : .daylight(standardWest: standard, daylightWest: daylight)
    }
}
