import Schema
import Storage

/// The hypertable settings every data command takes from the migrations when no flag gives them,
/// and otherwise TimescaleDB's own defaults: one rule for `simulate`, `compare`, `query` and `size`.
extension TableResolution {
    /// TimescaleDB's default `chunk_time_interval` for a timestamptz time column (7 days,
    /// `create_hypertable` without `chunk_time_interval`), as interval text for help texts.
    public static let timescaleDefaultChunkIntervalText = "7 days"

    /// `chunk_time_interval` in µs when no flag gives it: the migrations' `create_hypertable`,
    /// else TimescaleDB's default (7 days).
    public var defaultChunkInterval: Int64 {
        if let given = table.hypertable?.chunkInterval, let us = try? IntervalText.chunkInterval(given.description) { return us }
        return HypertableOptions.defaultChunkInterval
    }

    /// The chunk interval in µs: `flag` (interval text) when given, else ``defaultChunkInterval``.
    public func chunkInterval(flag: String?) throws(ScenarioError) -> Int64 {
        guard let flag else { return defaultChunkInterval }
        return try IntervalText.chunkInterval(flag)
    }

    /// The hypertable's time column when no flag names it: the migrations', else `timestamp`, else
    /// the table's first timestamptz column.
    public var defaultTimeColumn: String {
        if let column = table.hypertable?.timeColumn { return column }
        if table.columnIndex("timestamp") != nil { return "timestamp" }
        return table.columns.first { $0.type == .timestamptz }?.name ?? "timestamp"
    }
}
