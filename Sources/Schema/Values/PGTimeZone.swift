import Foundation
import Synchronization

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

    /// A zone as PostgreSQL's `TimeZone` setting reads it; nil when it is none of these:
    /// - an IANA name, in any letter case (`America/New_York`, `america/new_york`), or `UTC`;
    /// - a number of hours, east of Greenwich positive (`5`, `-3.5`, `+9`);
    /// - a POSIX zone, an abbreviation and hours **west** of Greenwich positive (`UTC+3` is three
    ///   hours behind UTC, `EST5` five): the opposite of ISO 8601's sign, as PostgreSQL reads it.
    public init?(name: String) {
        let upper = name.uppercased()
        // (`Z` is a zone abbreviation a value may carry, not a TimeZone setting: PostgreSQL refuses
        // `SET timezone = 'z'`; values read it from the abbreviation table.)
        if upper == "UTC" || upper == "GMT" || upper == "ETC/UTC" {
            self = .utc
            return
        }
        if let hours = Double(name), hours.isFinite, abs(hours) <= 15 {
            self = .fixed(secondsEast: Int((hours * 3600).rounded()))
            return
        }
        // Before the zone database: Foundation reads `UTC+3` and `GMT+3` with ISO's sign.
        if let west = Self.posixSecondsWest(name) {
            self = .fixed(secondsEast: -west)
            return
        }
        // A zone of the zone database, as PostgreSQL reads its tz files (any letter case): not
        // Foundation's abbreviation fallback, which takes `IST` for India where PostgreSQL refuses it.
        guard let zone = Self.databaseZone(name) else { return nil }
        self = zone
    }

    /// Zones of the zone database by the name they were asked for (nil: no such zone), so a file
    /// naming a zone in every timestamp pays the tz-file lookup (a stat, or a directory listing per
    /// path component when the letter case differs: 80 µs a row) once. Bounded: emptied when full.
    private static let databaseZones = Mutex<[String: PGTimeZone?]>([:])
    private static let databaseZonesLimit = 1024

    private static func databaseZone(_ name: String) -> PGTimeZone? {
        if let known = databaseZones.withLock({ $0[name] }) { return known }
        var zone: PGTimeZone?
        if let identifier = ZoneDatabase.identifier(matching: name), let tz = TimeZone(identifier: identifier) {
            zone = PGTimeZone(kind: .named(identifier), zone: tz)
        }
        databaseZones.withLock { cache in
            if cache.count >= databaseZonesLimit { cache.removeAll(keepingCapacity: true) }
            cache[name] = .some(zone)
        }
        return zone
    }

    /// `STDoffset` with no daylight part (`UTC+3`, `EST5`, `XYZ-02:30`): the offset in seconds
    /// west of Greenwich, or nil for anything else.
    static func posixSecondsWest(_ text: String) -> Int? {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        if scalars.first == "<", let close = scalars.firstIndex(of: ">") {
            // A quoted name (`<+0530>-05:30`), as tzcode reads it.
            i = close + 1
            guard close >= 2, i < scalars.count else { return nil }
        } else {
            while i < scalars.count, ("A"..."Z").contains(scalars[i]) || ("a"..."z").contains(scalars[i]) { i += 1 }
            // No name at all: PostgreSQL 15 still reads `+05:30` this way (as five and a half hours west);
            // a bare number of hours was taken as hours east before this is asked.
            let unnamedOffset = i == 0 && scalars.count > 1 && (scalars[0] == "+" || scalars[0] == "-") && scalars.contains(":")
            guard i >= 3 || unnamedOffset, i < scalars.count else { return nil }
        }
        var sign = 1
        if scalars[i] == "+" || scalars[i] == "-" { sign = scalars[i] == "-" ? -1 : 1; i += 1 }
        let parts = String(String.UnicodeScalarView(scalars[i...])).split(separator: ":", omittingEmptySubsequences: false)
        // Digits only, as tzcode's getnum reads them (`Int` alone would take a second sign: `XYZ++4`).
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy { $0 >= "0" && $0 <= "9" } }),
              let h = Int(parts[0]), h <= 24 else { return nil }
        let m = parts.count > 1 ? Int(parts[1]) : 0, sec = parts.count > 2 ? Int(parts[2]) : 0
        guard let m, let sec, m < 60, sec < 60 else { return nil }
        return sign * (h * 3600 + m * 60 + sec)
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
