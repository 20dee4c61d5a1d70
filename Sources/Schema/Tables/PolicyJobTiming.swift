/// A policy job's `initial_start` and `timezone` (the fifth and sixth parameters of
/// `add_compression_policy`, `add_columnstore_policy` and `add_retention_policy`), as the
/// migrations wrote them: `initial_start` fixes the job's schedule to that instant instead of its
/// last run's end (tsl/src/bgw_policy/job.c, `fixed_schedule`), `timezone` shifts the schedule with
/// the zone's daylight-saving time. `migrate` writes them back; the plan's policy clock runs every
/// schedule interval from the first row (docs/PLANNER.md).
public struct PolicyJobTiming: Sendable, Hashable {
    /// The `initial_start` literal's text (a timestamptz), nil when not given.
    public var initialStart: String?
    /// The `timezone` literal's text, nil when not given.
    public var timezone: String?

    public init(initialStart: String? = nil, timezone: String? = nil) {
        self.initialStart = initialStart
        self.timezone = timezone
    }

    /// The named arguments to append to a policy call (`, initial_start => '…', timezone => '…'`),
    /// each quoted by `literal`.
    public func arguments(literal: (String) -> String) -> String {
        (initialStart.map { ", initial_start => \(literal($0))" } ?? "") + (timezone.map { ", timezone => \(literal($0))" } ?? "")
    }
}
