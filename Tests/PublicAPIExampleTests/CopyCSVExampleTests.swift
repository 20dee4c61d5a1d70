import Foundation
import Schema
import Storage
import Testing

/// What a library user writes to load a PostgreSQL COPY export, check it, and write it back.
@Suite("Example: COPY CSV in and out")
struct CopyCSVExampleTests {
    static let export = """
        ticker_id,timestamp,open,high,low,close,volume,interval
        a195767f-12d8-ede4-e262-52f9b971474a,2023-01-02 23:00:00+00,3885.75,3900.00,3885.00,3888.50,2660,1m
        a195767f-12d8-ede4-e262-52f9b971474a,2023-01-02 23:01:00+00,3888.75,3890.25,3888.00,3888.75,,1m

        """

    @Test func loadValidateAndWriteBack() throws {
        // Omitted columns take their defaults: ids from the seed, created_at = loadTime.
        let reader = CopyReader(table: NQPTables.marketData, loadTime: try PGTimestamp.parse("2023-01-03 00:00:00+00"), seed: 42)
        let rows = try reader.read(string: Self.export, file: "export.csv")
        #expect(rows.count == 2)
        #expect(rows.column("volume")?.isNull(at: 1) == true)

        let merged = try UniqueKeyMerge.merge(existing: RowSet(table: NQPTables.marketData), incoming: rows)
        let csv = CopyWriter().writeString(merged.rows)
        #expect(csv.hasPrefix("id,ticker_id,timestamp,open,high,low,close,volume,interval,source,metadata,created_at\n"))
        #expect(csv.hasSuffix(",3888.75,3890.25,3888.00,3888.75,,1m,yfinance,{},2023-01-03 00:00:00+00\n"))
    }

    @Test func errorsSayWhereAndWhat() {
        let bad = Self.export.replacingOccurrences(of: "3900.00", with: "39000000000.00")
        do {
            _ = try CopyReader(table: NQPTables.marketData).read(string: bad, file: "export.csv")
            Issue.record("overflow accepted")
        } catch {
            #expect(error.description == "export.csv:2:4: column \"high\": numeric field overflow")
        }
    }
}
