import Schema
import Storage

/// Loading the stores from PostgreSQL `COPY … TO STDOUT WITH (FORMAT csv, HEADER)` files: the
/// fixtures users already have (or can export from their database) for their own tests.
///
/// Files are read with the engine's COPY reader, so values go through the same input rules as on
/// PostgreSQL (`numeric(12,2)` rounding, NOT NULL, CHECK constraints). Omitted `created_at` columns
/// take `loadTime`, like `DEFAULT now()` inside the loading transaction; timestamps written without
/// an offset are in `zone`, the session's `TimeZone` during the COPY.
extension InMemoryMarketData {
    /// `market_data` rows from COPY CSV files, read with `table`'s definition.
    public init(copyCSVFiles paths: [String], table: TableDefinition = NQPTables.marketData, loadTime: Int64 = 0,
                zone: PGTimeZone = .utc) throws(AnalyticsError) {
        var bars: [PriceBar] = []
        for rows in try CopyCSVFixtures.read(paths, table: table, loadTime: loadTime, zone: zone) { bars += try PriceBar.bars(from: rows) }
        self.init(bars: bars)
    }

    /// `market_data` rows from COPY CSV text.
    public init(copyCSV text: String, table: TableDefinition = NQPTables.marketData, loadTime: Int64 = 0,
                zone: PGTimeZone = .utc) throws(AnalyticsError) {
        try self.init(rows: CopyCSVFixtures.read(text: text, table: table, loadTime: loadTime, zone: zone))
    }
}

extension InMemoryPredictions {
    /// `predictions` (the default) or `block_predictions` rows from COPY CSV files.
    public init(copyCSVFiles paths: [String], table: TableDefinition = NQPTables.predictions, loadTime: Int64 = 0,
                zone: PGTimeZone = .utc) throws(AnalyticsError) {
        var records: [PredictionRecord] = []
        for rows in try CopyCSVFixtures.read(paths, table: table, loadTime: loadTime, zone: zone) { records += try PredictionRecord.records(from: rows) }
        self.init(records: records)
    }

    /// `predictions` (the default) or `block_predictions` rows from COPY CSV text.
    public init(copyCSV text: String, table: TableDefinition = NQPTables.predictions, loadTime: Int64 = 0,
                zone: PGTimeZone = .utc) throws(AnalyticsError) {
        try self.init(rows: CopyCSVFixtures.read(text: text, table: table, loadTime: loadTime, zone: zone))
    }
}

enum CopyCSVFixtures {
    static func read(_ paths: [String], table: TableDefinition, loadTime: Int64, zone: PGTimeZone) throws(AnalyticsError) -> [RowSet] {
        let reader = CopyReader(table: table, zone: zone, loadTime: loadTime)
        var sets: [RowSet] = []
        for path in paths {
            do { sets.append(try reader.read(path: path)) } catch { throw .invalidData(error.description) }
        }
        return sets
    }

    /// Each file's rows with the line each row starts on.
    static func load(_ paths: [String], table: TableDefinition, loadTime: Int64, zone: PGTimeZone) throws(AnalyticsError) -> [(path: String, loaded: CopyLoadResult)] {
        let reader = CopyReader(table: table, zone: zone, loadTime: loadTime)
        var out: [(path: String, loaded: CopyLoadResult)] = []
        for path in paths {
            do { out.append((path, try reader.load(path: path))) } catch { throw .invalidData(error.description) }
        }
        return out
    }

    static func read(text: String, table: TableDefinition, loadTime: Int64, zone: PGTimeZone) throws(AnalyticsError) -> RowSet {
        do { return try CopyReader(table: table, zone: zone, loadTime: loadTime).read(string: text) } catch { throw .invalidData(error.description) }
    }
}
