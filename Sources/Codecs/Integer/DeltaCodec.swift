/// Delta: the first value, then frame-of-reference over the differences between neighbours.
///
/// ```
/// +-----------------------+------------------------------------------------+
/// | first (zigzag varint) | frame-of-reference block of n-1 deltas         |
/// +-----------------------+------------------------------------------------+
/// value[0] = first; value[i] = value[i-1] + delta[i-1]   (wrapping, so Int64.min…max is exact)
/// ```
/// Wins on slowly moving series (prices ordered by time, volumes within a session); the
/// frame-of-reference step keeps the common divisor of the moves (tick size).
/// Absent for an empty block (the header's count says so).
enum DeltaCodec: IntegerCodec {
    static let id = IntegerCodecID.delta

    static func analyze(_ analysis: inout IntegerAnalysis, limit: Int) -> Int? {
        guard analysis.count > 0 else { return 0 }
        return ByteWriter.signedVarintSize(analysis.values[0]) + FrameOfReferenceCodec.size(analysis.deltaRange)
    }

    static func encode(_ analysis: inout IntegerAnalysis, into writer: inout ByteWriter) {
        guard analysis.count > 0 else { return }
        writer.appendSignedVarint(analysis.values[0])
        let stats = analysis.deltaRange
        analysis.deltas.withUnsafeBufferPointer { FrameOfReferenceCodec.pack($0, stats, into: &writer) }
    }

    static func decode(_ reader: inout ByteReader, into out: UnsafeMutableBufferPointer<Int64>) throws(CodecError) {
        guard out.count > 0 else { return }
        out[0] = try reader.readSignedVarint()
        try FrameOfReferenceCodec.unpack(&reader, into: UnsafeMutableBufferPointer(rebasing: out[1...]))
        PrefixSum.apply(out)
    }
}

/// Running sums in place (`out[i] += out[i-1]`), wrapping: the inverse of taking differences.
enum PrefixSum {
    static func apply(_ out: UnsafeMutableBufferPointer<Int64>) {
        guard out.count > 1 else { return }
        var acc = out[0]
        for i in 1..<out.count {
            acc = acc &+ out[i]
            out[i] = acc
        }
    }
}
