/// Patched frame of reference (after PFOR, Zukowski et al., ICDE 2006): values as zigzag
/// offsets from a center in a bit width chosen for most of them; the few that do not fit keep
/// their low bits in the packed slot and their high bits in a patch list.
///
/// ```
/// +------------------------+-----------+--------------------+
/// | center (zigzag varint) | width (1) | patches k (varint) |
/// +------------------------+-----------+--------------------+
/// +---------------------------------------+------------------------------------+-------------------------------+
/// | n × width bits: low bits of each code | IntegerStream of k ascending rows  | IntegerStream of k high parts |
/// +---------------------------------------+------------------------------------+-------------------------------+
/// code[i] = zigzag(value[i] − center) (wrapping); at patched rows code = low bits | high part << width
/// ```
/// The center is the median of a small sample, so outliers on either side (a volume spike, a
/// gap between bars in a descending series) are patched instead of widening the whole block.
enum PatchedFrameOfReference {
    struct Plan {
        var center: Int64
        var width: Int
        var rows: [Int64]
        var highs: [Int64]
        /// The nested streams' codecs once `size` has chosen them, so `pack` does not choose again.
        var rowsCodec: IntegerCodecID?
        var highsCodec: IntegerCodecID?
    }

    /// Patch lists are coded without patching, which bounds the nesting to one level.
    static func unpatched(_ id: IntegerCodecID) -> Bool { id != .patchedFrameOfReference && id != .deltaPatched }

    @inline(__always)
    static func code(_ v: Int64, _ center: Int64) -> UInt64 { ZigZag.encode(v &- center) }

    /// The width that minimizes the estimated size (each patch costing ~4 bytes, at most one
    /// value in eight patched), or nil when nothing needs patching at that width, or when the
    /// block's fixed part alone already reaches `limit` (then ``size(_:count:limit:)`` would be
    /// nil too, so the patch lists are not built).
    ///
    /// `stats`, when given, are the values' ``FrameStats``: their common divisor then bounds the
    /// packed width from below without the histogram (see ``cannotWin(_:center:stats:limit:)``).
    static func plan(_ values: UnsafeBufferPointer<Int64>, limit: Int = .max, stats: FrameStats? = nil) -> Plan? {
        let n = values.count
        guard n >= 16 else { return nil }
        // The median of evenly spaced samples, sorted in a stack buffer (this runs for every
        // integer column of every batch). A step of ⌊n/33⌋ takes ⌈n/step⌉ samples: 33 to 65,
        // the most at n = 65 with a step of 1.
        let step = max(1, n / 33)
        let center = withUnsafeTemporaryAllocation(of: Int64.self, capacity: 66) { sample -> Int64 in
            var count = 0
            for i in stride(from: 0, to: n, by: step) { sample[count] = values[i]; count += 1 }
            var taken = UnsafeMutableBufferPointer(rebasing: sample[0..<count])
            taken.sort()
            return taken[count / 2]
        }
        if let stats, cannotWin(values, center: center, stats: stats, limit: limit) { return nil }
        // Four interleaved histograms: consecutive values mostly share a width, and one counter
        // bumped per value would wait on its own previous store every time. They are summed into
        // the first, and the width is chosen there, without leaving the stack buffer.
        let choice = withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * 65) { h -> (width: Int, patches: Int)? in
            h.initialize(repeating: 0)
            var i = 0
            while i + 4 <= n {
                h[BitPacking.width(of: code(values[i], center))] += 1
                h[65 + BitPacking.width(of: code(values[i + 1], center))] += 1
                h[130 + BitPacking.width(of: code(values[i + 2], center))] += 1
                h[195 + BitPacking.width(of: code(values[i + 3], center))] += 1
                i += 4
            }
            while i < n {
                h[BitPacking.width(of: code(values[i], center))] += 1
                i += 1
            }
            for w in 0..<65 { h[w] += h[65 + w] + h[130 + w] + h[195 + w] }
            let histogram = UnsafeMutableBufferPointer(rebasing: h[0..<65])
            guard let full = histogram.lastIndex(where: { $0 > 0 }), full > 1 else { return nil }
            var best = (width: full, cost: BitPacking.byteCount(count: n, width: full))
            var above = 0
            for w in stride(from: full - 1, through: 0, by: -1) {
                above += histogram[w + 1]
                if above * 8 > n { break }
                let cost = BitPacking.byteCount(count: n, width: w) + above * 4
                if cost < best.cost { best = (w, cost) }
            }
            guard best.width < full else { return nil }
            return (best.width, histogram[(best.width + 1)...].reduce(0, +))
        }
        guard let (width, patches) = choice,
              fixedSize(center: center, width: width, patches: patches, count: n) + 2 < limit else { return nil }
        let w = UInt64(width)
        var rows: [Int64] = []
        var highs: [Int64] = []
        rows.reserveCapacity(n / 8 + 1)
        highs.reserveCapacity(n / 8 + 1)
        for i in 0..<n {
            let c = code(values[i], center)
            if c >> w != 0 {
                rows.append(Int64(i))
                highs.append(Int64(bitPattern: c >> w))
            }
        }
        return Plan(center: center, width: width, rows: rows, highs: highs)
    }

    /// Whether the block is sure to reach `limit` bytes, from the values' common divisor d alone:
    /// the center is one of the values, so every other value differs from it by a nonzero
    /// multiple of d (exactly, when the span is below 2^62), and its code is at least 2d − 1.
    /// When more than an eighth of the values are not the center, no width below that code's is
    /// allowed (the plan patches at most an eighth), so the packed codes alone take at least
    /// `byteCount(n, width(2d − 1))` bytes. True only when ``plan(_:limit:stats:)`` would
    /// otherwise return nil or a plan whose ``size(_:count:limit:)`` is nil: the choice is unchanged.
    static func cannotWin(_ values: UnsafeBufferPointer<Int64>, center: Int64, stats: FrameStats, limit: Int) -> Bool {
        guard limit < 1 << 48, stats.divisor > 1, stats.divisor < 1 << 61,
              UInt64(bitPattern: stats.max &- stats.min) < 1 << 62 else { return false }
        let n = values.count
        let minWidth = BitPacking.width(of: 2 * stats.divisor - 1)
        // Center, width and patch count take a byte each at least, the two patch streams their id bytes.
        let floor = ByteWriter.signedVarintSize(center) + 1 + 1 + BitPacking.byteCount(count: n, width: minWidth) + 2
        guard floor >= limit else { return false }
        var atCenter = 0
        for v in values where v == center { atCenter += 1 }
        return (n - atCenter) * 8 > n
    }

    /// Exact bytes `pack` writes, or nil as soon as they would be at least `limit`: the fixed
    /// part is counted first, and the two nested patch streams (one id byte each, at least) are
    /// only analyzed when the block can still win.
    static func size(_ plan: inout Plan, count: Int, limit: Int = .max) -> Int? {
        let fixed = fixedSize(center: plan.center, width: plan.width, patches: plan.rows.count, count: count)
        guard fixed + 2 < limit else { return nil }
        var rows = IntegerAnalysis(plan.rows)
        let (rowsCodec, rowsSize) = IntegerStream.choose(&rows, allowed: unpatched)
        var highs = IntegerAnalysis(plan.highs)
        let (highsCodec, highsSize) = IntegerStream.choose(&highs, allowed: unpatched)
        plan.rowsCodec = rowsCodec
        plan.highsCodec = highsCodec
        let total = fixed + 1 + rowsSize + 1 + highsSize
        return total < limit ? total : nil
    }

    /// Bytes before the patch streams: center, width, patch count and the packed codes.
    static func fixedSize(center: Int64, width: Int, patches: Int, count: Int) -> Int {
        ByteWriter.signedVarintSize(center) + 1 + ByteWriter.varintSize(UInt64(patches)) + BitPacking.byteCount(count: count, width: width)
    }

    static func pack(_ values: UnsafeBufferPointer<Int64>, _ plan: Plan, into writer: inout ByteWriter) {
        writer.appendSignedVarint(plan.center)
        writer.append(UInt8(plan.width))
        writer.appendVarint(UInt64(plan.rows.count))
        let center = plan.center
        let mask: UInt64 = plan.width == 0 ? 0 : (1 << UInt64(plan.width)) - 1
        BitPacking.pack(count: values.count, width: plan.width, into: &writer) { code(values[$0], center) & mask }
        IntegerStream.write(plan.rows, into: &writer, codec: plan.rowsCodec, allowed: unpatched)
        IntegerStream.write(plan.highs, into: &writer, codec: plan.highsCodec, allowed: unpatched)
    }

    static func unpack(_ reader: inout ByteReader, into out: UnsafeMutableBufferPointer<Int64>) throws(CodecError) {
        let start = reader.offset
        let center = try reader.readSignedVarint()
        let width = Int(try reader.readByte())
        guard width < 64 else { throw .corrupt(offset: start, reason: "bit width \(width) too wide for patching") }
        let k = try reader.readCount(limit: out.count)
        let range = try reader.take(BitPacking.byteCount(count: out.count, width: width))
        reader.bytes.withUnsafeBytes { all in
            out.withMemoryRebound(to: UInt64.self) { codes in
                BitPacking.unpack(UnsafeRawBufferPointer(rebasing: all[range]), width: width, into: codes)
            }
        }
        let rows = try IntegerStream.read(&reader, count: k)
        let highs = try IntegerStream.read(&reader, count: k)
        for j in 0..<k {
            let r = rows[j]
            guard r >= 0, r < Int64(out.count) else { throw .corrupt(offset: start, reason: "patched row \(r) out of range") }
            let c = UInt64(bitPattern: out[Int(r)]) | (UInt64(bitPattern: highs[j]) << UInt64(width))
            out[Int(r)] = Int64(bitPattern: c)
        }
        for i in 0..<out.count { out[i] = center &+ ZigZag.decode(UInt64(bitPattern: out[i])) }
    }
}

/// Patched frame of reference over the values: for bands with rare outliers (volumes).
enum PatchedFORCodec: IntegerCodec {
    static let id = IntegerCodecID.patchedFrameOfReference

    static func analyze(_ analysis: inout IntegerAnalysis, limit: Int) -> Int? {
        let stats = analysis.valueRange
        guard var plan = analysis.values.withUnsafeBufferPointer({ PatchedFrameOfReference.plan($0, limit: limit, stats: stats) }) else { return nil }
        let size = PatchedFrameOfReference.size(&plan, count: analysis.count, limit: limit)
        analysis.patchedPlan = plan
        return size
    }

    static func encode(_ analysis: inout IntegerAnalysis, into writer: inout ByteWriter) {
        let cached = analysis.patchedPlan
        analysis.values.withUnsafeBufferPointer { buf in
            if let plan = cached ?? PatchedFrameOfReference.plan(buf) { PatchedFrameOfReference.pack(buf, plan, into: &writer) }
        }
    }

    static func decode(_ reader: inout ByteReader, into out: UnsafeMutableBufferPointer<Int64>) throws(CodecError) {
        try PatchedFrameOfReference.unpack(&reader, into: out)
    }
}

/// Delta then patched frame of reference: regular series with occasional jumps (jittery
/// `created_at` with gaps), where a few large deltas would otherwise set the width.
///
/// ```
/// +-----------------------+--------------------------------------------------+
/// | first (zigzag varint) | patched frame-of-reference block of n-1 deltas    |
/// +-----------------------+--------------------------------------------------+
/// ```
enum DeltaPatchedCodec: IntegerCodec {
    static let id = IntegerCodecID.deltaPatched

    static func analyze(_ analysis: inout IntegerAnalysis, limit: Int) -> Int? {
        guard analysis.count > 0 else { return nil }
        let first = ByteWriter.signedVarintSize(analysis.values[0])
        let stats = analysis.deltaRange
        guard var plan = analysis.deltas.withUnsafeBufferPointer({ PatchedFrameOfReference.plan($0, limit: limit - first, stats: stats) }) else { return nil }
        let rest = PatchedFrameOfReference.size(&plan, count: analysis.count - 1, limit: limit - first)
        analysis.deltaPatchedPlan = plan
        guard let rest else { return nil }
        return first + rest
    }

    static func encode(_ analysis: inout IntegerAnalysis, into writer: inout ByteWriter) {
        guard analysis.count > 0 else { return }
        writer.appendSignedVarint(analysis.values[0])
        let cached = analysis.deltaPatchedPlan
        analysis.deltas.withUnsafeBufferPointer { buf in
            if let plan = cached ?? PatchedFrameOfReference.plan(buf) { PatchedFrameOfReference.pack(buf, plan, into: &writer) }
        }
    }

    static func decode(_ reader: inout ByteReader, into out: UnsafeMutableBufferPointer<Int64>) throws(CodecError) {
        guard out.count > 0 else { return }
        out[0] = try reader.readSignedVarint()
        try PatchedFrameOfReference.unpack(&reader, into: UnsafeMutableBufferPointer(rebasing: out[1...]))
        PrefixSum.apply(out)
    }
}
