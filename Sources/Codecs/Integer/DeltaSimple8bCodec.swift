/// Delta then Simple-8b: like `DeltaCodec`, but the differences go through Simple-8b with runs,
/// which wins when most moves are zero with occasional bursts (volumes, sparse counters).
///
/// ```
/// +-----------------------+-------------------------------------------+
/// | first (zigzag varint) | Simple-8b block of the n-1 deltas          |
/// +-----------------------+-------------------------------------------+
/// ```
enum DeltaSimple8bCodec: IntegerCodec {
    static let id = IntegerCodecID.deltaSimple8b

    static func analyze(_ analysis: inout IntegerAnalysis, limit: Int) -> Int? {
        guard analysis.count > 0 else { return 0 }
        let head = ByteWriter.signedVarintSize(analysis.values[0])
        guard let body = Simple8bRLE.size(analysis.deltas[...], maxZigZag: analysis.deltaRange.maxZigZag, limit: limit - head) else { return nil }
        return head + body
    }

    static func encode(_ analysis: inout IntegerAnalysis, into writer: inout ByteWriter) {
        guard analysis.count > 0 else { return }
        writer.appendSignedVarint(analysis.values[0])
        Simple8bRLE.pack(analysis.deltas[...], into: &writer)
    }

    static func decode(_ reader: inout ByteReader, into out: UnsafeMutableBufferPointer<Int64>) throws(CodecError) {
        guard out.count > 0 else { return }
        out[0] = try reader.readSignedVarint()
        try Simple8bRLE.unpack(&reader, into: UnsafeMutableBufferPointer(rebasing: out[1...]))
        PrefixSum.apply(out)
    }
}
