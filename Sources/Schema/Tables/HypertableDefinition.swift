/// TimescaleDB settings of a table made a hypertable by migrations: the time dimension, the
/// columnstore (compression) settings and the policies.
public struct HypertableDefinition: Sendable, Hashable {
    /// One `compress_orderby` element.
    public typealias OrderBy = CompressionOrderKey

    public var timeColumn: String
    /// `chunk_time_interval`; nil is TimescaleDB's default (7 days). For an integer time column,
    /// the integer in the column's own units, kept as that many microseconds.
    public var chunkInterval: PGInterval?
    public var compressionEnabled: Bool
    public var segmentBy: [String]
    /// Compression was enabled and no `compress_segmentby` was ever given (not even `''`):
    /// TimescaleDB then picks a segmentby for each chunk from its indexes and statistics.
    public var segmentByDefaulted = false
    public var orderBy: [OrderBy]
    /// `add_compression_policy(…, compress_after => …)` (an integer lag kept as ``chunkInterval`` is).
    public var compressAfter: PGInterval?
    /// `add_retention_policy(…, drop_after => …)` (an integer lag kept as ``chunkInterval`` is).
    public var dropAfter: PGInterval?
    /// The compression policy was given `compress_created_before` (`compressAfter` holds its
    /// interval): chunks are chosen by when they were created, not by their time range.
    public var compressByCreationTime = false
    /// The retention policy was given `drop_created_before` (`dropAfter` holds its interval).
    public var dropByCreationTime = false
    /// The compression policy's `schedule_interval`, when given (else TimescaleDB's default).
    public var compressSchedule: PGInterval?
    /// `timescaledb.compress_chunk_time_interval`: compressing a chunk merges it into the adjacent
    /// compressed chunk before it while their ranges together stay within it (nil: not set, or 0).
    public var compressChunkInterval: PGInterval?
    /// The retention policy's `schedule_interval`, when given (else one day).
    public var retentionSchedule: PGInterval?
    /// The compression policy's `initial_start` and `timezone`, as written (kept for `migrate`).
    public var compressTiming = PolicyJobTiming()
    /// The retention policy's `initial_start` and `timezone`, as written.
    public var retentionTiming = PolicyJobTiming()
    /// `set_integer_now_func`'s function (an integer time dimension's "now" for the policies).
    public var integerNowFunction: String?
    /// `create_default_indexes` (default true): TimescaleDB adds its `(time DESC)` index.
    public var createDefaultIndexes = true
    /// TimescaleDB's default indexes as `create_hypertable` made them (src/indexing.c: `(time
    /// DESC)`, and `(space, time DESC)` with the legacy form's space dimension), under the names
    /// PostgreSQL chose, so `DROP INDEX` and `ALTER INDEX … RENAME` find them. The size models add
    /// the time index by their own rule (``hasDefaultTimeIndex``).
    public var defaultIndexes: [IndexDefinition] = []
    /// The migrations dropped the default `(time DESC)` index.
    public var defaultTimeIndexDropped = false
    /// Whether the hypertable keeps TimescaleDB's default time index (created, not dropped).
    public var hasDefaultTimeIndex: Bool { createDefaultIndexes && !defaultTimeIndexDropped }
    /// The default indexes other than the time one (the `(space, time DESC)` index), which the size
    /// models take as given indexes.
    public var defaultSpaceIndexes: [IndexDefinition] { defaultIndexes.filter { $0.keyColumns != [timeColumn] } }
    /// The dimensions after the time dimension, in the order they were added: legacy
    /// `create_hypertable`'s `partitioning_column`/`number_partitions` and `add_dimension`.
    public var additionalDimensions: [AdditionalDimension] = []

    /// A hash ("closed", space) dimension, or a second range ("open") dimension.
    public struct AdditionalDimension: Sendable, Hashable {
        public enum Partitioning: Sendable, Hashable {
            /// `number_partitions` hash partitions.
            case hash(partitions: Int)
            /// Ranges of `interval` (nil: the default) over a second time or integer column.
            case range(interval: PGInterval?)
        }
        public var column: String
        public var partitioning: Partitioning

        public init(column: String, partitioning: Partitioning) {
            self.column = column
            self.partitioning = partitioning
        }
    }

    /// Every partitioning column, the time column first (a unique index needs them all).
    public var partitioningColumns: [String] { [timeColumn] + additionalDimensions.map(\.column) }

    /// The first hash dimension, as (column, partitions).
    public var hashDimension: (column: String, partitions: Int)? {
        for d in additionalDimensions { if case .hash(let n) = d.partitioning { return (d.column, n) } }
        return nil
    }

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
    /// `ON UPDATE` action as written (Prisma writes `ON UPDATE CASCADE`); nil is NO ACTION.
    public var onUpdate: String?

    public init(name: String, columns: [String], referencedTable: String, referencedColumns: [String], onDelete: String? = nil,
                onUpdate: String? = nil) {
        self.name = name
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.onDelete = onDelete
        self.onUpdate = onUpdate
    }
}
