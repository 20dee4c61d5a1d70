/// UUIDs as 16 raw bytes each (high half then low half, each big-endian, i.e. the UUID's own
/// byte order): random v4 ids are incompressible, so this is also the floor for them.
enum UUIDPlainCodec {
    static let id: UInt8 = 0
    static let name = "plain"

    static func analyze(count: Int) -> Int { count * 16 }

    static func encode(high: [UInt64], low: [UInt64], into writer: inout ByteWriter) {
        writer.appendZeroed(high.count * 16) { out in
            for i in 0..<high.count {
                out.storeBytes(of: high[i].bigEndian, toByteOffset: i * 16, as: UInt64.self)
                out.storeBytes(of: low[i].bigEndian, toByteOffset: i * 16 + 8, as: UInt64.self)
            }
        }
    }

    static func decode(_ reader: inout ByteReader, count: Int) throws(CodecError) -> (high: [UInt64], low: [UInt64]) {
        let range = try reader.take(count * 16)
        // Uninitialized: every slot is written from the bytes just checked to be there.
        func half(at offset: Int) -> [UInt64] {
            [UInt64](unsafeUninitializedCapacity: count) { out, n in
                reader.bytes.withUnsafeBytes { raw in
                    for i in 0..<count {
                        out[i] = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: range.lowerBound + i * 16 + offset, as: UInt64.self))
                    }
                }
                n = count
            }
        }
        return (half(at: 0), half(at: 8))
    }
}
