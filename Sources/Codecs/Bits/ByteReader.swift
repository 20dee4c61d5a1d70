/// A bounds-checked cursor over encoded bytes.
///
/// Every read checks that the bytes exist and throws `CodecError.truncated` otherwise, so
/// decoders can take lengths and counts from untrusted input.
struct ByteReader: Sendable {
    let bytes: [UInt8]
    private(set) var offset: Int
    let end: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
        self.end = bytes.count
    }

    var remaining: Int { end - offset }
    var isAtEnd: Bool { offset >= end }

    /// Throws unless `count` more bytes are available.
    
    func require(_ count: Int) throws(CodecError) {
        if count < 0 || count > end - offset {
            throw .truncated(offset: offset, needed: count, available: end - offset)
        }
    }

    mutating func readByte() throws(CodecError) -> UInt8 {
        try require(1)
        let b = bytes[offset]
        offset += 1
        return b
    }

    mutating func readFixed(width: Int) throws(CodecError) -> UInt64 {
        try require(width)
        var v: UInt64 = 0
        for i in 0..<width {
            v |= UInt64(bytes[offset + i]) << (8 * UInt64(i))
        }
        offset += width
        return v
    }

    mutating func readUInt64() throws(CodecError) -> UInt64 { try readFixed(width: 8) }

    mutating func readVarint() throws(CodecError) -> UInt64 {
        let start = offset
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end else {
                throw .truncated(offset: start, needed: offset - start + 1, available: end - start)
            }
            let b = bytes[offset]
            offset += 1
            if shift == 63 && b > 1 {
                throw .corrupt(offset: start, reason: "varint exceeds 64 bits")
            }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
            if shift > 63 { throw .corrupt(offset: start, reason: "varint exceeds 64 bits") }
        }
    }

    mutating func readSignedVarint() throws(CodecError) -> Int64 { ZigZag.decode(try readVarint()) }

    /// A varint used as a count or length: must fit in `limit` (usually what the block can hold).
    mutating func readCount(limit: Int) throws(CodecError) -> Int {
        let start = offset
        let v = try readVarint()
        guard v <= UInt64(max(0, limit)) else {
            throw .corrupt(offset: start, reason: "count \(v) exceeds the limit \(limit)")
        }
        return Int(v)
    }

    /// Consumes `count` bytes and returns their range in `bytes`.
    mutating func take(_ count: Int) throws(CodecError) -> Range<Int> {
        try require(count)
        let r = offset..<(offset + count)
        offset += count
        return r
    }

    mutating func readBytes(_ count: Int) throws(CodecError) -> [UInt8] {
        let r = try take(count)
        return Array(bytes[r])
    }
}
