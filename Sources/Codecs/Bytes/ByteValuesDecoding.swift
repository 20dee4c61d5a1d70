/// A codec whose values are byte strings decoded into any type made from their bytes; the plain
/// `[[UInt8]]` decode is the same for every such codec.
protocol ByteValuesDecoding {
    /// The values, each made by `make` from its bytes in place, appended to `out`.
    static func decode<T>(_ reader: inout ByteReader, count: Int, make: (ArraySlice<UInt8>) -> T,
                          appendingTo out: inout [T]) throws(CodecError)
}

extension ByteValuesDecoding {
    /// The values as byte arrays.
    static func decode(_ reader: inout ByteReader, count: Int) throws(CodecError) -> [[UInt8]] {
        var out: [[UInt8]] = []
        out.reserveCapacity(count)
        try decode(&reader, count: count, make: { Array($0) }, appendingTo: &out)
        return out
    }
}
