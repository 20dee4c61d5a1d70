/// `money` text as PostgreSQL 15's `cash_in` reads it and `cash_out` prints it (cash.c), with
/// the symbols of a C or en_US-style `lc_monetary` (the server's default from the cluster's
/// locale): two fraction digits, `.` for the point, `,` between thousands, `$`, `+` and `-`.
///
/// The reading is forgiving as the server's is: white space and a `$` before or after a sign,
/// `,` anywhere among the digits, digits past the second fraction digit rounded on the first of
/// them and the rest skipped, a `-`, `)`, `+`, `$` or white space after the digits (a `(` before
/// or a `-` after makes the amount negative). A value is a count of cents in 64 bits.
public enum PGMoneyLiteral {
    static let fractionDigits = 2

    /// The amount in cents, or the server's refusal (`invalid input syntax for type money`,
    /// `value "…" is out of range for type money`).
    public static func parse(_ text: String) -> Result<Int64, ValueError> {
        let s = Array(text.utf8)
        var i = 0
        let outOfRange = ValueError.outOfRange(type: "money", text: text)
        func skipSpaces() { while i < s.count, InputText.isSpace(s[i]) { i += 1 } }
        func take(_ symbol: UInt8) -> Bool {
            guard i < s.count, s[i] == symbol else { return false }
            i += 1
            return true
        }
        skipSpaces()
        _ = take(0x24)
        skipSpaces()
        var negative = false
        if take(0x2D) || take(0x28) { negative = true } else { _ = take(0x2B) }
        skipSpaces()
        _ = take(0x24)
        skipSpaces()
        // The amount is built negative, as the server builds it, so the most negative one fits.
        var value: Int64 = 0
        var fraction = 0, seenPoint = false
        while i < s.count {
            let c = s[i]
            if c >= 0x30 && c <= 0x39 && (!seenPoint || fraction < fractionDigits) {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) = times10.subtractingReportingOverflow(Int64(c - 0x30))
                if o1 || o2 { return .failure(outOfRange) }
                value = next
                if seenPoint { fraction += 1 }
            } else if c == 0x2E && !seenPoint {
                seenPoint = true
            } else if c != 0x2C {
                break
            }
            i += 1
        }
        if i < s.count, s[i] >= 0x35 && s[i] <= 0x39 {
            let (rounded, overflow) = value.subtractingReportingOverflow(1)
            if overflow { return .failure(outOfRange) }
            value = rounded
        }
        while fraction < fractionDigits {
            let (scaled, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return .failure(outOfRange) }
            value = scaled
            fraction += 1
        }
        while i < s.count, s[i] >= 0x30 && s[i] <= 0x39 { i += 1 }
        while i < s.count {
            let c = s[i]
            if InputText.isSpace(c) || c == 0x29 || c == 0x2B || c == 0x24 {
                i += 1
            } else if c == 0x2D {
                negative = true
                i += 1
            } else {
                return .failure(.invalidSyntax(type: "money", text: text))
            }
        }
        if negative { return .success(value) }
        guard value != .min else { return .failure(outOfRange) }
        return .success(-value)
    }

    /// `cash_out`: `$1,234.56`, `-$0.05`.
    public static func text(_ cents: Int64) -> String {
        var magnitude = cents.magnitude
        var digits: [UInt8] = []
        var position = fractionDigits
        repeat {
            if position == 0 {
                digits.append(0x2E)
            } else if position < 0 && position % 3 == 0 {
                digits.append(0x2C)
            }
            digits.append(UInt8(magnitude % 10) + 0x30)
            magnitude /= 10
            position -= 1
        } while magnitude != 0 || position >= 0
        return (cents < 0 ? "-$" : "$") + String(decoding: digits.reversed(), as: UTF8.self)
    }
}
