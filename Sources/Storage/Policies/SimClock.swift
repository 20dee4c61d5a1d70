/// The simulated wall clock that policies read as `now()`.
///
/// Time only moves forward: TimescaleDB's scheduler never sees `now()` go back, and a policy's
/// cutoff (`now() − after`) must be monotonic for "a compressed chunk stays compressed" to hold.
public struct SimClock: Sendable, Hashable {
    /// µs since the Unix epoch.
    public private(set) var now: Int64

    public init(now: Int64) {
        self.now = now
    }

    /// Moves the clock to `time`, or leaves it where it is when `time` is in the past.
    public mutating func advance(to time: Int64) {
        if time > now { now = time }
    }
}
