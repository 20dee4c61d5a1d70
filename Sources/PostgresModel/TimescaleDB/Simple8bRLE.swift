import Codecs

/// TimescaleDB's simple8b-RLE integer stream, reproduced block for block so that both its size and
/// its bytes (which PostgreSQL's pglz later sees inside array/dictionary datums) match.
///
/// Facts (TimescaleDB 2.28 `tsl/src/compression/algorithms/simple8b_rle.h`): values are buffered 64
/// at a time; on each flush the last emitted block is popped and re-encoded together with the
/// buffer (an RLE block is instead extended with the buffer's matching prefix). A block starts as
/// RLE when its first value fits 36 bits and `bits(v) * run >= 64`; otherwise the selector grows
/// greedily until the next value no longer fits. Serialized: `uint32 num_elements, uint32
/// num_blocks`, then 4-bit selectors packed 16 per uint64, then one uint64 per block.
struct Simple8bRLE: Sendable {
    /// Values per block for selectors 0...15 (15 = RLE).
    static let valuesPerBlock: [Int] = [0, 64, 32, 21, 16, 12, 10, 9, 8, 6, 5, 4, 3, 2, 1, 0]
    /// Bits per value for selectors 0...15 (15 = RLE's 36-bit value).
    static let bitsPerValue: [Int] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 21, 32, 64, 36]
    static let rleSelector: UInt8 = 15
    static let rleMaxValue: UInt64 = (1 << 36) - 1
    static let rleMaxCount: Int = (1 << 28) - 1

    struct Block: Sendable {
        var selector: UInt8
        /// Packed values (selectors 1...14) or the run's single value (RLE).
        var values: [UInt64]
        var runLength: Int

        var data: UInt64 {
            if selector == Simple8bRLE.rleSelector {
                return (UInt64(runLength) << 36) | (values.first ?? 0)
            }
            let bits = Simple8bRLE.bitsPerValue[Int(selector)]
            var d: UInt64 = 0
            for (k, v) in values.enumerated() where bits * k < 64 { d |= v << UInt64(bits * k) }
            return d
        }
    }

    private(set) var committed: [Block] = []
    private var last: Block?
    private var buffer: [UInt64] = []
    private(set) var count: Int = 0

    init() { buffer.reserveCapacity(64) }

    mutating func append(_ v: UInt64) {
        if buffer.count >= 64 { flush() }
        buffer.append(v)
    }

    var isEmpty: Bool { count == 0 && buffer.isEmpty }

    private mutating func push(_ b: Block) {
        if let l = last { committed.append(l) }
        last = b
    }

    private mutating func flush() {
        guard last != nil || !buffer.isEmpty else { return }
        var sequence: [UInt64]
        if var l = last {
            last = nil
            if l.selector == Self.rleSelector {
                var i = 0
                let v = l.values[0]
                while i < buffer.count && buffer[i] == v && l.runLength < Self.rleMaxCount {
                    l.runLength += 1
                    i += 1
                }
                push(l)
                sequence = Array(buffer[i...])
            } else {
                sequence = l.values + buffer
            }
        } else {
            sequence = buffer
        }
        encode(sequence)
        count += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func encode(_ seq: [UInt64]) {
        var idx = 0
        let n = seq.count
        while idx < n {
            let first = seq[idx]
            if first <= Self.rleMaxValue {
                var run = 1
                while idx + run < n && seq[idx + run] == first {
                    run += 1
                    if run == Self.rleMaxCount { break }
                }
                let bits = first == 0 ? 1 : 64 - first.leadingZeroBitCount
                if bits * run >= 64 {
                    push(Block(selector: Self.rleSelector, values: [first], runLength: run))
                    idx += run
                    continue
                }
            }
            var selector = 1
            var mask: UInt64 = 1
            var i = 0
            while idx + i < n && i < Self.valuesPerBlock[selector] {
                let v = seq[idx + i]
                while v > mask {
                    selector += 1
                    let b = Self.bitsPerValue[selector]
                    mask = b >= 64 ? UInt64.max : (UInt64(1) << UInt64(b)) - 1
                    if i >= Self.valuesPerBlock[selector] { break }
                }
                i += 1
            }
            let packed = min(Self.valuesPerBlock[selector], n - idx)
            push(Block(selector: UInt8(selector), values: Array(seq[idx..<(idx + packed)]), runLength: packed))
            idx += packed
        }
    }

    /// Finishes the stream; nil when nothing was appended (TimescaleDB returns NULL then).
    mutating func finish() -> [UInt8]? {
        flush()
        guard count > 0 else { return nil }
        var blocks = committed
        if let l = last { blocks.append(l) }
        var out = ByteWriter()
        out.u32(UInt32(truncatingIfNeeded: count))
        out.u32(UInt32(blocks.count))
        let slots = (blocks.count + 15) / 16
        var selectorWords = [UInt64](repeating: 0, count: slots)
        for (k, b) in blocks.enumerated() {
            selectorWords[k / 16] |= UInt64(b.selector & 0xF) << UInt64((k % 16) * 4)
        }
        for w in selectorWords { out.u64(w) }
        for b in blocks { out.u64(b.data) }
        return out.bytes
    }

    /// Serialized size in bytes for a finished stream of `blocks` blocks.
    static func serializedSize(blocks: Int) -> Int { 8 + 8 * blocks + 8 * ((blocks + 15) / 16) }

    /// Encodes a whole sequence.
    static func serialize(_ values: [UInt64]) -> [UInt8]? {
        var s = Simple8bRLE()
        for v in values { s.append(v) }
        return s.finish()
    }
}
