/// Tells PostgreSQL's two date/time input errors apart: text shaped like a date/time whose month,
/// day, hour, minute or second is out of range gets `date/time field value out of range: "…"`
/// (`DTERR_FIELD_OVERFLOW` in `datetime.c`, ``ValueError/dateTimeFieldOutOfRange(text:)``), anything
/// else `invalid input syntax`. ``PGTimestamp`` asks it before reporting a syntax error.
enum DateTimeFieldOverflow {
    static func outOfRange(_ b: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= b.count else { return nil }
            var v = 0
            for k in 0..<width {
                let c = b[i + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += width
            return v
        }
        if let clock = timeOnly(b) { return clock }
        var year = 0, digits = 0
        // At most 8 year digits are read: a 5 MB run of digits must not overflow `year`.
        while i < b.count, b[i] >= 0x30 && b[i] <= 0x39, digits < 8 { year = year * 10 + Int(b[i] - 0x30); i += 1; digits += 1 }
        if digits == 8 {
            // A year past INT_MAX is a field overflow (DecodeNumber's strtoint); one below it is
            // read, and then out of the timestamp's range.
            var wide = year, more = 0
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 {
                if more < 4 { wide = wide * 10 + Int(b[i] - 0x30) }
                more += 1
                i += 1
            }
            if (more > 2 || wide > Int(Int32.max)) && i < b.count && b[i] == UInt8(ascii: "-") { return true }
            if more > 0 { return false }
        }
        guard digits >= 4, i < b.count, b[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard let month = number(2), i < b.count, b[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard let day = number(2) else { return false }
        if month < 1 || month > 12 || day < 1 || day > daysInMonth(year: year, month: month) { return true }
        guard i < b.count, b[i] == UInt8(ascii: " ") || b[i] == UInt8(ascii: "T") else { return false }
        i += 1
        guard let hour = number(2), i < b.count, b[i] == UInt8(ascii: ":") else { return false }
        i += 1
        guard let minute = number(2) else { return false }
        var second = 0
        if i < b.count, b[i] == UInt8(ascii: ":") { i += 1; guard let s = number(2) else { return false }; second = s }
        return hour > 24 || minute > 59 || second > 60
    }

    /// For a clock without a date (`12:61`, `25:00`, `7:99:00`), whether a field is past its
    /// range (DecodeTime: an hour past 24, a minute past 59, a second past 60, past 24:00:00);
    /// nil when the text does not start with one.
    static func timeOnly(_ b: UnsafeRawBufferPointer) -> Bool? {
        var i = 0
        func number(maxDigits: Int) -> Int? {
            var v = 0, n = 0
            while i < b.count, n < maxDigits, b[i] >= 0x30 && b[i] <= 0x39 { v = v * 10 + Int(b[i] - 0x30); i += 1; n += 1 }
            return n > 0 ? v : nil
        }
        guard let hour = number(maxDigits: 2), i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let minute = number(maxDigits: 2) else { return nil }
        var second = 0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            i += 1
            guard let s = number(maxDigits: 2) else { return nil }
            second = s
        }
        guard i == b.count || b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: " ") else { return nil }
        return hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute > 0 || second > 0))
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
