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

    /// ``parse(_:zone:type:)`` with the transaction's clock: `now` is `clock`, and `today`,
    /// `tomorrow` and `yesterday` are midnights of its date in `zone` (`'tomorrow 10:00'` too), as
    /// PostgreSQL reads them at the transaction's start.
    public static func parse<S: StringProtocol>(_ text: S, zone: PGTimeZone = .utc, type: PGType = .timestamptz, clock: Int64) throws(ValueError) -> Int64 {
        let reading = PGDateTimeDecoder.Clock(micros: clock, zone: zone)
        return try InputText.parsing(text) { bytes throws(ValueError) in try parse(bytes: bytes, zone: zone, type: type, clock: reading) }
    }

    /// The byte parser with the transaction's clock.
    static func parse(bytes raw: UnsafeRawBufferPointer, zone: PGTimeZone, type: PGType, clock: PGDateTimeDecoder.Clock) throws(ValueError) -> Int64 {
        var days = DayCache()
        if let common = parseCommon(raw, zone: zone, type: type, days: &days) { return common }
        return try parseGeneral(bytes: raw, zone: zone, type: type, wholeDays: false, clock: clock)
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

    /// Every form but the common one: ``parseGeneral(bytes:zone:type:wholeDays:)``.
    static func parseOther(bytes raw: UnsafeRawBufferPointer, zone: PGTimeZone, type: PGType, wholeDays: Bool) throws(ValueError) -> Int64 {
        try parseGeneral(bytes: raw, zone: zone, type: type, wholeDays: wholeDays)
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

    /// Every form PostgreSQL reads (the common one included, which ``parseCommon(_:zone:type:days:)``
    /// reads faster), as `timestamptz_in`, `timestamp_in` and `date_in` read them: the text cut into
    /// fields as `ParseDateTime` cuts it (``PGDateTimeFields/lex(_:bufferSize:)``), the fields placed
    /// by ``PGDateTimeDecoder`` (`DecodeDateTime`), then `tm2timestamp`'s or `date_in`'s range checks.
    /// A timestamptz without a zone is local time in `zone`; a timestamp or date reads a zone and
    /// drops it. `wholeDays` gives a date's day number since 1970-01-01.
    static func parseGeneral(bytes raw: UnsafeRawBufferPointer, zone: PGTimeZone, type: PGType, wholeDays: Bool,
                             clock: PGDateTimeDecoder.Clock? = nil) throws(ValueError) -> Int64 {
        func text() -> String { String(decoding: raw, as: UTF8.self) }
        // datetime.c DateTimeParseError names the input function's type.
        let typeName = wholeDays ? "date" : type == .timestamp ? "timestamp" : "timestamp with time zone"
        let decoded: PGDateTimeDecoder.Decoded
        do throws(PGDateTimeFields.DateTimeError) {
            // The bytes as they are: the cutting stops at a NUL (where the server's text ends) or
            // at the work buffer's end, so a long text is never copied.
            let fields = try PGDateTimeFields.lex(raw, bufferSize: wholeDays ? 129 : 153)
            decoded = try PGDateTimeDecoder.decode(fields, clock: clock)
        } catch {
            switch error {
            case .badFormat: throw .invalidSyntax(type: typeName, text: text())
            case .fieldOverflow: throw .dateTimeFieldOutOfRange(text: text())
            case .monthDayOverflow: throw .dateTimeFieldOutOfRange(text: text(), monthOrDay: true)
            case .zoneDisplacement: throw .timeZoneDisplacementOutOfRange(text: text())
            case .unknownZone(let name): throw .refused(message: "time zone \"\(name)\" not recognized", sqlState: "22023")
            }
        }
        let parts: PGDateTimeFields.Parts, written: PGDateTimeDecoder.Zone
        switch decoded {
        case .epoch: return 0
        case .late: return infinity
        case .early: return minusInfinity
        case .date(let p, let z): (parts, written) = (p, z)
        }
        if wholeDays {
            // date_in: inside the Julian-day routines' range, then before 5874898-01-01.
            guard PGDateTimeDecoder.isValidJulian(year: parts.year, month: parts.month) else { throw .dateOutOfRange(text: text()) }
            let julian = PGDateTimeFields.julianDay(year: parts.year, month: parts.month, day: parts.day)
            guard julian >= 0, julian < 2_147_483_494 else { throw .dateOutOfRange(text: text()) }
            return Int64(julian) - 2_440_588
        }
        func outOfRange() -> ValueError { .timestampOutOfRange(text: text()) }
        // Local time since PostgreSQL's epoch, then Unix microseconds; both ends with two days of
        // slack for the zone arithmetic (no zone is a day away from UTC).
        guard let pgLocal = PGDateTimeDecoder.localTimestamp(parts) else { throw outOfRange() }
        let epochShift = PGDateTimeDecoder.postgresEpochMicros
        guard pgLocal > minimum - epochShift - 2 * CivilTime.microsecondsPerDay,
              pgLocal < end - epochShift + 2 * CivilTime.microsecondsPerDay else { throw outOfRange() }
        let local = pgLocal + epochShift
        var utc = local
        // A pattern, not `==`: the derived equality of a type with payloads is an out-of-line call per field.
        if case .timestamptz = type {
            switch written {
            case .session: utc = zone.utc(fromLocal: local)
            case .named(let named): utc = named.utc(fromLocal: local)
            case .west(let west): utc = local + Int64(west) * CivilTime.microsecondsPerSecond
            case .posix(let posix):
                let seconds = parts.hour * 3600 + parts.minute * 60 + parts.second
                let west = posix.secondsWest(year: parts.year, month: parts.month, day: parts.day, secondOfDay: seconds)
                utc = local + Int64(west) * CivilTime.microsecondsPerSecond
            }
        }
        guard utc >= minimum, utc < end else { throw outOfRange() }
        return utc
    }

    /// `YYYY-MM-DD HH:MM:SS` (or ISO 8601's `T` between them), optionally `.` and 1–6 fraction
    /// digits, then `+00`, `+00:00`, `Z` or nothing: what `COPY … TO` writes in a UTC session and
    /// what nearly every export holds, read in one pass.
    /// Nil for anything else — another offset, white space, more fraction digits, a year
    /// below 1, a field at the edge of its range such as `24:00:00` or a leap second — which the
    /// general parser then decides; for what this accepts, that parser gives the same value.
    @inline(__always)
    static func parseCommon(_ b: UnsafeRawBufferPointer, zone: PGTimeZone, type: PGType, days cache: inout DayCache) -> Int64? {
        let n = b.count
        guard n >= 19, n <= 32, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "T"),
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
        } else if i == n - 6, b[i] == UInt8(ascii: "+"), b[i + 1] == UInt8(ascii: "0"), b[i + 2] == UInt8(ascii: "0"),
                  b[i + 3] == UInt8(ascii: ":"), b[i + 4] == UInt8(ascii: "0"), b[i + 5] == UInt8(ascii: "0") {
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

