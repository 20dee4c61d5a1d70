import Foundation
import Schema
import Storage

/// The clock of a hypertable partitioned by an integer column (`ts BIGINT` of epoch milliseconds):
/// its chunk ranges, policy lags and simulated "now" are the column's integers, while policy
/// schedules are time (TimescaleDB runs the jobs every day of wall-clock time and asks the
/// `integer_now` function for "now"). With the column's unit known (``IntegerTimeUnit``: given, or
/// read off an epoch-valued row), schedules and `--now` text become integers of that unit; without
/// it (a block number, a counter) the jobs run every half chunk interval of the column, as a
/// timestamp hypertable's compression job runs every half chunk (up to 12 hours).
public struct IntegerTimeAxis: Sendable, Hashable {
    /// The column's unit, nil when neither given nor readable off the data.
    public var unit: IntegerTimeUnit?
    /// The hypertable's chunk interval in the column's units.
    public var chunkInterval: Int64

    public init(unit: IntegerTimeUnit?, chunkInterval: Int64) {
        self.unit = unit
        self.chunkInterval = chunkInterval
    }

    /// A job's schedule on the column's axis: `microseconds` (a policy's `schedule_interval`, else
    /// TimescaleDB's one day for integer hypertables) in the unit, at least 1; half a chunk
    /// interval without a unit.
    public func schedule(microseconds: Int64?) -> Int64 {
        guard let unit else { return max(1, chunkInterval / 2) }
        return max(1, unit.units(fromMicroseconds: microseconds ?? PolicyJob.oneDay) ?? Int64.max)
    }

    /// A policy lag flag (`--compress-after`, `--retain`): a bare integer in the column's units, or
    /// interval text turned into them when the unit is known; kept as the catalog keeps integer
    /// lags (that many "µs", ``HypertableDefinition/compressAfter``).
    public func lag(_ text: String, flag: String) throws(ScenarioError) -> PGInterval {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let n = Int64(trimmed) {
            guard n >= 0 else { throw .invalidValue(flag: flag, message: "an integer time column's lag must not be negative, got \(n)") }
            return PGInterval(microseconds: n)
        }
        guard let interval = PGInterval(text: trimmed) else {
            throw .invalidValue(flag: flag, message: "invalid input syntax for an integer or type interval: \"\(text)\"")
        }
        guard let unit else {
            throw .invalidValue(flag: flag, message: "the hypertable's time column is an integer of unknown unit; give the lag as an integer "
                                + "of its units, or pass --time-unit (s, ms, us, ns)")
        }
        guard let us = interval.exactTimescaleMicroseconds, us >= 0, let n = unit.units(fromMicroseconds: us) else {
            throw .invalidValue(flag: flag, message: "\"\(text)\" is not a fixed, non-negative span in \(unit.rawValue)")
        }
        return PGInterval(microseconds: n)
    }

    /// A `--chunk-interval` flag on an integer time column of `type`, in the column's units: a bare
    /// integer as is, interval text turned into them when the unit is known. TimescaleDB itself
    /// takes only an integer there (src/dimension.c: `invalid interval type for bigint dimension`),
    /// and at most the type's largest value (`invalid interval: must be between 1 and …`).
    public static func chunkInterval(_ text: String, type: PGType, unit: IntegerTimeUnit?,
                                     flag: String = "chunk-interval") throws(ScenarioError) -> Int64 {
        let largest: Int64 = type == .int2 ? Int64(Int16.max) : type == .int4 ? Int64(Int32.max) : Int64.max
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let n: Int64
        if let v = Int64(trimmed) {
            n = v
        } else {
            guard let interval = PGInterval(text: trimmed) else {
                throw .invalidValue(flag: flag, message: "invalid input syntax for an integer or type interval: \"\(text)\"")
            }
            guard let unit else {
                throw .invalidValue(flag: flag, message: "the time column is \(type.sqlName) of unknown unit, and TimescaleDB takes an integer "
                                    + "chunk interval there (invalid interval type for \(type.sqlName) dimension): give it in the column's units")
            }
            guard let us = interval.exactTimescaleMicroseconds, us > 0, let v = unit.units(fromMicroseconds: us) else {
                throw .invalidValue(flag: flag, message: "\"\(text)\" is not a fixed, positive span in \(unit.rawValue)")
            }
            n = v
        }
        guard n >= 1, n <= largest else { throw .invalidValue(flag: flag, message: "invalid interval: must be between 1 and \(largest)") }
        return n
    }

    /// `--now` on the column's axis: a bare integer as is, timestamp text (in `zone`) as the unit's
    /// count since the epoch.
    public func now(_ text: String, zone: PGTimeZone) throws(ScenarioError) -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let n = Int64(trimmed) { return n }
        guard let unit else {
            throw .invalidValue(flag: "now", message: "the hypertable's time column is an integer of unknown unit; give --now as an integer "
                                + "of its values, or pass --time-unit (s, ms, us, ns)")
        }
        let micros: Int64
        do { micros = try PGTimestamp.parse(trimmed, zone: zone) } catch {
            throw .invalidValue(flag: "now", message: "\(error)")
        }
        guard micros != PGTimestamp.infinity, micros != PGTimestamp.minusInfinity, let n = unit.units(fromMicroseconds: micros) else {
            throw .invalidValue(flag: "now", message: "must be a finite time within the column's range: \"\(text)\"")
        }
        return n
    }

    /// What stderr says about the axis, when the unit had to be read off the data or is unknown.
    public func note(given: Bool, column: String) -> String? {
        if given { return nil }
        if let unit {
            return "NOTE: \"\(column)\" is an integer time column; its values read as epoch \(unit.name) (--time-unit to say otherwise), "
                + "so policy jobs run every day of that time"
        }
        return "WARNING: \"\(column)\" is an integer time column whose values are no epoch time; policy jobs run every "
            + "\(schedule(microseconds: nil)) of its units (half a chunk interval; --time-unit s, ms, us or ns gives it a unit)"
    }

    /// The first row's value of `column` in the first `path` (read from its first 64 KiB), for
    /// ``IntegerTimeUnit/inferred(fromEpochValue:)``; nil when it cannot be read so cheaply.
    public static func firstValue(path: String, reader: CopyReader, column: String) -> Int64? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 65_536), !data.isEmpty else { return nil }
        var bytes = [UInt8](data)
        if bytes.count == 65_536 {
            guard let cut = bytes.lastIndex(of: UInt8(ascii: "\n")) else { return nil }
            bytes.removeSubrange((cut + 1)...)
        }
        guard let rows = try? reader.read(bytes: bytes, file: path), rows.count > 0,
              let values = rows.column(column), case .int64(let times) = values.storage, let first = times.first,
              !values.isNull(at: 0) else { return nil }
        return first
    }
}
