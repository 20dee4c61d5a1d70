import Foundation
import Schema

/// How the human reports print numbers and durations.
enum ReportNumber {
    /// `v` with `digits` decimals (`12.35`).
    static func fixed(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }

    /// `1234567` as `1,234,567`.
    static func grouped(_ n: Int) -> String {
        let s = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    /// Bytes as decimal megabytes with two decimals (`1.23 MB`).
    static func megabytes(_ n: Int) -> String { String(format: "%.2f MB", Double(n) / 1e6) }

    /// `1 day`, `7 days`, `12:00:00`: PostgreSQL interval text for a chunk interval in µs.
    static func interval(microseconds us: Int64) -> String {
        let day: Int64 = 86_400_000_000
        if us % day == 0, let days = Int32(exactly: us / day) { return PGInterval(days: days).description }
        return PGInterval(microseconds: us).description
    }
}
