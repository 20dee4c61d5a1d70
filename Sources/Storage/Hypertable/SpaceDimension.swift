import Schema

/// A hash ("space") partitioning dimension: rows are spread over `partitions` slices of the hash
/// keyspace `[0, INT32_MAX]` (`ts:src/dimension.c:354-393`).
///
/// The keyspace is cut into `partitions` equal slices of width `INT32_MAX / partitions`; the first
/// slice starts at −∞ and the last ends at +∞, as TimescaleDB's slices do.
///
/// Hash function: TimescaleDB hashes with the column type's PostgreSQL hash support function
/// (`_timescaledb_functions.get_partition_hash`, `hash_any` over the datum). Chunkwise uses
/// 32-bit FNV-1a over a canonical byte form of the value instead (big-endian integers, the 16 UUID
/// bytes, UTF-8 text) followed by MurmurHash3's finalizer, masked with `0x7fffffff` like TimescaleDB. The *shape* (how many slices,
/// their bounds, every value in exactly one slice) matches TimescaleDB; *which* slice a given
/// value lands in does not, so chunk contents per partition differ from a real server while the
/// number of chunks per time slice (≤ partitions) agrees when each partition receives rows.
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
        var h: UInt32 = 2_166_136_261
        func mix(_ bytes: some Sequence<UInt8>) {
            for b in bytes { h = (h ^ UInt32(b)) &* 16_777_619 }
        }
        func mix64(_ v: UInt64) { mix((0..<8).reversed().map { UInt8(truncatingIfNeeded: v >> (UInt64($0) * 8)) }) }
        switch value {
        case .null: return 0
        case .bool(let b): mix([b ? 1 : 0])
        case .int(let v), .timestamp(let v), .date(let v), .time(let v): mix64(UInt64(bitPattern: v))
        case .float(let d): mix64(d.bitPattern)
        case .numeric(let n): mix64(UInt64(bitPattern: n.unscaled)); mix64(UInt64(bitPattern: Int64(n.scale)))
        case .wideNumeric(let n): mix(n.description.utf8)
        case .uuid(let u): mix64(u.high); mix64(u.low)
        case .text(let s), .jsonb(let s): mix(s.utf8)
        case .interval(let i): mix64(UInt64(bitPattern: i.microseconds)); mix64(UInt64(bitPattern: Int64(i.days)))
        }
        // FNV-1a alone barely moves the top bits for short keys ("A" vs "B"), and the slices are
        // cut from the top; MurmurHash3's 32-bit finalizer spreads every input bit over the word.
        h ^= h >> 16
        h = h &* 0x85eb_ca6b
        h ^= h >> 13
        h = h &* 0xc2b2_ae35
        h ^= h >> 16
        return Int64(h & 0x7fff_ffff)
    }
}
