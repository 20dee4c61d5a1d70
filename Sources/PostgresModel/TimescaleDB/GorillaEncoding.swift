/// TimescaleDB's GORILLA algorithm for float4/float8.
///
/// Facts (TimescaleDB 2.28 `algorithms/gorilla.c`): 24-byte header; then simple8b-RLE of tag0
/// (0 when xor == 0), simple8b-RLE of tag1 (1 when new leading/trailing counts are written), a
/// bit array of 6-bit leading-zero counts, simple8b-RLE of bits used per new window, a bit array
/// of xor payloads, and an optional simple8b-RLE NULL bitmap. Bit arrays are stored as whole
/// uint64 words. The previous window is reused when the new leading and trailing zero counts are
/// both at least the old ones and together grow by at most 12 bits.
struct GorillaEncoder: Sendable {
    static let algorithmID: UInt8 = 3
    static let headerSize = 24

    private var tag0 = Simple8bRLE()
    private var tag1 = Simple8bRLE()
    private var leadingBits = 0
    private var bitsUsed = Simple8bRLE()
    private var xorBits = 0
    private var nulls = Simple8bRLE()
    private var hasNulls = false
    private var any = false
    private var previous: UInt64 = 0
    private var prevLeading = -1
    private var prevTrailing = 0

    init() {}

    mutating func append(bits value: UInt64) {
        nulls.append(0)
        any = true
        let x = value ^ previous
        previous = value
        if x == 0 {
            tag0.append(0)
            return
        }
        tag0.append(1)
        var leading = x.leadingZeroBitCount
        let trailing = x.trailingZeroBitCount
        if leading > 63 { leading = 63 }
        let reuse = prevLeading >= 0 && leading >= prevLeading && trailing >= prevTrailing
            && (leading - prevLeading) + (trailing - prevTrailing) <= 12
        if reuse {
            tag1.append(0)
            xorBits += 64 - prevLeading - prevTrailing
        } else {
            tag1.append(1)
            leadingBits += 6
            let used = 64 - leading - trailing
            bitsUsed.append(UInt64(used))
            xorBits += used
            prevLeading = leading
            prevTrailing = trailing
        }
    }

    mutating func appendNull() {
        hasNulls = true
        nulls.append(1)
    }

    /// The datum's size in bytes (its bytes are never compressed by PostgreSQL: storage EXTERNAL).
    mutating func finishSize() -> Int? {
        guard any else { return nil }
        let words = { (bits: Int) in ((bits + 63) / 64) * 8 }
        var total = Self.headerSize
        total += tag0.finish()?.count ?? 0
        total += tag1.finish()?.count ?? 0
        total += words(leadingBits)
        total += bitsUsed.finish()?.count ?? 0
        total += words(xorBits)
        if hasNulls { total += nulls.finish()?.count ?? 0 }
        return total
    }
}
