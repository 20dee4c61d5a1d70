/// Gorilla XOR compression of doubles (Pelkonen et al., VLDB 2015, §4.1.2), in a
/// least-significant-bit-first stream.
///
/// ```
/// +-------------------------+----------------------------------------------+
/// | stream bytes (varint)   | bit stream                                     |
/// +-------------------------+----------------------------------------------+
/// bit stream: value 0 as 64 raw bits, then per value x = bits(v[i]) XOR bits(v[i-1]):
///   '0'                                   x == 0 (repeat)
///   '1' '0' <meaningful bits>             x fits the previous leading/trailing-zero window
///   '1' '1' <lead:5> <len-1:6> <len bits> new window (lead capped at 31, len 1…64)
/// ```
/// Exact for every bit pattern (NaN payloads, −0.0). On stock prices it costs 35–46 bits per
/// value (COMPRESSION_ANCHORS.md §2), so it wins only on non-decimal data; ALP usually beats it.
enum GorillaCodec {
    static let id: UInt8 = 1
    static let name = "gorilla"

    /// Walks the encoding, reporting each field (value, width) to `emit`: analyze counts,
    /// encode writes, so both agree to the bit.
    static func fields(_ values: [Double], _ emit: (UInt64, Int) -> Void) {
        guard let first = values.first else { return }
        var prev = first.bitPattern
        emit(prev, 64)
        var prevLead = 65, prevTrail = 65
        for i in 1..<values.count {
            let cur = values[i].bitPattern
            let x = cur ^ prev
            prev = cur
            if x == 0 {
                emit(0, 1)
                continue
            }
            let lead = min(x.leadingZeroBitCount, 31)
            let trail = x.trailingZeroBitCount
            if prevLead <= 64 && lead >= prevLead && trail >= prevTrail {
                let len = 64 - prevLead - prevTrail
                emit(0b01, 2)
                emit(x >> UInt64(prevTrail), len)
            } else {
                let len = 64 - lead - trail
                emit(0b11, 2)
                emit(UInt64(lead), 5)
                emit(UInt64(len - 1), 6)
                emit(x >> UInt64(trail), len)
                prevLead = lead
                prevTrail = trail
            }
        }
    }

    static func analyze(_ values: [Double]) -> Int {
        var bits = 0
        fields(values) { _, w in bits += w }
        let bytes = (bits + 7) / 8
        return ByteWriter.varintSize(UInt64(bytes)) + bytes
    }

    static func encode(_ values: [Double], into writer: inout ByteWriter) {
        var bits = BitWriter(capacity: values.count * 4)
        fields(values) { v, w in bits.write(v, width: w) }
        let stream = bits.finished()
        writer.appendVarint(UInt64(stream.count))
        writer.append(contentsOf: stream)
    }

    static func decode(_ reader: inout ByteReader, count: Int) throws(CodecError) -> [Double] {
        let length = try reader.readCount(limit: reader.remaining)
        let range = try reader.take(length)
        guard count > 0 else { return [] }
        var bits = BitReader(reader.bytes, range: range)
        var out: [Double] = []
        out.reserveCapacity(count)
        var prev = try bits.read(64)
        out.append(Double(bitPattern: prev))
        var lead = 0, trail = 0
        var haveWindow = false
        while out.count < count {
            if try bits.read(1) == 0 {
                out.append(Double(bitPattern: prev))
                continue
            }
            if try bits.read(1) == 1 {
                lead = Int(try bits.read(5))
                let len = Int(try bits.read(6)) + 1
                trail = 64 - lead - len
                guard trail >= 0 else { throw .corrupt(offset: range.lowerBound, reason: "gorilla window exceeds 64 bits") }
                haveWindow = true
            } else if !haveWindow {
                throw .corrupt(offset: range.lowerBound, reason: "gorilla reuses a window before defining one")
            }
            let len = 64 - lead - trail
            let x = try bits.read(len) << UInt64(trail)
            prev ^= x
            out.append(Double(bitPattern: prev))
        }
        return out
    }
}
