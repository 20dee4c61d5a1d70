/// Plain: every value as 8 little-endian bytes. The fallback that always applies.
///
/// ```
/// +--------+--------+-----+
/// | v0 (8) | v1 (8) | ... |      n × 8 bytes, two's complement, little-endian
/// +--------+--------+-----+
/// ```
enum PlainIntegerCodec: IntegerCodec {
    static let id = IntegerCodecID.plain

    static func analyze(_ analysis: inout IntegerAnalysis, limit: Int) -> Int? { analysis.count * 8 }

    static func encode(_ analysis: inout IntegerAnalysis, into writer: inout ByteWriter) {
        analysis.values.withUnsafeBytes { writer.append(contentsOf: $0) }
    }

    static func decode(_ reader: inout ByteReader, into out: UnsafeMutableBufferPointer<Int64>) throws(CodecError) {
        let range = try reader.take(out.count * 8)
        reader.bytes.withUnsafeBytes { raw in
            for i in 0..<out.count {
                out[i] = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: range.lowerBound + i * 8, as: Int64.self))
            }
        }
    }
}
