/// The column writer and reader: picks the smallest codec for a block, adds the zstd stage,
/// and decodes any block from its bytes alone.
///
/// ```swift
/// let block = ColumnBlock(data: .int64(timestamps))
/// let encoded = ColumnCodecs.encode(block, options: EncodingOptions(zstdLevel: 3))
/// print(encoded.codec, encoded.bytes.count)          // "delta-of-delta", 24
/// let back = try ColumnCodecs.decode(encoded.bytes)  // == block
/// ```
/// Every codec reports its exact size before writing (`ColumnCodecs.analyze`), so choosing is
/// cheap and the planner can ask "how big would this be" without encoding.
public enum ColumnCodecs {
    /// Largest raw/compressed ratio a block may claim. zstd can exceed it on pathological input
    /// (its RLE blocks), but the column codecs have removed such redundancy before zstd sees it.
    static let maxZstdExpansion = 4096

    /// Encodes a block with the smallest applicable codec, then zstd when that shrinks it.
    public static func encode(_ block: ColumnBlock, options: EncodingOptions = .init()) -> EncodedColumn {
        let rows = block.count
        let nullCount = block.nullCount
        let layout: BlockHeader.NullLayout = nullCount == 0 ? .none : (nullCount == rows ? .allNull : .bitmap)
        var body = ByteWriter(capacity: block.data.uncompressedByteCount / 2 + 16)
        if layout == .bitmap { ValidityBitmap.write(block.nulls, rows: rows, into: &body) }
        var choice = ValueChoice(id: 0, name: "none")
        if layout != .allNull {
            choice = ValueEncoding.encode(block.data, nulls: layout == .bitmap ? block.nulls : [], options: options, into: &body)
        }
        var header = BlockHeader(type: block.data.typeTag, nulls: layout, zstd: false, dictionary: false,
                                 rows: rows, codec: choice.id, rawBodyLength: body.count)
        var plain = ByteWriter(capacity: body.count + 8)
        header.write(into: &plain)
        plain.append(contentsOf: body.bytes)
        var result = EncodedColumn(bytes: plain.bytes, codec: choice.name, zstd: false, usedDictionary: false,
                                   bytesBeforeZstd: plain.count, uncompressedBytes: block.data.uncompressedByteCount)
        // A frame costs at least ~6 bytes; tiny bodies never shrink.
        if options.useZstd && body.count > 16,
           let frame = try? Zstd.compress(body.bytes, level: options.zstdLevel, dictionary: options.zstdDictionary) {
            header.zstd = true
            header.dictionary = options.zstdDictionary != nil
            var packed = ByteWriter(capacity: frame.count + 12)
            header.write(into: &packed)
            packed.append(contentsOf: frame)
            if packed.count < plain.count {
                result.bytes = packed.bytes
                result.zstd = true
                result.usedDictionary = header.dictionary
            }
        }
        return result
    }

    /// Decodes a block written by `encode`. NULL rows come back with zero placeholders, and
    /// `nulls` is empty when the block has no NULL.
    public static func decode(_ bytes: [UInt8], dictionary: [UInt8]? = nil) throws(CodecError) -> ColumnBlock {
        var reader = ByteReader(bytes)
        let header = try BlockHeader.read(&reader)
        var body: ByteReader
        if header.zstd {
            if header.dictionary && dictionary == nil {
                throw .zstd("block was compressed with a dictionary and none was given")
            }
            let frame = bytes[reader.offset...]
            // A corrupted length must not make us allocate without bound; no block this writer
            // produces expands more than this (constant data never reaches zstd uncompacted).
            guard header.rawBodyLength <= max(1 << 20, frame.count * maxZstdExpansion) else {
                throw .corrupt(offset: reader.offset, reason: "zstd body claims \(header.rawBodyLength) bytes from a \(frame.count)-byte frame")
            }
            body = ByteReader(try Zstd.decompress(frame, rawCount: header.rawBodyLength, dictionary: header.dictionary ? dictionary : nil))
        } else {
            body = reader
        }
        let rows = header.rows
        var nulls: [Bool] = []
        switch header.nulls {
        case .none: break
        case .allNull: nulls = [Bool](repeating: true, count: rows)
        case .bitmap: nulls = try ValidityBitmap.read(&body, rows: rows)
        }
        let present = header.nulls == .allNull ? 0 : rows - nulls.reduce(0) { $0 + ($1 ? 1 : 0) }
        if header.nulls == .allNull {
            return ColumnBlock(data: ValueEncoding.zeros(header.type, count: rows), nulls: nulls)
        }
        // Each value takes at least one bit in any codec except constant/run ones, so the
        // present count cannot be checked against the body size here; decoders check reads.
        var data = try ValueEncoding.decode(header.type, codec: header.codec, &body, count: present)
        guard body.isAtEnd else {
            throw .corrupt(offset: body.offset, reason: "\(body.remaining) bytes after the last value")
        }
        if header.nulls == .bitmap { data = ValueEncoding.scatter(data, nulls: nulls) }
        return ColumnBlock(data: data, nulls: nulls)
    }
}

/// What the writer picked for a block's values: the header's codec id and a display name.
struct ValueChoice {
    var id: UInt8
    var name: String
}
