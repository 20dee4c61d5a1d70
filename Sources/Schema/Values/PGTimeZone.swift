import Foundation

/// The session time zone (`SET TimeZone`): how timestamptz values are printed and how local
/// calendar arithmetic (`now() - '30 days'::interval`) is done.
public struct PGTimeZone: Sendable, Hashable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        case utc
        case fixed(seconds: Int)
        case named(String)
    }

    let kind: Kind
    private let zone: TimeZone?

    /// UTC, PostgreSQL's default and Chunkwise's.
    public static let utc = PGTimeZone(kind: .utc, zone: nil)

    private init(kind: Kind, zone: TimeZone?) {
        self.kind = kind
        self.zone = zone
    }

    /// A zone by IANA name (`America/New_York`) or `UTC`; nil when the name is unknown.
    public init?(name: String) {
        let upper = name.uppercased()
        if upper == "UTC" || upper == "GMT" || upper == "Z" || upper == "ETC/UTC" {
            self = .utc
            return
        }
        guard let tz = TimeZone(identifier: name) else { return nil }
        self.init(kind: .named(name), zone: tz)
    }

    /// A fixed offset east of Greenwich in seconds.
    public static func fixed(secondsEast: Int) -> PGTimeZone {
        secondsEast == 0 ? .utc : PGTimeZone(kind: .fixed(seconds: secondsEast), zone: nil)
    }

    public var description: String {
        switch kind {
        case .utc: return "UTC"
        case .fixed(let s): return "UTC\(s >= 0 ? "+" : "-")\(abs(s) / 3600)"
        case .named(let n): return n
        }
    }

    public static func == (a: PGTimeZone, b: PGTimeZone) -> Bool { a.kind == b.kind }
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }

    /// Whether the offset never changes (UTC or a fixed offset).
    public var isFixed: Bool {
        if case .named = kind { return false }
        return true
    }

    /// Seconds east of UTC in effect at a UTC instant (µs since the Unix epoch).
    public func offsetSeconds(atUTC micros: Int64) -> Int {
        switch kind {
        case .utc: return 0
        case .fixed(let s): return s
        case .named:
            let secs = Double(CivilTime.floorDiv(micros, CivilTime.microsecondsPerSecond))
            return zone?.secondsFromGMT(for: Date(timeIntervalSince1970: secs)) ?? 0
        }
    }

    /// The UTC instant of a local wall-clock time (µs since 1970-01-01 00:00 local).
    ///
    /// Follows PostgreSQL's `DetermineTimeZoneOffset`: a wall time inside a spring-forward gap takes
    /// the offset in force before the transition (02:30 EST becomes 03:30 EDT); an ambiguous wall time
    /// in a fall-back overlap takes the offset after it (standard time).
    public func utc(fromLocal local: Int64) -> Int64 {
        if isFixed { return local - Int64(offsetSeconds(atUTC: local)) * CivilTime.microsecondsPerSecond }
        let day = CivilTime.microsecondsPerDay
        let before = Int64(offsetSeconds(atUTC: local - day)) * CivilTime.microsecondsPerSecond
        let after = Int64(offsetSeconds(atUTC: local + day)) * CivilTime.microsecondsPerSecond
        let u1 = local - before
        let u2 = local - after
        let v1 = Int64(offsetSeconds(atUTC: u1)) * CivilTime.microsecondsPerSecond == before
        let v2 = Int64(offsetSeconds(atUTC: u2)) * CivilTime.microsecondsPerSecond == after
        switch (v1, v2) {
        case (true, false): return u1
        case (false, true): return u2
        case (true, true): return u2
        case (false, false):
            // A spring-forward gap: PostgreSQL applies the offset from before the transition.
            return u1
        }
    }
}
