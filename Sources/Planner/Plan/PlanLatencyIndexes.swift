import Foundation
import PostgresModel
import Schema

extension PlanLatency {
    /// The planned table's own indexes as the latency model reads them: the plain table's (and
    /// migration 009's), the hypertable's as every chunk copies them (TimescaleDB's default time
    /// index included when it is created), and the compressed chunks' (segmentby…, orderby
    /// metadata), with the series column named `ticker_id`, the interval column `interval` and the
    /// time column `timestamp`.
    ///
    /// Left out, as the size models leave them out: expression keys and methods other than B-tree
    /// and BRIN. A partial index is kept only when its predicate names the interval column alone
    /// (the NQP's `WHERE interval IN (…)`): of any other the model cannot tell whether the queries
    /// imply it.
    static func indexSet(_ s: Scenario) -> LatencyIndexSet {
        func shape(_ d: IndexDefinition) -> LatencyIndexSet.Index? {
            guard d.method == .btree || d.method == .brin, let columns = modelColumns(d, in: s) else { return nil }
            if let predicate = d.predicate {
                let named = Set(predicate.referencedColumns)
                guard let interval = s.series.interval, named == [interval] else { return nil }
            }
            return LatencyIndexSet.Index(name: d.name, columns: columns, method: d.method == .brin ? .brin : .btree,
                                         isPartial: d.predicate != nil || d.predicateSQL != nil)
        }
        var plain: [String: LatencyIndexSet.Index] = [:]
        for d in s.plainIndexes + (s.indexes009 ?? []) {
            if let ix = shape(d) { plain[d.name] = ix }
        }
        let chunk = TimescaleDBSizePrediction.sizedIndexes(of: s.table, given: s.hypertableIndexes, timeColumn: s.timeColumn,
                                                           createDefaultIndexes: s.createDefaultIndexes).compactMap(shape)
        let segmentBy = s.compression?.segmentBy ?? []
        var compressed = segmentBy.map { modelColumn($0, in: s) }
        if let first = s.compression?.orderBy.first { compressed.append(modelColumn(first.column, in: s) + " DESC") }
        let suffix = (segmentBy + ["_ts_meta_idx"]).joined(separator: "_")
        return LatencyIndexSet(plain: plain, chunk: chunk, compressed: compressed, compressedNameSuffix: suffix)
    }

    /// A column by the name the latency model's queries give its role: the time column is
    /// `timestamp`, the series column `ticker_id`, the interval column `interval`; a column that
    /// only shares one of those names with a role it does not have binds nothing.
    static func modelColumn(_ column: String, in s: Scenario) -> String {
        if column == s.timeColumn { return "timestamp" }
        if let series = s.series.series, column == series { return "ticker_id" }
        if let interval = s.series.interval, column == interval { return "interval" }
        return ["timestamp", "ticker_id", "interval"].contains(column) ? "\(column) (not the queried one)" : column
    }

    /// An index's keys in the model's names (`"timestamp DESC"`); nil when a key is an expression.
    static func modelColumns(_ d: IndexDefinition, in s: Scenario) -> [String]? {
        var columns: [String] = []
        for key in d.keys {
            guard let c = key.column else { return nil }
            columns.append(modelColumn(c, in: s) + (key.descending ? " DESC" : ""))
        }
        return columns.isEmpty ? nil : columns
    }
}
