/// The self-describing prefix of every encoded column block.
///
/// ```
/// +----------+-----------+----------------+--------------+-------------------------+------------------+
/// | type (1) | flags (1) | rows (varint)  | codec id (1) | raw body length (varint)| body             |
/// +----------+-----------+----------------+--------------+-------------------------+------------------+
///                                                          only when flags.zstd      zstd frame or raw
/// type:  1 int64, 2 float64, 3 decimal, 4 bool, 5 uuid, 6 bytes
/// flags: bits 0-1 NULL layout (0 no NULL, 1 all NULL, 2 validity bitmap first in the body)
///        bit 2 the body is one zstd frame; bit 3 that frame needs the column's dictionary
///        (and is in zstd's magicless format, see ``Zstd``)
/// codec: per type (int64: the integer codec id; see each codec's file)
/// body:  [validity bitmap, ceil(rows / 8) bytes] [values of the non-NULL rows]
/// ```
/// An all-NULL block is 4 bytes whatever its row count; a block without NULLs pays nothing for them.
struct BlockHeader: Equatable {
    enum NullLayout: UInt8 { case none = 0, allNull = 1, bitmap = 2 }

    var type: ColumnTypeTag
    var nulls: NullLayout
    var zstd: Bool
    var dictionary: Bool
    var rows: Int
    var codec: UInt8
    var rawBodyLength: Int

    /// Largest row count a block may claim. Decoders allocate from it, so it bounds what a
    /// corrupted header can make them allocate; 2^20 is far above any batch size in use
    /// (TimescaleDB's is 1000).
    static let maxRows = 1 << 20
    /// Largest raw body a zstd frame may claim to expand to (a few maximal varchar values).
    static let maxRawBody = 1 << 30

    func write(into writer: inout ByteWriter) {
        writer.append(type.rawValue)
        var flags = nulls.rawValue
        if zstd { flags |= 1 << 2 }
        if dictionary { flags |= 1 << 3 }
        writer.append(flags)
        writer.appendVarint(UInt64(rows))
        writer.append(codec)
        if zstd { writer.appendVarint(UInt64(rawBodyLength)) }
    }

    static func read(_ reader: inout ByteReader) throws(CodecError) -> BlockHeader {
        let start = reader.offset
        let t = try reader.readByte()
        guard let type = ColumnTypeTag(rawValue: t) else { throw .corrupt(offset: start, reason: "unknown column type tag \(t)") }
        let flags = try reader.readByte()
        guard flags & ~0x0F == 0, let nulls = NullLayout(rawValue: flags & 3) else {
            throw .corrupt(offset: start + 1, reason: "unknown flags \(flags)")
        }
        let zstd = flags & 4 != 0
        let dictionary = flags & 8 != 0
        guard zstd || !dictionary else { throw .corrupt(offset: start + 1, reason: "dictionary flag without zstd") }
        let rows = try reader.readCount(limit: maxRows)
        let codec = try reader.readByte()
        let raw = zstd ? try reader.readCount(limit: maxRawBody) : reader.remaining
        return BlockHeader(type: type, nulls: nulls, zstd: zstd, dictionary: dictionary, rows: rows, codec: codec, rawBodyLength: raw)
    }
}
