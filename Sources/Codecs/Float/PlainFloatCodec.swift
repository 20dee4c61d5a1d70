/// Doubles as their 8-byte IEEE 754 bit patterns, little-endian: exact for every value,
/// NaN payloads and −0.0 included. The fallback for noisy measurements.
enum PlainFloatCodec {
    static let id: UInt8 = 0
    static let name = "plain"

    static func analyze(_ values: [Double]) -> Int { values.count * 8 }

    static func encode(_ values: [Double], into writer: inout ByteWriter) {
        values.withUnsafeBytes { writer.append(contentsOf: $0) }
    }

    static func decode(_ reader: inout ByteReader, count: Int) throws(CodecError) -> [Double] {
        let range = try reader.take(count * 8)
        return reader.bytes.withUnsafeBytes { raw in
            (0..<count).map { i in
                Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: range.lowerBound + i * 8, as: UInt64.self)))
            }
        }
    }
}
