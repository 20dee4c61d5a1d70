/// TimescaleDB settings of a table made a hypertable by migrations: the time dimension, the
/// columnstore (compression) settings and the policies.
public struct HypertableDefinition: Sendable, Hashable {
    /// One `compress_orderby` element.
    public typealias OrderBy = CompressionOrderKey

    public var timeColumn: String
    /// `chunk_time_interval`; nil is TimescaleDB's default (7 days).
    public var chunkInterval: PGInterval?
    public var compressionEnabled: Bool
    public var segmentBy: [String]
    public var orderBy: [OrderBy]
    /// `add_compression_policy(…, compress_after => …)`.
    public var compressAfter: PGInterval?
    /// `add_retention_policy(…, drop_after => …)`.
    public var dropAfter: PGInterval?

    public init(timeColumn: String, chunkInterval: PGInterval? = nil, compressionEnabled: Bool = false, segmentBy: [String] = [],
                orderBy: [OrderBy] = [], compressAfter: PGInterval? = nil, dropAfter: PGInterval? = nil) {
        self.timeColumn = timeColumn
        self.chunkInterval = chunkInterval
        self.compressionEnabled = compressionEnabled
        self.segmentBy = segmentBy
        self.orderBy = orderBy
        self.compressAfter = compressAfter
        self.dropAfter = dropAfter
    }
}

/// A FOREIGN KEY constraint.
public struct ForeignKeyDefinition: Sendable, Hashable {
    public var name: String
    public var columns: [String]
    public var referencedTable: String
    public var referencedColumns: [String]
    /// `ON DELETE` action as written (`CASCADE`, `SET NULL`, …); nil is NO ACTION.
    public var onDelete: String?

    public init(name: String, columns: [String], referencedTable: String, referencedColumns: [String], onDelete: String? = nil) {
        self.name = name
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.onDelete = onDelete
    }
}
