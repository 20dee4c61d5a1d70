/// The orderby TimescaleDB uses when compression is enabled without `compress_orderby`
/// (`_timescaledb_functions.get_orderby_defaults`, sql/compression_defaults.sql, called by
/// `compression_settings_set_defaults` in tsl/src/compression/create.c with the segmentby in
/// force), and the time key it appends to an orderby that was given without the time column
/// (`add_time_to_order_by_if_not_included`).
///
/// The default is read from the table's definition alone (the function reads no statistics):
/// 1. the key columns of the table's first unique index (the primary key when `CREATE TABLE`
///    declared one: PostgreSQL builds it before the other constraints' indexes), in key order,
///    less the segmentby columns;
/// 2. then every dimension column not yet listed and not a segmentby column;
/// 3. then the first column of any other index, not yet listed and not a segmentby column;
/// dimension columns sort DESC (NULLS FIRST), the others ASC (NULLS LAST).
///
/// A unique index without every partitioning column cannot exist on a hypertable (the server
/// refuses `create_hypertable`), so it is passed over. Where several indexes lead with different
/// columns, the function leaves their order to its aggregate; here they come in column order.
public enum TimescaleOrderByDefault {
    /// The default orderby of `table` compressed with `segmentBy`, its dimensions `partitioning`
    /// (the time column first).
    public static func keys(of table: TableDefinition, segmentBy: [String], partitioning: [String]) -> [CompressionOrderKey] {
        var names: [String] = []
        func add(_ name: String) {
            guard !names.contains(name), !segmentBy.contains(name), table.column(name) != nil else { return }
            names.append(name)
        }
        let possible = table.indexes.filter { index in
            !index.unique || partitioning.allSatisfy { index.keyColumns.contains($0) }
        }
        if let firstUnique = possible.first(where: \.unique) {
            for key in firstUnique.keys { if let name = key.column { add(name) } }
        }
        for name in partitioning { add(name) }
        let leading = Set(possible.compactMap { $0.keys.first?.column })
        for column in table.columns where leading.contains(column.name) { add(column.name) }
        return names.map { CompressionOrderKey(column: $0, descending: partitioning.contains($0)) }
    }

    /// The default for `segmentBy` given as `compress_segmentby` text; nil when that text does
    /// not parse (the settings then say why).
    public static func keys(of table: TableDefinition, segmentByText: String, partitioning: [String]) -> [CompressionOrderKey]? {
        guard let segments = try? CompressionOrderKey.parseSegmentBy(segmentByText) else { return nil }
        return keys(of: table, segmentBy: segments, partitioning: partitioning)
    }

    /// `keys` as `compress_orderby` text, nil for none.
    public static func text(_ keys: [CompressionOrderKey]) -> String? {
        keys.isEmpty ? nil : keys.map(\.description).joined(separator: ", ")
    }

    /// `orderBy` as the server keeps it: with `timeColumn DESC NULLS FIRST` appended when neither
    /// the orderby nor the segmentby holds the time column.
    public static func completing(_ orderBy: [CompressionOrderKey], segmentBy: [String], timeColumn: String) -> [CompressionOrderKey] {
        guard !orderBy.contains(where: { $0.column == timeColumn }), !segmentBy.contains(timeColumn) else { return orderBy }
        return orderBy + [CompressionOrderKey(column: timeColumn, descending: true, nullsFirst: true)]
    }

    /// Whether `keys` is more than the time column DESC alone (the default a reader would assume).
    public static func isNotable(_ keys: [CompressionOrderKey], timeColumn: String) -> Bool {
        keys != [CompressionOrderKey(column: timeColumn, descending: true)]
    }
}
