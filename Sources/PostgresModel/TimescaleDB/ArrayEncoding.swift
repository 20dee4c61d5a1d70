import Codecs

/// TimescaleDB's ARRAY algorithm (`algorithms/array.c`): a 16-byte header (varlena 4,
/// algorithm 1, has_nulls 1, padding 6, element type Oid 4), then — only with NULLs — a
/// simple8b-RLE NULL bitmap, a simple8b-RLE of each value's serialized byte size (including any
/// alignment padding before it), and the concatenated serialized values.
struct ArrayEncoder: Sendable {
    static let algorithmID: UInt8 = 1
    static let headerSize = 16

    private var nulls = Simple8bRLE()
    private var sizes = Simple8bRLE()
    private(set) var data: [UInt8] = []
    private var hasNulls = false
    let elementTypeOid: UInt32

    init(elementTypeOid: UInt32) { self.elementTypeOid = elementTypeOid }

    mutating func append(_ d: SerializedDatum) {
        nulls.append(0)
        let padding = (d.alignment - data.count % d.alignment) % d.alignment
        sizes.append(UInt64(padding + d.bytes.count))
        data.append(contentsOf: repeatElement(0, count: padding))
        data.append(contentsOf: d.bytes)
    }

    mutating func appendNull() {
        hasNulls = true
        nulls.append(1)
    }

    /// The array body without the datum header (what dictionaries embed): sizes stream + data.
    mutating func body() -> (nulls: [UInt8]?, sizes: [UInt8], data: [UInt8])? {
        guard let s = sizes.finish() else { return nil }
        let n = hasNulls ? nulls.finish() : nil
        return (n, s, data)
    }

    /// The ARRAY datum; nil when every value was NULL.
    mutating func finish() -> [UInt8]? {
        guard let b = body() else { return nil }
        let total = Self.headerSize + (b.nulls?.count ?? 0) + b.sizes.count + b.data.count
        var w = ByteWriter()
        w.append(ByteWriter.varlenaHeader(totalSize: total))
        w.u8(Self.algorithmID)
        w.u8(b.nulls == nil ? 0 : 1)
        w.zeros(6)
        w.u32(elementTypeOid)
        if let n = b.nulls { w.append(n) }
        w.append(b.sizes)
        w.append(b.data)
        return w.bytes
    }
}
