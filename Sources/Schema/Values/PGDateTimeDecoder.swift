/// PostgreSQL 15's `DecodeDateTime` (src/backend/utils/adt/datetime.c), the step `timestamptz_in`,
/// `timestamp_in` and `date_in` share: it places the fields ``PGDateTimeFields/lex(_:bufferSize:)``
/// cuts (as `ParseDateTime` cuts them) one by one — a date in one field (`2024-01-05`, `1/5/2024`,
/// `5-jan-2024`), loose numbers in month-day-year order beside a month name or after one another
/// (`Jan 5 2024`, `5 January 2024`), run-together digits (`20240105`, `240105`, `103000`), a time
/// (`10:30:00.5`), a zone (`+05`, `-0530`, an abbreviation of the `Default` set, a zone name, a
/// POSIX specification), `am`/`pm`, `BC`/`AD`, weekday names, ISO labels (`t`, `j2451545`,
/// `y2024m01d05`), the reserved words — and refuses as it refuses: a syntax error, a field out of
/// range, a zone displacement out of range, an unknown zone name.
///
/// The helpers it shares with `DecodeTimeOnly` (`DecodeDate`, `DecodeNumber`, `DecodeNumberField`,
/// `DecodeTime`, `DecodeTimezone`, `ValidateDate`) are ``PGDateTimeFields``'s.
enum PGDateTimeDecoder {
    typealias Error = PGDateTimeFields.DateTimeError
    typealias Token = PGDateTimeFields.Token
    typealias Parts = PGDateTimeFields.Parts

    /// Where the local date and time of a decoded value lie.
    enum Zone {
        /// No zone was written: the session's.
        case session
        /// A numeric zone or an abbreviation: seconds west of UTC.
        case west(Int)
        /// A zone by name, whose offset depends on the date.
        case named(PGTimeZone)
        /// A POSIX specification with daylight saving time and no zone file.
        case posix(PGPOSIXZone)
    }

    /// What the fields name (`DecodeDateTime`'s `dtype` and broken-down time).
    enum Decoded {
        /// A date and time of day (`DTK_DATE`), its zone.
        case date(Parts, Zone)
        /// `epoch`, `infinity`, `-infinity`.
        case epoch, late, early
    }

    static let zoneMask = Token.zone.mask

    /// The transaction's clock as `GetCurrentDateTime` reads it: its local date and time in the
    /// session zone, and that zone's offset then (seconds west of UTC).
    struct Clock {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
        var fraction: Int64
        var west: Int

        /// The instant `micros` (µs since 1970) in `zone`.
        init(micros: Int64, zone: PGTimeZone) {
            let east = zone.offsetSeconds(atUTC: micros)
            let local = micros &+ Int64(east) &* 1_000_000
            let day = CivilTime.floorDiv(local, CivilTime.microsecondsPerDay)
            let civil = CivilTime.civil(days: day)
            let ofDay = local &- day &* CivilTime.microsecondsPerDay
            (year, month, self.day) = (civil.year, civil.month, civil.day)
            hour = Int(ofDay / 3_600_000_000)
            minute = Int(ofDay / 60_000_000 % 60)
            second = Int(ofDay / 1_000_000 % 60)
            fraction = ofDay % 1_000_000
            west = -east
        }

        /// The local date `days` days from the clock's.
        func date(adding days: Int64) -> (year: Int, month: Int, day: Int) {
            CivilTime.civil(days: CivilTime.days(year: year, month: month, day: day) &+ days)
        }
    }

    /// `DecodeDateTime` of the fields. The words that read the clock (`now`, `today`, `tomorrow`,
    /// `yesterday`) read `clock`; without one they are refused as a syntax error.
    static func decode(_ fields: [PGDateTimeFields.Field], clock: Clock? = nil) throws(Error) -> Decoded {
        typealias L = PGDateTimeFields
        let dateMask = L.dateMask, timeMask = L.timeMask
        var p = Parts()
        var fmask = 0
        var prefix: Token?
        var haveTextMonth = false, isJulian = false, bc = false, readsClock = false
        var pm: Bool?
        var special: Decoded?
        var named: Zone?
        var dynamicAbbreviation = false
        let nf = fields.count
        for i in 0..<nf {
            var tmask = 0
            let text = fields[i].text
            switch fields[i].kind {
            case .date:
                if prefix == .julian {
                    // A whole Julian day with a zone run on (`j2451545-05`).
                    let (value, rest) = try L.strtoint(text, from: 0)
                    if value < 0 { throw .fieldOverflow }
                    (p.year, p.month, p.day) = L.julianDate(value)
                    isJulian = true
                    p.zone = try L.decodeZone(Array(text[rest...]))
                    tmask = dateMask | timeMask | zoneMask
                    prefix = nil
                } else if prefix != nil || fmask & (Token.month.mask | Token.day.mask) == Token.month.mask | Token.day.mask {
                    // With the month and day known: a zone name (`america/new_york`) or a
                    // run-together time with a zone (`103000-05`).
                    if let first = text.first, (first >= 0x30 && first <= 0x39) || prefix != nil {
                        if let pending = prefix {
                            guard pending == .isoTime else { throw .badFormat }
                            prefix = nil
                        }
                        if fmask & timeMask == timeMask { throw .badFormat }
                        guard let dash = text.firstIndex(of: UInt8(ascii: "-")) else { throw .badFormat }
                        p.zone = try L.decodeZone(Array(text[dash...]))
                        _ = try L.decodeNumberField(Array(text[..<dash]), fmask: fmask, tmask: &tmask, parts: &p)
                        tmask |= zoneMask
                    } else {
                        named = try zone(named: fields[i].string)
                        tmask = zoneMask
                    }
                } else {
                    tmask = try L.decodeDate(text, fmask: fmask, parts: &p)
                }
            case .time:
                if let pending = prefix {
                    guard pending == .isoTime else { throw .badFormat }
                    prefix = nil
                }
                tmask = try L.decodeTime(text, parts: &p)
                if timeOverflows(p) { throw .fieldOverflow }
            case .zone:
                p.zone = try L.decodeZone(text)
                tmask = zoneMask
            case .number:
                if let ptype = prefix {
                    let (value, rest) = try L.strtoint(text, from: 0)
                    if let mask = try L.decodeLabelled(text, value: value, rest: rest, label: ptype, fmask: fmask, parts: &p, isJulian: &isJulian) {
                        tmask = mask
                    } else {
                        _ = try L.decodeNumberField(text, fmask: fmask | dateMask, tmask: &tmask, parts: &p)
                        if tmask != timeMask { throw .badFormat }
                    }
                    prefix = nil
                    special = nil
                } else {
                    let point = text.firstIndex(of: UInt8(ascii: "."))
                    if point != nil && fmask & dateMask == 0 {
                        // `2024.01.05`-like: a date.
                        tmask = try L.decodeDate(text, fmask: fmask, parts: &p)
                    } else if let point, point > 2 {
                        _ = try L.decodeNumberField(text, fmask: fmask, tmask: &tmask, parts: &p)
                    } else if text.count >= 6 && (fmask & dateMask == 0 || fmask & timeMask == 0) {
                        // Six digits or more: a run-together date or time (a year of five digits
                        // is a lone number; a longer one has to come last or in an ISO date).
                        _ = try L.decodeNumberField(text, fmask: fmask, tmask: &tmask, parts: &p)
                    } else {
                        tmask = try L.decodeNumber(text, haveTextMonth: haveTextMonth, fmask: fmask, parts: &p)
                    }
                }
            case .string, .special:
                let word = fields[i].string
                // Zone abbreviations come before the words of the core table.
                if let east = PGZoneAbbreviations.defaultSet[word] {
                    p.zone = -east
                    tmask = zoneMask
                    if PGZoneAbbreviations.daylight.contains(word) { tmask |= Token.daylightZone.mask }
                    if PGZoneAbbreviations.dynamic.contains(word) {
                        // DYNTZ: its offset on the date given (here, the one in force now).
                        tmask |= Token.dynamicZone.mask
                        dynamicAbbreviation = true
                    }
                    break
                }
                switch L.keyword(word) {
                case .ignore?:
                    continue
                case .reserved(let name)?:
                    switch name {
                    case "now":
                        tmask = dateMask | timeMask | zoneMask
                        special = nil
                        if let clock {
                            (p.year, p.month, p.day, p.hour, p.minute, p.second) = (clock.year, clock.month, clock.day, clock.hour, clock.minute, clock.second)
                            p.fraction = clock.fraction
                            p.zone = clock.west
                        } else {
                            readsClock = true
                        }
                    case "today", "tomorrow", "yesterday":
                        tmask = dateMask
                        special = nil
                        if let clock {
                            // The date only: a time written before or after stays (`10:00 today`).
                            (p.year, p.month, p.day) = clock.date(adding: name == "today" ? 0 : name == "tomorrow" ? 1 : -1)
                        } else {
                            readsClock = true
                        }
                    case "allballs":
                        tmask = timeMask | zoneMask
                        (p.hour, p.minute, p.second, p.zone) = (0, 0, 0, 0)
                        special = nil
                    // PostgreSQL 15 marks only its reserved-word bit for these: other fields may
                    // follow and are read (and checked), the value stays the word's, and a later
                    // labelled number or clock word makes it a date again. A date in one field
                    // after one is refused (`DecodeDate` wants exactly the date bits).
                    case "epoch":
                        tmask = Token.reserved.mask
                        special = .epoch
                    case "infinity":
                        tmask = Token.reserved.mask
                        special = .late
                    case "-infinity":
                        tmask = Token.reserved.mask
                        special = .early
                    default:
                        throw .badFormat
                    }
                case .month(let m)?:
                    tmask = Token.month.mask
                    // A number read as the month before a month name turns out to be the day.
                    if fmask & Token.month.mask != 0 && !haveTextMonth && fmask & Token.day.mask == 0 && p.month >= 1 && p.month <= 31 {
                        p.day = p.month
                        tmask = Token.day.mask
                    }
                    haveTextMonth = true
                    p.month = m
                case .zoneModifier(let seconds)?:
                    tmask = Token.zoneModifier.mask | Token.daylightZone.mask
                    p.zone -= seconds
                case .meridiem(let isPM)?:
                    tmask = Token.meridiem.mask
                    pm = isPM
                case .era(let isBC)?:
                    tmask = Token.era.mask
                    bc = isBC
                case .dayOfWeek?:
                    tmask = Token.dayOfWeek.mask
                case .units(let unit)?:
                    tmask = 0
                    prefix = unit
                case .isoTime?:
                    tmask = 0
                    if fmask & dateMask != dateMask { throw .badFormat }
                    guard i < nf - 1 else { throw .badFormat }
                    switch fields[i + 1].kind {
                    case .number, .time, .date: break
                    default: throw .badFormat
                    }
                    prefix = .isoTime
                case nil:
                    // An all-letter zone name (`zulu` is an abbreviation; `universal`, `japan` are files).
                    guard let zone = PGTimeZone(name: word) else { throw .badFormat }
                    named = .named(zone)
                    tmask = zoneMask
                }
            }
            if tmask & fmask != 0 { throw .badFormat }
            fmask |= tmask
        }

        try L.validateDate(fmask: fmask, isJulian: isJulian, isTwoDigitYear: p.isTwoDigitYear, bc: bc, parts: &p)
        try L.applyMeridiem(pm, parts: &p)
        if let special { return special }
        if fmask & dateMask != dateMask { throw .badFormat }
        if readsClock { throw .badFormat }
        if let named {
            if fmask & Token.zoneModifier.mask != 0 { throw .badFormat }
            return .date(p, named)
        }
        if dynamicAbbreviation && fmask & Token.zoneModifier.mask != 0 { throw .badFormat }
        if fmask & zoneMask == 0 {
            if fmask & Token.zoneModifier.mask != 0 { throw .badFormat }
            return .date(p, .session)
        }
        return .date(p, .west(p.zone))
    }

    /// `pg_tzset` of a zone written in the value: a zone file's name, else a POSIX specification
    /// as tzcode reads it (a fixed one as a fixed zone); `time zone "…" not recognized` otherwise.
    static func zone(named name: String) throws(Error) -> Zone {
        let posix = PGPOSIXZone.parse(name)
        if case .fixed(let west)? = posix { return .named(.fixed(secondsEast: -west)) }
        if let zone = PGTimeZone(name: name) { return .named(zone) }
        if let posix { return .posix(posix) }
        throw .unknownZone(name)
    }

    /// `time_overflows`: a field past its range, or past 24:00:00 in all.
    static func timeOverflows(_ p: Parts) -> Bool {
        if p.hour < 0 || p.hour > 24 || p.minute < 0 || p.minute >= 60 || p.second < 0 || p.second > 60
            || p.fraction < 0 || p.fraction > 1_000_000 { return true }
        return ((Int64(p.hour) * 60 + Int64(p.minute)) * 60 + Int64(p.second)) * 1_000_000 + p.fraction > 86_400_000_000
    }

    /// `IS_VALID_JULIAN`: from 4714-11 BC to 5874898-05 (the day not looked at).
    static func isValidJulian(year: Int, month: Int) -> Bool {
        (year > -4713 || (year == -4713 && month >= 11)) && (year < 5_874_898 || (year == 5_874_898 && month < 6))
    }

    /// `time2t`: hours, minutes and seconds summed in 32 bits as C's `int` (wrapping, as the server
    /// builds with `-fwrapv`), then microseconds in 64.
    static func time2t(_ p: Parts) -> Int64 {
        let h = Int32(truncatingIfNeeded: p.hour), m = Int32(truncatingIfNeeded: p.minute), s = Int32(truncatingIfNeeded: p.second)
        let seconds = (h &* 60 &+ m) &* 60 &+ s
        return Int64(seconds) &* 1_000_000 &+ p.fraction
    }

    /// Microseconds between the Unix epoch and PostgreSQL's (2000-01-01).
    static let postgresEpochMicros: Int64 = 946_684_800_000_000
    /// `MIN_TIMESTAMP` in PostgreSQL's epoch.
    static let minTimestamp: Int64 = -211_813_488_000_000_000

    /// `tm2timestamp` without the zone: the local time in µs since PostgreSQL's epoch, or nil when
    /// it overflows.
    static func localTimestamp(_ p: Parts) -> Int64? {
        guard isValidJulian(year: p.year, month: p.month) else { return nil }
        let date = Int64(PGDateTimeFields.julianDay(year: p.year, month: p.month, day: p.day) - 2_451_545)
        let time = time2t(p)
        let result = date &* 86_400_000_000 &+ time
        if (result &- time) / 86_400_000_000 != date { return nil }
        if (result < 0 && date > 0) || (result > 0 && date < -1) { return nil }
        return result
    }
}
