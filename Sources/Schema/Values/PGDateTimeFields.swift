/// What PostgreSQL 15's date/time input functions share (src/backend/utils/adt/datetime.c): the
/// cutting of text into fields (`ParseDateTime`, ``lex(_:bufferSize:)``), the core word table
/// (`datetktbl`, ``keyword(_:)``), the broken-down value the decoders fill in (``Parts``) and the
/// routines that place one field (`DecodeDate`, `DecodeNumber`, `DecodeNumberField`, `DecodeTime`,
/// `DecodeTimezone`) and check the date (`ValidateDate`), with C's `strtoint`, `atoi`, `date2j`
/// and `j2date` as the server computes them. ``PGTimetzLiteral`` (`DecodeTimeOnly`) and
/// ``PGDateTimeDecoder`` (`DecodeDateTime`) place whole values with them.
enum PGDateTimeFields {
    /// datetime.c's `DTERR_*` codes, and the one refusal `DecodeTimeOnly` raises itself.
    /// `monthDayOverflow` is `DTERR_MD_FIELD_OVERFLOW`: `ValidateDate` found a month past 12 or a
    /// day past 31, which `DateTimeParseError` reports with a hint about `DateStyle`.
    enum DateTimeError: Error, Equatable {
        case badFormat, fieldOverflow, monthDayOverflow, zoneDisplacement
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
    static func lex<Bytes: RandomAccessCollection<UInt8>>(_ s: Bytes, bufferSize: Int = 129) throws(DateTimeError) -> [Field]
    where Bytes.Index == Int {
        var fields: [Field] = []
        fields.reserveCapacity(8)
        var used = 0
        var i = 0
        func at(_ k: Int) -> UInt8 { k < s.count ? s[s.startIndex + k] : 0 }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        func isPunct(_ c: UInt8) -> Bool { c >= 0x21 && c <= 0x7E && !isDigit(c) && !isAlpha(c) }
        func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
        while at(i) != 0 {
            if InputText.isSpace(at(i)) { i += 1; continue }
            guard fields.count < 25 else { throw .badFormat }
            var f = Field(text: [], kind: .number)
            f.text.reserveCapacity(16)
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
        // A table, not a `switch`: a switch over strings compares them one after another.
        word.utf8.count <= 10 ? keywords[word] : keywords[String(word.prefix(10))]
    }

    static let keywords: [String: Keyword] = {
        var table: [String: Keyword] = [:]
        let months = [["jan", "january"], ["feb", "february"], ["mar", "march"], ["apr", "april"], ["may"], ["jun", "june"],
                      ["jul", "july"], ["aug", "august"], ["sep", "sept", "september"], ["oct", "october"], ["nov", "november"],
                      ["dec", "december"]]
        for (i, names) in months.enumerated() { for name in names { table[name] = .month(i + 1) } }
        for name in ["sun", "sunday", "mon", "monday", "tue", "tues", "tuesday", "wed", "weds", "wednesday", "thu", "thur", "thurs",
                     "thursday", "fri", "friday", "sat", "saturday"] { table[name] = .dayOfWeek }
        for name in ["-infinity", "infinity", "allballs", "epoch", "now", "today", "tomorrow", "yesterday"] { table[name] = .reserved(name) }
        table["at"] = .ignore
        table["on"] = .ignore
        table["am"] = .meridiem(pm: false)
        table["pm"] = .meridiem(pm: true)
        table["ad"] = .era(bc: false)
        table["bc"] = .era(bc: true)
        table["d"] = .units(.day)
        table["h"] = .units(.hour)
        for name in ["j", "jd", "julian"] { table[name] = .units(.julian) }
        table["m"] = .units(.month)
        table["mm"] = .units(.minute)
        table["s"] = .units(.second)
        table["y"] = .units(.year)
        for name in ["dow", "doy", "isodow", "isoyear"] { table[name] = .units(.reserved) }
        table["t"] = .isoTime
        table["dst"] = .zoneModifier(seconds: 3600)
        return table
    }()

    /// The broken-down value `DecodeTimeOnly` and `DecodeDateTime` fill in (`struct pg_tm` and `fsec`).
    struct Parts {
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
        var dayOfYear = 0
        var fraction: Int64 = 0
        var isTwoDigitYear = false
        var zone = 0
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
        guard s.first == UInt8(ascii: ".") else { return nil }
        if s.count == 1 { return 0 }
        var mantissa: UInt64 = 0
        for c in s.dropFirst() {
            guard c >= 0x30 && c <= 0x39 else { return nil }
            if mantissa < 1_000_000_000_000_000 { mantissa = mantissa * 10 + UInt64(c - 0x30) }
        }
        // Up to 15 digits the mantissa and the power of ten are exact doubles, so one division
        // rounds as `strtod` does; longer fractions go through the standard library's parser.
        if s.count - 1 <= 15 {
            var power = 1.0
            for _ in 1..<s.count { power *= 10 }
            return Double(mantissa) / power
        }
        return Double("0" + String(decoding: s, as: UTF8.self))
    }

    /// `ParseFractionalSecond`: `.digits` as microseconds, rounded.
    static func fractionalSecond(_ s: [UInt8]) throws(DateTimeError) -> Int64 {
        guard let fraction = strtodWhole(s) else { throw .badFormat }
        return Int64((fraction * 1_000_000).rounded(.toNearestOrEven))
    }

    /// `DecodeTime`: `h:m`, `h:m:s[.f]`, or `m:s.f`.
    /// A number after a unit label (`y2024`, `m3`, `d5`, `h10`, `mm30`, `s15.5`, `j2451545.5`)
    /// placed as `DecodeDateTime` and `DecodeTimeOnly` both place it; returns the field's mask, or
    /// nil for the ISO time label (`t103000`), which each caller reads its own way. `rest` is where
    /// `strtoint` stopped reading `value` in `text`.
    static func decodeLabelled(_ text: [UInt8], value: Int, rest: Int, label: Token, fmask: Int,
                               parts p: inout Parts, isJulian: inout Bool) throws(DateTimeError) -> Int? {
        if rest < text.count {
            guard text[rest] == UInt8(ascii: "."), label == .julian || label == .isoTime || label == .second else { throw .badFormat }
        }
        switch label {
        case .year: p.year = value; return Token.year.mask
        case .month:
            // With a month and an hour already, `m` labels minutes.
            if fmask & Token.month.mask != 0 && fmask & Token.hour.mask != 0 {
                p.minute = value; return Token.minute.mask
            }
            p.month = value
            return Token.month.mask
        case .day: p.day = value; return Token.day.mask
        case .hour: p.hour = value; return Token.hour.mask
        case .minute: p.minute = value; return Token.minute.mask
        case .second:
            p.second = value
            guard rest < text.count else { return Token.second.mask }
            p.fraction = try fractionalSecond(Array(text[rest...]))
            return Token.second.mask | Token.millisecond.mask | Token.microsecond.mask
        case .julian:
            if value < 0 { throw .fieldOverflow }
            (p.year, p.month, p.day) = julianDate(value)
            isJulian = true
            guard rest < text.count else { return dateMask }
            // A fraction of a day: its time of day.
            guard let fraction = strtodWhole(Array(text[rest...])) else { throw .badFormat }
            let micros = Int64(fraction * 86_400_000_000)
            p.hour = Int(micros / 3_600_000_000)
            p.minute = Int(micros / 60_000_000 % 60)
            p.second = Int(micros / 1_000_000 % 60)
            p.fraction = micros % 1_000_000
            return dateMask | timeMask
        case .isoTime: return nil
        default: throw .badFormat
        }
    }

    /// AM/PM applied to the hour, as both decoders do after `ValidateDate`: past 12 is a field
    /// overflow, 12 AM is 0, a PM hour below 12 gains 12. `pm` nil: neither was written.
    static func applyMeridiem(_ pm: Bool?, parts p: inout Parts) throws(DateTimeError) {
        guard let pm else { return }
        if p.hour > 12 { throw .fieldOverflow }
        if !pm && p.hour == 12 { p.hour = 0 } else if pm && p.hour != 12 { p.hour += 12 }
    }

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
        // The pieces as ranges of `field` (at most 25, as the server's array holds).
        var pieces: [Range<Int>] = []
        pieces.reserveCapacity(4)
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
            pieces.append(start..<i)
            if i < field.count { i += 1 }
        }
        var fmask = fmask
        var tmask = 0
        var haveTextMonth = false
        // Words first (a month name is unambiguous); the pieces they settle, as bits.
        var settled: UInt32 = 0
        for (k, range) in pieces.enumerated() {
            let first = field[range.lowerBound]
            guard (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A else { continue }
            switch keyword(String(decoding: field[range], as: UTF8.self).lowercased()) {
            case .ignore?:
                // `DecodeDate` passes over `at`/`on` among the words but leaves them to the
                // numbers, which refuse them.
                continue
            case .month(let m)?:
                p.month = m
                haveTextMonth = true
                if fmask & Token.month.mask != 0 { throw .badFormat }
                fmask |= Token.month.mask
                tmask |= Token.month.mask
                settled |= 1 << UInt32(k)
            default: throw .badFormat
            }
        }
        for (k, range) in pieces.enumerated() where settled & (1 << UInt32(k)) == 0 {
            let dmask = try decodeNumber(Array(field[range]), haveTextMonth: haveTextMonth, fmask: fmask, parts: &p)
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
        if fmask & Token.month.mask != 0 && (p.month < 1 || p.month > 12) { throw .monthDayOverflow }
        if fmask & Token.day.mask != 0 && (p.day < 1 || p.day > 31) { throw .monthDayOverflow }
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
