import Schema

/// What a PostgreSQL session supplies implicitly: the transaction time `now()` and the `TimeZone`
/// setting. The analytics functions take both explicitly so results are reproducible.
public struct AnalyticsSession: Sendable, Hashable {
    /// `now()`: µs since the Unix epoch.
    public var now: Int64
    /// The session `TimeZone`: how timestamps print and where calendar-day steps happen.
    public var timeZone: PGTimeZone

    public init(now: Int64, timeZone: PGTimeZone = .utc) {
        self.now = now
        self.timeZone = timeZone
    }

    /// A session from text, as the CLI and tests write it: `now` as timestamptz text (read in
    /// `timeZone` when it has no offset) and an IANA zone name. With `clock` (µs since 1970, the
    /// real time), `now`, `today`, `tomorrow` and `yesterday` read it as PostgreSQL reads them.
    public init(now: String, timeZone: String = "UTC", clock: Int64? = nil) throws(AnalyticsError) {
        guard let zone = PGTimeZone(name: timeZone) else { throw .invalidTimeZone(timeZone) }
        do {
            if let clock {
                self.now = try PGTimestamp.parse(now, zone: zone, clock: clock)
            } else {
                self.now = try PGTimestamp.parse(now, zone: zone)
            }
        } catch {
            throw .invalidArgument(error.description)
        }
        self.timeZone = zone
    }
}
