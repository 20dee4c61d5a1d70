/// Choices the column writer may make when encoding a block.
public struct EncodingOptions: Sendable, Equatable {
    /// zstd level for the general-purpose stage. Default 3: TimescaleDB and the zstd CLI default,
    /// and the level of the "Zstd" columns in the ALP paper's tables (COMPRESSION_ANCHORS.md §2).
    public var zstdLevel: Int32
    /// Whether the zstd stage runs at all (it is still skipped when it does not shrink a block).
    public var useZstd: Bool
    /// Codecs the writer may pick; `nil` means every codec that applies to the block's type.
    /// Names as in `CodecName`; a type whose allowed set is empty falls back to its plain codec.
    public var allowedCodecs: Set<String>?
    /// A zstd dictionary trained across a chunk's batches of this column (see `Zstd.trainDictionary`).
    /// Decoding needs the same dictionary.
    public var zstdDictionary: [UInt8]?

    public init(zstdLevel: Int32 = 3, useZstd: Bool = true, allowedCodecs: Set<String>? = nil, zstdDictionary: [UInt8]? = nil) {
        self.zstdLevel = zstdLevel
        self.useZstd = useZstd
        self.allowedCodecs = allowedCodecs
        self.zstdDictionary = zstdDictionary
    }

    func allows(_ name: String) -> Bool { allowedCodecs?.contains(name) ?? true }
}

/// One encoded column block and what the writer chose for it.
public struct EncodedColumn: Sendable, Equatable {
    /// Self-describing bytes: `ColumnCodecs.decode(bytes)` needs nothing else (except the
    /// dictionary, when `usedDictionary`).
    public var bytes: [UInt8]
    /// The chosen codec, e.g. `delta-of-delta`, `scaled-decimal/delta`, `dictionary`.
    public var codec: String
    /// Whether the zstd stage shrank the block and was kept.
    public var zstd: Bool
    /// Whether the zstd stage used the caller's dictionary.
    public var usedDictionary: Bool
    /// Encoded size before the zstd stage (header included).
    public var bytesBeforeZstd: Int
    /// The block's uncompressed size (`ColumnData.uncompressedByteCount`).
    public var uncompressedBytes: Int

    public var count: Int { bytes.count }
}

/// A block after the column codecs and before the zstd stage (see ``ColumnCodecs/prepare(_:options:)``).
public struct PreparedColumn: Sendable, Equatable {
    var header: BlockHeader
    /// The bytes the zstd stage compresses: validity bitmap and encoded values.
    public var body: [UInt8]
    /// The chosen codec, as in ``EncodedColumn/codec``.
    public var codec: String
    /// The block's uncompressed size (`ColumnData.uncompressedByteCount`).
    public var uncompressedBytes: Int
}
