import Schema

/// The columns of a planned table that say which series a bar belongs to: the instrument column
/// (`ticker_id` in market_data) and the bar-interval column (`interval`; a table without one holds
/// one interval). `plan` draws each synthetic ticker's bars with its own value in the first and
/// the bar's interval in the second, so a team's table keyed by `symbol` (or `instrument_id`, or
/// whatever its compression segments by) is planned like market_data. A table with neither (one
/// series of readings: `metrics(ts timestamptz PRIMARY KEY, value float8)`) holds one ticker's bars.
public struct SeriesColumns: Sendable, Equatable {
    /// The column holding each ticker's own value (an id, a symbol); nil when the table has none,
    /// so its rows are one series (one ticker).
    public var series: String?
    /// The column holding the bar interval's name (`1m`, `5m`, …), nil when the table has none.
    public var interval: String?

    /// No instrument column and no interval column: the table holds one series.
    public static let single = SeriesColumns(series: nil, interval: nil)

    public init(series: String?, interval: String?) {
        self.series = series
        self.interval = interval
    }

    /// market_data's own: `ticker_id` and `interval`.
    public static let marketData = SeriesColumns(series: "ticker_id", interval: "interval")

    /// Names an instrument column commonly has, tried in this order after `ticker_id` and the segmentby.
    static let seriesNames = ["symbol", "ticker", "ticker_symbol", "instrument", "instrument_id", "symbol_id", "security_id", "asset",
                              "asset_id", "pair", "pair_id", "market", "market_id", "contract", "contract_id", "sym", "series_id",
                              "stock_id", "coin", "coin_id", "product_id",
                              "sensor", "sensor_id", "device", "device_id", "station", "station_id", "meter_id", "host"]
    /// Names a bar-interval column commonly has, after `interval`.
    static let intervalNames = ["bar_interval", "timeframe", "time_frame", "resolution", "granularity", "bar_size", "frequency", "freq", "period"]

    /// Whether the generator can give each ticker its own value in `column` (uuids, integers,
    /// text and enum labels).
    static func fillsPerTicker(_ column: ColumnDefinition) -> Bool {
        if let labels = column.enumLabels { return !labels.isEmpty }
        switch column.type {
        case .uuid, .int2, .int4, .int8: return column.catalogType == nil
        case .text, .varchar: return textual(column)
        default: return false
        }
    }

    /// A `text` or `varchar` column proper (not a type carried as text, such as `inet` or an enum).
    static func textual(_ column: ColumnDefinition) -> Bool {
        switch column.type {
        case .text, .varchar: return column.enumLabels == nil && (column.catalogType == nil || column.catalogType == "bpchar")
        default: return false
        }
    }

    /// The table's series columns: the instrument column is `ticker_id`, else a `segmentBy`
    /// column (TimescaleDB's segments are a table's series; the first named like one of
    /// ``seriesNames``, else the first), else a column named like
    /// one (``seriesNames``), else the first foreign-key column, else the first column beside the
    /// time column in the primary key or a unique constraint, else the only NOT NULL column that
    /// could be one; each must be of a type the generator fills per ticker and not a serial or
    /// identity column. The interval
    /// column is `interval`, else a text column named like one (``intervalNames``), else none.
    /// Without an instrument column the table holds one series (``series`` nil): one ticker, and
    /// with no interval column one bar interval.
    public static func resolve(_ table: TableDefinition, timeColumn: String, segmentBy: [String]) -> SeriesColumns {
        func column(_ name: String) -> ColumnDefinition? { table.columns.first { $0.name == name } }
        let interval: String? = {
            if column("interval") != nil { return "interval" }
            return intervalNames.lazy.compactMap { name in
                table.columns.first { $0.name.lowercased() == name && textual($0) }?.name
            }.first
        }()
        func usable(_ name: String) -> Bool {
            // A serial or identity column counts rows, one value each: it tells no series apart.
            guard name != timeColumn, name != interval, let c = column(name), c.generated == nil, c.defaultValue != .sequence else { return false }
            return fillsPerTicker(c)
        }
        if column("ticker_id") != nil { return SeriesColumns(series: "ticker_id", interval: interval) }
        // Of several segmentby columns (`exchange, symbol`), the one named like an instrument.
        if let s = segmentBy.first(where: { usable($0) && seriesNames.contains($0.lowercased()) }) ?? segmentBy.first(where: usable) {
            return SeriesColumns(series: s, interval: interval)
        }
        for name in seriesNames {
            if let c = table.columns.first(where: { $0.name.lowercased() == name }), usable(c.name) {
                return SeriesColumns(series: c.name, interval: interval)
            }
        }
        // A column referencing another table (an ORM's `symbol_id` → symbols) names the row's
        // instrument there.
        if let s = table.foreignKeys.lazy.flatMap(\.columns).first(where: usable) { return SeriesColumns(series: s, interval: interval) }
        let keys = (table.primaryKey.map { [$0] } ?? []) + table.uniqueIndexes
        for index in keys where index.keyColumns.contains(timeColumn) {
            if let s = index.keyColumns.first(where: usable) { return SeriesColumns(series: s, interval: interval) }
        }
        // Else the one NOT NULL column of such a type beside the time column (a table of readings
        // keyed by whatever names its source).
        let required = table.columns.filter { $0.notNull && usable($0.name) }
        if required.count == 1 { return SeriesColumns(series: required[0].name, interval: interval) }
        return SeriesColumns(series: nil, interval: interval)
    }
}
