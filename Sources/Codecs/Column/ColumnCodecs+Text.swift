extension ColumnCodecs {
    /// Decodes a block of UTF-8 values (``ColumnData/bytes(_:)``) straight into `String`s,
    /// appended to `values`, as `String(decoding:as: UTF8.self)` of each value would be, without
    /// one `[UInt8]` per row in between: a dictionary-coded block decodes each distinct value once
    /// and its rows share it. Returns the block's NULL rows (as in ``ColumnBlock/nulls``: empty
    /// when none; NULL rows get ""), or nil, appending nothing, when the block holds another type
    /// (then ``decode(_:zstdDictionary:)`` applies).
    public static func decodeText(_ bytes: [UInt8], zstdDictionary: ZstdDictionary?,
                                  appendingTo values: inout [String]) throws(CodecError) -> [Bool]? {
        let block = try open(bytes, hasDictionary: zstdDictionary != nil) { frame, raw throws(CodecError) in
            if let zstdDictionary { return try Zstd.decompress(frame, rawCount: raw, dictionary: zstdDictionary) }
            return try Zstd.decompress(frame, rawCount: raw)
        }
        let header = block.header
        guard header.type == .bytes else { return nil }
        if header.nulls == .allNull {
            values.append(contentsOf: repeatElement("", count: header.rows))
            return block.nulls
        }
        var body = block.body
        if header.nulls == .bitmap {
            var present: [String] = []
            present.reserveCapacity(block.present)
            try BytesEncoding.decodeStrings(codec: header.codec, &body, count: block.present, appendingTo: &present)
            try checkEnd(body)
            values.append(contentsOf: NullSlots.scatter(present, nulls: block.nulls, zero: ""))
        } else {
            try BytesEncoding.decodeStrings(codec: header.codec, &body, count: block.present, appendingTo: &values)
            try checkEnd(body)
        }
        return block.nulls
    }

    private static func checkEnd(_ body: ByteReader) throws(CodecError) {
        guard body.isAtEnd else {
            throw .corrupt(offset: body.offset, reason: "\(body.remaining) bytes after the last value")
        }
    }
}
