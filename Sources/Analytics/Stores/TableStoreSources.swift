import Schema
import Storage

extension HypertableMarketData {
    /// `market_data` as a table store holds it (`simulate --save`, docs/STORE.md): the saved
    /// hypertable with its chunks, batches and settings as they were, then the rows of
    /// `copyCSVFiles` inserted in timestamp order, as ``init(copyCSVFiles:table:loadTime:chunkInterval:compressBefore:)``
    /// inserts them (a key already stored is refused).
    public init(store directory: String, copyCSVFiles paths: [String] = [], table: TableDefinition = NQPTables.marketData,
                loadTime: Int64 = 0, zone: PGTimeZone = .utc) throws(AnalyticsError) {
        var ht: Hypertable
        do { ht = try TableStore(directory: directory).open(table: table.name).hypertable(table: table) } catch {
            throw .invalidData(error.description)
        }
        try Self.insertInTimeOrder(paths, into: &ht, table: table, loadTime: loadTime, zone: zone)
        try self.init(hypertable: ht)
    }
}

extension InMemoryPredictions {
    /// `predictions` (the default) or `block_predictions` rows from a table store, followed by
    /// the rows of `copyCSVFiles`.
    public init(store directory: String, copyCSVFiles paths: [String] = [], table: TableDefinition = NQPTables.predictions,
                loadTime: Int64 = 0, zone: PGTimeZone = .utc) throws(AnalyticsError) {
        var records: [PredictionRecord]
        do { records = try PredictionRecord.records(from: try TableStore(directory: directory).open(table: table.name).rows(table: table)) } catch let error as AnalyticsError {
            throw error
        } catch {
            throw .invalidData("\(error)")
        }
        for rows in try CopyCSVFixtures.read(paths, table: table, loadTime: loadTime, zone: zone) { records += try PredictionRecord.records(from: rows) }
        self.init(records: records)
    }
}
