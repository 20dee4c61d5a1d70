/// Text input and output of `timestamptz`, `timestamp`, `date` and `time` values as PostgreSQL does
/// them with `DateStyle = ISO, MDY`.
///
/// Timestamps are Int64 microseconds since 1970-01-01 00:00:00 UTC (TimescaleDB's internal time, so
/// chunk arithmetic needs no conversion).
public enum PGTimestamp {
    /// Parses `2023-01-02 23:01:02.228835+00` (also `T` as separator, `+05:30`, `-04`, `Z`, or no zone,
    /// which means the session zone).
    public static func parse<S: StringProtocol>(_ text: S, zone: PGTimeZone = .utc, type: PGType = .timestamptz) throws(ValueError) -> Int64 {
        try InputText.parsing(text) { bytes throws(ValueError) in try parse(bytes: bytes, zone: zone, type: type) }
    }

    /// The earliest time PostgreSQL accepts, 4714-11-24 00:00:00+00 BC (Julian day 0), in µs since 1970.
    public static let minimum: Int64 = -210_866_803_200_000_000
    /// The first time past what Chunkwise holds: TimescaleDB's `TS_TIMESTAMP_END` for hypertable time
    /// columns (PostgreSQL's own end, 294277-01-01, less the 1970/2000 epoch difference, so the Unix
    /// microseconds still fit in an Int64): 294247-01-02 00:00:00+00.
    public static let end: Int64 = 9_223_371_331_200_000_000
    /// `infinity` and `-infinity`, held as the ends of the Int64 range (TimescaleDB's internal time does the same).
    public static let infinity = Int64.max
    public static let minusInfinity = Int64.min

    /// Byte-level parser used by the COPY reader.
    ///
    /// Also reads PostgreSQL's special inputs `epoch`, `infinity` and `-infinity` (any case), a
    /// trailing `BC`/`AD`, and surrounding whitespace. Every step is overflow-checked: a time outside
    /// 4714-11-24 BC … 294247-01-01 throws `timestamp out of range`, as PostgreSQL and TimescaleDB word it.
    public static func parse(bytes raw: UnsafeRawBufferPointer, zone: PGTimeZone = .utc, type: PGType = .timestamptz) throws(ValueError) -> Int64 {
        try parse(bytes: raw, zone: zone, type: type, wholeDays: false)
    }

    /// The parser; `wholeDays` gives a `date`'s day number instead of microseconds.
    static func parse(bytes raw: UnsafeRawBufferPointer, zone: PGTimeZone, type: PGType, wholeDays: Bool) throws(ValueError) -> Int64 {
        var days = DayCache()
        if !wholeDays, let common = parseCommon(raw, zone: zone, type: type, days: &days) { return common }
        return try parseOther(bytes: raw, zone: zone, type: type, wholeDays: wholeDays)
    }

    /// Every form but the common one: ``parseGeneral(bytes:zone:type:wholeDays:)``, then month
    /// names, MM/DD/YYYY and the other spellings PostgreSQL also reads (``PGDateTimeFields``).
    static func parseOther(bytes raw: UnsafeRawBufferPointer, zone: PGTimeZone, type: PGType, wholeDays: Bool) throws(ValueError) -> Int64 {
        do {
            return try parseGeneral(bytes: raw, zone: zone, type: type, wholeDays: wholeDays)
        } catch {
            // Month names, MM/DD/YYYY and the other spellings PostgreSQL also reads.
            guard case .invalidSyntax = error,
                  let other = PGDateTimeFields.parse(String(decoding: raw, as: UTF8.self), zone: zone, type: type, wholeDays: wholeDays)
            else { throw error }
            switch other {
            case .value(let v): return v
            case .fieldOutOfRange: throw .dateTimeFieldOutOfRange(text: String(decoding: raw, as: UTF8.self))
            }
        }
    }

    /// The last date a column's common-form timestamps named and its day number: rows of a file
    /// mostly share their date with the row before, and then the date is neither read nor checked again.
    public struct DayCache: Sendable {
        /// The date's ten bytes (`YYYY-MM-DD`) as two words; zero while empty (no date text is eight zero bytes).
        var head: UInt64 = 0
        var tail: UInt16 = 0
        var days: Int64 = 0

        public init() {}

        init(head: UInt64, tail: UInt16, days: Int64) {
            self.head = head
            self.tail = tail
            self.days = days
        }
    }

    /// ``parse(bytes:zone:type:)`` for a column's values in turn, remembering the last date in `days`.
    @inline(__always)
    public static func parse(bytes raw: UnsafeRawBufferPointer, zone: PGTimeZone, type: PGType, days: inout DayCache) throws(ValueError) -> Int64 {
        if let common = parseCommon(raw, zone: zone, type: type, days: &days) { return common }
        return try parseOther(bytes: raw, zone: zone, type: type, wholeDays: false)
    }

    /// Every form PostgreSQL reads (the common one included, which ``parseCommon(_:zone:type:days:)`` reads faster).
    static func parseGeneral(bytes raw: UnsafeRawBufferPointer, zone: PGTimeZone, type: PGType, wholeDays: Bool) throws(ValueError) -> Int64 {
        var lo = 0, hi = raw.count
        while lo < hi, InputText.isSpace(raw[lo]) { lo += 1 }
        while hi > lo, InputText.isSpace(raw[hi - 1]) { hi -= 1 }
        var b = UnsafeRawBufferPointer(rebasing: raw[lo..<hi])
        // datetime.c DateTimeParseError names the input function's type: "timestamp", "timestamp with time zone", "date".
        func fail() -> ValueError {
            // Shaped like a date/time with a field past its range: DTERR_FIELD_OVERFLOW, not a syntax error.
            if DateTimeFieldOverflow.outOfRange(raw) { return .dateTimeFieldOutOfRange(text: String(decoding: raw, as: UTF8.self)) }
            return .invalidSyntax(type: type == .timestamp ? "timestamp" : type.sqlName, text: String(decoding: raw, as: UTF8.self))
        }
        func outOfRange() -> ValueError { .timestampOutOfRange(text: String(decoding: raw, as: UTF8.self)) }
        if let special = specialValue(b) { return special }
        // A trailing era: `… BC` counts years backwards from 1 BC = year 0.
        var beforeChrist = false
        if b.count >= 3, InputText.isSpace(b[b.count - 3]) {
            let e0 = b[b.count - 2] | 0x20, e1 = b[b.count - 1] | 0x20
            if (e0 == UInt8(ascii: "b") && e1 == UInt8(ascii: "c")) || (e0 == UInt8(ascii: "a") && e1 == UInt8(ascii: "d")) {
                beforeChrist = e0 == UInt8(ascii: "b")
                var e = b.count - 3
                while e > 0, InputText.isSpace(b[e - 1]) { e -= 1 }
                b = UnsafeRawBufferPointer(rebasing: b[0..<e])
            }
        }
        let n = b.count
        var i = 0
        @inline(__always) func digits(_ count: Int) -> Int? {
            guard i + count <= n else { return nil }
            var v = 0
            for k in 0..<count {
                let c = b[i + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += count
            return v
        }
        @inline(__always) func expect(_ ch: UInt8) -> Bool {
            guard i < n, b[i] == ch else { return false }
            i += 1
            return true
        }
        // Year: 4 to 7 digits (PostgreSQL's date range ends in 5874897).
        var year = 0
        var yearDigits = 0
        while i < n, b[i] >= 0x30 && b[i] <= 0x39, yearDigits < 8 { year = year * 10 + Int(b[i] - 0x30); i += 1; yearDigits += 1 }
        guard yearDigits >= 4, yearDigits <= 7, expect(UInt8(ascii: "-")),
              let month = digits(2), expect(UInt8(ascii: "-")), let day = digits(2)
        else { throw fail() }
        func fieldOutOfRange() -> ValueError { .dateTimeFieldOutOfRange(text: String(decoding: raw, as: UTF8.self)) }
        guard year >= 1 else { throw fieldOutOfRange() }
        if beforeChrist { year = 1 - year }
        guard (1...12).contains(month), day >= 1, day <= CivilTime.daysInMonth(year: year, month: month) else { throw fieldOutOfRange() }
        var micros: Int64 = 0
        if i < n, b[i] == UInt8(ascii: " ") || b[i] == UInt8(ascii: "T") {
            i += 1
            guard let hh = digits(2), expect(UInt8(ascii: ":")), let mm = digits(2) else { throw fail() }
            var ss = 0
            var frac: Int64 = 0
            if expect(UInt8(ascii: ":")) {
                guard let s = digits(2) else { throw fail() }
                ss = s
                if expect(UInt8(ascii: ".")) {
                    var scale: Int64 = 100_000
                    var any = false
                    var count = 0
                    // Past six digits PostgreSQL reads the fraction as a double and rounds half to
                    // even (`ParseFractionalSecond`: strtod, then rint(frac * 1e6)), so do the same.
                    var mantissa: UInt64 = 0
                    while i < n, b[i] >= 0x30 && b[i] <= 0x39 {
                        let d = Int64(b[i] - 0x30)
                        if count < 6 { frac += d * scale; scale /= 10 }
                        if count < 15 { mantissa = mantissa * 10 + UInt64(d) }
                        count += 1
                        any = true
                        i += 1
                    }
                    guard any else { throw fail() }
                    if count > 6 {
                        let digits = min(count, 15)
                        var p10 = 1.0
                        for _ in 0..<digits { p10 *= 10 }
                        frac = Int64(((Double(mantissa) / p10) * 1_000_000).rounded(.toNearestOrEven))
                    }
                }
            }
            guard hh <= 24, mm <= 59, ss <= 60, !(hh == 24 && (mm > 0 || ss > 0 || frac > 0)) else { throw fieldOutOfRange() }
            micros = (Int64(hh) * 3600 + Int64(mm) * 60 + Int64(ss)) * CivilTime.microsecondsPerSecond + frac
        }
        let dayNumber = CivilTime.days(year: year, month: month, day: day)
        if wholeDays {
            // A zone after the date and time is read and ignored (date_in decodes a whole
            // date/time): the rest must read as a timestamp's, whose refusals name the date.
            if i < n {
                do {
                    _ = try parseGeneral(bytes: raw, zone: .utc, type: .timestamp, wholeDays: false)
                } catch {
                    if case .invalidSyntax = error { throw fail() }
                    throw error
                }
            }
            // Dates keep whole days; their range runs to 5874897-12-31 (Julian day 2147483494 is the
            // first day past it; days, not µs, so no overflow).
            guard dayNumber >= minimum / CivilTime.microsecondsPerDay, dayNumber < 2_145_042_906 else {
                throw .dateOutOfRange(text: String(decoding: raw, as: UTF8.self))
            }
            return dayNumber
        }
        // Two days of slack either side keep the zone arithmetic below from overflowing.
        let (dayMicros, o1) = dayNumber.multipliedReportingOverflow(by: CivilTime.microsecondsPerDay)
        let (local, o2) = dayMicros.addingReportingOverflow(micros)
        guard !o1, !o2, local > minimum - 2 * CivilTime.microsecondsPerDay, local < end + 2 * CivilTime.microsecondsPerDay else { throw outOfRange() }
        @inline(__always) func checked(_ t: Int64) throws(ValueError) -> Int64 {
            guard t >= minimum, t < end else { throw outOfRange() }
            return t
        }
        // Zone.
        // A pattern, not `==`: the derived equality of a type with payloads is an out-of-line call per field.
        let withZone: Bool
        if case .timestamptz = type { withZone = true } else { withZone = false }
        if i == n {
            if withZone { return try checked(zone.utc(fromLocal: local)) }
            return try checked(local)
        }
        if b[i] == UInt8(ascii: "Z") && i == n - 1 { return try checked(local) }
        // ` UTC`/`Z` spelled out after a space, as `COPY … TO` never writes but people do.
        if b[i] == UInt8(ascii: " ") {
            let written = String(decoding: UnsafeRawBufferPointer(rebasing: b[(i + 1)...]), as: UTF8.self).trimmingCharacters(in: .whitespaces)
            // A numeric zone after a space (`… -05:00`) is an ISO offset east, as joined to the time;
            // a zone name's POSIX reading would take its sign the other way.
            if let east = try numericZoneSeconds(written, raw: raw) {
                return try checked(withZone ? local - Int64(east) * CivilTime.microsecondsPerSecond : local)
            }
            let rest = written.lowercased()
            if rest == "utc" || rest == "z" || rest == "gmt" { return try checked(local) }
            // An abbreviation PostgreSQL knows (`… PST`, `… IST`): its fixed offset, before zone names.
            if let east = PGZoneAbbreviations.secondsEast(rest) {
                return try checked(withZone ? local - Int64(east) * CivilTime.microsecondsPerSecond : local)
            }
            // A zone by name (`2026-03-01 23:01:00 America/New_York`): the local time there; a
            // timestamp without time zone ignores it, as PostgreSQL's input does.
            if let named = PGTimeZone(name: written) { return try checked(withZone ? named.utc(fromLocal: local) : local) }
            throw fail()
        }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { throw fail() }
        let sign: Int64 = b[i] == UInt8(ascii: "-") ? -1 : 1
        i += 1
        guard let oh = digits(2) else { throw fail() }
        var om = 0, os = 0
        if expect(UInt8(ascii: ":")) {
            guard let m = digits(2) else { throw fail() }
            om = m
            if expect(UInt8(ascii: ":")) { guard let s = digits(2) else { throw fail() }; os = s }
        } else if i + 2 <= n, let m = digits(2) {
            om = m
        }
        guard i == n else { throw fail() }
        // DecodeTimezone: hours past 15, minutes or seconds past 59 are a displacement out of range.
        guard oh <= 15, om <= 59, os <= 59 else { throw .timeZoneDisplacementOutOfRange(text: String(decoding: raw, as: UTF8.self)) }
        let offset = sign * (Int64(oh) * 3600 + Int64(om) * 60 + Int64(os)) * CivilTime.microsecondsPerSecond
        // timestamp without time zone ignores an explicit zone, as PostgreSQL does.
        return try checked(withZone ? local - offset : local)
    }

    /// `YYYY-MM-DD HH:MM:SS`, optionally `.` and 1–6 fraction digits, then `+00`, `Z` or nothing:
    /// what `COPY … TO` writes in a UTC session and what nearly every export holds, read in one pass.
    /// Nil for anything else — another offset, a `T`, white space, more fraction digits, a year
    /// below 1, a field at the edge of its range such as `24:00:00` or a leap second — which the
    /// general parser then decides; for what this accepts, that parser gives the same value.
    @inline(__always)
    static func parseCommon(_ b: UnsafeRawBufferPointer, zone: PGTimeZone, type: PGType, days cache: inout DayCache) -> Int64? {
        let n = b.count
        guard n >= 19, n <= 29, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: " "),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":") else { return nil }
        @inline(__always) func two(_ k: Int) -> Int? {
            let h = b[k] &- 0x30, l = b[k + 1] &- 0x30
            guard h <= 9, l <= 9 else { return nil }
            return Int(h) * 10 + Int(l)
        }
        guard let hh = two(11), let mm = two(14), let ss = two(17), hh <= 23, mm <= 59, ss <= 59 else { return nil }
        let head = b.loadUnaligned(fromByteOffset: 0, as: UInt64.self), tail = b.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        let dayNumber: Int64
        if head == cache.head && tail == cache.tail {
            dayNumber = cache.days
        } else {
            guard let century = two(0), let yy = two(2), let month = two(5), let day = two(8) else { return nil }
            let year = century * 100 + yy
            guard year >= 1, month >= 1, month <= 12, day >= 1, day <= CivilTime.daysInMonth(year: year, month: month) else { return nil }
            dayNumber = CivilTime.days(year: year, month: month, day: day)
            cache = DayCache(head: head, tail: tail, days: dayNumber)
        }
        var i = 19
        var frac: Int64 = 0
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            var place: Int64 = 100_000
            while i < n, i - start < 6, b[i] &- 0x30 <= 9 {
                frac += Int64(b[i] &- 0x30) * place
                place /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        // A seventh fraction digit lands here as an unknown suffix: the general parser rounds it.
        let explicitUTC: Bool
        if i == n {
            explicitUTC = false
        } else if i == n - 1, b[i] == UInt8(ascii: "Z") {
            explicitUTC = true
        } else if i == n - 3, b[i] == UInt8(ascii: "+"), b[i + 1] == UInt8(ascii: "0"), b[i + 2] == UInt8(ascii: "0") {
            explicitUTC = true
        } else {
            return nil
        }
        // Years 1–9999 are far inside the range the general parser checks, zone offsets included.
        let local = dayNumber * CivilTime.microsecondsPerDay
            + (Int64(hh) * 3600 + Int64(mm) * 60 + Int64(ss)) * CivilTime.microsecondsPerSecond + frac
        if case .timestamptz = type, !explicitUTC { return zone.utc(fromLocal: local) }
        return local
    }

    /// `epoch`, `infinity`, `-infinity` in any case; nil for anything else.
    static func specialValue(_ b: UnsafeRawBufferPointer) -> Int64? {
        guard b.count >= 5, b.count <= 9 else { return nil }
        var word: [UInt8] = []
        for c in b { word.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) }
        switch String(decoding: word, as: UTF8.self) {
        case "epoch": return 0
        case "infinity": return infinity
        case "-infinity": return minusInfinity
        default: return nil
        }
    }

    /// PostgreSQL's output for a timestamptz in a zone: `2023-01-02 23:01:02.228835+00`, fraction
    /// digits without trailing zeros, offset as `+HH`, `+HH:MM` or `+HH:MM:SS`.
    public static func format(_ micros: Int64, zone: PGTimeZone = .utc) -> String {
        if micros == infinity { return "infinity" }
        if micros == minusInfinity { return "-infinity" }
        let offset = zone.offsetSeconds(atUTC: micros)
        var out = formatLocal(micros &+ Int64(offset) * CivilTime.microsecondsPerSecond)
        let era = out.hasSuffix(" BC")
        if era { out.removeLast(3) }
        out += formatOffset(offset)
        return era ? out + " BC" : out
    }

    /// `timestamp without time zone` output (no offset).
    public static func formatLocal(_ local: Int64) -> String {
        if local == infinity { return "infinity" }
        if local == minusInfinity { return "-infinity" }
        let days = CivilTime.floorDiv(local, CivilTime.microsecondsPerDay)
        // The remainder, not `local - days * perDay`: that product leaves Int64 near its ends.
        let remainder = local % CivilTime.microsecondsPerDay
        let timeOfDay = remainder < 0 ? remainder + CivilTime.microsecondsPerDay : remainder
        let (y, m, d) = CivilTime.civil(days: days)
        var out = pad(y > 0 ? y : 1 - y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + " "
        out += formatTime(timeOfDay)
        return y > 0 ? out : out + " BC"
    }

    /// `time` output: `HH:MM:SS[.ffffff]`.
    public static func formatTime(_ microsOfDay: Int64) -> String {
        let secs = microsOfDay / CivilTime.microsecondsPerSecond
        let frac = microsOfDay % CivilTime.microsecondsPerSecond
        var out = pad(Int(secs / 3600), 2) + ":" + pad(Int(secs / 60 % 60), 2) + ":" + pad(Int(secs % 60), 2)
        if frac != 0 {
            var f = pad(Int(frac), 6)
            while f.last == "0" { f.removeLast() }
            out += "." + f
        }
        return out
    }

    /// `date` output: `YYYY-MM-DD`.
    public static func formatDate(_ days: Int64) -> String {
        if days == infinity { return "infinity" }
        if days == minusInfinity { return "-infinity" }
        let (y, m, d) = CivilTime.civil(days: days)
        return pad(y > 0 ? y : 1 - y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + (y > 0 ? "" : " BC")
    }

    /// `+00`, `-05`, `+05:30`, `-03:30:15`.
    public static func formatOffset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let a = abs(seconds)
        var out = sign + pad(a / 3600, 2)
        if a % 3600 != 0 {
            out += ":" + pad(a / 60 % 60, 2)
            if a % 60 != 0 { out += ":" + pad(a % 60, 2) }
        }
        return out
    }

    /// Parses `date` text `YYYY-MM-DD` into days since 1970-01-01.
    /// `infinity` and `-infinity` give ``infinity`` and ``minusInfinity``.
    public static func parseDate<S: StringProtocol>(_ text: S) throws(ValueError) -> Int64 {
        try InputText.parsing(text) { bytes throws(ValueError) in try parse(bytes: bytes, zone: .utc, type: .date, wholeDays: true) }
    }

    /// The seconds east of UTC of a numeric zone (`+5`, `-05:00`, `+0530`, `+05:30:15`,
    /// `-053015`) as datetime.c's `DecodeTimezone` reads one; nil when `text` does not start with
    /// a sign; `time zone displacement out of range` past 15 hours or 59 minutes or seconds.
    static func numericZoneSeconds(_ text: String, raw: UnsafeRawBufferPointer) throws(ValueError) -> Int? {
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let parts = text.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
        func invalid() -> ValueError { .invalidSyntax(type: "timestamp with time zone", text: String(decoding: raw, as: UTF8.self)) }
        guard parts.count <= 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 9 && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            throw invalid()
        }
        var h = Int(parts[0]) ?? 0, m = parts.count > 1 ? Int(parts[1]) ?? 0 : 0, sec = parts.count > 2 ? Int(parts[2]) ?? 0 : 0
        if parts.count == 1 {
            switch parts[0].count {
            case 1, 2: break
            case 3, 4: (h, m) = (h / 100, h % 100)
            case 5, 6: (h, m, sec) = (h / 10_000, h / 100 % 100, h % 100)
            default: throw invalid()
            }
        }
        guard h <= 15, m <= 59, sec <= 59 else { throw .timeZoneDisplacementOutOfRange(text: String(decoding: raw, as: UTF8.self)) }
        let seconds = h * 3600 + m * 60 + sec
        return sign == "-" ? -seconds : seconds
    }

    /// Parses `time` text into microseconds since midnight as `time_in` does: the fields of
    /// ``PGTimetzLiteral`` (`10:30`, `1030 pm`, `allballs`, a zone given and ignored), its words.
    public static func parseTime<S: StringProtocol>(_ text: S) throws(ValueError) -> Int64 {
        switch PGTimetzLiteral.parse(String(text), typeName: "time") {
        case .success(let value): return value.time
        case .failure(let error): throw error
        }
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
