import Schema

/// One row of `timescaledb_information.chunks` joined with `chunks_detailed_size`, in engine bytes.
public struct ChunkInformation: Sendable, Hashable {
    public var name: String
    /// Internal time, µs since the epoch (or the raw integer for integer time columns).
    public var rangeStart: Int64
    public var rangeEnd: Int64
    /// `range_start`/`range_end` as `timescaledb_information.chunks` prints them.
    public var rangeStartText: String
    public var rangeEndText: String
    public var isCompressed: Bool
    public var isPartial: Bool
    public var rows: Int
    public var batches: Int
    public var bytes: EngineBytes
}

/// One row of `timescaledb_information.hypertables` plus engine totals.
public struct HypertableInformation: Sendable, Hashable {
    public var table: String
    public var timeColumn: String
    public var chunkIntervalMicroseconds: Int64
    public var numDimensions: Int
    public var chunks: Int
    public var compressedChunks: Int
    public var compressionEnabled: Bool
    public var rows: Int
    public var bytes: EngineBytes
}

/// `hypertable_compression_stats`, in engine bytes: what the compressed chunks took before
/// compression (measured just before compressing them) and what they take now.
public struct CompressionStatistics: Sendable, Hashable {
    public var totalChunks: Int
    public var compressedChunks: Int
    public var before: EngineBytes
    public var after: EngineBytes
}

/// One row of `timescaledb_information.compression_settings` (the pre-2.14 per-column view, which
/// still reads best): a segmentby or orderby column with its position.
public struct CompressionSettingRow: Sendable, Hashable {
    public var column: String
    public var segmentbyPosition: Int?
    public var orderbyPosition: Int?
    public var orderbyAscending: Bool?
    public var orderbyNullsFirst: Bool?
}

extension Hypertable {
    /// `timescaledb_information.hypertables` for this hypertable.
    public var information: HypertableInformation {
        HypertableInformation(table: table.name, timeColumn: options.timeColumn, chunkIntervalMicroseconds: options.chunkInterval,
                              numDimensions: options.space == nil ? 1 : 2, chunks: chunks.count,
                              compressedChunks: chunks.filter(\.isCompressed).count, compressionEnabled: compression != nil,
                              rows: rowCount, bytes: detailedSize)
    }

    /// `hypertable_detailed_size` in engine bytes: the sum over live chunks.
    public var detailedSize: EngineBytes {
        chunks.reduce(EngineBytes.zero) { $0 + EngineBytes.chunk($1) }
    }

    /// `hypertable_size`: the total of ``detailedSize``.
    public var size: Int { detailedSize.total }

    /// `chunks_detailed_size` in engine bytes, in creation order.
    public var chunksDetailedSize: [(chunk: String, bytes: EngineBytes)] {
        chunks.map { ($0.name, EngineBytes.chunk($0)) }
    }

    /// `timescaledb_information.chunks` in creation order, range text in `zone`.
    public func chunkInformation(zone: PGTimeZone = .utc) -> [ChunkInformation] {
        chunks.map { chunk in
            ChunkInformation(name: chunk.name, rangeStart: chunk.timeRange.start, rangeEnd: chunk.timeRange.end,
                             rangeStartText: rangeText(chunk.timeRange.start, zone: zone),
                             rangeEndText: rangeText(chunk.timeRange.end, zone: zone),
                             isCompressed: chunk.isCompressed, isPartial: chunk.isPartial, rows: chunk.rowCount,
                             batches: chunk.batches.count, bytes: EngineBytes.chunk(chunk))
        }
    }

    /// `hypertable_compression_stats` in engine bytes.
    public var compressionStatistics: CompressionStatistics {
        let compressed = chunks.filter(\.isCompressed)
        return CompressionStatistics(
            totalChunks: chunks.count, compressedChunks: compressed.count,
            before: compressed.reduce(EngineBytes.zero) { $0 + ($1.bytesBeforeCompression ?? .zero) },
            after: compressed.reduce(EngineBytes.zero) { $0 + EngineBytes.chunk($1) })
    }

    /// `timescaledb_information.compression_settings` rows: segmentby columns first, then orderby.
    public var compressionSettingRows: [CompressionSettingRow] {
        guard let settings = compression else { return [] }
        let segments = settings.segmentBy.enumerated().map {
            CompressionSettingRow(column: $1, segmentbyPosition: $0 + 1, orderbyPosition: nil, orderbyAscending: nil, orderbyNullsFirst: nil)
        }
        let orders = settings.orderBy.enumerated().map {
            CompressionSettingRow(column: $1.column, segmentbyPosition: nil, orderbyPosition: $0 + 1,
                                  orderbyAscending: !$1.descending, orderbyNullsFirst: $1.nullsFirst)
        }
        return segments + orders
    }

    /// A slice bound as `timescaledb_information.chunks` shows it: timestamptz text in the session
    /// zone (`2023-01-02 00:00:00+00`, for a UUIDv7 dimension too), timestamp text without offset,
    /// date text, or the integer;
    /// the open ends of a clamped slice as `-infinity` / `infinity`.
    public func rangeText(_ bound: Int64, zone: PGTimeZone = .utc) -> String {
        if bound == Int64.min { return "-infinity" }
        if bound == Int64.max { return "infinity" }
        switch timeColumnType {
        // A UUIDv7 dimension's slices are timestamptz ranges (TimescaleDB's chunks view shows them so).
        case .timestamptz, .uuid: return PGTimestamp.format(bound, zone: zone)
        case .timestamp: return PGTimestamp.formatLocal(bound)
        case .date: return PGTimestamp.formatDate(bound / 86_400_000_000)
        default: return String(bound)
        }
    }
}
