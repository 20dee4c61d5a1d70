import Foundation

/// The zone database PostgreSQL's `TimeZone` setting reads (Debian builds PostgreSQL with the
/// system's /usr/share/zoneinfo): a name is a zone when a tz file of that name exists there, its
/// path components matched in any letter case (PostgreSQL's `pg_open_tzfile` scans the
/// directories so). Where no such directory exists (a minimal container), Foundation's zone list
/// and identifiers stand in.
enum ZoneDatabase {
    static let directory = ProcessInfo.processInfo.environment["TZDIR"] ?? "/usr/share/zoneinfo"

    /// The identifier (as spelled in the database) of the zone `name` names, or nil.
    static func identifier(matching name: String) -> String? {
        guard !name.isEmpty, !name.hasPrefix("/"), !name.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            if TimeZone.knownTimeZoneIdentifiers.contains(name) { return name }
            let lower = name.lowercased()
            return TimeZone.knownTimeZoneIdentifiers.first { $0.lowercased() == lower }
        }
        // Exact spelling first (one stat), then a case-insensitive walk.
        if fm.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue { return name }
        var path = directory
        var parts: [String] = []
        for component in name.split(separator: "/", omittingEmptySubsequences: false) {
            guard let entries = try? fm.contentsOfDirectory(atPath: path),
                  let match = entries.first(where: { $0.caseInsensitiveCompare(String(component)) == .orderedSame }) else { return nil }
            parts.append(match)
            path += "/" + match
        }
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return parts.joined(separator: "/")
    }
}
