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
        finish(prepare(block, options: options), options: options)
    }

    /// The first stage of ``encode(_:options:)``: the codec choice and the body zstd would see.
    /// A chunk's prepared bodies of one column are what a ``ZstdDictionary`` is trained on.
    public static func prepare(_ block: ColumnBlock, options: EncodingOptions = .init()) -> PreparedColumn {
        let rows = block.count
        let nullCount = block.nullCount
        let layout: BlockHeader.NullLayout = nullCount == 0 ? .none : (nullCount == rows ? .allNull : .bitmap)
        var body = ByteWriter(capacity: block.data.uncompressedByteCount / 2 + 16)
        if layout == .bitmap { ValidityBitmap.write(block.nulls, rows: rows, into: &body) }
        var choice = ValueChoice(id: 0, name: "none")
        if layout != .allNull {
            choice = ValueEncoding.encode(block.data, nulls: layout == .bitmap ? block.nulls : [], options: options, into: &body)
        }
        let header = BlockHeader(type: block.data.typeTag, nulls: layout, zstd: false, dictionary: false,
                                 rows: rows, codec: choice.id, rawBodyLength: body.count)
        return PreparedColumn(header: header, body: body.bytes, codec: choice.name, uncompressedBytes: block.data.uncompressedByteCount)
    }

    /// The second stage of ``encode(_:options:)``: the plain block, or the zstd one (with
    /// `options.zstdDictionary` when given) when that is smaller.
    public static func finish(_ prepared: PreparedColumn, options: EncodingOptions = .init()) -> EncodedColumn {
        guard options.useZstd else { return plain(prepared) }
        return finish(prepared, usingDictionary: options.zstdDictionary != nil) { body throws(CodecError) in
            try Zstd.compress(body, level: options.zstdLevel, dictionary: options.zstdDictionary)
        }
    }

    /// The second stage against a column's shared dictionary: the plain block, or the block
    /// compressed with the dictionary when that is smaller. Never zstd without the dictionary
    /// (compare with ``finish(_:options:)`` to choose per block).
    public static func finish(_ prepared: PreparedColumn, level: Int32, dictionary: ZstdDictionary) -> EncodedColumn {
        finish(prepared, usingDictionary: true) { body throws(CodecError) in
            try Zstd.compress(body, level: level, dictionary: dictionary)
        }
    }

    /// The block without the zstd stage.
    static func plain(_ prepared: PreparedColumn) -> EncodedColumn {
        var plain = ByteWriter(capacity: prepared.body.count + 8)
        prepared.header.write(into: &plain)
        plain.append(contentsOf: prepared.body)
        return EncodedColumn(bytes: plain.bytes, codec: prepared.codec, zstd: false, usedDictionary: false,
                             bytesBeforeZstd: plain.count, uncompressedBytes: prepared.uncompressedBytes)
    }

    static func finish(_ prepared: PreparedColumn, usingDictionary: Bool,
                       compress: ([UInt8]) throws(CodecError) -> [UInt8]) -> EncodedColumn {
        // The plain block's size without writing it: type, flags, row count, codec id, body.
        let plainCount = 3 + ByteWriter.varintSize(UInt64(prepared.header.rows)) + prepared.body.count
        // A frame costs at least ~6 bytes (a magicless one against a dictionary ~4 plus what the
        // dictionary cannot cover): tiny bodies never shrink.
        if prepared.body.count > (usingDictionary ? 8 : 16), let frame = try? compress(prepared.body) {
            var header = prepared.header
            header.zstd = true
            header.dictionary = usingDictionary
            var packed = ByteWriter(capacity: frame.count + 12)
            header.write(into: &packed)
            packed.append(contentsOf: frame)
            if packed.count < plainCount {
                return EncodedColumn(bytes: packed.bytes, codec: prepared.codec, zstd: true, usedDictionary: usingDictionary,
                                     bytesBeforeZstd: plainCount, uncompressedBytes: prepared.uncompressedBytes)
            }
        }
        return plain(prepared)
    }

    /// Decodes a block written by `encode`. NULL rows come back with zero placeholders, and
    /// `nulls` is empty when the block has no NULL.
    public static func decode(_ bytes: [UInt8], dictionary: [UInt8]? = nil) throws(CodecError) -> ColumnBlock {
        try decode(bytes, hasDictionary: dictionary != nil) { frame, raw throws(CodecError) in
            try Zstd.decompress(frame, rawCount: raw, dictionary: dictionary)
        }
    }

    /// Decodes a block whose zstd frame may need the column's shared dictionary. Throws when the
    /// block needs a dictionary and `zstdDictionary` is nil, or when the dictionary is damaged.
    public static func decode(_ bytes: [UInt8], zstdDictionary: ZstdDictionary?) throws(CodecError) -> ColumnBlock {
        try decode(bytes, hasDictionary: zstdDictionary != nil) { frame, raw throws(CodecError) in
            if let zstdDictionary { return try Zstd.decompress(frame, rawCount: raw, dictionary: zstdDictionary) }
            return try Zstd.decompress(frame, rawCount: raw)
        }
    }

    /// `decompress(frame, rawCount, useDictionary)` expands a zstd body.
    static func decode(_ bytes: [UInt8], hasDictionary: Bool,
                       decompress: (ArraySlice<UInt8>, Int) throws(CodecError) -> [UInt8]) throws(CodecError) -> ColumnBlock {
        let block = try open(bytes, hasDictionary: hasDictionary, decompress: decompress)
        let header = block.header
        if header.nulls == .allNull {
            return ColumnBlock(data: ValueEncoding.zeros(header.type, count: header.rows), nulls: block.nulls)
        }
        var body = block.body
        // Each value takes at least one bit in any codec except constant/run ones, so the
        // present count cannot be checked against the body size here; decoders check reads.
        var data = try ValueEncoding.decode(header.type, codec: header.codec, &body, count: block.present)
        guard body.isAtEnd else {
            throw .corrupt(offset: body.offset, reason: "\(body.remaining) bytes after the last value")
        }
        if header.nulls == .bitmap { data = ValueEncoding.scatter(data, nulls: block.nulls) }
        return ColumnBlock(data: data, nulls: block.nulls)
    }

    /// A block's header, its body ready to read (the zstd frame expanded) past the validity
    /// bitmap, and its NULL rows: what every decoder of a block starts from.
    struct OpenedBlock {
        var header: BlockHeader
        var body: ByteReader
        /// As in ``ColumnBlock/nulls``.
        var nulls: [Bool]
        /// Rows that are not NULL (the values the body holds).
        var present: Int
    }

    static func open(_ bytes: [UInt8], hasDictionary: Bool,
                     decompress: (ArraySlice<UInt8>, Int) throws(CodecError) -> [UInt8]) throws(CodecError) -> OpenedBlock {
        var reader = ByteReader(bytes)
        let header = try BlockHeader.read(&reader)
        var body: ByteReader
        if header.zstd {
            if header.dictionary && !hasDictionary {
                throw .zstd("block was compressed with a dictionary and none was given")
            }
            let frame = bytes[reader.offset...]
            // A corrupted length must not make us allocate without bound; no block this writer
            // produces expands more than this (constant data never reaches zstd uncompacted).
            guard header.rawBodyLength <= max(1 << 20, frame.count * maxZstdExpansion) else {
                throw .corrupt(offset: reader.offset, reason: "zstd body claims \(header.rawBodyLength) bytes from a \(frame.count)-byte frame")
            }
            body = ByteReader(header.dictionary ? try decompress(frame, header.rawBodyLength)
                                                : try Zstd.decompress(frame, rawCount: header.rawBodyLength))
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
        return OpenedBlock(header: header, body: body, nulls: nulls, present: present)
    }
}

/// What the writer picked for a block's values: the header's codec id and a display name.
struct ValueChoice {
    var id: UInt8
    var name: String
}
