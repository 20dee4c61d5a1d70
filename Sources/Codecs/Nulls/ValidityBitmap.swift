/// Which rows of a block are NULL, one bit per row (bit set = NULL), LSB first.
///
/// ```
/// rows 0..7 -> byte 0 bit 0..7, rows 8..15 -> byte 1, …   ceil(n / 8) bytes
/// ```
/// Only written when a block has some but not all NULLs; the header's null layout makes the
/// no-NULL and all-NULL cases cost nothing. Values of NULL rows are not stored at all.
enum ValidityBitmap {
    static func byteCount(rows: Int) -> Int { (rows + 7) / 8 }

    static func write(_ nulls: [Bool], rows: Int, into writer: inout ByteWriter) {
        writer.appendZeroed(byteCount(rows: rows)) { out in
            for i in 0..<min(rows, nulls.count) where nulls[i] {
                out[i >> 3] |= 1 << UInt8(i & 7)
            }
        }
    }

    static func read(_ reader: inout ByteReader, rows: Int) throws(CodecError) -> [Bool] {
        let range = try reader.take(byteCount(rows: rows))
        let bytes = reader.bytes
        return (0..<rows).map { i in bytes[range.lowerBound + (i >> 3)] & (1 << UInt8(i & 7)) != 0 }
    }
}

/// Dropping NULL slots before encoding and putting zero placeholders back after decoding.
enum NullSlots {
    static func present<T>(_ values: [T], nulls: [Bool]) -> [T] {
        guard nulls.contains(true) else { return values }
        var out: [T] = []
        out.reserveCapacity(values.count)
        for i in 0..<values.count where !(i < nulls.count && nulls[i]) { out.append(values[i]) }
        return out
    }

    /// Spreads `dense` over the non-NULL rows of `nulls`, `zero` elsewhere.
    static func scatter<T>(_ dense: [T], nulls: [Bool], zero: T) -> [T] {
        var out = [T](repeating: zero, count: nulls.count)
        var k = 0
        for i in 0..<nulls.count where !nulls[i] {
            out[i] = dense[k]
            k += 1
        }
        return out
    }
}
