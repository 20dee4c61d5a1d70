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

    /// Values per word of a packed selector: ⌊60 / width⌋, as a switch (the table above) so the
    /// selector search does no division.
    @inline(__always)
    static func capacity(_ sel: Int) -> Int {
        switch sel {
        case 1: return 60
        case 2: return 30
        case 3: return 20
        case 4: return 15
        case 5: return 12
        case 6: return 10
        case 7: return 8
        case 8: return 7
        case 9: return 6
        case 10: return 5
        case 11: return 4
        case 12: return 3
        case 13: return 2
        default: return 1
        }
    }

    /// Values per word of selector 14 − k (k = 0…13). The selector search reads counts and
    /// widths as bytes of two 128-bit constants with shifts, where the switches above compile
    /// to an indirect jump that the search's data-dependent walk keeps mispredicting.
    @inline(__always)
    static func countFromTop(_ k: Int) -> Int { Int(truncatingIfNeeded: (countBytes >> (8 * k)) & 0xFF) }

    /// Bytes 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 30, 60 from the lowest (a literal, no global).
    @inline(__always)
    static var countBytes: UInt128 { 0x3C1E_140F_0C0A_0807_0605_0403_0201 }

    /// Bytes 60, 30, 20, 15, 12, 10, 8, 7, 6, 5, 4, 3, 2, 1 from the lowest.
    @inline(__always)
    static var widthBytes: UInt128 { 0x0102_0304_0506_0708_0A0C_0F14_1E3C }

    static let runSelector: UInt64 = 15
    static let maxRun = (1 << 28) - 1
    static let maxCode: UInt64 = (1 << 60) - 1

    /// The smallest selector whose width holds `code`.
    static func selector(forWidth w: Int) -> Int {
        var s = 1
        while width(s) < w { s += 1 }
        return s
    }

    /// Walks the greedy word choice, calling `emit` per word until it returns false. Both analyze
    /// and encode use it, so the analyzed size is exactly the written size; with `build` false
    /// (sizing) the words' bits are not assembled and `emit` gets 0.
    ///
    /// A packed word takes the selector with the most values whose width holds all of them.
    /// Fitting is monotone (a selector with more values has a narrower width, so if one fails
    /// every larger one fails too), so the search walks up from one value per word and stops at
    /// the first failure, touching each value about once. The widest code so far is tracked as
    /// the OR of the codes (its width is the largest width), so no per-value bit count is needed.
    @inline(__always)
    static func words(_ values: UnsafeBufferPointer<Int64>, build: Bool, _ emit: (UInt64) -> Bool) {
        let n = values.count
        var i = 0
        while i < n {
            let first = values[i]
            var run = 1
            while i + run < n && run < maxRun && values[i + run] == first { run += 1 }
            let code = ZigZag.encode(first)
            // A run word pays when the run fills at least one packed word of its own width.
            if run > 1 && code <= UInt64(UInt32.max) && run >= capacity(selector(forWidth: BitPacking.width(of: code))) {
                if !emit(runSelector << 60 | UInt64(run) << 32 | code) { return }
                i += run
                continue
            }
            var k = 0
            var checked = 0
            var bits: UInt64 = 0
            let left = n - i
            // The next selector's count and width ride in the low byte of two 128-bit registers
            // that shift one byte per step (see ``countFromTop(_:)``).
            var nextCounts = countBytes >> 8
            var nextWidths = widthBytes >> 8
            while k < 13 {
                let m = min(Int(truncatingIfNeeded: nextCounts & 0xFF), left)
                while checked < m {
                    bits |= ZigZag.encode(values[i + checked])
                    checked += 1
                }
                if bits >> UInt64(truncatingIfNeeded: nextWidths & 0xFF) != 0 { break }
                k += 1
                nextCounts >>= 8
                nextWidths >>= 8
                if m == left { break }
            }
            let sel = 14 - k
            let m = min(countFromTop(k), left)
            var word = UInt64(sel) << 60
            if build {
                let w = UInt64(width(sel))
                for j in 0..<m { word |= ZigZag.encode(values[i + j]) << (UInt64(j) * w) }
            }
            if !emit(word) { return }
            i += m
        }
    }

    /// Exact bytes, or nil when a code does not fit in 60 bits or the size would reach `limit`
    /// (the column writer passes the best size found so far, so a hopeless candidate stops early:
    /// first by a cheap lower bound, ``boundBelow(_:limit:)``, then during the greedy walk).
    static func size(_ values: ArraySlice<Int64>, maxZigZag: UInt64, limit: Int = .max) -> Int? {
        guard maxZigZag <= maxCode else { return nil }
        let maxWords = limit == .max ? Int.max : limit / 8 + 1
        if values.withUnsafeBufferPointer({ !boundBelow($0, limit: limit) }) { return nil }
        var count = 0
        values.withUnsafeBufferPointer { buf in
            words(buf, build: false) { _ in
                count += 1
                return count <= maxWords
            }
        }
        guard count <= maxWords else { return nil }
        let size = ByteWriter.varintSize(UInt64(count)) + count * 8
        return size < limit ? size : nil
    }

    /// A word's share taken by one value of each bit width (index = width, 0…60), in 840ths of a
    /// word (840 is the least common multiple of the selectors' value counts): a value of width w
    /// sits in a packed word whose width holds w, so in a word of at most
    /// `capacity(selector(forWidth: max(w, 1)))` values.
    static let sharePerValue: [Int] = (0...60).map { 840 / capacity(selector(forWidth: max($0, 1))) }

    /// Whether the block could still be smaller than `limit` bytes, judged by a lower bound on
    /// its words from one branch-free pass: every maximal run of equal values takes at least one
    /// value's share of a packed word (``sharePerValue``; a run word is a whole word, more than
    /// any share). False only when ``size(_:maxZigZag:limit:)`` would answer nil, so the choice
    /// is the same; the greedy walk then runs only for candidates that may win.
    static func boundBelow(_ values: UnsafeBufferPointer<Int64>, limit: Int) -> Bool {
        // Every block costs its word count (one byte at least) plus 8 bytes per word.
        guard limit > 1 else { return false }
        // (A limit this large bounds nothing; callers pass `.max` less a header for "no limit".)
        guard limit < 1 << 48 else { return true }
        let n = values.count
        guard n > 0, let p = values.baseAddress else { return true }
        let wordsNeeded = (limit - 1 + 7) / 8          // words at which 1 + 8 × words ≥ limit
        let cutoff = 840 * (wordsNeeded - 1)            // more shares than this round up to wordsNeeded
        return sharePerValue.withUnsafeBufferPointer { share in
            @inline(__always) func shareOf(_ v: Int64) -> Int { share[Swift.min(60, BitPacking.width(of: ZigZag.encode(v)))] }
            var shares = shareOf(p[0])
            var i = 1
            while i < n {
                let end = Swift.min(n, i + 64)
                while i < end {
                    let v = p[i]
                    let s = shareOf(v)
                    shares &+= v != p[i - 1] ? s : 0
                    i += 1
                }
                if shares > cutoff { return false }
            }
            let words = (shares + 839) / 840
            return ByteWriter.varintSize(UInt64(words)) + 8 * words < limit
        }
    }

    static func pack(_ values: ArraySlice<Int64>, into writer: inout ByteWriter) {
        var out: [UInt64] = []
        out.reserveCapacity(values.count / 4 + 1)
        values.withUnsafeBufferPointer { buf in
            words(buf, build: true) {
                out.append($0)
                return true
            }
        }
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
