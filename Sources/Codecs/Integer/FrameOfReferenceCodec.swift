/// Frame of reference: subtract the block minimum, divide by the common divisor, bit-pack.
///
/// ```
/// +---------------------+-----------------+-----------+---------------------------------+
/// | min (zigzag varint) | divisor (varint)| width (1) | n × width bits, LSB first       |
/// +---------------------+-----------------+-----------+---------------------------------+
/// value[i] = min + packed[i] × divisor
/// ```
/// The divisor is what makes futures prices cheap: NQ trades in 0.25 steps, so NUMERIC(12,2)
/// unscaled values move in multiples of 25 and the packed width drops by 4–5 bits.
enum FrameOfReferenceCodec: IntegerCodec {
    static let id = IntegerCodecID.frameOfReference

    static func analyze(_ analysis: inout IntegerAnalysis, limit: Int) -> Int? {
        size(analysis.valueRange)
    }

    static func encode(_ analysis: inout IntegerAnalysis, into writer: inout ByteWriter) {
        let stats = analysis.valueRange
        analysis.values.withUnsafeBufferPointer { pack($0, stats, into: &writer) }
    }

    static func decode(_ reader: inout ByteReader, into out: UnsafeMutableBufferPointer<Int64>) throws(CodecError) {
        try unpack(&reader, into: out)
    }

    // MARK: shared with the delta codecs

    static func size(_ stats: FrameStats) -> Int {
        ByteWriter.signedVarintSize(stats.min) + ByteWriter.varintSize(stats.divisor) + 1
            + BitPacking.byteCount(count: stats.count, width: stats.packedWidth)
    }

    static func pack(_ values: UnsafeBufferPointer<Int64>, _ stats: FrameStats, into writer: inout ByteWriter) {
        writer.appendSignedVarint(stats.min)
        writer.appendVarint(stats.divisor)
        let width = stats.packedWidth
        writer.append(UInt8(width))
        guard width > 0 else { return }
        let base = stats.min
        let divisor = stats.divisor
        if divisor == 1 {
            BitPacking.pack(count: values.count, width: width, into: &writer) { UInt64(bitPattern: values[$0] &- base) }
        } else {
            BitPacking.pack(count: values.count, width: width, into: &writer) { UInt64(bitPattern: values[$0] &- base) / divisor }
        }
    }

    static func unpack(_ reader: inout ByteReader, into out: UnsafeMutableBufferPointer<Int64>) throws(CodecError) {
        let start = reader.offset
        let base = try reader.readSignedVarint()
        let divisor = try reader.readVarint()
        let width = Int(try reader.readByte())
        guard width <= 64 else { throw .corrupt(offset: start, reason: "bit width \(width) exceeds 64") }
        guard width == 0 || divisor != 0 else { throw .corrupt(offset: start, reason: "zero divisor") }
        let range = try reader.take(BitPacking.byteCount(count: out.count, width: width))
        if width == 0 {
            out.update(repeating: base)
            return
        }
        let ubase = UInt64(bitPattern: base)
        reader.bytes.withUnsafeBytes { all in
            let raw = UnsafeRawBufferPointer(rebasing: all[range])
            out.withMemoryRebound(to: UInt64.self) { codes in
                BitPacking.unpack(raw, width: width, into: codes)
                if divisor == 1 {
                    for i in 0..<codes.count { codes[i] = ubase &+ codes[i] }
                } else {
                    for i in 0..<codes.count { codes[i] = ubase &+ codes[i] &* divisor }
                }
            }
        }
    }
}
