import Foundation
import Schema

/// Interval text the way every command reads it, in one place: chunk intervals are converted as
/// TimescaleDB converts `chunk_time_interval` (a month is 30 days, `DAYS_PER_MONTH` in
/// `src/utils.c`), policy intervals stay calendar intervals (`now() - interval` in the session
/// zone, months and days on the local calendar).
public enum IntervalText {
    /// `chunk_time_interval` in µs: interval text (months as 30 days), or a bare positive integer
    /// for integer time columns. `flag` names the option in errors.
    public static func chunkInterval(_ text: String, flag: String = "chunk-interval") throws(ScenarioError) -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let n = Int64(trimmed) {
            guard n > 0 else { throw .invalidValue(flag: flag, message: "chunk interval must be positive, got \(n)") }
            guard n >= 1_000_000 else {
                throw .invalidValue(flag: flag, message: "chunk interval \(n) is \(n) µs (a bare integer counts microseconds, as TimescaleDB reads an integer chunk_time_interval), shorter than one second; TimescaleDB would create a chunk per row (write e.g. '\(n) seconds')")
            }
            return n
        }
        guard let i = PGInterval(text: text) else {
            throw .invalidValue(flag: flag, message: "invalid input syntax for type interval: \"\(text)\"")
        }
        guard let us = i.exactTimescaleMicroseconds else { throw .invalidValue(flag: flag, message: "interval out of range: \"\(text)\"") }
        guard us > 0 else { throw .invalidValue(flag: flag, message: "chunk interval must be positive, got \"\(text)\"") }
        guard us >= 1_000_000 else {
            throw .invalidValue(flag: flag, message: "chunk interval \"\(text)\" is shorter than one second; TimescaleDB would create a chunk per row")
        }
        return us
    }

    /// How a chunk interval read by ``chunkInterval(_:flag:)`` is shown: the text as given, or for
    /// a bare integer (µs) or ISO 8601 text the interval as PostgreSQL prints it.
    public static func chunkIntervalDisplay(_ text: String, microseconds: Int64) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // A bare number, or ISO 8601 (`P1D`), reads better as PostgreSQL prints the interval.
        if let first = trimmed.first, first == "P" || first == "p", let interval = PGInterval(text: trimmed) { return interval.description }
        return Int64(trimmed) == nil ? text : PGInterval(microseconds: microseconds).description
    }

    /// A policy interval (`compress_after`, `drop_after`): must be positive.
    public static func policyInterval(_ text: String, flag: String) throws(ScenarioError) -> PGInterval {
        guard let i = PGInterval(text: text) else {
            throw .invalidValue(flag: flag, message: "invalid input syntax for type interval: \"\(text)\"")
        }
        let approx = (Double(i.months) * 30 + Double(i.days)) * 86_400e6 + Double(i.microseconds)
        guard approx > 0 else { throw .invalidValue(flag: flag, message: "interval must be positive, got \"\(text)\"") }
        guard approx < 200 * 365 * 86_400e6 else {
            throw .invalidValue(flag: flag, message: "interval out of range for a plan: \"\(text)\" (at most 200 years; a plan spans at most "
                                + "100, so a longer policy never acts: say none)")
        }
        return i
    }

    /// A byte size: `16GB`, `512MB`, `4GiB`, `1024kB`, or bytes. kB/MB/GB/TB are 1024-based, as
    /// in PostgreSQL's memory settings.
    public static func bytes(_ text: String, flag: String) throws(ScenarioError) -> Int64 {
        let t = text.trimmingCharacters(in: .whitespaces)
        let digits = t.prefix { $0.isNumber || $0 == "." }
        let unit = t.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        guard let value = Double(digits), value > 0 else {
            throw .invalidValue(flag: flag, message: "invalid size \"\(text)\" (expected e.g. 16GB, 512MB)")
        }
        let kib = 1024.0, mib = kib * 1024, gib = mib * 1024, tib = gib * 1024
        // A bare number is bytes (`17179869184`), but one too small to be a machine's memory is
        // refused rather than read as bytes: `--memory 16` means 16 GB to most.
        guard !unit.isEmpty || value >= mib else {
            throw .invalidValue(flag: flag, message: "size \"\(text)\" has no unit (use B, kB, MB, GB or TB, e.g. \(digits)GB)")
        }
        let multipliers: [String: Double] = ["": 1, "b": 1, "kb": kib, "kib": kib, "k": kib, "mb": mib, "mib": mib, "m": mib,
                                             "gb": gib, "gib": gib, "g": gib, "tb": tib, "tib": tib, "t": tib]
        guard let m = multipliers[unit] else { throw .invalidValue(flag: flag, message: "unknown size unit in \"\(text)\" (use kB, MB, GB or TB)") }
        let bytes = value * m
        guard bytes < 9.0e18 else { throw .invalidValue(flag: flag, message: "size out of range: \"\(text)\"") }
        return Int64(bytes)
    }
}
