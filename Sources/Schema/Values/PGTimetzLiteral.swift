/// A `time with time zone` value read as PostgreSQL 15's `timetz_in` reads it (src/backend/utils/
/// adt/date.c, with datetime.c's `ParseDateTime` and `DecodeTimeOnly`) in a session whose zone is
/// UTC and `DateStyle` ISO, MDY, and printed as `timetz_out` prints it: `HH:MM:SS[.ffffff]` then
/// the zone (`+05`, `-03:30`, `+05:30:15`).
///
/// The text is cut into fields as `ParseDateTime` cuts it (a run of digits with `:` is a time,
/// with `-`, `/` or `.` a date, a sign starts a numeric zone, letters a word, other punctuation
/// separates), then each field is placed as `DecodeTimeOnly` places it: a time (`10:30`, `1030`,
/// `103000.5`), a zone (`+05`, `-0330`, `+5:30:15`, an abbreviation of the `Default` set, a zone
/// name, `hhmmss-zz`), `am`/`pm`, a date that only a named zone with daylight saving time needs,
/// ISO labels (`t10:30`, `j2451545`), `allballs`, `now`. The cutting, the core word table and the
/// routines that place one field are ``PGDateTimeFields``'s, the zone table
/// ``PGZoneAbbreviations``'s, zone names ``PGTimeZone``'s (and ``PGPOSIXZone``'s, as `pg_tzset`
/// falls back to tzcode). The timestamp and date readers (``PGTimestamp``) cut their text the same
/// way and place its fields with ``PGDateTimeDecoder`` (`DecodeDateTime`).
///
///     PGTimetzLiteral.parse("10:30:00.25 +05:30").map(\.text)  // .success("10:30:00.25+05:30")
///     PGTimetzLiteral.parse("1030 pm").map(\.text)             // .success("22:30:00+00"): a UTC session
///     PGTimetzLiteral.parse("13:00 pm")                        // date/time field value out of range (22008)
///     PGTimetzLiteral.parse("10:00+16")                        // time zone displacement out of range (22009)
public struct PGTimetzLiteral: Sendable, Hashable {
    typealias F = PGDateTimeFields

    /// Local time of day in microseconds (0 … 24:00:00).
    public let time: Int64
    /// The zone in seconds **west** of UTC, as PostgreSQL's `TimeTzADT.zone` holds it.
    public let zone: Int32
    /// Whether the text named the clock (`now`): its value then is the time of reading, which
    /// Chunkwise, without a clock here, gives as midnight.
    public let readsClock: Bool

    /// `timetz_out`.
    public var text: String { PGTimestamp.formatTime(time) + PGTimestamp.formatOffset(-Int(zone)) }

    /// The UTC time then the zone, as `timetz_cmp` orders values.
    public var utcMicroseconds: Int64 { time + Int64(zone) * 1_000_000 }

    /// `timetz_in` of `text`, or its refusal in PostgreSQL's words and SQLSTATE. `time_in` reads
    /// text the same way and drops the zone: `typeName` `time` words its refusals so.
    public static func parse(_ text: String, typeName: String = "time with time zone") -> Result<PGTimetzLiteral, ValueError> {
        var bytes = Array(text.utf8)
        if let nul = bytes.firstIndex(of: 0) { bytes.removeSubrange(nul...) }
        let quoted = ValueError.quoted(text)
        do throws(F.DateTimeError) {
            var fields = try F.lex(bytes)
            return .success(try decode(&fields))
        } catch {
            switch error {
            case .badFormat:
                return .failure(.refused(message: "invalid input syntax for type \(typeName): \(quoted)", sqlState: "22007"))
            case .fieldOverflow, .monthDayOverflow:
                return .failure(.refused(message: "date/time field value out of range: \(quoted)", sqlState: "22008"))
            case .zoneDisplacement:
                return .failure(.refused(message: "time zone displacement out of range: \(quoted)", sqlState: "22009"))
            case .unknownZone(let name):
                return .failure(.refused(message: "time zone \"\(name)\" not recognized", sqlState: "22023"))
            }
        }
    }

    // MARK: DecodeTimeOnly


    static func decode(_ fields: inout [F.Field]) throws(F.DateTimeError) -> PGTimetzLiteral {
        var p = F.Parts()
        var fmask = 0
        var prefix: F.Token?
        var isJulian = false, bc = false, readsClock = false
        var pm: Bool?
        var namedZone: PGTimeZone?
        var posixZone: PGPOSIXZone?
        let nf = fields.count
        for i in 0..<nf {
            var tmask = 0
            switch fields[i].kind {
            case .date:
                if i == 0 && nf >= 2 && (fields[nf - 1].kind == .date || fields[1].kind == .time) {
                    tmask = try F.decodeDate(fields[i].text, fmask: fmask, parts: &p)
                } else if let first = fields[i].text.first, first >= 0x30 && first <= 0x39 {
                    // hhmmss-zz: a run-together time, then a zone.
                    if fmask & F.timeMask == F.timeMask { throw .badFormat }
                    guard let dash = fields[i].text.firstIndex(of: UInt8(ascii: "-")) else { throw .badFormat }
                    p.zone = try F.decodeZone(Array(fields[i].text[dash...]))
                    let kind = try F.decodeNumberField(Array(fields[i].text[..<dash]), fmask: fmask | F.dateMask, tmask: &tmask, parts: &p)
                    fields[i].kind = kind
                    tmask |= F.Token.zone.mask
                } else {
                    // pg_tzset: a zone file, else a POSIX specification as tzcode reads it.
                    switch try PGDateTimeDecoder.zone(named: fields[i].string) {
                    case .named(let zone): namedZone = zone
                    case .posix(let posix): posixZone = posix
                    case .session, .west: break
                    }
                    fields[i].kind = .zone
                    tmask = F.Token.zone.mask
                }
            case .time:
                // A pending label (`t`, or `h` before `10:00`) stays pending: PostgreSQL 15 neither
                // checks nor clears it here.
                tmask = try F.decodeTime(fields[i].text, parts: &p)
            case .zone:
                p.zone = try F.decodeZone(fields[i].text)
                tmask = F.Token.zone.mask
            case .number:
                let text = fields[i].text
                if let ptype = prefix {
                    let (value, rest) = try F.strtoint(text, from: 0)
                    if let mask = try F.decodeLabelled(text, value: value, rest: rest, label: ptype, fmask: fmask, parts: &p, isJulian: &isJulian) {
                        tmask = mask
                    } else {
                        fields[i].kind = try F.decodeNumberField(text, fmask: fmask | F.dateMask, tmask: &tmask, parts: &p)
                        if tmask != F.timeMask { throw .badFormat }
                    }
                    prefix = nil
                } else if let point = text.firstIndex(of: UInt8(ascii: ".")) {
                    if i == 0 && nf >= 2 && fields[nf - 1].kind == .date {
                        tmask = try F.decodeDate(text, fmask: fmask, parts: &p)
                    } else if point > 2 {
                        fields[i].kind = try F.decodeNumberField(text, fmask: fmask | F.dateMask, tmask: &tmask, parts: &p)
                    } else {
                        throw .badFormat
                    }
                } else if text.count > 4 {
                    fields[i].kind = try F.decodeNumberField(text, fmask: fmask | F.dateMask, tmask: &tmask, parts: &p)
                } else {
                    tmask = try F.decodeNumber(text, haveTextMonth: false, fmask: fmask | F.dateMask, parts: &p)
                }
            case .string, .special:
                let word = fields[i].string
                if let east = PGZoneAbbreviations.defaultSet[word] {
                    // DecodeTimezoneAbbrev before the keywords: TZ, DTZ (daylight) or DYNTZ.
                    p.zone = -east
                    fields[i].kind = .zone
                    tmask = F.Token.zone.mask
                    if PGZoneAbbreviations.daylight.contains(word) { tmask |= F.Token.daylightZone.mask }
                    if PGZoneAbbreviations.dynamic.contains(word) { tmask |= F.Token.dynamicZone.mask }
                    break
                }
                switch F.keyword(word) {
                case .ignore?: continue
                case .reserved(let name)?:
                    switch name {
                    case "now":
                        tmask = F.timeMask
                        readsClock = true
                        (p.hour, p.minute, p.second, p.fraction) = (0, 0, 0, 0)
                    case "allballs":
                        tmask = F.timeMask | F.Token.zone.mask
                        (p.hour, p.minute, p.second) = (0, 0, 0)
                    default: throw .badFormat
                    }
                case .zoneModifier(let seconds)?:
                    tmask = F.Token.zoneModifier.mask | F.Token.daylightZone.mask
                    p.zone -= seconds
                case .meridiem(let isPM)?:
                    tmask = F.Token.meridiem.mask
                    pm = isPM
                case .era(let isBC)?:
                    tmask = F.Token.era.mask
                    bc = isBC
                case .units(let unit)?:
                    prefix = unit
                case .isoTime?:
                    guard i < nf - 1 else { throw .badFormat }
                    switch fields[i + 1].kind {
                    case .number, .time, .date: break
                    default: throw .badFormat
                    }
                    prefix = .isoTime
                case .month?, .dayOfWeek?:
                    throw .badFormat
                case nil:
                    // An all-letter zone name (`zulu`, `universal`).
                    guard let zone = PGTimeZone(name: word) else { throw .badFormat }
                    namedZone = zone
                    tmask = F.Token.zone.mask
                }
            }
            if tmask & fmask != 0 { throw .badFormat }
            fmask |= tmask
        }

        try F.validateDate(fmask: fmask, isJulian: isJulian, isTwoDigitYear: p.isTwoDigitYear, bc: bc, parts: &p)
        try F.applyMeridiem(pm, parts: &p)
        guard p.hour >= 0, p.hour <= 24, p.minute >= 0, p.minute < 60, p.second >= 0, p.second <= 60,
              p.fraction >= 0, p.fraction <= 1_000_000 else { throw .fieldOverflow }
        let time = ((Int64(p.hour) * 60 + Int64(p.minute)) * 60 + Int64(p.second)) * 1_000_000 + p.fraction
        if time > 86_400_000_000 { throw .fieldOverflow }
        if fmask & F.timeMask != F.timeMask { throw .badFormat }
        // DetermineTimeZoneOffset takes a date outside the Julian-day range (4714-11-24 BC to
        // 5874898-06-01) as UTC.
        let dateInRange = (p.year > -4713 || (p.year == -4713 && p.month >= 11)) && (p.year < 5_874_898 || (p.year == 5_874_898 && p.month < 6))
        if fmask & F.Token.dynamicZone.mask != 0 {
            // A dynamic abbreviation resolves on the date given, or today's when none is.
            if fmask & F.Token.zoneModifier.mask != 0 { throw .badFormat }
            if fmask & F.dateMask != 0 && fmask & F.dateMask != F.dateMask { throw .badFormat }
        }
        if let posixZone {
            // A POSIX zone with daylight time: its offset on the date given, which it needs.
            if fmask & F.Token.zoneModifier.mask != 0 || fmask & F.dateMask != F.dateMask { throw .badFormat }
            p.zone = dateInRange ? posixZone.secondsWest(year: p.year, month: p.month, day: p.day, secondOfDay: Int(time / 1_000_000)) : 0
        }
        if let namedZone {
            if fmask & F.Token.zoneModifier.mask != 0 { throw .badFormat }
            if let fixed = fixedOffset(namedZone) {
                p.zone = -fixed
            } else {
                // A zone with daylight saving time needs the date to know its offset.
                if fmask & F.dateMask != F.dateMask { throw .badFormat }
                if dateInRange {
                    // Past microseconds' reach a year stands in for one 400 years (a whole calendar
                    // cycle, the same weekdays) nearer: a zone's last rule holds either way.
                    let year = p.year > 100_000 ? 2400 + (p.year - 2400) % 400 : p.year
                    let local = CivilTime.days(year: year, month: p.month, day: p.day) * CivilTime.microsecondsPerDay + time
                    p.zone = -namedZone.offsetSeconds(atUTC: namedZone.utc(fromLocal: local))
                } else {
                    p.zone = 0
                }
            }
        }
        if fmask & F.Token.zone.mask == 0 {
            // The session zone, UTC, for which a daylight-saving modifier alone is wrong.
            if fmask & F.Token.zoneModifier.mask != 0 { throw .badFormat }
            if fmask & F.dateMask != 0 && fmask & F.dateMask != F.dateMask { throw .badFormat }
            p.zone = 0
        }
        return PGTimetzLiteral(time: time, zone: Int32(p.zone), readsClock: readsClock)
    }

    /// `pg_get_timezone_offset`: the offset of a zone that has only ever had one (`Etc/GMT+5`,
    /// `UTC`, a POSIX `EST5`), in seconds east; nil for a zone whose offset changed.
    static func fixedOffset(_ zone: PGTimeZone) -> Int? {
        if zone.isFixed { return zone.offsetSeconds(atUTC: 0) }
        // Local mean time before 1900, wartime and summer offsets since: sampled across history.
        let samples: [Int64] = [-5_000_000_000, -2_500_000_000, -1_000_000_000, 0, 200_000_000, 1_000_000_000, 1_700_000_000, 1_715_000_000]
        let first = zone.offsetSeconds(atUTC: samples[0] * 1_000_000)
        return samples.allSatisfy({ zone.offsetSeconds(atUTC: $0 * 1_000_000) == first }) ? first : nil
    }

}
