/// Fixed-width bit packing: `n` unsigned values of `width` bits each, least significant bit
/// first, in `ceil(n × width / 8)` bytes.
///
/// ```
/// width 3, values 5 1 7:  bits  101 100 111 (value 0 in bits 0-2, value 1 in bits 3-5, …)
///                         byte0 = 0b11_001_101, byte1 = 0b0000000_1
/// ```
/// Frame-of-reference, delta, dictionary indices and ALP all end here, so this is the hot loop
/// of both encode and decode: 64-bit unaligned loads and stores, no per-value branches beyond
/// the tail.
enum BitPacking {
    /// Bits needed to hold `v` (0 for 0).
    
    static func width(of v: UInt64) -> Int { 64 - v.leadingZeroBitCount }
    
    static func byteCount(count: Int, width: Int) -> Int { (count * width + 7) >> 3 }

    /// Packs `values` (each must fit in `width` bits) and appends them to `writer`.
    static func pack(_ values: UnsafeBufferPointer<UInt64>, width: Int, into writer: inout ByteWriter) {
        pack(count: values.count, width: width, into: &writer) { values[$0] }
    }

    /// Packs `code(0) … code(count − 1)` (each must fit in `width` bits) and appends them to
    /// `writer`: the codecs that derive their codes from the values (frame of reference, patched
    /// frame of reference) compute each where it is stored instead of filling an array first.
    @inline(__always)
    static func pack(count n: Int, width: Int, into writer: inout ByteWriter, code: (Int) -> UInt64) {
        let size = byteCount(count: n, width: width)
        guard width > 0, size > 0 else { return }
        // 8 bytes of slack so every store can be a full word; trimmed after.
        let start = writer.count
        writer.appendZeroed(size + 8) { out in
            var acc: UInt64 = 0
            var filled = 0
            var pos = 0
            let w = width
            for i in 0..<n {
                let v = code(i)
                acc |= v << UInt64(filled)
                filled += w
                if filled >= 64 {
                    out.storeBytes(of: acc.littleEndian, toByteOffset: pos, as: UInt64.self)
                    pos += 8
                    filled -= 64
                    // The bits of v that did not fit in the flushed word.
                    acc = filled == 0 ? 0 : v >> UInt64(w - filled)
                }
            }
            if filled > 0 {
                out.storeBytes(of: acc.littleEndian, toByteOffset: pos, as: UInt64.self)
            }
        }
        writer.truncate(to: start + size)
    }

    /// Unpacks `out.count` values of `width` bits from `raw` (which holds at least
    /// `byteCount(count:width:)` bytes) into `out`. Widths up to 56 bits take one unaligned
    /// 64-bit load per value while 8 bytes remain; the tail and wider values take the general path.
    static func unpack(_ raw: UnsafeRawBufferPointer, width: Int, into out: UnsafeMutableBufferPointer<UInt64>) {
        let count = out.count
        guard width > 0 else {
            out.update(repeating: 0)
            return
        }
        var i = 0
        if width <= 56 {
            let mask: UInt64 = (1 << UInt64(width)) - 1
            let len = raw.count
            // Values whose 8-byte window lies inside the buffer.
            let safe = len >= 8 ? min(count, ((len - 8) * 8) / width + 1) : 0
            var bit = 0
            while i < safe {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
                out[i] = (word >> UInt64(bit & 7)) & mask
                bit += width
                i += 1
            }
        }
        if i < count {
            unpack(raw, count: count, width: width, from: i) { k, v in out[k] = v }
        }
    }

    /// Unpacks `count` values of `width` bits from `bytes[range]`, calling `body(i, value)`.
    /// The caller has checked `range.count >= byteCount(count:width:)`.
    
    static func unpack(
        _ raw: UnsafeRawBufferPointer, count: Int, width: Int, from start: Int = 0,
        _ body: (Int, UInt64) -> Void
    ) {
        if width == 0 {
            for i in start..<count { body(i, 0) }
            return
        }
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        let len = raw.count
        var bit = start * width
        for i in start..<count {
            let byte = bit >> 3
            let shift = UInt64(bit & 7)
            var v: UInt64
            if byte + 8 <= len {
                v = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: byte, as: UInt64.self)) >> shift
                if shift + UInt64(width) > 64 && byte + 8 < len {
                    v |= UInt64(raw[byte + 8]) << (64 - shift)
                }
            } else {
                v = 0
                var k = 0
                while byte + k < len && k < 8 {
                    v |= UInt64(raw[byte + k]) << UInt64(8 * k)
                    k += 1
                }
                v >>= shift
            }
            body(i, v & mask)
            bit += width
        }
    }
}

