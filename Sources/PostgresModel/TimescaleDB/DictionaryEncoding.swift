import Codecs

/// TimescaleDB's DICTIONARY algorithm (`algorithms/dictionary.c`) with its own switch to ARRAY.
///
/// Layout: 16-byte header (varlena 4, algorithm 1, has_nulls 1, padding 2, element Oid 4,
/// uint32 num_distinct), simple8b-RLE of each non-NULL row's dictionary index (indexes are
/// assigned in order of first appearance), the NULL bitmap when NULLs exist, then the distinct
/// values as an array body (sizes stream + data, no header). At finish, with
/// `avg = dictionary_size / num_distinct` (integer division) the batch is re-encoded as ARRAY when
/// `avg * non_null_count < total_size`.
struct DictionaryEncoder: Sendable {
    static let algorithmID: UInt8 = 2
    static let headerSize = 16

    private var indexes = Simple8bRLE()
    private var nulls = Simple8bRLE()
    private var hasNulls = false
    private var lookup: [SerializedDatum: Int] = [:]
    private var distinct: [SerializedDatum] = []
    /// Every row in order (nil = NULL), for the re-encoding as ARRAY.
    private var rows: [SerializedDatum?] = []
    let elementTypeOid: UInt32

    init(elementTypeOid: UInt32) { self.elementTypeOid = elementTypeOid }

    var distinctCount: Int { distinct.count }

    mutating func append(_ d: SerializedDatum) {
        let index: Int
        if let found = lookup[d] {
            index = found
        } else {
            index = distinct.count
            lookup[d] = index
            distinct.append(d)
        }
        indexes.append(UInt64(index))
        nulls.append(0)
        rows.append(d)
    }

    mutating func appendNull() {
        hasNulls = true
        nulls.append(1)
        rows.append(nil)
    }

    /// The datum and the algorithm chosen (DICTIONARY or ARRAY); nil when every value was NULL.
    mutating func finish() -> (algorithm: UInt8, bytes: [UInt8])? {
        guard let idx = indexes.finish() else { return nil }
        let nullBytes = hasNulls ? nulls.finish() : nil
        var dictArray = ArrayEncoder(elementTypeOid: elementTypeOid)
        for d in distinct { dictArray.append(d) }
        guard let body = dictArray.body() else { return nil }
        let dictionarySize = body.sizes.count + body.data.count
        let total = Self.headerSize + idx.count + (nullBytes?.count ?? 0) + dictionarySize
        let average = dictionarySize / max(1, distinct.count)
        let nonNull = rows.count - rows.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        if average * nonNull < total {
            var array = ArrayEncoder(elementTypeOid: elementTypeOid)
            for r in rows {
                if let r { array.append(r) } else { array.appendNull() }
            }
            if let bytes = array.finish() { return (ArrayEncoder.algorithmID, bytes) }
        }
        var w = ByteWriter()
        w.append(ByteWriter.varlenaHeader(totalSize: total))
        w.u8(Self.algorithmID)
        w.u8(nullBytes == nil ? 0 : 1)
        w.zeros(2)
        w.u32(elementTypeOid)
        w.u32(UInt32(distinct.count))
        w.append(idx)
        if let n = nullBytes { w.append(n) }
        w.append(body.sizes)
        w.append(body.data)
        return (Self.algorithmID, w.bytes)
    }
}
