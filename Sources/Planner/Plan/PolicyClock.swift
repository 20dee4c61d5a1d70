import Schema
import Storage

/// The policies' state at any instant, computed arithmetically (never stepped run by run): the
/// jobs start at the first row's time and run every schedule interval, as `simulate` runs them
/// and as TimescaleDB's scheduler would. A chunk is compressed once a run's cutoff
/// (`run time − compress_after`, in the session zone) has passed its range end, and dropped once
/// a retention run's cutoff has.
struct PolicyClock: Sendable {
    var firstRow: Int64
    var compressAfter: PGInterval?
    var compressionSchedule: Int64
    var retain: PGInterval?
    var retentionSchedule: Int64 = PolicyJob.defaultRetentionSchedule
    var zone: PGTimeZone

    /// The last run at or before `t` of a job scheduled every `every` µs from `firstRow`.
    func lastRun(at t: Int64, every: Int64) -> Int64? {
        guard t >= firstRow, every > 0 else { return nil }
        let k = (t - firstRow) / every
        let (offset, o) = k.multipliedReportingOverflow(by: every)
        return o ? nil : firstRow + offset
    }

    /// Chunks whose range ends at or before this are compressed at `t` (Int64.min: none).
    func compressionCutoff(at t: Int64) -> Int64 {
        guard let after = compressAfter, let run = lastRun(at: t, every: compressionSchedule) else { return Int64.min }
        return after.negated.added(to: run, zone: zone)
    }

    /// Chunks whose range ends at or before this are dropped at `t` (Int64.min: none).
    func retentionCutoff(at t: Int64) -> Int64 {
        guard let after = retain, let run = lastRun(at: t, every: retentionSchedule) else { return Int64.min }
        return after.negated.added(to: run, zone: zone)
    }
}
