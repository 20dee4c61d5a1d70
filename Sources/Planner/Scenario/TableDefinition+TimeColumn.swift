import Schema

extension TableDefinition {
    /// The column a market_data-shaped table is partitioned by: the migrations' `create_hypertable`
    /// time column, else a column named `timestamp`, else the first timestamptz column; nil when
    /// there is none. `plan` and a profile measured from the table's rows agree on it.
    public var marketDataTimeColumn: String? {
        if let column = hypertable?.timeColumn { return column }
        if columnIndex("timestamp") != nil { return "timestamp" }
        return columns.first { $0.type == .timestamptz }?.name
    }
}
