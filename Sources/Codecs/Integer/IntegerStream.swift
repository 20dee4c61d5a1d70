/// An integer sequence encoded with whichever integer codec is smallest, the codec id first.
///
/// ```
/// +---------------+----------------------------+
/// | codec id (1)  | payload of that codec      |   count comes from the enclosing block
/// +---------------+----------------------------+
/// ```
/// Used wherever integers hide inside another codec (NUMERIC unscaled values and scales, ALP
/// digits, string lengths, dictionary indices) and, without its id byte, for int64 columns.
enum IntegerStream {
    /// The smallest applicable codec among those `allowed`, and its payload size. Plain is
    /// always possible and wins ties last, so the choice is deterministic.
    static func choose(_ analysis: inout IntegerAnalysis, allowed: (IntegerCodecID) -> Bool) -> (IntegerCodecID, Int) {
        var best: (IntegerCodecID, Int) = (.plain, analysis.count * 8)
        for id in IntegerCodecID.trialOrder where allowed(id) {
            // Every codec writes at least one byte for one value or more (and nothing beats 0
            // for none): a best of one byte cannot be beaten, so the rest need no analysis.
            if best.1 <= 1 { break }
            if let size = id.codec.analyze(&analysis, limit: best.1), size < best.1 { best = (id, size) }
        }
        return best
    }

    /// Exact bytes `write` appends (id byte included).
    static func size(_ values: [Int64], allowed: (IntegerCodecID) -> Bool = { _ in true }) -> Int {
        var analysis = IntegerAnalysis(values)
        return 1 + choose(&analysis, allowed: allowed).1
    }

    /// Writes the id byte and payload. `codec`, when given, is what `choose` already picked for
    /// these same values (so it is not chosen a second time).
    @discardableResult
    static func write(_ values: [Int64], into writer: inout ByteWriter, codec: IntegerCodecID? = nil,
                      allowed: (IntegerCodecID) -> Bool = { _ in true }) -> IntegerCodecID {
        var analysis = IntegerAnalysis(values)
        let id = codec ?? choose(&analysis, allowed: allowed).0
        writer.append(id.rawValue)
        id.codec.encode(&analysis, into: &writer)
        return id
    }

    static func read(_ reader: inout ByteReader, count: Int) throws(CodecError) -> [Int64] {
        let start = reader.offset
        let raw = try reader.readByte()
        guard let id = IntegerCodecID(rawValue: raw) else {
            throw .corrupt(offset: start, reason: "unknown integer codec \(raw)")
        }
        return try decode(id, &reader, count: count)
    }

    /// Decodes `count` values of codec `id` (no id byte).
    static func decode(_ id: IntegerCodecID, _ reader: inout ByteReader, count: Int) throws(CodecError) -> [Int64] {
        // Uninitialized: every codec's decode writes all `count` slots or throws (then nothing is kept).
        var failure: CodecError?
        let result = [Int64](unsafeUninitializedCapacity: count) { out, n in
            do throws(CodecError) {
                try id.codec.decode(&reader, into: out)
                n = count
            } catch {
                failure = error
                n = 0
            }
        }
        if let failure { throw failure }
        return result
    }
}
