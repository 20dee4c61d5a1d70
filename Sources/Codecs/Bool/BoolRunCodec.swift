/// Booleans as alternating run lengths: wins when flags change rarely.
///
/// ```
/// +-----------------+----------------------+----------------------+-----+
/// | first value (1) | run 0 length (varint)| run 1 length (varint)| ... |
/// +-----------------+----------------------+----------------------+-----+
/// run k holds `first` when k is even, `!first` when odd; lengths ≥ 1 and sum to n
/// ```
enum BoolRunCodec {
    static let id: UInt8 = 1
    static let name = "runs"

    static func runs(_ values: [Bool]) -> [Int] {
        var out: [Int] = []
        var i = 0
        while i < values.count {
            var j = i + 1
            while j < values.count && values[j] == values[i] { j += 1 }
            out.append(j - i)
            i = j
        }
        return out
    }

    static func analyze(_ values: [Bool]) -> Int {
        guard !values.isEmpty else { return 0 }
        return 1 + runs(values).reduce(0) { $0 + ByteWriter.varintSize(UInt64($1)) }
    }

    static func encode(_ values: [Bool], into writer: inout ByteWriter) {
        guard let first = values.first else { return }
        writer.append(first ? 1 : 0)
        for r in runs(values) { writer.appendVarint(UInt64(r)) }
    }

    static func decode(_ reader: inout ByteReader, count: Int) throws(CodecError) -> [Bool] {
        guard count > 0 else { return [] }
        let start = reader.offset
        let first = try reader.readByte()
        guard first <= 1 else { throw .corrupt(offset: start, reason: "boolean run starts with \(first)") }
        var out: [Bool] = []
        out.reserveCapacity(count)
        var value = first == 1
        while out.count < count {
            let at = reader.offset
            let run = try reader.readCount(limit: count - out.count)
            guard run > 0 else { throw .corrupt(offset: at, reason: "empty boolean run") }
            out.append(contentsOf: repeatElement(value, count: run))
            value.toggle()
        }
        return out
    }
}
