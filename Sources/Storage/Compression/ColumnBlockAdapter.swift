import Schema

/// Converts a batch's column between the engine's ``ColumnVector`` and the bytes a codec stores.
///
/// This is the only place that knows the Codecs layer's API. Until the Codecs layer's first
/// milestone lands, it writes a plain, uncompressed layout (named `plain` in ``EncodedColumn/codec``):
///
/// ```
/// u8 kind | u8 has_nulls | u32 count | [nulls bitmap, ceil(count/8) B, bit i = row i NULL]
/// values, little-endian: int64/time 8 B, double 8 B, numeric 8 B unscaled + 2 B scale,
/// bool 1 B, uuid 16 B, string u32 length + UTF-8 bytes
/// ```
enum ColumnBlockAdapter {
    static let plainCodec = "plain"

    static func encode(_ column: ColumnVector) -> EncodedColumn {
        var out: [UInt8] = []
        let n = column.count
        out.reserveCapacity(6 + n * 8)
        let kind: UInt8
        switch column.storage {
        case .bool: kind = 0
        case .int64: kind = 1
        case .double: kind = 2
        case .numeric: kind = 3
        case .uuid: kind = 4
        case .time: kind = 5
        case .string: kind = 6
        }
        out.append(kind)
        out.append(column.hasNulls ? 1 : 0)
        put32(&out, UInt32(n))
        if column.hasNulls {
            var bitmap = [UInt8](repeating: 0, count: (n + 7) / 8)
            for i in 0..<n where column.isNull(at: i) { bitmap[i / 8] |= 1 << UInt8(i % 8) }
            out += bitmap
        }
        switch column.storage {
        case .bool(let a): for v in a { out.append(v ? 1 : 0) }
        case .int64(let a), .time(let a): for v in a { put64(&out, UInt64(bitPattern: v)) }
        case .double(let a): for v in a { put64(&out, v.bitPattern) }
        case .numeric(let u, let s):
            for (v, sc) in zip(u, s) {
                put64(&out, UInt64(bitPattern: v))
                out.append(UInt8(truncatingIfNeeded: UInt16(bitPattern: sc)))
                out.append(UInt8(truncatingIfNeeded: UInt16(bitPattern: sc) >> 8))
            }
        case .uuid(let a): for v in a { put64(&out, v.high); put64(&out, v.low) }
        case .string(let a):
            for v in a {
                put32(&out, UInt32(v.utf8.count))
                out += v.utf8
            }
        }
        return EncodedColumn(bytes: out, codec: plainCodec)
    }

    static func decode(_ encoded: EncodedColumn, type: PGType) throws(HypertableError) -> ColumnVector {
        var reader = ByteReader(bytes: encoded.bytes)
        let kind = try reader.u8()
        let hasNulls = try reader.u8() == 1
        let n = Int(try reader.u32())
        var nulls: [Bool] = []
        if hasNulls {
            let bitmap = try reader.take((n + 7) / 8)
            nulls = (0..<n).map { bitmap[$0 / 8] & (1 << UInt8($0 % 8)) != 0 }
        }
        let storage: ColumnVector.Storage
        switch kind {
        case 0: storage = .bool(try (0..<n).map { _ throws(HypertableError) in try reader.u8() != 0 })
        case 1: storage = .int64(try (0..<n).map { _ throws(HypertableError) in Int64(bitPattern: try reader.u64()) })
        case 2: storage = .double(try (0..<n).map { _ throws(HypertableError) in Double(bitPattern: try reader.u64()) })
        case 3:
            var u: [Int64] = [], s: [Int16] = []
            for _ in 0..<n {
                u.append(Int64(bitPattern: try reader.u64()))
                let lo = UInt16(try reader.u8()), hi = UInt16(try reader.u8())
                s.append(Int16(bitPattern: lo | hi << 8))
            }
            storage = .numeric(unscaled: u, scales: s)
        case 4: storage = .uuid(try (0..<n).map { _ throws(HypertableError) in PGUUID(high: try reader.u64(), low: try reader.u64()) })
        case 5: storage = .time(try (0..<n).map { _ throws(HypertableError) in Int64(bitPattern: try reader.u64()) })
        case 6:
            storage = .string(try (0..<n).map { _ throws(HypertableError) in
                let len = Int(try reader.u32())
                return String(decoding: try reader.take(len), as: UTF8.self)
            })
        default: throw .corruptBatch(chunk: "", detail: "unknown column kind \(kind)")
        }
        return ColumnVector(type: type, storage: storage, isNull: nulls)
    }

    private static func put32(_ out: inout [UInt8], _ v: UInt32) {
        for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) }
    }

    private static func put64(_ out: inout [UInt8], _ v: UInt64) {
        for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) }
    }

    private struct ByteReader {
        let bytes: [UInt8]
        var offset = 0

        mutating func take(_ n: Int) throws(HypertableError) -> [UInt8] {
            guard n >= 0, offset + n <= bytes.count else { throw .corruptBatch(chunk: "", detail: "column data ends early") }
            defer { offset += n }
            return Array(bytes[offset..<(offset + n)])
        }

        mutating func u8() throws(HypertableError) -> UInt8 { try take(1).first ?? 0 }

        mutating func u32() throws(HypertableError) -> UInt32 {
            try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }

        mutating func u64() throws(HypertableError) -> UInt64 {
            try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
        }
    }
}
