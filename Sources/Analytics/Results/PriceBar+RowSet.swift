import Schema
import Storage

extension PriceBar {
    /// Bars as rows of `table` (built-in `market_data` by default), columns the bar lacks left to
    /// their defaults' values (`source` 'yfinance', `metadata` '{}') or NULL: the rows to insert
    /// into a ``Storage/Hypertable`` or write as COPY CSV.
    public static func rowSet(_ bars: [PriceBar], table: TableDefinition = NQPTables.marketData) -> RowSet {
        var rows = RowSet(table: table, capacity: bars.count)
        for bar in bars {
            rows.append(row: table.columns.map { column in
                switch column.name {
                case "id": return .uuid(bar.id)
                case "ticker_id": return .uuid(bar.tickerID)
                case "timestamp": return .timestamp(bar.timestamp)
                case "open": return Value(bar.open)
                case "high": return Value(bar.high)
                case "low": return Value(bar.low)
                case "close": return Value(bar.close)
                case "volume": return bar.volume.map { .int($0) } ?? .null
                case "interval": return .text(bar.interval)
                default:
                    if case .value(let v) = column.defaultValue { return v }
                    return .null
                }
            })
        }
        return rows
    }
}
