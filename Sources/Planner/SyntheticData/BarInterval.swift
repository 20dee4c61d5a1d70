import Schema

/// One value of market_data's `interval` column (`1m` … `1d`, `1w`, `1M`) and the UTC buckets its
/// bars are stamped at.
///
/// Minute, hour and day bars are fixed lengths aligned to the Unix epoch (a `1d` bar starts at
/// 00:00 UTC). A `1w` bar starts on Monday 00:00 UTC and a `1M` bar on the first of the month at
/// 00:00 UTC, as vendors stamp weekly and monthly bars at the start of the period they cover.
/// Buckets are numbered so that consecutive buckets have consecutive numbers, whatever their
/// length, which is all the calendar and the generator need.
public struct BarInterval: Sendable, Hashable, CustomStringConvertible {
    /// The column's value (`5m`, `1w`, …).
    public let name: String
    private let kind: Kind

    private enum Kind: Sendable, Hashable {
        /// Epoch-aligned buckets of this many µs.
        case fixed(Int64)
        /// Weeks starting Monday 00:00 UTC.
        case weeks
        /// Calendar months starting on the 1st at 00:00 UTC.
        case months
    }

    private static let minute: Int64 = 60_000_000
    private static let week: Int64 = 7 * CivilTime.microsecondsPerDay
    /// 1970-01-05, the first Monday after the epoch (a Thursday), in µs.
    private static let firstMonday: Int64 = 4 * CivilTime.microsecondsPerDay

    /// Every interval the planner and the generator model, shortest first (the values
    /// market_data's `interval` column allows).
    public static let all: [BarInterval] = [
        BarInterval(name: "1m", kind: .fixed(minute)), BarInterval(name: "5m", kind: .fixed(5 * minute)),
        BarInterval(name: "15m", kind: .fixed(15 * minute)), BarInterval(name: "30m", kind: .fixed(30 * minute)),
        BarInterval(name: "1h", kind: .fixed(60 * minute)), BarInterval(name: "4h", kind: .fixed(240 * minute)),
        BarInterval(name: "1d", kind: .fixed(CivilTime.microsecondsPerDay)), BarInterval(name: "1w", kind: .weeks),
        BarInterval(name: "1M", kind: .months),
    ]

    /// The names of ``all``, comma separated, for messages.
    public static let supportedList = all.map(\.name).joined(separator: ", ")

    private static let byName: [String: BarInterval] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    private init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// The interval named `name` (case-sensitive: `1m` is a minute, `1M` a month), or nil.
    public init?(name: String) {
        guard let known = Self.byName[name] else { return nil }
        self = known
    }

    public var description: String { name }

    /// A typical length in µs (a month counts 30.44 days), for ordering intervals and for
    /// statistics that need a length; bucket boundaries never use it.
    public var nominalMicroseconds: Int64 {
        switch kind {
        case .fixed(let length): return length
        case .weeks: return Self.week
        case .months: return 2_629_746_000_000
        }
    }

    /// The number of the bucket holding instant `t` (µs since the epoch).
    @inline(__always)
    public func bucket(containing t: Int64) -> Int64 {
        switch kind {
        case .fixed(let length): return CivilTime.floorDiv(t, length)
        case .weeks: return CivilTime.floorDiv(t &- Self.firstMonday, Self.week)
        case .months:
            let date = CivilTime.civil(days: CivilTime.floorDiv(t, CivilTime.microsecondsPerDay))
            return Int64(date.year - 1970) * 12 + Int64(date.month - 1)
        }
    }

    /// The first instant of bucket `b` (the stamp of its bar).
    @inline(__always)
    public func start(ofBucket b: Int64) -> Int64 {
        switch kind {
        case .fixed(let length): return b &* length
        case .weeks: return b &* Self.week &+ Self.firstMonday
        case .months:
            let year = 1970 + Int(CivilTime.floorDiv(b, 12))
            let month = Int(b - CivilTime.floorDiv(b, 12) * 12) + 1
            return CivilTime.days(year: year, month: month, day: 1) &* CivilTime.microsecondsPerDay
        }
    }

    /// The stamp of the bar holding instant `t`.
    public func barStart(containing t: Int64) -> Int64 { start(ofBucket: bucket(containing: t)) }

    /// The exclusive end of the bar holding instant `t`.
    public func barEnd(containing t: Int64) -> Int64 { start(ofBucket: bucket(containing: t) &+ 1) }
}
