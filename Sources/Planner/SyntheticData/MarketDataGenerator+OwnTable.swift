import Schema

extension MarketDataGenerator {
    /// Why a migrations' table cannot be generated.
    public enum OwnTableFailure: Error, Sendable, Equatable, CustomStringConvertible {
        case noTimeColumn(table: String)
        case noSeriesColumn(table: String)
        case oneInterval(table: String, intervals: [String])

        public var description: String {
            switch self {
            case .noTimeColumn(let t): return "\"\(t)\" has no timestamptz column to stamp bars in"
            case .noSeriesColumn(let t):
                return "\"\(t)\" has no column to hold each ticker's value: give it a ticker_id, a compress_segmentby column, "
                    + "or a column named symbol, ticker or instrument_id"
            case .oneInterval(let t, let intervals):
                return "\"\(t)\" has no interval column, so its rows are one bar interval; got \(intervals.joined(separator: ",")): "
                    + "generate each interval on its own"
            }
        }
    }

    /// A generator for a table the migrations define (`generate --schema`), found as `plan`
    /// finds it: bars stamped in its time column (``TableDefinition/marketDataTimeColumn``), each
    /// ticker's value and the interval in its ``SeriesColumns``. A table without an interval
    /// column takes one interval only.
    public static func forTable(_ table: TableDefinition, spec: SyntheticDataSpec) throws(OwnTableFailure) -> MarketDataGenerator {
        guard let time = table.marketDataTimeColumn else { throw .noTimeColumn(table: table.name) }
        guard let series = SeriesColumns.resolve(table, timeColumn: time, segmentBy: table.hypertable?.segmentBy ?? []) else {
            throw .noSeriesColumn(table: table.name)
        }
        if series.interval == nil && spec.intervals.count > 1 { throw .oneInterval(table: table.name, intervals: spec.intervals) }
        return MarketDataGenerator(spec: spec, table: table, timeColumn: time, series: series)
    }
}
