import Schema

/// A hash ("space") partitioning dimension: rows are spread over `partitions` slices of the hash
/// keyspace `[0, INT32_MAX]` (`ts:src/dimension.c:354-393`).
///
/// The keyspace is cut into `partitions` equal slices of width `INT32_MAX / partitions`; the first
/// slice starts at −∞ and the last ends at +∞, as TimescaleDB's slices do.
///
/// Hash function: TimescaleDB's `get_partition_hash` calls the column type's PostgreSQL hash
/// support function and keeps the low 31 bits. ``hash(_:)`` returns what PostgreSQL's function
/// returns (``PostgresHash``) for integers, booleans, floats, timestamps, dates, times, uuids and
/// text (deterministic collation: the UTF-8 bytes), so a row lands in the partition it lands in on
/// the server. Numerics, intervals and jsonb (whose PostgreSQL hashes work on their internal
/// forms) use a 32-bit FNV-1a over a canonical byte form with MurmurHash3's finalizer instead:
/// the slices and their count agree with TimescaleDB, which slice such a value lands in does not.
/// An enum column hashes as its label's text (PostgreSQL hashes the label's OID, which the server
/// assigns).
public struct SpaceDimension: Sendable, Hashable {
    public var column: String
    public var partitions: Int

    public init(column: String, partitions: Int) {
        self.column = column
        self.partitions = partitions
    }

    /// `PG_INT32_MAX`, the closed upper end of the hash keyspace (`DIMENSION_SLICE_CLOSED_MAX`).
    static let keyspaceMax: Int64 = Int64(Int32.max)

    /// The slice of the keyspace that holds a hash value.
    public func slice(forHash hash: Int64) -> ChunkRange {
        let width = Self.keyspaceMax / Int64(partitions)
        let index = min(hash / width, Int64(partitions - 1))
        let start = index == 0 ? Int64.min : index * width
        let end = index == Int64(partitions - 1) ? Int64.max : (index + 1) * width
        return ChunkRange(start: start, end: end)
    }

    /// The partition hash of a value, in `[0, INT32_MAX]`. NULL hashes to 0.
    public static func hash(_ value: Value) -> Int64 {
        let h: UInt32
        switch value {
        case .null: return 0
        case .bool(let b): h = PostgresHash.uint32(b ? 1 : 0)                       // hashchar
        case .int(let v), .time(let v): h = PostgresHash.int8(v)                      // hashint8 (= hashint4/2 in range), time_hash
        case .timestamp(let v): h = PostgresHash.int8(postgresEpoch(microseconds: v)) // timestamp_hash
        case .date(let d): h = PostgresHash.int8(postgresEpoch(days: d))              // date's hashint4
        case .float(let d): h = PostgresHash.float8(d)                                // hashfloat8 (hashfloat4 widens)
        case .uuid(let u): h = PostgresHash.uuid(u)                                   // uuid_hash
        case .text(let s): h = PostgresHash.bytes(s.utf8)                             // hashtext, deterministic collation
        case .numeric, .wideNumeric, .interval, .jsonb: h = canonicalHash(value)
        }
        return Int64(h & 0x7fff_ffff)
    }

    /// µs since 1970 (Chunkwise's timestamps) as PostgreSQL's µs since 2000; the infinities stay.
    static func postgresEpoch(microseconds v: Int64) -> Int64 {
        v == Int64.max || v == Int64.min ? v : v &- 946_684_800_000_000
    }

    /// Days since 1970 as PostgreSQL's days since 2000; the infinities stay.
    static func postgresEpoch(days d: Int64) -> Int64 {
        d == Int64.max || d == Int64.min ? d : d &- 10_957
    }

    /// FNV-1a over a canonical byte form, spread by MurmurHash3's finalizer (types whose
    /// PostgreSQL hash works on an internal form Chunkwise does not build).
    static func canonicalHash(_ value: Value) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        func mix(_ bytes: some Sequence<UInt8>) {
            for b in bytes { h = (h ^ UInt32(b)) &* 16_777_619 }
        }
        func mix64(_ v: UInt64) { mix((0..<8).reversed().map { UInt8(truncatingIfNeeded: v >> (UInt64($0) * 8)) }) }
        switch value {
        case .numeric(let n): mix64(UInt64(bitPattern: n.unscaled)); mix64(UInt64(bitPattern: Int64(n.scale)))
        case .wideNumeric(let n): mix(n.description.utf8)
        case .jsonb(let s): mix(s.utf8)
        case .interval(let i): mix64(UInt64(bitPattern: i.microseconds)); mix64(UInt64(bitPattern: Int64(i.days)))
        default: mix(String(describing: value).utf8)
        }
        h ^= h >> 16
        h = h &* 0x85eb_ca6b
        h ^= h >> 13
        h = h &* 0xc2b2_ae35
        h ^= h >> 16
        return h
    }
}
