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
    /// Timestamps written without an offset are in `zone` (the session's `TimeZone`).
    public init(copyCSVFiles paths: [String], table: TableDefinition = NQPTables.marketData, loadTime: Int64 = 0,
                zone: PGTimeZone = .utc, chunkInterval: Int64 = 86_400_000_000, compressBefore cutoff: Int64? = nil) throws(AnalyticsError) {
        var ht = try Self.emptyHypertable(table: table, chunkInterval: chunkInterval)
        try Self.insertInTimeOrder(paths, into: &ht, table: table, loadTime: loadTime, zone: zone)
        if let cutoff {
            do {
                for chunk in ht.chunks where chunk.timeRange.end <= cutoff { try ht.compressChunk(named: chunk.name) }
            } catch {
                throw .invalidData(error.description)
            }
        }
        try self.init(hypertable: ht)
    }

    /// Each file's rows inserted into `ht` in timestamp order (stable: rows of one time keep their
    /// file order), as they would arrive; a key already present is refused at its file and line.
    static func insertInTimeOrder(_ paths: [String], into ht: inout Hypertable, table: TableDefinition, loadTime: Int64,
                                  zone: PGTimeZone) throws(AnalyticsError) {
        for (path, loaded) in try CopyCSVFixtures.load(paths, table: table, loadTime: loadTime, zone: zone) {
            let rows = loaded.rows
            guard let time = rows.column("timestamp"), case .time(let times) = time.storage else { continue }
            let order = TimeOrder.stable(times)
            do { try ht.insert(rows.gathering(order)) } catch {
                // The violating row's place in the file, as a load error reads.
                if case .uniqueViolation(let v) = error, order.indices.contains(v.incomingRow), loaded.lines.indices.contains(order[v.incomingRow]) {
                    throw .invalidData(CopyError(v, file: path, line: Int(loaded.lines[order[v.incomingRow]]), table: table.name).description)
                }
                throw .invalidData(error.description)
            }
        }
    }
}
