import Schema

/// One compressed row of a TimescaleDB compressed chunk: up to `batchSizeLimit` rows of one
/// segment, in orderby order.
///
/// Holds what TimescaleDB's compressed relation holds (`create.c:595-880`): `_ts_meta_count`, the
/// segmentby values uncompressed, min/max and first/last of each orderby column
/// (`_ts_meta_min_N/_max_N`, `_ts_meta_v2_first_/last_`), and every other column encoded.
public struct CompressedBatch: Sendable, Equatable {
    /// The summary of one orderby column over the batch (NULLs ignored; all NULL when every row is NULL).
    public struct OrderSummary: Sendable, Equatable {
        public var min: Value
        public var max: Value
        /// The value in the batch's first and last row.
        public var first: Value
        public var last: Value
    }

    /// `_ts_meta_count`.
    public var rowCount: Int
    /// One value per `CompressionSettings.segmentBy` column.
    public var segmentValues: [Value]
    /// One summary per `CompressionSettings.orderBy` key.
    public var orderSummaries: [OrderSummary]
    /// One entry per table column: the encoded values, or nil for segmentby columns.
    public var columns: [StoredColumn?]
}

/// A column of one batch as stored: the codec's bytes and the codec's name.
public struct StoredColumn: Sendable, Equatable {
    public var bytes: [UInt8]
    /// The codec, with `+zstd` when the zstd stage was kept and `+zstd+dict` when its frame was
    /// written against the chunk's dictionary for this column.
    public var codec: String
    /// Whether decoding needs the chunk's zstd dictionary for this column (``ChunkDictionaries``).
    public var usesDictionary: Bool

    public init(bytes: [UInt8], codec: String, usesDictionary: Bool = false) {
        self.bytes = bytes
        self.codec = codec
        self.usesDictionary = usesDictionary
    }
}
