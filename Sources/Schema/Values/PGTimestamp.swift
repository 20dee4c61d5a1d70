/// Text input and output of `timestamptz`, `timestamp`, `date` and `time` values as PostgreSQL does
/// them with `DateStyle = ISO, MDY`.
///
/// Timestamps are Int64 microseconds since 1970-01-01 00:00:00 UTC (TimescaleDB's internal time, so
/// chunk arithmetic needs no conversion).
public enum PGTimestamp {
    /// Parses `2023-01-02 23:01:02.228835+00` (also `T` as separator, `+05:30`, `-04`, `Z`, or no zone,
    /// which means the session zone).
    public static func parse<S: StringProtocol>(_ text: S, zone: PGTimeZone = .utc, type: PGType = .timestamptz) throws(ValueError) -> Int64 {
        var copy = String(text)
        return try copy.withUTF8 { buf in Result { () throws(ValueError) -> Int64 in try parse(bytes: UnsafeRawBufferPointer(buf), zone: zone, type: type) } }.get()
    }

    /// Byte-level parser used by the COPY reader.
    public static func parse(bytes b: UnsafeRawBufferPointer, zone: PGTimeZone = .utc, type: PGType = .timestamptz) throws(ValueError) -> Int64 {
        let n = b.count
        var i = 0
        // datetime.c DateTimeParseError names the input function's type: "timestamp", "timestamp with time zone", "date".
        func fail() -> ValueError {
            .invalidSyntax(type: type == .timestamp ? "timestamp" : type.sqlName, text: String(decoding: b, as: UTF8.self))
        }
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
        // Year: 4+ digits.
        var year = 0
        var yearDigits = 0
        while i < n, b[i] >= 0x30 && b[i] <= 0x39 { year = year * 10 + Int(b[i] - 0x30); i += 1; yearDigits += 1 }
        guard yearDigits >= 4, yearDigits <= 6, expect(UInt8(ascii: "-")),
              let month = digits(2), expect(UInt8(ascii: "-")), let day = digits(2),
              (1...12).contains(month), day >= 1, day <= CivilTime.daysInMonth(year: year, month: month)
        else { throw fail() }
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
            guard hh <= 24, mm <= 59, ss <= 60, !(hh == 24 && (mm > 0 || ss > 0 || frac > 0)) else {
                throw .outOfRange(type: type.sqlName, text: String(decoding: b, as: UTF8.self))
            }
            micros = (Int64(hh) * 3600 + Int64(mm) * 60 + Int64(ss)) * CivilTime.microsecondsPerSecond + frac
        }
        let local = CivilTime.days(year: year, month: month, day: day) * CivilTime.microsecondsPerDay + micros
        // Zone.
        if i == n {
            if type == .timestamptz { return zone.utc(fromLocal: local) }
            return local
        }
        if b[i] == UInt8(ascii: "Z") && i == n - 1 { return local }
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
        guard i == n, oh <= 15, om <= 59, os <= 59 else { throw fail() }
        let offset = sign * (Int64(oh) * 3600 + Int64(om) * 60 + Int64(os)) * CivilTime.microsecondsPerSecond
        // timestamp without time zone ignores an explicit zone, as PostgreSQL does.
        return type == .timestamptz ? local - offset : local
    }

    /// PostgreSQL's output for a timestamptz in a zone: `2023-01-02 23:01:02.228835+00`, fraction
    /// digits without trailing zeros, offset as `+HH`, `+HH:MM` or `+HH:MM:SS`.
    public static func format(_ micros: Int64, zone: PGTimeZone = .utc) -> String {
        let offset = zone.offsetSeconds(atUTC: micros)
        var out = formatLocal(micros + Int64(offset) * CivilTime.microsecondsPerSecond)
        out += formatOffset(offset)
        return out
    }

    /// `timestamp without time zone` output (no offset).
    public static func formatLocal(_ local: Int64) -> String {
        let days = CivilTime.floorDiv(local, CivilTime.microsecondsPerDay)
        let timeOfDay = local - days * CivilTime.microsecondsPerDay
        let (y, m, d) = CivilTime.civil(days: days)
        var out = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + " "
        out += formatTime(timeOfDay)
        return out
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
        let (y, m, d) = CivilTime.civil(days: days)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
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
    public static func parseDate<S: StringProtocol>(_ text: S) throws(ValueError) -> Int64 {
        let micros = try parse(text, zone: .utc, type: .date)
        return CivilTime.floorDiv(micros, CivilTime.microsecondsPerDay)
    }

    /// Parses `time` text `HH:MM[:SS[.ffffff]]` into microseconds since midnight.
    public static func parseTime<S: StringProtocol>(_ text: S) throws(ValueError) -> Int64 {
        guard let t = try? parse("2000-01-01 " + String(text), zone: .utc, type: .time) else {
            throw .invalidSyntax(type: "time", text: String(text))
        }
        return t - CivilTime.days(year: 2000, month: 1, day: 1) * CivilTime.microsecondsPerDay
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
