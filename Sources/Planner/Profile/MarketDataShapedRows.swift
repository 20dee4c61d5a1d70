import Schema
import Storage

/// A team's own bars seen under market_data's column names, so a profile is measured from a table
/// keyed by `symbol` (or whatever ``SeriesColumns`` finds) as from market_data: the instrument
/// column read as `ticker_id`, the interval column as `interval`, bar columns under other names
/// (`price`, `qty`: ``MarketDataGenerator/barSynonyms``) as `close`, `volume`, …. A table without
/// an interval column holds one bar interval: the spacing most consecutive bars of a series keep,
/// which must be one `plan` draws (``BarInterval``). A table with no close under any name
/// gives its first other number (a reading) as the close.
enum MarketDataShapedRows {
    static func view(_ rows: RowSet) throws(MarketDataProfile.MeasureError) -> RowSet {
        let table = rows.table
        guard let timeName = table.marketDataTimeColumn else { throw .missingColumn("timestamp") }
        let series = SeriesColumns.resolve(table, timeColumn: timeName, segmentBy: table.hypertable?.segmentBy ?? [])
        var renamed = table
        for (i, column) in table.columns.enumerated() {
            if column.name == series.series {
                renamed.columns[i].name = "ticker_id"
            } else if column.name == series.interval {
                renamed.columns[i].name = "interval"
            } else if column.name != timeName {
                renamed.columns[i].name = MarketDataGenerator.barRole(column, in: table)
            }
        }
        // No close under any name: the first number that is a reading (`temperature`), as the
        // generator fills it from the bar's close.
        if !renamed.columns.contains(where: { $0.name == "close" }),
           let i = table.columns.firstIndex(where: { column in
               switch column.type {
               case .numeric, .float4, .float8:
                   return column.catalogType == nil && column.name != timeName && renamed.columns.contains { $0.name == column.name }
                       && !MarketDataGenerator.knownColumns.contains(column.name)
               default: return false
               }
           }) {
            renamed.columns[i].name = "close"
        }
        var columns = rows.columns
        if series.series == nil {
            // One series: every row is ticker 1's.
            renamed.columns.append(ColumnDefinition("ticker_id", .int4, notNull: true))
            columns.append(ColumnVector(type: .int4, storage: .int64(Array(repeating: 1, count: rows.count))))
        }
        if series.interval == nil {
            let interval = try spacing(rows, series: series.series, time: timeName)
            renamed.columns.append(ColumnDefinition("interval", .text, notNull: true))
            columns.append(ColumnVector(type: .text, storage: .string(StringColumn(repeating: interval.name, count: rows.count))))
        }
        if renamed.columns.map(\.name) == table.columns.map(\.name) { return rows }
        return RowSet(table: renamed, columns: columns)
    }

    /// The bar interval of a table without an interval column: the most common gap between
    /// consecutive bars of one series (ties to the shorter), as a ``BarInterval``.
    /// `series` nil: the rows are one series.
    static func spacing(_ rows: RowSet, series: String?, time: String) throws(MarketDataProfile.MeasureError) -> BarInterval {
        guard let timeColumn = rows.column(time) else { throw .missingColumn(time) }
        guard case .time(let times) = timeColumn.storage else {
            throw .unreadableTimeColumn(name: time, type: timeColumn.type.sqlName)
        }
        let seriesColumn = series.flatMap { rows.column($0) }
        var bySeries: [String: [Int64]] = [:]
        for r in 0..<rows.count where !timeColumn.isNull(at: r) && seriesColumn?.isNull(at: r) != true {
            bySeries[seriesColumn.map { "\($0.value(at: r))" } ?? "", default: []].append(times[r])
        }
        var gaps: [Int64: Int] = [:]
        for var t in bySeries.values {
            t.sort()
            for k in t.indices.dropFirst() where t[k] > t[k - 1] {
                let (gap, overflow) = t[k].subtractingReportingOverflow(t[k - 1])
                if !overflow { gaps[gap, default: 0] += 1 }
            }
        }
        guard let common = gaps.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key else {
            throw .noUsableRows("the table has no interval column and no series has two bars to tell its interval from")
        }
        guard let interval = BarInterval.all.first(where: { $0.nominalMicroseconds == common }) else {
            throw .noUsableRows("the table has no interval column and its bars are \(PGInterval(microseconds: common).description) apart, "
                                + "not an interval plan draws (\(BarInterval.supportedList))")
        }
        return interval
    }
}
