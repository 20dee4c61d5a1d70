/// Booleans as a bitmap, one bit per value, LSB first: ceil(n / 8) bytes.
enum BoolBitmapCodec {
    static let id: UInt8 = 0
    static let name = "bitmap"

    static func analyze(_ values: [Bool]) -> Int { (values.count + 7) / 8 }

    static func encode(_ values: [Bool], into writer: inout ByteWriter) {
        writer.appendZeroed(analyze(values)) { out in
            for i in 0..<values.count where values[i] { out[i >> 3] |= 1 << UInt8(i & 7) }
        }
    }

    static func decode(_ reader: inout ByteReader, count: Int) throws(CodecError) -> [Bool] {
        let range = try reader.take((count + 7) / 8)
        let bytes = reader.bytes
        return (0..<count).map { i in bytes[range.lowerBound + (i >> 3)] & (1 << UInt8(i & 7)) != 0 }
    }
}
