/// A variable-width bit stream, least significant bit first, for codecs whose fields change
/// width value by value (Gorilla). Fixed-width runs use `BitPacking` instead.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var accumulator: UInt64 = 0
    private var filled: Int = 0
    private(set) var bitCount: Int = 0

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends the low `width` bits of `value` (width 0…64).
    mutating func write(_ value: UInt64, width: Int) {
        guard width > 0 else { return }
        let v = width == 64 ? value : value & ((1 << UInt64(width)) - 1)
        bitCount += width
        accumulator |= v << UInt64(filled)
        let room = 64 - filled
        if width < room {
            filled += width
            return
        }
        appendWord(accumulator)
        // Bits of v that did not fit.
        accumulator = width == room ? 0 : v >> UInt64(room)
        filled = width - room
    }

    private mutating func appendWord(_ w: UInt64) {
        for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: w >> UInt64(8 * k))) }
    }

    /// The stream padded with zero bits to whole bytes.
    func finished() -> [UInt8] {
        var out = bytes
        var acc = accumulator
        for _ in 0..<((filled + 7) / 8) {
            out.append(UInt8(truncatingIfNeeded: acc))
            acc >>= 8
        }
        return out
    }
}

/// Reads a `BitWriter` stream; every read is bounds-checked against the stream's bytes.
struct BitReader {
    private let bytes: [UInt8]
    private let start: Int
    private let end: Int
    private var bit: Int = 0

    init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        start = range.lowerBound
        end = range.upperBound
    }

    mutating func read(_ width: Int) throws(CodecError) -> UInt64 {
        guard width > 0 else { return 0 }
        guard bit + width <= (end - start) * 8 else {
            throw .truncated(offset: start + bit / 8, needed: (width + 7) / 8, available: end - start - bit / 8)
        }
        var result: UInt64 = 0
        var got = 0
        while got < width {
            let byte = bytes[start + (bit >> 3)]
            let offset = bit & 7
            let take = min(8 - offset, width - got)
            let chunk = (UInt64(byte) >> UInt64(offset)) & ((1 << UInt64(take)) - 1)
            result |= chunk << UInt64(got)
            got += take
            bit += take
        }
        return result
    }
}
