import Analytics
import Schema
import Storage
import Testing

/// A market_data schema may declare its prices as unconstrained `numeric`; the price functions
/// hold prices of up to 18 digits and say which row and column is wider, instead of a vague
/// "not shaped like market_data".
@Suite struct WidePriceTests {
    static var unconstrainedPrices: TableDefinition {
        var t = NQPTables.marketData
        for name in ["open", "high", "low", "close"] {
            if let i = t.columnIndex(name) { t.columns[i].type = .numeric(precision: nil, scale: nil) }
        }
        return t
    }

    static func csv(close: String) -> String {
        """
        id,ticker_id,timestamp,open,high,low,close,volume,interval,source,metadata,created_at
        5e1d0a5a-47e6-4037-a2d8-84f401929eb5,631eb6fc-3ea7-f5f6-319d-66ac0ff5c73b,2024-01-01 23:57:00+00,1.5,2,1,1.75,107,1m,x,{},2024-01-01 23:58:00+00
        0fdc86dd-9ab9-4075-ac73-adc1f544917b,631eb6fc-3ea7-f5f6-319d-66ac0ff5c73b,2024-01-01 23:58:00+00,1.5,2,1,\(close),107,1m,x,{},2024-01-01 23:59:00+00

        """
    }

    @Test func narrowPricesInAnUnconstrainedColumnAreRead() throws {
        let rows = try CopyReader(table: Self.unconstrainedPrices, loadTime: 0).read(string: Self.csv(close: "1.25"))
        let bars = try PriceBar.bars(from: rows)
        #expect(bars.map(\.close.description) == ["1.75", "1.25"])
    }

    @Test func aWidePriceIsRefusedByRowAndColumn() throws {
        let rows = try CopyReader(table: Self.unconstrainedPrices, loadTime: 0).read(string: Self.csv(close: "1234567890123456789012.5"))
        do {
            _ = try InMemoryMarketData(rows: rows)
            Issue.record("a 23-digit close was accepted")
        } catch {
            #expect(error.description.contains("row 2 of market_data: the close price 1234567890123456789012.5 has more than 18 digits"), "\(error)")
        }
    }
}
