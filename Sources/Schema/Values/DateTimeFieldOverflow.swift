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
        var year = 0, digits = 0
        // At most 8 year digits are read: a 5 MB run of digits must not overflow `year`.
        while i < b.count, b[i] >= 0x30 && b[i] <= 0x39, digits < 8 { year = year * 10 + Int(b[i] - 0x30); i += 1; digits += 1 }
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

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
