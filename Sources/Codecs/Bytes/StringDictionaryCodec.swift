/// Strings as a dictionary of distinct values plus one small index per row: `interval`,
/// `source` and `metadata` repeat a handful of values, so a block costs their bytes once.
///
/// ```
/// +----------------------+--------------------------------------------+------------------------------------+
/// | distinct d (varint)  | length-prefixed block of the d entries      | IntegerStream of n indices (0…d-1) |
/// +----------------------+--------------------------------------------+------------------------------------+
/// ```
/// Entries are in first-seen order. Decoding shares each entry's storage between its rows (no
/// per-row allocation). Not applicable when more than half the rows seen are distinct.
enum StringDictionaryCodec: ByteValuesDecoding {
    static let id: UInt8 = 1
    static let name = "dictionary"

    struct Plan {
        var entries: [[UInt8]]
        var indices: [Int64]
        /// The indices stream's codec once `analyze` has chosen it, so `encode` does not choose again.
        var indicesCodec: IntegerCodecID?
    }

    static func plan(_ values: [[UInt8]]) -> Plan? {
        guard let first = values.first else { return nil }
        var positions: [[UInt8]: Int64] = [first: 0]
        var entries: [[UInt8]] = [first]
        var indices = [Int64](repeating: 0, count: values.count)
        var lastIndex: Int64 = 0
        for i in 1..<values.count {
            let v = values[i]
            if sameBytes(v, entries[Int(lastIndex)]) {
                indices[i] = lastIndex
                continue
            }
            let index: Int64
            if let known = positions[v] {
                index = known
            } else {
                index = Int64(entries.count)
                positions[v] = index
                entries.append(v)
                if entries.count > 16 && entries.count * 2 > i + 1 { return nil }
            }
            indices[i] = index
            lastIndex = index
        }
        return Plan(entries: entries, indices: indices)
    }

    /// Byte equality eight bytes at a time (a batch's repeated strings are compared once per row).
    @inline(__always)
    static func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBytes { x in b.withUnsafeBytes { y in RawByteEquality.same(x, y) } }
    }

    static func analyze(_ plan: inout Plan) -> Int {
        var indices = IntegerAnalysis(plan.indices)
        let (codec, indicesSize) = IntegerStream.choose(&indices, allowed: { _ in true })
        plan.indicesCodec = codec
        return ByteWriter.varintSize(UInt64(plan.entries.count))
            + LengthPrefixedCodec.analyze(plan.entries, lengths: LengthPrefixedCodec.lengths(plan.entries))
            + 1 + indicesSize
    }

    static func encode(_ plan: Plan, into writer: inout ByteWriter) {
        writer.appendVarint(UInt64(plan.entries.count))
        LengthPrefixedCodec.encode(plan.entries, lengths: LengthPrefixedCodec.lengths(plan.entries), into: &writer)
        IntegerStream.write(plan.indices, into: &writer, codec: plan.indicesCodec)
    }

    /// The values appended to `out`, each entry made once by `make` from its bytes and shared by its rows.
    static func decode<T>(_ reader: inout ByteReader, count: Int, make: (ArraySlice<UInt8>) -> T,
                          appendingTo out: inout [T]) throws(CodecError) {
        let start = reader.offset
        let d = try reader.readCount(limit: min(count, reader.remaining))
        var entries: [T] = []
        entries.reserveCapacity(d)
        try LengthPrefixedCodec.decode(&reader, count: d, make: make, appendingTo: &entries)
        let indices = try IntegerStream.read(&reader, count: count)
        var first: Int64 = 0, same = true
        if let k = indices.first { first = k }
        for k in indices {
            guard k >= 0, k < Int64(d) else { throw .corrupt(offset: start, reason: "dictionary index \(k) out of range") }
            same = same && k == first
        }
        guard count > 0 else { return }
        // One entry for the whole block (a segment's repeated text): no per-row lookup.
        if same {
            out.append(contentsOf: repeatElement(entries[Int(first)], count: count))
            return
        }
        // Grown geometrically: `out` is a whole chunk's column being decoded batch by batch, and
        // an exact reservation per batch would copy every earlier row each time.
        if out.capacity < out.count + count { out.reserveCapacity(Swift.max(out.count + count, 2 * out.capacity)) }
        entries.withUnsafeBufferPointer { e in
            indices.withUnsafeBufferPointer { ix in
                for k in ix { out.append(e[Int(k)]) }
            }
        }
    }
}
