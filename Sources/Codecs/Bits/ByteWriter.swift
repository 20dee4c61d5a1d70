/// An append-only byte buffer with the primitive encodings every codec shares:
/// little-endian fixed-width integers and LEB128 varints.
///
/// Every `append…` has a matching `…Size` so a codec's `analyze` can count bytes exactly
/// without writing them. Shared (package access) with the TimescaleDB model in PostgresModel,
/// whose datums are the same little-endian fixed-width writes.
package struct ByteWriter: Sendable {
    package private(set) var bytes: [UInt8]

    package init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    package var count: Int { bytes.count }
    
    package mutating func append(_ byte: UInt8) { bytes.append(byte) }

    package mutating func append(contentsOf other: [UInt8]) { bytes.append(contentsOf: other) }

    mutating func append(contentsOf other: UnsafeRawBufferPointer) { bytes.append(contentsOf: other) }

    /// Appends `value` little-endian in exactly `width` bytes (1…8); higher bytes are dropped.
    package mutating func appendFixed(_ value: UInt64, width: Int) {
        var v = value
        for _ in 0..<width {
            bytes.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    package mutating func appendUInt64(_ value: UInt64) { appendFixed(value, width: 8) }

    mutating func appendVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func appendSignedVarint(_ value: Int64) { appendVarint(ZigZag.encode(value)) }

    /// Bytes that `appendVarint(value)` writes.
    
    static func varintSize(_ value: UInt64) -> Int {
        // 7 payload bits per byte; 0 still takes one byte.
        let bits = 64 - value.leadingZeroBitCount
        return bits == 0 ? 1 : (bits + 6) / 7
    }
    
    static func signedVarintSize(_ value: Int64) -> Int { varintSize(ZigZag.encode(value)) }

    /// Drops bytes past `count` (used after writing into slack space).
    mutating func truncate(to count: Int) {
        if count < bytes.count { bytes.removeLast(bytes.count - count) }
    }

    /// Grows the buffer by `count` zero bytes and hands them to `body` to fill (hot loops).
    mutating func appendZeroed(_ count: Int, _ body: (UnsafeMutableRawBufferPointer) -> Void) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeMutableBytes { raw in
            body(UnsafeMutableRawBufferPointer(rebasing: raw[start..<(start + count)]))
        }
    }
}

/// Maps signed integers to unsigned so that small magnitudes of either sign get small codes
/// (0, -1, 1, -2 … become 0, 1, 2, 3 …), as in protobuf and TimescaleDB's delta-delta codec.
enum ZigZag {
    
    static func encode(_ v: Int64) -> UInt64 {
        UInt64(bitPattern: (v &<< 1) ^ (v >> 63))
    }
    
    static func decode(_ u: UInt64) -> Int64 {
        Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }
}
