/// A PostgreSQL `interval`: months, days and microseconds kept apart, because a month and a day
/// have no fixed length in a time zone with daylight saving.
public struct PGInterval: Sendable, Hashable, CustomStringConvertible {
    public var months: Int32
    public var days: Int32
    public var microseconds: Int64

    public init(months: Int32 = 0, days: Int32 = 0, microseconds: Int64 = 0) {
        self.months = months
        self.days = days
        self.microseconds = microseconds
    }

    public var negated: PGInterval { PGInterval(months: -months, days: -days, microseconds: -microseconds) }

    /// ``timescaleMicroseconds`` when it fits in 64 bits, nil otherwise (for callers that refuse
    /// an out-of-range interval instead of pinning it).
    public var exactTimescaleMicroseconds: Int64? {
        let (monthDays, o0) = Int64(months).multipliedReportingOverflow(by: 30)
        let (days, o1) = monthDays.addingReportingOverflow(Int64(self.days))
        let (dayMicros, o2) = days.multipliedReportingOverflow(by: CivilTime.microsecondsPerDay)
        let (total, o3) = dayMicros.addingReportingOverflow(microseconds)
        return o0 || o1 || o2 || o3 ? nil : total
    }

    /// The length TimescaleDB uses for chunk intervals and policies: a month is 30 days, a day 24 hours
    /// (`ts_interval_value_to_internal`, `DAYS_PER_MONTH`).
    /// Pinned to the Int64 ends rather than overflowing (an interval of 2^31 months and days).
    public var timescaleMicroseconds: Int64 {
        let (dayMicros, o1) = (Int64(months) * 30 + Int64(days)).multipliedReportingOverflow(by: CivilTime.microsecondsPerDay)
        let (total, o2) = dayMicros.addingReportingOverflow(microseconds)
        if o1 { return Int64(months) * 30 + Int64(days) > 0 ? Int64.max : Int64.min }
        if o2 { return microseconds > 0 ? Int64.max : Int64.min }
        return total
    }

    /// Parses PostgreSQL interval text in the forms migrations and CLIs use: `1 day`, `12 hours`,
    /// `730 days`, `7 days 12:00:00`, `1 week`, `2 mons`, `-3 days`, `00:30:00`, units run together
    /// (`1h30m`, `1d2h`), ISO 8601 (`P1DT12H`, `PT1.5H`, `P0001-02-03T04:05:06`), and a bare number as
    /// PostgreSQL reads it (seconds at the end — or the last of `fields` — and days before a
    /// clock or an hour).
    public init?(text: String) {
        self.init(text: text, fields: nil)
    }

    /// ``init(text:)`` for a type restricted to `fields` (before ``IntervalTypmod/adjust(_:)``).
    init?(text: String, fields: IntervalTypmod.Fields?) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.first == "P" || trimmed.first == "p" {
            guard let iso = Self.iso8601(String(trimmed.dropFirst())) else { return nil }
            self = iso
            return
        }
        var months: Int64 = 0, days: Int64 = 0, micros: Int64 = 0
        // A number after a unit starts a new field (`1h30m` is `1 h 30 m`, as ParseDateTime splits it).
        let tokens = text.lowercased().replacingAll("@", with: " ").split(whereSeparator: { $0 == " " || $0 == "\t" })
            .flatMap(Self.splitAtUnits)
        guard !tokens.isEmpty else { return nil }
        var i = 0
        var agoFlag = false
        // DecodeInterval's field mask: each unit once (a clock is hours, minutes and seconds; a
        // fractional second every sub-second unit too), and at least one field.
        var seen: Set<String> = []
        func mark(_ classes: [String]) -> Bool {
            guard seen.isDisjoint(with: classes) else { return false }
            seen.formUnion(classes)
            return true
        }
        let clockClasses = ["h", "min", "s", "ms", "us"]
        while i < tokens.count {
            let tok = String(tokens[i])
            if tok == "ago" { agoFlag = true; i += 1; continue }
            if tok.contains(":") {
                guard mark(clockClasses), var t = PGInterval.parseClock(tok) else { return nil }
                // DecodeTime: two parts under MINUTE TO SECOND are minutes and seconds.
                if fields == .minuteToSecond, tok.split(separator: ":", omittingEmptySubsequences: false).count == 2 { t /= 60 }
                let (sum, overflow) = micros.addingReportingOverflow(t)
                guard !overflow else { return nil }
                micros = sum
                i += 1
                continue
            }
            // A number, with the unit either attached ("12h") or in the next token.
            var numberText = tok
            var unit = ""
            if let firstLetter = tok.firstIndex(where: { $0.isLetter }) {
                numberText = String(tok[..<firstLetter])
                unit = String(tok[firstLetter...])
            } else if i + 1 == tokens.count {
                // A bare number at the end counts seconds (`'5'` is 5 s, `'1 day 5'` 1 day 5 s), or
                // the last of the type's fields (`INTERVAL '90' MINUTE`).
                unit = fields?.bareNumberUnit ?? "seconds"
            } else if tokens[i + 1].contains(":") || Self.countsHours(tokens, at: i + 1, fields: fields) {
                // A bare number before a clock or an hour count counts days (`'3 4:00'` is 3 days
                // 04:00:00, `'1 2 hours'` and `INTERVAL '1 2' DAY TO HOUR` 1 day 02:00:00):
                // DecodeInterval sets the field after an hour to days.
                unit = "days"
            } else {
                unit = String(tokens[i + 1])
                i += 1
            }
            // A unit word with no number before it only names the unit of a number (none here).
            let unitName = unit.trimmingCharacters(in: ",")
            guard let unitClass = Self.unitClass(unitName) else { return nil }
            if numberText.isEmpty && unit.first?.isLetter == true {
                i += 1
                continue
            }
            guard let (whole, fractionMicros) = PGInterval.parseNumber(numberText) else { return nil }
            let secondsWithFraction = unitClass == "s" && fractionMicros != 0
            guard mark(secondsWithFraction ? ["s", "ms", "us"] : [unitClass]) else { return nil }
            // Every sum and product is overflow-checked: `9999999999999 hours` is refused, not a trap.
            func scaled(_ a: Int64, _ b: Int64) -> Int64? {
                let (v, o) = a.multipliedReportingOverflow(by: b)
                return o ? nil : v
            }
            func add(_ total: inout Int64, _ parts: Int64?...) -> Bool {
                for part in parts {
                    guard let part else { return false }
                    let (v, o) = total.addingReportingOverflow(part)
                    if o { return false }
                    total = v
                }
                return true
            }
            let ok: Bool
            switch unitClass {
            // A fraction of a microsecond rounds half to even (AdjustFractMicroseconds' rint).
            case "us": ok = add(&micros, whole, Self.roundedQuotient(fractionMicros, 1_000_000))
            case "ms": ok = add(&micros, scaled(whole, 1000), Self.roundedQuotient(fractionMicros, 1000))
            case "s": ok = add(&micros, scaled(whole, 1_000_000), fractionMicros)
            case "min": ok = add(&micros, scaled(whole, 60_000_000), fractionMicros * 60)
            case "h": ok = add(&micros, scaled(whole, 3_600_000_000), fractionMicros * 3600)
            case "d": ok = add(&days, whole) && add(&micros, fractionMicros * 86_400)
            // A fraction of a week or month is whole days and the rest of a day in time
            // (AdjustFractDays); of a year or longer, months rounded to the nearest (AdjustFractYears).
            case "w":
                ok = add(&days, scaled(whole, 7), fractionMicros * 7 / 1_000_000) && add(&micros, fractionMicros * 7 % 1_000_000 * 86_400)
            case "mon":
                ok = add(&months, whole) && add(&days, fractionMicros * 30 / 1_000_000) && add(&micros, fractionMicros * 30 % 1_000_000 * 86_400)
            case "y": ok = add(&months, scaled(whole, 12), Self.roundedMonths(fractionMicros, years: 1))
            case "dec": ok = add(&months, scaled(whole, 120), Self.roundedMonths(fractionMicros, years: 10))
            case "c": ok = add(&months, scaled(whole, 1_200), Self.roundedMonths(fractionMicros, years: 100))
            case "mil":
                ok = add(&months, scaled(whole, 12_000), Self.roundedMonths(fractionMicros, years: 1000))
            default: return nil
            }
            guard ok else { return nil }
            i += 1
        }
        guard !seen.isEmpty else { return nil }
        if agoFlag {
            guard micros != Int64.min else { return nil }
            months = -months; days = -days; micros = -micros
        }
        guard let m = Int32(exactly: months), let d = Int32(exactly: days) else { return nil }
        self.init(months: m, days: d, microseconds: micros)
    }

    /// Whether the number at `at` counts hours: its unit is attached or follows, or it ends the
    /// text under fields whose last is the hour.
    static func countsHours(_ tokens: [Substring], at: Int, fields: IntervalTypmod.Fields?) -> Bool {
        let token = tokens[at]
        guard let first = token.first, first.isNumber || first == "-" || first == "+" || first == "." else { return false }
        if let letter = token.firstIndex(where: \.isLetter) { return unitClass(String(token[letter...])) == "h" }
        if at + 1 == tokens.count { return fields?.bareNumberUnit == "hours" }
        return unitClass(String(tokens[at + 1]).trimmingCharacters(in: ",")) == "h"
    }

    /// A token split where a number follows a unit (`1h30m` → `1h`, `30m`); clocks and plain
    /// words stay whole.
    static func splitAtUnits(_ token: Substring) -> [Substring] {
        guard !token.contains(":") else { return [token] }
        var parts: [Substring] = []
        var start = token.startIndex
        var previous: Character?
        for i in token.indices {
            let c = token[i]
            if let p = previous, p.isLetter, c.isNumber || c == "-" || c == "+" || c == "." {
                parts.append(token[start..<i])
                start = i
            }
            previous = c
        }
        parts.append(token[start...])
        return parts
    }

    /// ISO 8601 durations after the `P` (DecodeISO8601Interval): designators `nYnMnWnD` then
    /// `TnHnMnS`, each number signed and possibly fractional (the fraction spills into the next
    /// unit down), or the alternative `YYYY-MM-DDTHH:MM:SS`.
    static func iso8601(_ rest: String) -> PGInterval? {
        guard !rest.isEmpty else { return nil }
        let halves = rest.uppercased().split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        let datePart = String(halves[0]), timePart = halves.count > 1 ? String(halves[1]) : nil
        let plain: (String) -> Bool = { $0.allSatisfy { $0.isNumber || $0 == "-" || $0 == "." || $0 == ":" } }
        if plain(datePart), timePart.map(plain) ?? true, !datePart.isEmpty || timePart?.contains(":") == true {
            // The alternative format: P0001-02-03T04:05:06, any trailing part left out (P1 is a year).
            let ymd = datePart.isEmpty ? [] : datePart.split(separator: "-", omittingEmptySubsequences: false)
            guard ymd.count <= 3 else { return nil }
            var months: Int64 = 0, days: Int64 = 0
            if let year = ymd.first {
                guard let (whole, fraction) = parseNumber(String(year)) else { return nil }
                let (ym, o) = whole.multipliedReportingOverflow(by: 12)
                guard !o else { return nil }
                months = ym + fraction * 12 / 1_000_000
            }
            if ymd.count > 1 {
                guard let m = Int64(ymd[1]) else { return nil }
                months += m
            }
            if ymd.count > 2 {
                guard let d = Int64(ymd[2]) else { return nil }
                days = d
            }
            var micros: Int64 = 0
            if let timePart, !timePart.isEmpty {
                guard let t = parseClock(timePart) else { return nil }
                micros = t
            }
            guard let m = Int32(exactly: months), let d = Int32(exactly: days) else { return nil }
            return PGInterval(months: m, days: d, microseconds: micros)
        }
        var text = "P"
        func fields(_ part: String, units: [Character: String]) -> String? {
            var out = "", number = ""
            for c in part {
                if c.isNumber || c == "." || c == "-" || c == "+" { number.append(c); continue }
                guard !number.isEmpty, let unit = units[c] else { return nil }
                out += " \(number) \(unit)"
                number = ""
            }
            return number.isEmpty ? out : nil
        }
        guard let date = fields(datePart, units: ["Y": "years", "M": "months", "W": "weeks", "D": "days"]) else { return nil }
        text = date
        if let timePart {
            if timePart.contains(":") {
                // The time part in the alternative format after designators (`P1YT04:05:06`).
                guard timePart.allSatisfy({ $0.isNumber || $0 == ":" || $0 == "." }) else { return nil }
                text += " " + timePart
            } else {
                guard let time = fields(timePart, units: ["H": "hours", "M": "minutes", "S": "seconds"]) else { return nil }
                text += time
            }
        }
        if text.isEmpty { return timePart == nil ? nil : PGInterval(months: 0, days: 0, microseconds: 0) }
        return PGInterval(text: text)
    }

    /// Whether text ``init(text:)`` refuses has a clock field past its range (`12:60`, `1:00:61`),
    /// which `interval_in` reports as `interval field value out of range` rather than as syntax.
    public static func hasClockFieldOverflow(_ text: String) -> Bool {
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) where token.contains(":") {
            let parts = token.split(separator: ":", omittingEmptySubsequences: false).map { $0.filter(\.isNumber) }
            if parts.count >= 2, let m = Int(parts[1]), m > 59 { return true }
            if parts.count >= 3, let s = Int(parts[2]), s > 60 { return true }
        }
        return false
    }

    /// The field a unit word sets (DecodeInterval's `tmask`), or nil for a word that is not a
    /// unit. As `DecodeUnits`, only the first ten characters count (`millisecondago` is `millisecon`).
    static func unitClass(_ word: String) -> String? {
        unitClasses[String(word.prefix(10))]
    }

    /// The unit spellings `init?(text:)` reads, each cut to ten characters, by the field they set.
    static let unitClasses: [String: String] = {
        var out: [String: String] = [:]
        let spellings: [(String, [String])] = [
            ("us", ["microsecond", "microseconds", "us", "usec", "usecs", "usecond", "useconds"]),
            ("ms", ["millisecond", "milliseconds", "ms", "msec", "msecs", "msecond", "mseconds"]),
            ("s", ["second", "seconds", "s", "sec", "secs"]),
            ("min", ["minute", "minutes", "m", "min", "mins"]),
            ("h", ["hour", "hours", "h", "hr", "hrs"]),
            ("d", ["day", "days", "d"]),
            ("w", ["week", "weeks", "w"]),
            ("mon", ["month", "months", "mon", "mons"]),
            ("y", ["year", "years", "y", "yr", "yrs"]),
            ("dec", ["decade", "decades", "dec", "decs"]),
            ("c", ["century", "centuries", "c", "cent"]),
            ("mil", ["millennium", "millennia", "millenniums", "mil", "mils"]),
        ]
        for (unitClass, names) in spellings { for n in names { out[String(n.prefix(10))] = unitClass } }
        return out
    }()

    /// `rint(fraction × years × 12)`: the months a fraction (in millionths) of `years` years adds,
    /// rounded half to even as C's `rint` rounds.
    static func roundedMonths(_ fractionMicros: Int64, years: Int64) -> Int64 {
        roundedQuotient(fractionMicros * years * 12, 1_000_000)
    }

    /// `value / divisor` rounded half to even, as C's `rint` rounds.
    static func roundedQuotient(_ value: Int64, _ divisor: Int64) -> Int64 {
        let (q, r) = value.quotientAndRemainder(dividingBy: divisor)
        let twice = r.magnitude * 2
        if twice > divisor.magnitude || (twice == divisor.magnitude && q % 2 != 0) { return q + (value < 0 ? -1 : 1) }
        return q
    }

    /// `whole` and the fraction in millionths (so `1.5` → (1, 500000)).
    static func parseNumber(_ s: String) -> (Int64, Int64)? {
        var text = s
        var negative = false
        if text.hasPrefix("-") { negative = true; text.removeFirst() } else if text.hasPrefix("+") { text.removeFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let whole = Int64(parts[0].isEmpty ? "0" : String(parts[0])) else { return nil }
        var frac: Int64 = 0
        if parts.count == 2 {
            let f = String(parts[1].prefix(6))
            guard f.allSatisfy(\.isNumber), let v = Int64(f.isEmpty ? "0" : f) else { return nil }
            frac = v * PGNumeric.powersOfTen[6 - f.count]
        }
        return negative ? (-whole, -frac) : (whole, frac)
    }

    /// `[-]H:MM[:SS[.ffffff]]` in µs. As PostgreSQL's `interval_in` (`DecodeTimeForInterval`), the
    /// hours field is bounded only by the total fitting in 64-bit microseconds: the longest interval,
    /// `2562047788:00:54.775807`, reads back; every step is overflow-checked.
    public static func parseClock(_ s: String) -> Int64? {
        var text = s
        var negative = false
        if text.hasPrefix("-") { negative = true; text.removeFirst() }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        // DecodeTime: an empty minutes or seconds field reads 0 (`12:` is noon's hour); minutes
        // stop at 59, seconds at 60.
        guard (2...3).contains(parts.count), let h = Int64(parts[0]), let m = parts[1].isEmpty ? 0 : Int64(parts[1]),
              h >= 0, m >= 0, m < 60 else { return nil }
        var seconds: Int64 = 0, fraction: Int64 = 0
        if parts.count == 3, !parts[2].isEmpty {
            guard let (sec, frac) = parseNumber(String(parts[2])), sec >= 0, frac >= 0, sec < 60 || (sec == 60 && frac == 0) else { return nil }
            seconds = sec
            fraction = frac
        }
        func mul(_ a: Int64, _ b: Int64) -> Int64? { let (v, o) = a.multipliedReportingOverflow(by: b); return o ? nil : v }
        func add(_ a: Int64?, _ b: Int64?) -> Int64? {
            guard let a, let b else { return nil }
            let (v, o) = a.addingReportingOverflow(b)
            return o ? nil : v
        }
        guard let micros = add(add(mul(h, 3_600_000_000), mul(m, 60_000_000)), add(mul(seconds, 1_000_000), fraction)) else { return nil }
        return negative ? -micros : micros
    }

    /// `timestamptz + interval` as PostgreSQL computes it in a session zone: months on the local
    /// calendar (day clamped to the month's end), then days on the local calendar keeping the wall
    /// time, then the exact microseconds.
    ///
    /// A result past the Int64 range is pinned to its end (`Int64.max`/`Int64.min`, which read as
    /// ±infinity) instead of trapping; PostgreSQL says `timestamp out of range` well before that.
    public func added(to t: Int64, zone: PGTimeZone) -> Int64 {
        var result = t
        let limit: Int64 = 1 << 62
        if months != 0 || days != 0 {
            guard t > -limit, t < limit else { return t }
            let offset = Int64(zone.offsetSeconds(atUTC: result)) * CivilTime.microsecondsPerSecond
            var local = result + offset
            let dayNumber = CivilTime.floorDiv(local, CivilTime.microsecondsPerDay)
            let timeOfDay = local - dayNumber * CivilTime.microsecondsPerDay
            var (y, m, d) = CivilTime.civil(days: dayNumber)
            if months != 0 {
                let total = y * 12 + (m - 1) + Int(months)
                y = Int(CivilTime.floorDiv(Int64(total), 12))
                m = total - y * 12 + 1
                d = min(d, CivilTime.daysInMonth(year: y, month: m))
            }
            let newDay = CivilTime.days(year: y, month: m, day: d) + Int64(days)
            let (dayMicros, o1) = newDay.multipliedReportingOverflow(by: CivilTime.microsecondsPerDay)
            let (sum, o2) = dayMicros.addingReportingOverflow(timeOfDay)
            guard !o1, !o2, sum > -limit, sum < limit else { return newDay < 0 ? Int64.min : Int64.max }
            local = sum
            result = zone.utc(fromLocal: local)
        }
        let (sum, overflow) = result.addingReportingOverflow(microseconds)
        return overflow ? (microseconds > 0 ? Int64.max : Int64.min) : sum
    }

    /// PostgreSQL's `IntervalStyle = postgres` output: `1 day`, `7 days 12:00:00`, `1 mon`, `00:30:00`.
    public var description: String {
        var parts: [String] = []
        // EncodeInterval's postgres style: a field after a negative one shows its sign when positive.
        var afterNegative = false
        func field(_ value: Int32, _ unit: String) {
            guard value != 0 else { return }
            parts.append((afterNegative && value > 0 ? "+" : "") + "\(value) \(unit)\(value == 1 ? "" : "s")")
            afterNegative = value < 0
        }
        field(months / 12, "year")
        field(months % 12, "mon")
        field(days, "day")
        if microseconds != 0 || parts.isEmpty {
            let neg = microseconds < 0
            let a = microseconds.magnitude
            let secs = a / 1_000_000, frac = a % 1_000_000
            var clock = PGTimestamp.pad(Int(secs / 3600), 2) + ":" + PGTimestamp.pad(Int(secs / 60 % 60), 2) + ":" + PGTimestamp.pad(Int(secs % 60), 2)
            if frac != 0 {
                var f = PGTimestamp.pad(Int(frac), 6)
                while f.last == "0" { f.removeLast() }
                clock += "." + f
            }
            parts.append((neg ? "-" : afterNegative ? "+" : "") + clock)
        }
        return parts.joined(separator: " ")
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
