import Schema

extension TableDefinition {
    /// The column a market_data-shaped table is partitioned by: the migrations' `create_hypertable`
    /// time column, else a column named `timestamp`, else the first timestamptz column, else the
    /// first `timestamp` one (TimescaleDB partitions by either), a bookkeeping stamp (`created_at`,
    /// `updated_at`, … as an ORM adds) only when no other is there; nil when there is none. `plan`,
    /// `simulate` and a profile measured from the table's rows agree on it.
    public var marketDataTimeColumn: String? {
        if let column = hypertable?.timeColumn { return column }
        if columnIndex("timestamp") != nil { return "timestamp" }
        let stamps = columns.filter { $0.type == .timestamptz } + columns.filter { $0.type == .timestamp }
        return (stamps.first { !Self.bookkeepingStamps.contains($0.name.lowercased()) } ?? stamps.first)?.name
    }

    /// Time columns ORMs add to every table: when a row was written or changed, not what it measures.
    static let bookkeepingStamps: Set<String> = ["created_at", "updated_at", "inserted_at", "modified_at", "deleted_at"]
}
