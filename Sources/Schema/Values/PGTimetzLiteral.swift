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
/// ISO labels (`t10:30`, `j2451545`), `allballs`, `now`. The words of the calendar and zone tables
/// are ``PGDateTimeFields``'s and ``PGZoneAbbreviations``'s, zone names ``PGTimeZone``'s (and
/// ``PGPOSIXZone``'s, as `pg_tzset` falls back to tzcode). The timestamp readers
/// (``PGTimestamp``, ``PGDateTimeFields``) recognise whole spellings rather than cutting fields;
/// refusing in the server's words, field by field, needs `ParseDateTime`'s own cutting, kept here.
///
///     PGTimetzLiteral.parse("10:30:00.25 +05:30").map(\.text)  // .success("10:30:00.25+05:30")
///     PGTimetzLiteral.parse("1030 pm").map(\.text)             // .success("22:30:00+00"): a UTC session
///     PGTimetzLiteral.parse("13:00 pm")                        // date/time field value out of range (22008)
///     PGTimetzLiteral.parse("10:00+16")                        // time zone displacement out of range (22009)
public struct PGTimetzLiteral: Sendable, Hashable {
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
        do throws(DateTimeError) {
            var fields = try lex(bytes)
            return .success(try decode(&fields))
        } catch {
            switch error {
            case .badFormat:
                return .failure(.refused(message: "invalid input syntax for type \(typeName): \(quoted)", sqlState: "22007"))
            case .fieldOverflow:
                return .failure(.refused(message: "date/time field value out of range: \(quoted)", sqlState: "22008"))
            case .zoneDisplacement:
                return .failure(.refused(message: "time zone displacement out of range: \(quoted)", sqlState: "22009"))
            case .unknownZone(let name):
                return .failure(.refused(message: "time zone \"\(name)\" not recognized", sqlState: "22023"))
            }
        }
    }

    /// datetime.c's `DTERR_*` codes, and the one refusal `DecodeTimeOnly` raises itself.
    enum DateTimeError: Error {
        case badFormat, fieldOverflow, zoneDisplacement
        case unknownZone(String)
    }

    /// `ParseDateTime`'s field kinds.
    enum FieldKind { case number, string, date, time, zone, special }

    struct Field {
        var text: [UInt8]
        var kind: FieldKind
        var string: String { String(decoding: text, as: UTF8.self) }
    }

    // MARK: ParseDateTime

    /// The fields of `s` (at most `MAXDATEFIELDS`, 25, and as many bytes, a terminator after each
    /// field, as the input function's work buffer holds: `bufferSize`, `MAXDATELEN + 1` = 129 for
    /// `timetz_in`, `time_in` and `date_in`, `MAXDATELEN + MAXDATEFIELDS` = 153 for the timestamps').
    static func lex(_ s: [UInt8], bufferSize: Int = 129) throws(DateTimeError) -> [Field] {
        var fields: [Field] = []
        var used = 0
        var i = 0
        func at(_ k: Int) -> UInt8 { k < s.count ? s[k] : 0 }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        func isPunct(_ c: UInt8) -> Bool { c >= 0x21 && c <= 0x7E && !isDigit(c) && !isAlpha(c) }
        func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
        while at(i) != 0 {
            if InputText.isSpace(at(i)) { i += 1; continue }
            guard fields.count < 25 else { throw .badFormat }
            var f = Field(text: [], kind: .number)
            func append(_ c: UInt8) throws(DateTimeError) {
                guard used + f.text.count + 1 < bufferSize else { throw .badFormat }
                f.text.append(c)
            }
            let c = at(i)
            if isDigit(c) {
                while isDigit(at(i)) { try append(at(i)); i += 1 }
                if at(i) == UInt8(ascii: ":") {
                    f.kind = .time
                    try append(at(i)); i += 1
                    while isDigit(at(i)) || at(i) == UInt8(ascii: ":") || at(i) == UInt8(ascii: ".") { try append(at(i)); i += 1 }
                } else if at(i) == UInt8(ascii: "-") || at(i) == UInt8(ascii: "/") || at(i) == UInt8(ascii: ".") {
                    let delimiter = at(i)
                    try append(delimiter); i += 1
                    if isDigit(at(i)) {
                        f.kind = delimiter == UInt8(ascii: ".") ? .number : .date
                        while isDigit(at(i)) { try append(at(i)); i += 1 }
                        if at(i) == delimiter {
                            f.kind = .date
                            try append(at(i)); i += 1
                            while isDigit(at(i)) || at(i) == delimiter { try append(at(i)); i += 1 }
                        }
                    } else {
                        f.kind = .date
                        while isDigit(at(i)) || isAlpha(at(i)) || at(i) == delimiter { try append(lower(at(i))); i += 1 }
                    }
                }
            } else if c == UInt8(ascii: ".") {
                try append(c); i += 1
                while isDigit(at(i)) { try append(at(i)); i += 1 }
            } else if isAlpha(c) {
                f.kind = .string
                while isAlpha(at(i)) { try append(lower(at(i))); i += 1 }
                // Letters then `-`, `/`, `.` (or a digit or `+` after a word the core table does
                // not know) read on as a date or a zone name (`america/new_york`, `utc+3`).
                var isDate = false
                let next = at(i)
                if next == UInt8(ascii: "-") || next == UInt8(ascii: "/") || next == UInt8(ascii: ".") {
                    isDate = true
                } else if next == UInt8(ascii: "+") || isDigit(next) {
                    isDate = keyword(f.string) == nil
                }
                if isDate {
                    f.kind = .date
                    repeat {
                        try append(lower(at(i))); i += 1
                    } while [UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: "."),
                             UInt8(ascii: ":")].contains(at(i)) || isDigit(at(i)) || isAlpha(at(i))
                }
            } else if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                try append(c); i += 1
                while InputText.isSpace(at(i)) { i += 1 }
                if isDigit(at(i)) {
                    f.kind = .zone
                    try append(at(i)); i += 1
                    while isDigit(at(i)) || at(i) == UInt8(ascii: ":") || at(i) == UInt8(ascii: ".") || at(i) == UInt8(ascii: "-") {
                        try append(at(i)); i += 1
                    }
                } else if isAlpha(at(i)) {
                    f.kind = .special
                    while isAlpha(at(i)) { try append(lower(at(i))); i += 1 }
                } else {
                    throw .badFormat
                }
            } else if isPunct(c) {
                i += 1
                continue
            } else {
                throw .badFormat
            }
            used += f.text.count + 1
            fields.append(f)
        }
        return fields
    }

    // MARK: The token tables

    /// datetime.c's token types (`DTK_M` bits) that `DecodeTimeOnly` distinguishes.
    enum Token: Int {
        case reserved = 0, month = 1, year = 2, day = 3, julian = 4, zone = 5, daylightZone = 6, dynamicZone = 7, ignore = 8, meridiem = 9,
             hour = 10, minute = 11, second = 12, millisecond = 13, microsecond = 14, dayOfYear = 15, dayOfWeek = 16,
             units = 17, era = 18, isoTime = 23, zoneModifier = 28
        var mask: Int { 1 << rawValue }
    }

    static let dateMask = Token.year.mask | Token.month.mask | Token.day.mask
    static let timeMask = Token.hour.mask | Token.minute.mask | Token.second.mask | Token.millisecond.mask | Token.microsecond.mask

    /// What the core table (`datetktbl`) says a word is: its type and value (a unit's or
    /// reserved word's own `Token`/code, a month's number, an era or meridiem flag).
    enum Keyword: Equatable {
        case reserved(String)
        case month(Int)
        case dayOfWeek
        case ignore
        case meridiem(pm: Bool)
        case era(bc: Bool)
        case units(Token)
        case isoTime
        case zoneModifier(seconds: Int)
    }

    /// `datetktbl` of PostgreSQL 15 (its first `TOKMAXLEN` = 10 characters compared).
    static func keyword(_ word: String) -> Keyword? {
        let w = String(word.prefix(10))
        switch w {
        case "jan", "january": return .month(1)
        case "feb", "february": return .month(2)
        case "mar", "march": return .month(3)
        case "apr", "april": return .month(4)
        case "may": return .month(5)
        case "jun", "june": return .month(6)
        case "jul", "july": return .month(7)
        case "aug", "august": return .month(8)
        case "sep", "sept", "september": return .month(9)
        case "oct", "october": return .month(10)
        case "nov", "november": return .month(11)
        case "dec", "december": return .month(12)
        case "sun", "sunday", "mon", "monday", "tue", "tues", "tuesday", "wed", "weds", "wednesday", "thu", "thur", "thurs",
             "thursday", "fri", "friday", "sat", "saturday": return .dayOfWeek
        case "-infinity", "infinity", "allballs", "epoch", "now", "today", "tomorrow", "yesterday": return .reserved(w)
        case "at", "on": return .ignore
        case "am", "pm": return .meridiem(pm: w == "pm")
        case "ad", "bc": return .era(bc: w == "bc")
        case "d": return .units(.day)
        case "h": return .units(.hour)
        case "j", "jd", "julian": return .units(.julian)
        case "m": return .units(.month)
        case "mm": return .units(.minute)
        case "s": return .units(.second)
        case "y": return .units(.year)
        case "dow", "doy", "isodow", "isoyear": return .units(.reserved)
        case "t": return .isoTime
        case "dst": return .zoneModifier(seconds: 3600)
        default: return nil
        }
    }

    // MARK: DecodeTimeOnly

    /// The broken-down value `DecodeTimeOnly` fills in.
    struct Parts {
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
        var dayOfYear = 0
        var fraction: Int64 = 0
        var isTwoDigitYear = false
        var zone = 0
    }

    static func decode(_ fields: inout [Field]) throws(DateTimeError) -> PGTimetzLiteral {
        var p = Parts()
        var fmask = 0
        var prefix: Token?
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
                    tmask = try decodeDate(fields[i].text, fmask: fmask, parts: &p)
                } else if let first = fields[i].text.first, first >= 0x30 && first <= 0x39 {
                    // hhmmss-zz: a run-together time, then a zone.
                    if fmask & timeMask == timeMask { throw .badFormat }
                    guard let dash = fields[i].text.firstIndex(of: UInt8(ascii: "-")) else { throw .badFormat }
                    p.zone = try decodeZone(Array(fields[i].text[dash...]))
                    let kind = try decodeNumberField(Array(fields[i].text[..<dash]), fmask: fmask | dateMask, tmask: &tmask, parts: &p)
                    fields[i].kind = kind
                    tmask |= Token.zone.mask
                } else {
                    // pg_tzset: a zone file, else a POSIX specification as tzcode reads it.
                    let name = fields[i].string
                    let posix = PGPOSIXZone.parse(name)
                    if case .fixed(let west)? = posix {
                        namedZone = .fixed(secondsEast: -west)
                    } else if let zone = PGTimeZone(name: name) {
                        namedZone = zone
                    } else if let posix {
                        posixZone = posix
                    } else {
                        throw .unknownZone(name)
                    }
                    fields[i].kind = .zone
                    tmask = Token.zone.mask
                }
            case .time:
                // A pending label (`t`, or `h` before `10:00`) stays pending: PostgreSQL 15 neither
                // checks nor clears it here.
                tmask = try decodeTime(fields[i].text, parts: &p)
            case .zone:
                p.zone = try decodeZone(fields[i].text)
                tmask = Token.zone.mask
            case .number:
                let text = fields[i].text
                if let ptype = prefix {
                    let (value, rest) = try strtoint(text, from: 0)
                    if rest < text.count {
                        guard text[rest] == UInt8(ascii: "."), [.julian, .isoTime, .second].contains(ptype) else { throw .badFormat }
                    }
                    switch ptype {
                    case .year: p.year = value; tmask = Token.year.mask
                    case .month:
                        if fmask & Token.month.mask != 0 && fmask & Token.hour.mask != 0 {
                            p.minute = value; tmask = Token.minute.mask
                        } else {
                            p.month = value; tmask = Token.month.mask
                        }
                    case .day: p.day = value; tmask = Token.day.mask
                    case .hour: p.hour = value; tmask = Token.hour.mask
                    case .minute: p.minute = value; tmask = Token.minute.mask
                    case .second:
                        p.second = value
                        tmask = Token.second.mask
                        if rest < text.count {
                            p.fraction = try fractionalSecond(Array(text[rest...]))
                            tmask = Token.second.mask | Token.millisecond.mask | Token.microsecond.mask
                        }
                    case .julian:
                        if value < 0 { throw .fieldOverflow }
                        tmask = dateMask
                        (p.year, p.month, p.day) = julianDate(value)
                        isJulian = true
                        if rest < text.count {
                            // A fraction of a day: its time of day.
                            guard let fraction = strtodWhole(Array(text[rest...])) else { throw .badFormat }
                            let micros = Int64(fraction * 86_400_000_000)
                            p.hour = Int(micros / 3_600_000_000)
                            p.minute = Int(micros / 60_000_000 % 60)
                            p.second = Int(micros / 1_000_000 % 60)
                            p.fraction = micros % 1_000_000
                            tmask |= timeMask
                        }
                    case .isoTime:
                        let kind = try decodeNumberField(text, fmask: fmask | dateMask, tmask: &tmask, parts: &p)
                        fields[i].kind = kind
                        if tmask != timeMask { throw .badFormat }
                    default:
                        throw .badFormat
                    }
                    prefix = nil
                } else if let point = text.firstIndex(of: UInt8(ascii: ".")) {
                    if i == 0 && nf >= 2 && fields[nf - 1].kind == .date {
                        tmask = try decodeDate(text, fmask: fmask, parts: &p)
                    } else if point > 2 {
                        fields[i].kind = try decodeNumberField(text, fmask: fmask | dateMask, tmask: &tmask, parts: &p)
                    } else {
                        throw .badFormat
                    }
                } else if text.count > 4 {
                    fields[i].kind = try decodeNumberField(text, fmask: fmask | dateMask, tmask: &tmask, parts: &p)
                } else {
                    tmask = try decodeNumber(text, haveTextMonth: false, fmask: fmask | dateMask, parts: &p)
                }
            case .string, .special:
                let word = fields[i].string
                if let east = PGZoneAbbreviations.defaultSet[word] {
                    // DecodeTimezoneAbbrev before the keywords: TZ, DTZ (daylight) or DYNTZ.
                    p.zone = -east
                    fields[i].kind = .zone
                    tmask = Token.zone.mask
                    if PGZoneAbbreviations.daylight.contains(word) { tmask |= Token.daylightZone.mask }
                    if PGZoneAbbreviations.dynamic.contains(word) { tmask |= Token.dynamicZone.mask }
                    break
                }
                switch keyword(word) {
                case .ignore?: continue
                case .reserved(let name)?:
                    switch name {
                    case "now":
                        tmask = timeMask
                        readsClock = true
                        (p.hour, p.minute, p.second, p.fraction) = (0, 0, 0, 0)
                    case "allballs":
                        tmask = timeMask | Token.zone.mask
                        (p.hour, p.minute, p.second) = (0, 0, 0)
                    default: throw .badFormat
                    }
                case .zoneModifier(let seconds)?:
                    tmask = Token.zoneModifier.mask | Token.daylightZone.mask
                    p.zone -= seconds
                case .meridiem(let isPM)?:
                    tmask = Token.meridiem.mask
                    pm = isPM
                case .era(let isBC)?:
                    tmask = Token.era.mask
                    bc = isBC
                case .units(let unit)?:
                    prefix = unit
                case .isoTime?:
                    guard i < nf - 1, [.number, .time, .date].contains(fields[i + 1].kind) else { throw .badFormat }
                    prefix = .isoTime
                case .month?, .dayOfWeek?:
                    throw .badFormat
                case nil:
                    // An all-letter zone name (`zulu`, `universal`).
                    guard let zone = PGTimeZone(name: word) else { throw .badFormat }
                    namedZone = zone
                    tmask = Token.zone.mask
                }
            }
            if tmask & fmask != 0 { throw .badFormat }
            fmask |= tmask
        }

        try validateDate(fmask: fmask, isJulian: isJulian, isTwoDigitYear: p.isTwoDigitYear, bc: bc, parts: &p)
        if let pm {
            if p.hour > 12 { throw .fieldOverflow }
            if !pm && p.hour == 12 { p.hour = 0 } else if pm && p.hour != 12 { p.hour += 12 }
        }
        guard p.hour >= 0, p.hour <= 24, p.minute >= 0, p.minute < 60, p.second >= 0, p.second <= 60,
              p.fraction >= 0, p.fraction <= 1_000_000 else { throw .fieldOverflow }
        let time = ((Int64(p.hour) * 60 + Int64(p.minute)) * 60 + Int64(p.second)) * 1_000_000 + p.fraction
        if time > 86_400_000_000 { throw .fieldOverflow }
        if fmask & timeMask != timeMask { throw .badFormat }
        // DetermineTimeZoneOffset takes a date outside the Julian-day range (4714-11-24 BC to
        // 5874898-06-01) as UTC.
        let dateInRange = (p.year > -4713 || (p.year == -4713 && p.month >= 11)) && (p.year < 5_874_898 || (p.year == 5_874_898 && p.month < 6))
        if fmask & Token.dynamicZone.mask != 0 {
            // A dynamic abbreviation resolves on the date given, or today's when none is.
            if fmask & Token.zoneModifier.mask != 0 { throw .badFormat }
            if fmask & dateMask != 0 && fmask & dateMask != dateMask { throw .badFormat }
        }
        if let posixZone {
            // A POSIX zone with daylight time: its offset on the date given, which it needs.
            if fmask & Token.zoneModifier.mask != 0 || fmask & dateMask != dateMask { throw .badFormat }
            p.zone = dateInRange ? posixZone.secondsWest(year: p.year, month: p.month, day: p.day, secondOfDay: Int(time / 1_000_000)) : 0
        }
        if let namedZone {
            if fmask & Token.zoneModifier.mask != 0 { throw .badFormat }
            if let fixed = fixedOffset(namedZone) {
                p.zone = -fixed
            } else {
                // A zone with daylight saving time needs the date to know its offset.
                if fmask & dateMask != dateMask { throw .badFormat }
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
        if fmask & Token.zone.mask == 0 {
            // The session zone, UTC, for which a daylight-saving modifier alone is wrong.
            if fmask & Token.zoneModifier.mask != 0 { throw .badFormat }
            if fmask & dateMask != 0 && fmask & dateMask != dateMask { throw .badFormat }
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

    /// `strtoint` from `from` (`strtoi64` when `wide`): optional sign, digits; the value and where
    /// it stopped (`from` itself when no digit follows), `overflow` past the type's range.
    static func strtoint(_ s: [UInt8], from: Int, overflow: DateTimeError = .fieldOverflow, wide: Bool = false) throws(DateTimeError) -> (Int, Int) {
        var i = from
        var negative = false
        if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { negative = s[i] == UInt8(ascii: "-"); i += 1 }
        let digitsStart = i
        // Accumulated negative, so the most negative value fits.
        var value = 0
        var tooBig = false
        while i < s.count, s[i] >= 0x30 && s[i] <= 0x39 {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times.subtractingReportingOverflow(Int(s[i] - 0x30))
            if o1 || o2 { tooBig = true } else { value = next }
            i += 1
        }
        guard i > digitsStart else { return (0, from) }
        if !negative {
            if value == Int.min { tooBig = true } else { value = -value }
        }
        let limits = wide ? (Int(Int64.min), Int(Int64.max)) : (Int(Int32.min), Int(Int32.max))
        if tooBig || value < limits.0 || value > limits.1 { throw overflow }
        return (value, i)
    }

    /// `ParseFraction`: a `.` alone is 0, else C's `strtod` must read every byte (a `.` and digits).
    static func strtodWhole(_ s: [UInt8]) -> Double? {
        if s == [UInt8(ascii: ".")] { return 0 }
        guard s.first == UInt8(ascii: "."), s.count >= 2, s.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Double("0" + String(decoding: s, as: UTF8.self))
    }

    /// `ParseFractionalSecond`: `.digits` as microseconds, rounded.
    static func fractionalSecond(_ s: [UInt8]) throws(DateTimeError) -> Int64 {
        guard let fraction = strtodWhole(s) else { throw .badFormat }
        return Int64((fraction * 1_000_000).rounded(.toNearestOrEven))
    }

    /// `DecodeTime`: `h:m`, `h:m:s[.f]`, or `m:s.f`.
    static func decodeTime(_ s: [UInt8], parts p: inout Parts) throws(DateTimeError) -> Int {
        // DecodeTimeCommon reads the hour as 64 bits (for intervals); DecodeTime then wants an int.
        var (hour, i) = try strtoint(s, from: 0, wide: true)
        guard i < s.count, s[i] == UInt8(ascii: ":") else { throw .badFormat }
        var minute: Int
        (minute, i) = try strtoint(s, from: i + 1)
        var second = 0
        var fraction: Int64 = 0
        if i == s.count {
            // h:m, seconds zero.
        } else if s[i] == UInt8(ascii: ".") {
            // mm:ss.fff
            fraction = try fractionalSecond(Array(s[i...]))
            second = minute
            minute = hour
            hour = 0
        } else if s[i] == UInt8(ascii: ":") {
            (second, i) = try strtoint(s, from: i + 1)
            if i < s.count {
                guard s[i] == UInt8(ascii: ".") else { throw .badFormat }
                fraction = try fractionalSecond(Array(s[i...]))
            }
        } else {
            throw .badFormat
        }
        guard hour >= 0, minute >= 0, minute < 60, second >= 0, second <= 60, fraction >= 0, fraction <= 1_000_000 else {
            throw .fieldOverflow
        }
        if hour > Int(Int32.max) { throw .fieldOverflow }
        (p.hour, p.minute, p.second, p.fraction) = (hour, minute, second, fraction)
        return timeMask
    }

    /// `DecodeTimezone`: `±h`, `±hh`, `±hhmm`, `±h:m[:s]`, in seconds west.
    static func decodeZone(_ s: [UInt8]) throws(DateTimeError) -> Int {
        guard let sign = s.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { throw .badFormat }
        var (hour, i) = try strtoint(s, from: 1, overflow: .zoneDisplacement)
        var minute = 0, second = 0
        if i < s.count, s[i] == UInt8(ascii: ":") {
            (minute, i) = try strtoint(s, from: i + 1, overflow: .zoneDisplacement)
            if i < s.count, s[i] == UInt8(ascii: ":") {
                (second, i) = try strtoint(s, from: i + 1, overflow: .zoneDisplacement)
            }
        } else if i == s.count && s.count > 3 {
            minute = hour % 100
            hour /= 100
        }
        guard hour >= 0, hour <= 15, minute >= 0, minute < 60, second >= 0, second < 60 else { throw .zoneDisplacement }
        let east = (hour * 60 + minute) * 60 + second
        guard i == s.count else { throw .badFormat }
        return sign == UInt8(ascii: "-") ? east : -east
    }

    /// `DecodeNumberField`: a run-together time (`hhmmss`, `hhmm`, either with `.fraction`) when
    /// the date is complete, as `DecodeTimeOnly` always says it is. Returns the field's new kind.
    static func decodeNumberField(_ field: [UInt8], fmask: Int, tmask: inout Int, parts p: inout Parts) throws(DateTimeError) -> FieldKind {
        var s = field
        if let point = s.firstIndex(of: UInt8(ascii: ".")) {
            let rest = Array(s[point...])
            if rest.count > 1 {
                // strtod of the fraction, trailing bytes ignored.
                var digits = rest.dropFirst().prefix(while: { $0 >= 0x30 && $0 <= 0x39 })
                if digits.isEmpty { digits = [0x30] }
                let fraction = Double("0." + String(decoding: digits, as: UTF8.self)) ?? 0
                p.fraction = Int64((fraction * 1_000_000).rounded(.toNearestOrEven))
            } else {
                p.fraction = 0
            }
            s = Array(s[..<point])
        } else if fmask & dateMask != dateMask {
            if s.count >= 6 {
                tmask = dateMask
                p.day = atoi(s[(s.count - 2)...])
                p.month = atoi(s[(s.count - 4)..<(s.count - 2)])
                p.year = atoi(s[..<(s.count - 4)])
                if s.count - 4 == 2 { p.isTwoDigitYear = true }
                return .date
            }
        }
        if fmask & timeMask != timeMask {
            if s.count == 6 {
                tmask = timeMask
                (p.hour, p.minute, p.second) = (atoi(s[0..<2]), atoi(s[2..<4]), atoi(s[4...]))
                return .time
            } else if s.count == 4 {
                tmask = timeMask
                (p.hour, p.minute, p.second) = (atoi(s[0..<2]), atoi(s[2...]), 0)
                return .time
            }
        }
        throw .badFormat
    }

    /// C's `atoi` of digits (they are digits here) as glibc gives it: `strtol`, which stops at
    /// `LONG_MAX`, then cut to an `int`.
    static func atoi(_ s: ArraySlice<UInt8>) -> Int {
        var v = 0
        for c in s {
            guard c >= 0x30 && c <= 0x39 else { break }
            let (times, o1) = v.multipliedReportingOverflow(by: 10)
            let (next, o2) = times.addingReportingOverflow(Int(c - 0x30))
            if o1 || o2 { v = Int.max; break }
            v = next
        }
        return Int(Int32(truncatingIfNeeded: v))
    }

    /// `DecodeNumber`: one number of a date (month-day-year order) or, with the date complete, a
    /// run-together time.
    static func decodeNumber(_ s: [UInt8], haveTextMonth: Bool, fmask: Int, parts p: inout Parts) throws(DateTimeError) -> Int {
        let (value, end) = try strtoint(s, from: 0)
        guard end > 0 else { throw .badFormat }
        if end < s.count {
            guard s[end] == UInt8(ascii: ".") else { throw .badFormat }
            if end > 2 {
                var tmask = 0
                _ = try decodeNumberField(s, fmask: fmask | dateMask, tmask: &tmask, parts: &p)
                return tmask
            }
            p.fraction = try fractionalSecond(Array(s[end...]))
        }
        if s.count == 3 && fmask & dateMask == Token.year.mask && value >= 1 && value <= 366 {
            p.dayOfYear = value
            return Token.dayOfYear.mask | Token.month.mask | Token.day.mask
        }
        let tmask: Int
        switch fmask & dateMask {
        case 0:
            if s.count >= 3 { tmask = Token.year.mask; p.year = value } else { tmask = Token.month.mask; p.month = value }
        case Token.year.mask:
            tmask = Token.month.mask; p.month = value
        case Token.month.mask:
            if haveTextMonth && s.count >= 3 { tmask = Token.year.mask; p.year = value } else { tmask = Token.day.mask; p.day = value }
        case Token.year.mask | Token.month.mask:
            if haveTextMonth && s.count >= 3 && p.isTwoDigitYear {
                tmask = Token.day.mask
                p.day = p.year
                p.year = value
                p.isTwoDigitYear = false
            } else {
                tmask = Token.day.mask; p.day = value
            }
        case Token.day.mask:
            tmask = Token.month.mask; p.month = value
        case Token.month.mask | Token.day.mask:
            tmask = Token.year.mask; p.year = value
        case dateMask:
            var t = 0
            _ = try decodeNumberField(s, fmask: fmask, tmask: &t, parts: &p)
            return t
        default:
            throw .badFormat
        }
        if tmask == Token.year.mask { p.isTwoDigitYear = s.count <= 2 }
        return tmask
    }

    /// `DecodeDate`: a date in one field (`2024-01-05`, `1/5/2024`, `5-jan-2024`).
    static func decodeDate(_ field: [UInt8], fmask: Int, parts p: inout Parts) throws(DateTimeError) -> Int {
        var pieces: [[UInt8]] = []
        var i = 0
        func isAlnum(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) }
        while i < field.count && pieces.count < 25 {
            while i < field.count && !isAlnum(field[i]) { i += 1 }
            if i == field.count { throw .badFormat }
            let start = i
            if field[i] >= 0x30 && field[i] <= 0x39 {
                while i < field.count, field[i] >= 0x30 && field[i] <= 0x39 { i += 1 }
            } else {
                while i < field.count, (field[i] | 0x20) >= 0x61 && (field[i] | 0x20) <= 0x7A { i += 1 }
            }
            pieces.append(Array(field[start..<i]))
            if i < field.count { i += 1 }
        }
        var fmask = fmask
        var tmask = 0
        var haveTextMonth = false
        var numeric: [[UInt8]] = []
        for piece in pieces {
            guard let first = piece.first, (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A else { numeric.append(piece); continue }
            switch keyword(String(decoding: piece, as: UTF8.self).lowercased()) {
            case .ignore?:
                // `DecodeDate` passes over `at`/`on` among the words but leaves them to the
                // numbers, which refuse them.
                numeric.append(piece)
            case .month(let m)?:
                p.month = m
                haveTextMonth = true
                if fmask & Token.month.mask != 0 { throw .badFormat }
                fmask |= Token.month.mask
                tmask |= Token.month.mask
            default: throw .badFormat
            }
        }
        for piece in numeric {
            guard !piece.isEmpty else { throw .badFormat }
            let dmask = try decodeNumber(piece, haveTextMonth: haveTextMonth, fmask: fmask, parts: &p)
            if fmask & dmask != 0 { throw .badFormat }
            fmask |= dmask
            tmask |= dmask
        }
        if fmask & ~(Token.dayOfYear.mask | Token.zone.mask) != dateMask { throw .badFormat }
        return tmask
    }

    /// `ValidateDate`: era and two-digit years, day of year, month and day ranges.
    static func validateDate(fmask: Int, isJulian: Bool, isTwoDigitYear: Bool, bc: Bool, parts p: inout Parts) throws(DateTimeError) {
        if fmask & Token.year.mask != 0 {
            if isJulian {
                // A Julian day's year is already astronomical.
            } else if bc {
                if p.year <= 0 { throw .fieldOverflow }
                p.year = -(p.year - 1)
            } else if isTwoDigitYear {
                if p.year < 0 { throw .fieldOverflow }
                if p.year < 70 { p.year += 2000 } else if p.year < 100 { p.year += 1900 }
            } else if p.year <= 0 {
                throw .fieldOverflow
            }
        }
        if fmask & Token.dayOfYear.mask != 0 {
            let jd = julianDay(year: p.year, month: 1, day: 1) + p.dayOfYear - 1
            (p.year, p.month, p.day) = julianDate(jd)
        }
        if fmask & Token.month.mask != 0 && (p.month < 1 || p.month > 12) { throw .fieldOverflow }
        if fmask & Token.day.mask != 0 && (p.day < 1 || p.day > 31) { throw .fieldOverflow }
        if fmask & dateMask == dateMask && p.day > CivilTime.daysInMonth(year: p.year, month: p.month) { throw .fieldOverflow }
    }

    /// `date2j`.
    /// In C's 32-bit `int`, wrapping as the server (built with `-fwrapv`) does for a year far
    /// past the calendar's range (a day of year after a nine-digit year).
    static func julianDay(year: Int, month: Int, day: Int) -> Int {
        var y = Int32(truncatingIfNeeded: year), m = Int32(truncatingIfNeeded: month)
        let d = Int32(truncatingIfNeeded: day)
        if m > 2 { m &+= 1; y &+= 4800 } else { m &+= 13; y &+= 4799 }
        let century = y / 100
        var julian = y &* 365 &- 32167
        julian = julian &+ y / 4 &- century &+ century / 4
        julian = julian &+ (7834 &* m) / 256 &+ d
        return Int(julian)
    }

    /// `j2date`.
    static func julianDate(_ jd: Int) -> (Int, Int, Int) {
        var julian = UInt32(truncatingIfNeeded: jd) &+ 32044
        var quad = julian / 146_097
        let extra = (julian &- quad &* 146_097) &* 4 &+ 3
        julian = julian &+ 60 &+ quad &* 3 &+ extra / 146_097
        quad = julian / 1461
        julian = julian &- quad &* 1461
        var y = Int(julian &* 4 / 1461)
        julian = (y != 0 ? (julian &+ 305) % 365 : (julian &+ 306) % 366) &+ 123
        y += Int(quad) * 4
        quad = julian &* 2141 / 65536
        let day = Int(julian) - Int(7834 * quad / 256)
        let month = Int((quad + 10) % 12) + 1
        return (y - 4800, month, day)
    }
}
