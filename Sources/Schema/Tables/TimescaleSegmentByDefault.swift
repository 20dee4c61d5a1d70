/// The segmentby TimescaleDB picks when compression is enabled without `compress_segmentby`
/// (`_timescaledb_functions.get_segmentby_defaults`, sql/compression_defaults.sql), as far as the
/// table's definition decides it: the column that comes first in the unique indexes, else in the
/// other indexes (lowest key position, ties to the earlier index), never a partitioning column or a
/// serial/identity column. The function also requires the column's statistics to show more than
/// one distinct value and fewer than ANALYZE's "scales with the table" threshold (10 % of the
/// rows); from the definition alone, the columns whose statistics would fail it are left out: a
/// column that is a unique key on its own (all values distinct) and measurement or time columns
/// (float, numeric, timestamps: values that grow with the rows). Newer releases weigh statistics
/// further, so the server may choose otherwise on skewed data.
public enum TimescaleSegmentByDefault {
    /// The default segmentby column for `table` partitioned by `partitioning`, or nil (none).
    public static func column(of table: TableDefinition, partitioning: [String]) -> String? {
        let uniqueAlone = Set(table.indexes.filter { $0.unique && $0.keys.count == 1 }.compactMap { $0.keys.first?.column })
        func eligible(_ name: String) -> Bool {
            guard !partitioning.contains(name), !uniqueAlone.contains(name), let column = table.column(name) else { return false }
            if case .sequence? = column.defaultValue { return false }
            switch column.type {
            case .float4, .float8, .numeric: return false
            default: return !column.type.isTimeType
            }
        }
        for unique in [true, false] {
            var best: (column: String, position: Int)?
            for index in table.indexes where index.unique == unique {
                for (position, key) in index.keys.enumerated() {
                    guard let name = key.column, eligible(name) else { continue }
                    if best == nil || position < best!.position { best = (name, position) }
                }
            }
            if let best { return best.column }
        }
        return nil
    }
}
