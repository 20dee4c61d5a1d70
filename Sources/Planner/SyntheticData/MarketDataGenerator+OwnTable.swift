import Schema

extension MarketDataGenerator {
    /// Why a migrations' table cannot be generated.
    public enum OwnTableFailure: Error, Sendable, Equatable, CustomStringConvertible {
        case noTimeColumn(table: String)
        /// The table has no column to tell instruments apart and more than one ticker was asked for.
        case noSeriesColumn(table: String, tickers: Int)
        case oneInterval(table: String, intervals: [String])

        public var description: String {
            switch self {
            case .noTimeColumn(let t): return "\"\(t)\" has no timestamptz column to stamp bars in"
            case .noSeriesColumn(let t, let tickers):
                return "\"\(t)\" has no column to hold each ticker's value, so its rows are one series and --tickers must be 1 "
                    + "(got \(tickers)); a ticker_id, a compress_segmentby column, or a column named symbol, ticker or instrument_id would hold one"
            case .oneInterval(let t, let intervals):
                return "\"\(t)\" has no interval column, so its rows are one bar interval; got \(intervals.joined(separator: ",")): "
                    + "generate each interval on its own"
            }
        }
    }

    /// A generator for a table the migrations define (`generate --schema`), found as `plan`
    /// finds it: bars stamped in its time column (``TableDefinition/marketDataTimeColumn``), each
    /// ticker's value and the interval in its ``SeriesColumns``. A table without an interval
    /// column takes one interval only: the first of `spec`'s when they were not given
    /// (`intervalsGiven` false, as `plan` takes `1m` there), else more than one is refused.
    public static func forTable(_ table: TableDefinition, spec: SyntheticDataSpec, intervalsGiven: Bool = true) throws(OwnTableFailure) -> MarketDataGenerator {
        var spec = spec
        guard let time = table.marketDataTimeColumn else { throw .noTimeColumn(table: table.name) }
        let series = SeriesColumns.resolve(table, timeColumn: time, segmentBy: table.hypertable?.segmentBy ?? [])
        if series.series == nil && spec.tickers > 1 { throw .noSeriesColumn(table: table.name, tickers: spec.tickers) }
        if series.interval == nil && spec.intervals.count > 1 {
            guard !intervalsGiven else { throw .oneInterval(table: table.name, intervals: spec.intervals) }
            spec.intervals = [spec.intervals[0]]
        }
        return MarketDataGenerator(spec: spec, table: table, timeColumn: time, series: series)
    }
}
