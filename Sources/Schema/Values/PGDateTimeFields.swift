/// The other date/time spellings PostgreSQL's input functions read with `DateStyle = ISO, MDY`
/// (src/backend/utils/adt/datetime.c `ParseDateTime`, `DecodeDateTime`), read field by field when
/// the ISO form (``PGTimestamp``'s parsers) does not match: month names (`Jan 5 2024`,
/// `January 5, 2024`, `5-Jan-2024`), weekday names (ignored, as PostgreSQL ignores them),
/// `MM/DD/YYYY` and `MM-DD-YY` (month first, two-digit years to 1970–2069), `YYYY/MM/DD`,
/// `YYYYMMDD`, a time `HH:MM[:SS[.ffffff]]` with `am`/`pm`, and a zone as an offset, `Z` or a name
/// PostgreSQL knows (`UTC`, `GMT`, an abbreviation or zone-database name `PGTimeZone` reads).
/// PostgreSQL's own `Postgres` output (`Fri Jan 05 10:00:00 2024 UTC`) reads back too.
///
/// Anything it cannot place returns nil, and the caller reports PostgreSQL's syntax error.
enum PGDateTimeFields {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                             "october", "november", "december"]
    static let weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat", "sunday", "monday", "tuesday", "wednesday",
                           "thursday", "friday", "saturday", "tues", "wednes", "thur", "thurs"]

    /// The month a word names (1–12), as datetime.c's table does: three letters or the full name (and `sept`).
    static func monthNumber(_ word: String) -> Int? {
        if let i = months.firstIndex(of: word) { return i + 1 }
        if let i = monthNames.firstIndex(of: word) { return i + 1 }
        return word == "sept" ? 9 : nil
    }

    /// What the fields give.
    enum Outcome: Equatable {
        /// µs, or days with `wholeDays`.
        case value(Int64)
        /// A date or time whose field is past its range (`Jan 32 2024`): DTERR_FIELD_OVERFLOW.
        case fieldOutOfRange
    }

    /// The value, or nil when the text is not such a date/time.
    static func parse(_ text: String, zone: PGTimeZone, type: PGType, wholeDays: Bool) -> Outcome? {
        var year: Int?, month: Int?, day: Int?
        var twoDigitYear = false
        var time: Int64?
        var pm: Bool?
        var offset: Int64?
        var namedZone: PGTimeZone?
        var numbers: [(value: Int, digits: Int)] = []

        // Fields: white space and commas separate; a time may carry an offset (`10:00+05`).
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map { $0.lowercased() }
        guard !fields.isEmpty else { return nil }
        func isDigits(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy(\.isASCIIDigit) }
        for var field in fields {
            if field == "at" { continue }
            // An offset after a time or on its own: +hh, -hh, +hh:mm, +hhmm.
            if field.contains(":") || (field.first.map { $0 == "+" || $0 == "-" } ?? false) {
                var zonePart: Substring?
                if let sign = field.dropFirst().firstIndex(where: { $0 == "+" || $0 == "-" }), field.contains(":") {
                    zonePart = field[sign...]
                    field = String(field[..<sign])
                } else if field.first == "+" || field.first == "-" {
                    zonePart = field[...]
                    field = ""
                }
                if let z = zonePart {
                    guard offset == nil, let o = parseOffset(z) else { return nil }
                    offset = o
                }
                if field.isEmpty { continue }
                if field.hasSuffix("z") { field.removeLast(); guard offset == nil else { return nil }; offset = 0 }
                var meridiem: Bool?
                if field.hasSuffix("am") || field.hasSuffix("pm") { meridiem = field.hasSuffix("pm"); field.removeLast(2) }
                guard time == nil, let t = parseTime(field) else { return nil }
                time = t
                if let meridiem { pm = meridiem }
                continue
            }
            if field.allSatisfy(\.isLetter) {
                if let m = monthNumber(field) { guard month == nil else { return nil }; month = m; continue }
                if weekdays.contains(field) { continue }
                if field == "am" || field == "pm" { guard pm == nil else { return nil }; pm = field == "pm"; continue }
                if field == "z" || field == "utc" || field == "gmt" || field == "zulu" { guard offset == nil else { return nil }; offset = 0; continue }
                if let east = PGZoneAbbreviations.secondsEast(field) {
                    guard offset == nil, namedZone == nil else { return nil }
                    offset = Int64(east) * CivilTime.microsecondsPerSecond
                    continue
                }
                if let z = PGTimeZone(name: field) { guard namedZone == nil, offset == nil else { return nil }; namedZone = z; continue }
                return nil
            }
            if field.contains("/") || field.contains("-") || field.contains(".") {
                // A date in one field: numbers and at most one month name.
                let parts = field.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
                // No field is longer than a year can be (PostgreSQL's dates end in 5874897).
                guard parts.count == 3, year == nil, day == nil, parts.allSatisfy({ $0.count <= 7 }) else { return nil }
                if let m = parts.firstIndex(where: { monthNumber(String($0)) != nil }) {
                    guard month == nil else { return nil }
                    month = monthNumber(String(parts[m]))
                    let rest = parts.enumerated().filter { $0.offset != m }.map(\.element)
                    guard rest.allSatisfy(isDigits) else { return nil }
                    numbers += rest.map { (value: Int($0) ?? 0, digits: $0.count) }
                    continue
                }
                guard parts.allSatisfy(isDigits), month == nil else { return nil }
                let a = parts.map { Int($0) ?? 0 }
                if parts[0].count >= 3 {
                    (year, month, day) = (a[0], a[1], a[2])
                } else {
                    // DateStyle MDY: month, day, year.
                    (month, day, year) = (a[0], a[1], a[2])
                    twoDigitYear = parts[2].count <= 2
                }
                continue
            }
            if isDigits(field[...]) {
                if field.count == 8, year == nil, month == nil, day == nil {
                    let v = Int(field) ?? 0
                    (year, month, day) = (v / 10_000, v / 100 % 100, v % 100)
                    continue
                }
                if field.count == 6, time == nil, year != nil, month != nil, day != nil {
                    // HHMMSS after a whole date (`20240105 101112`).
                    guard let t = parseTime("\(field.prefix(2)):\(field.dropFirst(2).prefix(2)):\(field.suffix(2))") else { return nil }
                    time = t
                    continue
                }
                guard field.count <= 7 else { return nil }
                numbers.append((Int(field) ?? 0, field.count))
                continue
            }
            return nil
        }
        // Loose numbers beside a month name: a number of three or more digits is the year; one or
        // two digits are the day first (its range checked below), then a two-digit year.
        for n in numbers {
            if n.digits <= 2 && day == nil {
                day = n.value
            } else if year == nil {
                year = n.value
                twoDigitYear = n.digits <= 2
            } else {
                return nil
            }
        }
        guard var y = year, let m = month, let d = day, y <= 9_999_999 else { return nil }
        if twoDigitYear { y += y < 70 ? 2000 : 1900 }
        guard y >= 1, (1...12).contains(m), d >= 1, d <= CivilTime.daysInMonth(year: y, month: m) else { return .fieldOutOfRange }
        var micros = time ?? 0
        if let pm {
            let hours = micros / (3600 * CivilTime.microsecondsPerSecond)
            guard time != nil, hours >= 1, hours <= 12 else { return nil }
            if pm && hours < 12 { micros += 12 * 3600 * CivilTime.microsecondsPerSecond }
            if !pm && hours == 12 { micros -= 12 * 3600 * CivilTime.microsecondsPerSecond }
        }
        let dayNumber = CivilTime.days(year: y, month: m, day: d)
        if wholeDays { return .value(dayNumber) }
        let (dayMicros, o1) = dayNumber.multipliedReportingOverflow(by: CivilTime.microsecondsPerDay)
        let (local, o2) = dayMicros.addingReportingOverflow(micros)
        guard !o1, !o2 else { return nil }
        let value: Int64
        if case .timestamptz = type {
            if let offset { value = local - offset } else { value = (namedZone ?? zone).utc(fromLocal: local) }
        } else {
            value = local
        }
        guard value >= PGTimestamp.minimum, value < PGTimestamp.end else { return nil }
        return .value(value)
    }

    /// `HH:MM[:SS[.ffffff]]` in µs, hours 0–24 (24 only as 24:00:00).
    static func parseTime(_ s: String) -> Int64? {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts[0].count <= 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), parts[0].allSatisfy(\.isASCIIDigit), parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
        var seconds = 0
        var frac: Int64 = 0
        if parts.count == 3 {
            let sec = parts[2].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard sec[0].count == 2, let sv = Int(sec[0]), sec[0].allSatisfy(\.isASCIIDigit) else { return nil }
            seconds = sv
            if sec.count == 2 {
                guard !sec[1].isEmpty, sec[1].count <= 6, sec[1].allSatisfy(\.isASCIIDigit) else { return nil }
                frac = Int64(sec[1] + String(repeating: "0", count: 6 - sec[1].count)) ?? 0
            }
        }
        guard h <= 24, m <= 59, seconds <= 60, !(h == 24 && (m > 0 || seconds > 0 || frac > 0)) else { return nil }
        return (Int64(h) * 3600 + Int64(m) * 60 + Int64(seconds)) * CivilTime.microsecondsPerSecond + frac
    }

    /// `+hh`, `-hh`, `+hh:mm`, `+hhmm` as µs east of UTC.
    static func parseOffset(_ s: Substring) -> Int64? {
        guard let sign = s.first, sign == "+" || sign == "-" else { return nil }
        let body = s.dropFirst()
        var h = 0, m = 0
        if body.contains(":") {
            let p = body.split(separator: ":", omittingEmptySubsequences: false)
            guard p.count == 2, p[0].count <= 2, p[1].count == 2, let hv = Int(p[0]), let mv = Int(p[1]) else { return nil }
            (h, m) = (hv, mv)
        } else {
            guard body.allSatisfy(\.isASCIIDigit), let v = Int(body) else { return nil }
            switch body.count {
            case 1, 2: h = v
            case 4: (h, m) = (v / 100, v % 100)
            default: return nil
            }
        }
        guard h <= 15, m <= 59 else { return nil }
        let magnitude = (Int64(h) * 3600 + Int64(m) * 60) * CivilTime.microsecondsPerSecond
        return sign == "-" ? -magnitude : magnitude
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
