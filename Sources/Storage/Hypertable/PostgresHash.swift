import Schema

/// PostgreSQL's hash support functions (src/common/hashfn.c `hash_bytes`, `hash_bytes_uint32`:
/// Bob Jenkins' lookup3, little-endian byte order as on x86-64 and arm64), and the type hash
/// functions built on them that TimescaleDB's `get_partition_hash` calls for a hash dimension.
///
/// Only the arithmetic is reproduced; each function names the PostgreSQL function whose result it
/// returns, and `SpaceDimensionHashTests` checks them against a PostgreSQL 15 server.
enum PostgresHash {
    /// `hash_bytes`: lookup3 over `bytes`, read as little-endian 32-bit words. Reads contiguous
    /// storage in place (a String's UTF-8, an array); copies only a collection that has none.
    static func bytes(_ key: some Collection<UInt8>) -> UInt32 {
        if let h = key.withContiguousStorageIfAvailable({ bytes(buffer: $0) }) { return h }
        return Array(key).withUnsafeBufferPointer { bytes(buffer: $0) }
    }

    /// `uuid_hash`: `hash_bytes` over the 16 bytes, taken from the two big-endian words without
    /// building them (one 12-byte block, then the last 4 bytes).
    static func uuid(_ u: PGUUID) -> UInt32 {
        var a = 0x9e37_79b9 &+ 16 &+ 3_923_095 as UInt32
        var b = a, c = a
        a &+= UInt32(truncatingIfNeeded: u.high >> 32).byteSwapped
        b &+= UInt32(truncatingIfNeeded: u.high).byteSwapped
        c &+= UInt32(truncatingIfNeeded: u.low >> 32).byteSwapped
        mix(&a, &b, &c)
        a &+= UInt32(truncatingIfNeeded: u.low).byteSwapped
        final(&a, &b, &c)
        return c
    }

    private static func bytes(buffer k: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var a = 0x9e37_79b9 &+ UInt32(truncatingIfNeeded: k.count) &+ 3_923_095
        var b = a, c = a
        var i = 0
        var len = k.count
        func word(_ at: Int) -> UInt32 {
            UInt32(k[at]) | UInt32(k[at + 1]) << 8 | UInt32(k[at + 2]) << 16 | UInt32(k[at + 3]) << 24
        }
        while len >= 12 {
            a &+= word(i)
            b &+= word(i + 4)
            c &+= word(i + 8)
            mix(&a, &b, &c)
            i += 12
            len -= 12
        }
        // The last 0–11 bytes; the lowest byte of c stays free (the length is in the seed).
        if len >= 11 { c &+= UInt32(k[i + 10]) << 24 }
        if len >= 10 { c &+= UInt32(k[i + 9]) << 16 }
        if len >= 9 { c &+= UInt32(k[i + 8]) << 8 }
        if len >= 8 { b &+= UInt32(k[i + 7]) << 24 }
        if len >= 7 { b &+= UInt32(k[i + 6]) << 16 }
        if len >= 6 { b &+= UInt32(k[i + 5]) << 8 }
        if len >= 5 { b &+= UInt32(k[i + 4]) }
        if len >= 4 { a &+= UInt32(k[i + 3]) << 24 }
        if len >= 3 { a &+= UInt32(k[i + 2]) << 16 }
        if len >= 2 { a &+= UInt32(k[i + 1]) << 8 }
        if len >= 1 { a &+= UInt32(k[i]) }
        final(&a, &b, &c)
        return c
    }

    /// `hash_bytes_uint32`: lookup3 of one 32-bit word (`hash_uint32`).
    static func uint32(_ k: UInt32) -> UInt32 {
        var a = 0x9e37_79b9 &+ 4 &+ 3_923_095 as UInt32
        var b = a, c = a
        a &+= k
        final(&a, &b, &c)
        return c
    }

    /// `hashint8` (also `timestamp_hash`, `time_hash`, and for values that fit, `hashint4`,
    /// `hashint2` and the date hash): the low word folded with the high one so that equal values
    /// of the integer types hash alike.
    static func int8(_ v: Int64) -> UInt32 {
        let hi = UInt32(truncatingIfNeeded: v >> 32)
        let lo = UInt32(truncatingIfNeeded: v) ^ (v >= 0 ? hi : ~hi)
        return uint32(lo)
    }

    /// `hashfloat8` (and `hashfloat4`, which widens first): 0 and −0 hash to 0, every NaN alike,
    /// otherwise the double's eight bytes.
    static func float8(_ d: Double) -> UInt32 {
        if d == 0 { return 0 }
        let bits = d.isNaN ? Double.nan.bitPattern : d.bitPattern
        return withUnsafeBytes(of: bits.littleEndian) { bytes(buffer: $0.bindMemory(to: UInt8.self)) }
    }

    private static func rot(_ x: UInt32, _ k: UInt32) -> UInt32 { (x << k) | (x >> (32 - k)) }

    private static func mix(_ a: inout UInt32, _ b: inout UInt32, _ c: inout UInt32) {
        a &-= c; a ^= rot(c, 4); c &+= b
        b &-= a; b ^= rot(a, 6); a &+= c
        c &-= b; c ^= rot(b, 8); b &+= a
        a &-= c; a ^= rot(c, 16); c &+= b
        b &-= a; b ^= rot(a, 19); a &+= c
        c &-= b; c ^= rot(b, 4); b &+= a
    }

    private static func final(_ a: inout UInt32, _ b: inout UInt32, _ c: inout UInt32) {
        c ^= b; c &-= rot(b, 14)
        a ^= c; a &-= rot(c, 11)
        b ^= a; b &-= rot(a, 25)
        c ^= b; c &-= rot(b, 16)
        a ^= c; a &-= rot(c, 4)
        b ^= a; b &-= rot(a, 14)
        c ^= b; c &-= rot(b, 24)
    }
}
