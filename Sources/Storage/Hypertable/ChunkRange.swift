/// A half-open slice `[start, end)` of one dimension, the way TimescaleDB's `dimension_slice` stores it.
///
/// For the time dimension the values are internal time: Unix-epoch microseconds for timestamp,
/// timestamptz and date columns, the raw value for integer columns. `start == Int64.min` means
/// "from −∞" and `end == Int64.max` "to +∞" (TimescaleDB `DIMENSION_SLICE_MINVALUE/MAXVALUE`).
public struct ChunkRange: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var start: Int64
    /// Exclusive.
    public var end: Int64

    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    public func contains(_ value: Int64) -> Bool {
        value >= start && (value < end || end == Int64.max)
    }

    /// Whether any value of the closed interval `lower...upper` falls in this range.
    public func overlaps(_ closed: ClosedRange<Int64>) -> Bool {
        closed.upperBound >= start && (closed.lowerBound < end || end == Int64.max)
    }

    public static func < (a: ChunkRange, b: ChunkRange) -> Bool {
        (a.start, a.end) < (b.start, b.end)
    }

    public var description: String { "[\(start), \(end))" }

    /// The time slice holding `value` for a chunk interval, aligned to the epoch exactly as
    /// TimescaleDB's `calculate_open_range_default` does (`ts:src/dimension.c:292-331`):
    /// `range_start = (v / interval) * interval` for v ≥ 0; for negative values
    /// `range_end = ((v + 1) / interval) * interval` with C's truncating division and
    /// `range_start = range_end − interval`. A slice reaching below the column type's first time
    /// or past its last (`limits`: TimescaleDB's `ts_time_get_min`/`ts_time_get_max`, see
    /// ``Hypertable/timeSliceLimits``) is open on that side: ±∞ (Int64.min/Int64.max).
    public static func timeSlice(containing value: Int64, interval: Int64,
                                 within limits: ClosedRange<Int64> = Int64.min...Int64.max) -> ChunkRange {
        precondition(interval > 0, "chunk interval must be positive")
        var start: Int64, end: Int64
        if value < 0 {
            end = ((value + 1) / interval) * interval
            let (s, overflow) = end.subtractingReportingOverflow(interval)
            start = overflow || s < limits.lowerBound ? Int64.min : s
        } else {
            start = (value / interval) * interval
            let (e, overflow) = start.addingReportingOverflow(interval)
            end = overflow || e > limits.upperBound ? Int64.max : e
        }
        return ChunkRange(start: start, end: end)
    }
}
