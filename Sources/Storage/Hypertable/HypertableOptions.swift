import Schema

/// How a table becomes a hypertable: the arguments of `create_hypertable` plus the engine's own
/// block-index settings.
public struct HypertableOptions: Sendable, Hashable {
    /// The time dimension column.
    public var timeColumn: String
    /// `chunk_time_interval` in internal units (µs for time types, raw for integer columns).
    public var chunkInterval: Int64
    /// An optional hash (space) dimension.
    public var space: SpaceDimension?
    /// Rows per block-index block (an engine option, not a TimescaleDB setting).
    public var blockSize: Int
    /// Columns summarized by the block index besides the time column.
    public var indexedColumns: [String]

    /// TimescaleDB's `DEFAULT_CHUNK_TIME_INTERVAL` for time columns: 7 days (`ts:src/dimension.h`).
    public static let defaultChunkInterval: Int64 = 7 * 86_400_000_000
    /// The engine's default block size.
    public static let defaultBlockSize = 128

    public init(timeColumn: String, chunkInterval: Int64 = HypertableOptions.defaultChunkInterval,
                space: SpaceDimension? = nil, blockSize: Int = HypertableOptions.defaultBlockSize,
                indexedColumns: [String] = []) {
        self.timeColumn = timeColumn
        self.chunkInterval = chunkInterval
        self.space = space
        self.blockSize = blockSize
        self.indexedColumns = indexedColumns
    }
}
