/// UUIDv7 (RFC 9562): the first 48 bits are a Unix time in milliseconds, then the version
/// nibble 7, 12 bits `rand_a`, the variant bits `10` and 62 bits `rand_b`.
///
/// TimescaleDB (2.23+) partitions a hypertable on a UUID column by that embedded time
/// (src/uuid.c `ts_uuid_v7_extract_unixtime`): chunk ranges are the same slices of Unix-epoch
/// microseconds a `timestamptz` column gets, and a UUID that is not version 7 cannot be routed.
extension PGUUID {
    /// Whether the UUID carries version 7 with the RFC 9562 variant (`ts_uuid_v7_extract_unixtime`'s test).
    public var isVersion7: Bool {
        (high >> 12) & 0xF == 7 && low >> 62 == 0b10
    }

    /// The embedded Unix time in milliseconds (the first six bytes, big-endian), whatever the version.
    public var unixMilliseconds: Int64 { Int64(high >> 16) }

    /// The embedded time as TimescaleDB's internal time (Unix-epoch µs, as ``PGTimestamp`` holds
    /// timestamps), in whole milliseconds: the sub-millisecond `rand_a` bits never move a row across
    /// a chunk boundary of whole milliseconds. Cannot overflow: 2⁴⁸ ms is about 2.8 × 10¹⁷ µs.
    public var version7InternalTime: Int64 { unixMilliseconds * 1000 }

    /// A version-7 UUID carrying `time` (Unix-epoch µs, floored to the millisecond and clamped to
    /// the 48-bit range), with `randomBits` filling `rand_a` and `rand_b`.
    public init(version7At time: Int64, randomBits: (UInt64, UInt64)) {
        let ms = time / 1000 - (time % 1000 < 0 ? 1 : 0)
        let clamped = UInt64(min(max(ms, 0), (1 << 48) - 1))
        self.init(high: clamped << 16 | 0x7000 | (randomBits.0 & 0xFFF),
                  low: 0x8000_0000_0000_0000 | (randomBits.1 & 0x3FFF_FFFF_FFFF_FFFF))
    }
}
