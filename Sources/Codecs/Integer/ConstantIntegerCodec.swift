/// Constant: a block whose values are all equal stores the value once.
///
/// ```
/// +-------------------+
/// | value (zigzag varint) |   1–10 bytes; the count comes from the enclosing header
/// +-------------------+
/// ```
/// Wins for `interval`-like segment columns stored as integers, for all-equal scales, and for
/// dictionary indices of a single-value block.
enum ConstantIntegerCodec: IntegerCodec {
    static let id = IntegerCodecID.constant

    static func analyze(_ analysis: inout IntegerAnalysis, limit: Int) -> Int? {
        guard analysis.count > 0, analysis.valueRange.min == analysis.valueRange.max else { return nil }
        return ByteWriter.signedVarintSize(analysis.values[0])
    }

    static func encode(_ analysis: inout IntegerAnalysis, into writer: inout ByteWriter) {
        writer.appendSignedVarint(analysis.values[0])
    }

    static func decode(_ reader: inout ByteReader, into out: UnsafeMutableBufferPointer<Int64>) throws(CodecError) {
        let v = try reader.readSignedVarint()
        out.update(repeating: v)
    }
}
