/// Simple-8b with run-length words (Anh & Moffat 2010; the RLE extension as in TimescaleDB's
/// `simple8b_rle`), over zigzag codes of signed values.
///
/// ```
/// +------------------+----------+----------+-----+
/// | words (varint)   | word 0   | word 1   | ... |   each word 8 bytes, little-endian
/// +------------------+----------+----------+-----+
///  word bits 63..60: selector
///    1…14  packed: 60/width values of `width` bits, value j in bits [j×width, (j+1)×width)
///          selector: 1  2  3  4  5  6  7  8  9  10 11 12 13 14
///          width:    1  2  3  4  5  6  7  8  10 12 15 20 30 60
///          values:   60 30 20 15 12 10 8  7  6  5  4  3  2  1
///    15    run:    bits 59..32 repeat count (≥ 1), bits 31..0 the repeated code
///    0     never written
/// ```
/// The last packed word may hold fewer values than its selector allows; the caller's count says
/// how many. Codes ≥ 2^60 cannot be written, so codecs using this report "not applicable".
enum Simple8bRLE {
    /// Bits per value of a packed selector (the table above); a switch, not a global array, so
    /// the hot loops need no lazy-global check or bounds check.
    @inline(__always)
    static func width(_ sel: Int) -> Int {
        switch sel {
        case 1...8: return sel
        case 9: return 10
        case 10: return 12
        case 11: return 15
        case 12: return 20
        case 13: return 30
        default: return 60
        }
    }

    /// Values per word of a packed selector: ⌊60 / width⌋.
    @inline(__always)
    static func capacity(_ sel: Int) -> Int { 60 / width(sel) }
    static let runSelector: UInt64 = 15
    static let maxRun = (1 << 28) - 1
    static let maxCode: UInt64 = (1 << 60) - 1

    /// The smallest selector whose width holds `code`.
    static func selector(forWidth w: Int) -> Int {
        var s = 1
        while width(s) < w { s += 1 }
        return s
    }

    /// Walks the greedy word choice, calling `emit` per word. Both analyze and encode use it, so
    /// the analyzed size is exactly the written size.
    ///
    /// A packed word takes the selector with the most values whose width holds all of them.
    /// Fitting is monotone (a selector with more values has a narrower width, so if one fails
    /// every larger one fails too), so the search walks up from one value per word and stops at
    /// the first failure, touching each value about once.
    static func words(_ values: UnsafeBufferPointer<Int64>, _ emit: (UInt64) -> Void, stop: () -> Bool = { false }) {
        let n = values.count
        var i = 0
        while i < n && !stop() {
            let first = values[i]
            var run = 1
            while i + run < n && run < maxRun && values[i + run] == first { run += 1 }
            let code = ZigZag.encode(first)
            // A run word pays when the run fills at least one packed word of its own width.
            if run > 1 && code <= UInt64(UInt32.max) && run >= capacity(selector(forWidth: BitPacking.width(of: code))) {
                emit(runSelector << 60 | UInt64(run) << 32 | code)
                i += run
                continue
            }
            var sel = 14
            var checked = 0
            var widest = 0
            while sel > 1 {
                let next = sel - 1
                let m = min(capacity(next), n - i)
                while checked < m {
                    widest = max(widest, BitPacking.width(of: ZigZag.encode(values[i + checked])))
                    checked += 1
                }
                if widest > width(next) { break }
                sel = next
                if m == n - i { break }
            }
            let w = UInt64(width(sel))
            let m = min(capacity(sel), n - i)
            var word = UInt64(sel) << 60
            for j in 0..<m { word |= ZigZag.encode(values[i + j]) << (UInt64(j) * w) }
            emit(word)
            i += m
        }
    }

    /// Exact bytes, or nil when a code does not fit in 60 bits or the size would reach `limit`
    /// (the column writer passes the best size found so far, so a hopeless candidate stops early).
    static func size(_ values: ArraySlice<Int64>, maxZigZag: UInt64, limit: Int = .max) -> Int? {
        guard maxZigZag <= maxCode else { return nil }
        let maxWords = limit == .max ? Int.max : limit / 8 + 1
        var count = 0
        let finished: Bool = values.withUnsafeBufferPointer { buf in
            var done = true
            words(buf) { _ in
                count += 1
                if count > maxWords { done = false }
            } stop: { !done }
            return done
        }
        guard finished else { return nil }
        let size = ByteWriter.varintSize(UInt64(count)) + count * 8
        return size < limit ? size : nil
    }

    static func pack(_ values: ArraySlice<Int64>, into writer: inout ByteWriter) {
        var out: [UInt64] = []
        out.reserveCapacity(values.count / 4 + 1)
        values.withUnsafeBufferPointer { words($0) { out.append($0) } }
        writer.appendVarint(UInt64(out.count))
        out.withUnsafeBytes { writer.append(contentsOf: $0) }
    }

    static func unpack(_ reader: inout ByteReader, into out: UnsafeMutableBufferPointer<Int64>) throws(CodecError) {
        let start = reader.offset
        let wordCount = try reader.readCount(limit: reader.remaining / 8)
        let range = try reader.take(wordCount * 8)
        let n = out.count
        let filled: Int = reader.bytes.withUnsafeBytes { raw in
            var i = 0
            for k in 0..<wordCount {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: range.lowerBound + k * 8, as: UInt64.self))
                let sel = Int(word >> 60)
                if sel == Int(runSelector) {
                    let run = Int((word >> 32) & 0x0FFF_FFFF)
                    guard run >= 1, run <= n - i else { return -1 }
                    let v = ZigZag.decode(word & 0xFFFF_FFFF)
                    for j in i..<(i + run) { out[j] = v }
                    i += run
                } else {
                    guard sel >= 1, i < n else { return -1 }
                    let w = UInt64(width(sel))
                    let m = min(capacity(sel), n - i)
                    let mask: UInt64 = w == 64 ? ~0 : (1 << w) - 1
                    var bits = word
                    for j in 0..<m {
                        out[i + j] = ZigZag.decode(bits & mask)
                        bits >>= w
                    }
                    i += m
                }
            }
            return i
        }
        guard filled == n else {
            throw .corrupt(offset: start, reason: "simple8b words decode to \(filled) values, expected \(n)")
        }
    }
}

/// Simple-8b over the values themselves (zigzag codes): small integers, flags, counts.
///
/// Layout: one Simple-8b block of n codes (see `Simple8bRLE`).
enum Simple8bCodec: IntegerCodec {
    static let id = IntegerCodecID.simple8b

    static func analyze(_ analysis: inout IntegerAnalysis, limit: Int) -> Int? {
        Simple8bRLE.size(analysis.values[...], maxZigZag: analysis.valueRange.maxZigZag, limit: limit)
    }

    static func encode(_ analysis: inout IntegerAnalysis, into writer: inout ByteWriter) {
        Simple8bRLE.pack(analysis.values[...], into: &writer)
    }

    static func decode(_ reader: inout ByteReader, into out: UnsafeMutableBufferPointer<Int64>) throws(CodecError) {
        try Simple8bRLE.unpack(&reader, into: out)
    }
}
