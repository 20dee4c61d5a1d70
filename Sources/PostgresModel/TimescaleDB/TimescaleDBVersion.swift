/// A TimescaleDB release, for the parts of the compressed layout that changed between versions.
public struct TimescaleDBVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int

    public init(_ major: Int, _ minor: Int, _ patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// The version the calibration measured (PostgreSQL 15.20 + TimescaleDB 2.28.3).
    public static let calibrated = TimescaleDBVersion(2, 28, 3)

    /// Parses "2.28", "2.17.1"; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".").map { Int($0) }
        guard parts.count >= 2, parts.count <= 3, parts.allSatisfy({ $0 != nil && $0! >= 0 }) else { return nil }
        self.init(parts[0] ?? 0, parts[1] ?? 0, parts.count == 3 ? (parts[2] ?? 0) : 0)
    }

    public static func < (a: Self, b: Self) -> Bool { (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch) }
    public var description: String { "\(major).\(minor).\(patch)" }

    /// `_ts_meta_sequence_num` column and index key (removed in 2.17.0).
    var hasSequenceNumber: Bool { self < TimescaleDBVersion(2, 17) }
    /// `_ts_meta_v2_first_/last_` per orderby column, and in the compressed index (2.28.0, #9580/#9784).
    var hasFirstLastMetadata: Bool { self >= TimescaleDBVersion(2, 28) }
    /// BOOL algorithm on by default (2.20.0, #8014).
    var boolAlgorithmDefault: Bool { self >= TimescaleDBVersion(2, 20) }
    /// UUID algorithm on by default (2.23.0).
    var uuidAlgorithmDefault: Bool { self >= TimescaleDBVersion(2, 23) }
    /// Minmax sparse indexes for btree-indexed columns (2.15.0, #6705).
    var hasMinmaxSparseIndexes: Bool { self >= TimescaleDBVersion(2, 15) }
    /// Bloom sparse indexes preferred for hashable columns (2.20.0, #7638).
    var hasBloomSparseIndexes: Bool { self >= TimescaleDBVersion(2, 20) }
    /// Composite bloom filters for multi-column indexes (2.26.0).
    var hasCompositeBlooms: Bool { self >= TimescaleDBVersion(2, 26) }
}
