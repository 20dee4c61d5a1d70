/// Delta-of-delta with zigzag and Simple-8b runs: TimescaleDB's and Gorilla's timestamp codec.
///
/// ```
/// +-----------------------+-----------------------------+-------------------------------------+
/// | first (zigzag varint) | first delta (zigzag varint) | Simple-8b block of n-2 second diffs |
/// +-----------------------+-----------------------------+-------------------------------------+
/// (n = 1: only `first`; n = 0: nothing)
/// ```
/// A regular series (one bar per minute) has second differences that are all zero: one run
/// word covers up to 2^28 − 1 of them, so a 1000-row block of timestamps costs ~20 bytes.
enum DeltaOfDeltaCodec: IntegerCodec {
    static let id = IntegerCodecID.deltaOfDelta

    static func analyze(_ analysis: inout IntegerAnalysis, limit: Int) -> Int? {
        guard analysis.count > 1 else { return analysis.count == 1 ? ByteWriter.signedVarintSize(analysis.values[0]) : 0 }
        let head = ByteWriter.signedVarintSize(analysis.values[0]) + ByteWriter.signedVarintSize(analysis.deltas[0])
        guard let body = Simple8bRLE.size(analysis.deltasOfDeltas[...], maxZigZag: analysis.deltaOfDeltaRange.maxZigZag, limit: limit - head) else { return nil }
        return head + body
    }

    static func encode(_ analysis: inout IntegerAnalysis, into writer: inout ByteWriter) {
        guard analysis.count > 0 else { return }
        writer.appendSignedVarint(analysis.values[0])
        guard analysis.count > 1 else { return }
        writer.appendSignedVarint(analysis.deltas[0])
        Simple8bRLE.pack(analysis.deltasOfDeltas[...], into: &writer)
    }

    static func decode(_ reader: inout ByteReader, into out: UnsafeMutableBufferPointer<Int64>) throws(CodecError) {
        guard out.count > 0 else { return }
        out[0] = try reader.readSignedVarint()
        guard out.count > 1 else { return }
        out[1] = try reader.readSignedVarint()
        try Simple8bRLE.unpack(&reader, into: UnsafeMutableBufferPointer(rebasing: out[2...]))
        PrefixSum.apply(UnsafeMutableBufferPointer(rebasing: out[1...]))
        PrefixSum.apply(out)
    }
}

/// Delta-of-delta then frame-of-reference: for series whose second differences are small but
/// rarely zero (jittery timestamps such as `created_at`), where runs do not help but a narrow
/// fixed width does.
///
/// ```
/// +-----------------------+-----------------------------+------------------------------------------+
/// | first (zigzag varint) | first delta (zigzag varint) | frame-of-reference block of n-2 diffs    |
/// +-----------------------+-----------------------------+------------------------------------------+
/// ```
enum DeltaOfDeltaFORCodec: IntegerCodec {
    static let id = IntegerCodecID.deltaOfDeltaFOR

    static func analyze(_ analysis: inout IntegerAnalysis, limit: Int) -> Int? {
        guard analysis.count > 1 else { return analysis.count == 1 ? ByteWriter.signedVarintSize(analysis.values[0]) : 0 }
        return ByteWriter.signedVarintSize(analysis.values[0]) + ByteWriter.signedVarintSize(analysis.deltas[0])
            + FrameOfReferenceCodec.size(analysis.deltaOfDeltaRange)
    }

    static func encode(_ analysis: inout IntegerAnalysis, into writer: inout ByteWriter) {
        guard analysis.count > 0 else { return }
        writer.appendSignedVarint(analysis.values[0])
        guard analysis.count > 1 else { return }
        writer.appendSignedVarint(analysis.deltas[0])
        let stats = analysis.deltaOfDeltaRange
        analysis.deltasOfDeltas.withUnsafeBufferPointer { FrameOfReferenceCodec.pack($0, stats, into: &writer) }
    }

    static func decode(_ reader: inout ByteReader, into out: UnsafeMutableBufferPointer<Int64>) throws(CodecError) {
        guard out.count > 0 else { return }
        out[0] = try reader.readSignedVarint()
        guard out.count > 1 else { return }
        out[1] = try reader.readSignedVarint()
        try FrameOfReferenceCodec.unpack(&reader, into: UnsafeMutableBufferPointer(rebasing: out[2...]))
        PrefixSum.apply(UnsafeMutableBufferPointer(rebasing: out[1...]))
        PrefixSum.apply(out)
    }
}
