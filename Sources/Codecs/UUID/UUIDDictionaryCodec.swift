/// UUIDs as a dictionary of distinct values plus one small index per row: `ticker_id` in a
/// block that mixes a few tickers costs bits per row instead of 16 bytes.
///
/// ```
/// +----------------------+-------------------------------+------------------------------------+
/// | distinct d (varint)  | d × 16 bytes, first-seen order | IntegerStream of n indices (0…d-1) |
/// +----------------------+-------------------------------+------------------------------------+
/// ```
/// Not applicable when the block is mostly distinct (random v4 `id` columns): building the
/// dictionary stops once distinct values exceed half the rows seen, because it cannot pay then.
enum UUIDDictionaryCodec {
    static let id: UInt8 = 1
    static let name = "dictionary"

    struct Key: Hashable { var high: UInt64; var low: UInt64 }

    struct Plan {
        var entries: [Key]
        var indices: [Int64]
    }

    static func plan(high: [UInt64], low: [UInt64]) -> Plan? {
        guard !high.isEmpty else { return nil }
        // Room for the 32 entries a block of mostly distinct values reaches before it gives up
        // (below), so neither the table nor the list grows on the way there.
        var positions = [Key: Int64](minimumCapacity: 32)
        var entries: [Key] = []
        entries.reserveCapacity(32)
        var indices = [Int64](repeating: 0, count: high.count)
        var lastKey = Key(high: ~high[0], low: low[0])
        var lastIndex: Int64 = 0
        for i in 0..<high.count {
            let key = Key(high: high[i], low: low[i])
            // Sorted and segmented blocks repeat the previous value most of the time.
            if key == lastKey {
                indices[i] = lastIndex
                continue
            }
            let index: Int64
            if let known = positions[key] {
                index = known
            } else {
                index = Int64(entries.count)
                positions[key] = index
                entries.append(key)
                if entries.count > 16 && entries.count * 2 > i + 1 { return nil }
            }
            indices[i] = index
            lastKey = key
            lastIndex = index
        }
        return Plan(entries: entries, indices: indices)
    }

    static func analyze(_ plan: Plan) -> Int {
        ByteWriter.varintSize(UInt64(plan.entries.count)) + plan.entries.count * 16 + IntegerStream.size(plan.indices)
    }

    static func encode(_ plan: Plan, into writer: inout ByteWriter) {
        writer.appendVarint(UInt64(plan.entries.count))
        UUIDPlainCodec.encode(high: plan.entries.map(\.high), low: plan.entries.map(\.low), into: &writer)
        IntegerStream.write(plan.indices, into: &writer)
    }

    static func decode(_ reader: inout ByteReader, count: Int) throws(CodecError) -> (high: [UInt64], low: [UInt64]) {
        let start = reader.offset
        let d = try reader.readCount(limit: min(count, reader.remaining / 16))
        let (eh, el) = try UUIDPlainCodec.decode(&reader, count: d)
        let indices = try IntegerStream.read(&reader, count: count)
        for k in indices {
            guard k >= 0, k < Int64(d) else { throw .corrupt(offset: start, reason: "dictionary index \(k) out of range") }
        }
        // Uninitialized: every slot is written from an index checked above.
        func gather(_ entries: [UInt64]) -> [UInt64] {
            [UInt64](unsafeUninitializedCapacity: count) { out, n in
                entries.withUnsafeBufferPointer { e in
                    indices.withUnsafeBufferPointer { ix in
                        for i in 0..<count { out[i] = e[Int(ix[i])] }
                    }
                }
                n = count
            }
        }
        return (gather(eh), gather(el))
    }
}
