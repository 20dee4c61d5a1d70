/// Strings as an integer stream of lengths followed by the concatenated bytes.
///
/// ```
/// +-----------------------------------+-----------------------------------+
/// | IntegerStream of n lengths        | bytes of value 0, value 1, …       |
/// +-----------------------------------+-----------------------------------+
/// ```
/// Lengths go through the integer codecs, so equal-length values (ISO timestamps as text,
/// fixed codes) cost a few bytes of lengths in total.
enum LengthPrefixedCodec: ByteValuesDecoding {
    static let id: UInt8 = 0
    static let name = "length-prefixed"

    static func lengths(_ values: [[UInt8]]) -> [Int64] { values.map { Int64($0.count) } }

    static func analyze(_ values: [[UInt8]], lengths: [Int64]) -> Int {
        IntegerStream.size(lengths) + Int(lengths.reduce(0, +))
    }

    static func encode(_ values: [[UInt8]], lengths: [Int64], into writer: inout ByteWriter) {
        IntegerStream.write(lengths, into: &writer)
        for v in values { writer.append(contentsOf: v) }
    }

    /// The values, each made by `make` from its bytes in place, appended to `out`.
    static func decode<T>(_ reader: inout ByteReader, count: Int, make: (ArraySlice<UInt8>) -> T,
                          appendingTo out: inout [T]) throws(CodecError) {
        let start = reader.offset
        let lengths = try IntegerStream.read(&reader, count: count)
        var total = 0
        for l in lengths {
            guard l >= 0, l <= Int64(reader.remaining) else {
                throw .corrupt(offset: start, reason: "string length \(l) exceeds the block")
            }
            total += Int(l)
        }
        try reader.require(total)
        for l in lengths {
            let r = try reader.take(Int(l))
            out.append(make(reader.bytes[r]))
        }
    }
}
