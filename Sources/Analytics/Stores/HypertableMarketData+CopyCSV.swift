import Schema
import Storage

extension HypertableMarketData {
    /// NQP migration 008's `market_data` compression: `segmentby = 'ticker_id, interval'`,
    /// `orderby = 'timestamp DESC'` (REFERENCE.md §2).
    public static let migrationCompression = CompressionSettings(segmentBy: ["ticker_id", "interval"],
                                                                 orderBy: [.init(column: "timestamp", descending: true)])

    /// The hypertable migration 008 creates, empty: `timestamp` chunks of `chunkInterval` µs (1 day,
    /// as the migration sets), compression enabled with ``migrationCompression``, and
    /// (ticker_id, interval) as the engine's segment columns.
    public static func emptyHypertable(table: TableDefinition = NQPTables.marketData,
                                       chunkInterval: Int64 = 86_400_000_000) throws(AnalyticsError) -> Hypertable {
        do {
            var ht = try Hypertable(table: table, options: HypertableOptions(timeColumn: "timestamp", chunkInterval: chunkInterval,
                                                                              indexedColumns: ["ticker_id", "interval"]))
            try ht.enableCompression(migrationCompression)
            return ht
        } catch {
            throw .invalidData(error.description)
        }
    }

    /// `market_data` rows from COPY CSV files loaded into the engine: each file's rows inserted in
    /// timestamp order (as they would arrive), the UNIQUE (ticker_id, timestamp, interval) key
    /// enforced as PostgreSQL enforces it, then every chunk whose range ends at or before
    /// `compressBefore` compressed (what a compression policy with `compress_after` leaves behind).
    public init(copyCSVFiles paths: [String], table: TableDefinition = NQPTables.marketData, loadTime: Int64 = 0,
                chunkInterval: Int64 = 86_400_000_000, compressBefore cutoff: Int64? = nil) throws(AnalyticsError) {
        var ht = try Self.emptyHypertable(table: table, chunkInterval: chunkInterval)
        do {
            for rows in try CopyCSVFixtures.read(paths, table: table, loadTime: loadTime) {
                guard let time = rows.column("timestamp"), case .time(let times) = time.storage else { continue }
                let order = TimeOrder.stable(times)
                try ht.insert(rows.gathering(order))
            }
            if let cutoff {
                for chunk in ht.chunks where chunk.timeRange.end <= cutoff { try ht.compressChunk(named: chunk.name) }
            }
        } catch let error as HypertableError {
            throw .invalidData(error.description)
        } catch let error as AnalyticsError {
            throw error
        } catch {
            throw .invalidData("\(error)")
        }
        try self.init(hypertable: ht)
    }
}
