import Foundation
import PostgresModel
import Schema

/// Migration 009's indexes (REFERENCE.md §2) as PostgreSQL 15 accepts them: the covering
/// `(ticker_id, timestamp DESC) INCLUDE (open, high, low, close, volume)`, the BRIN on `timestamp`
/// (`pages_per_range = 128`) and the partial `(interval)` index. Its fourth index, partial on
/// `created_at > now() - 30 days`, is refused by PostgreSQL (functions in an index predicate must
/// be IMMUTABLE), so no server ever holds it. The calibration script kept the 001
/// `(ticker_id, timestamp DESC)` index beside the covering one, and so does this set.
public enum NQPIndexes {
    public static let migration009SQL = """
        CREATE INDEX idx_market_data_ticker_timestamp_covering ON market_data (ticker_id, "timestamp" DESC) INCLUDE (open, high, low, close, volume);
        CREATE INDEX idx_market_data_timestamp_brin ON market_data USING brin ("timestamp") WITH (pages_per_range = 128);
        CREATE INDEX idx_market_data_interval ON market_data (interval) WHERE interval IN ('1m','5m','15m','30m','1h');
        """

    /// The 009 indexes for `table` (renamed onto it), or nil when it lacks their columns.
    public static func migration009(for table: TableDefinition) -> [IndexDefinition]? {
        for c in ["ticker_id", "timestamp", "open", "high", "low", "close", "volume", "interval"] where table.columnIndex(c) == nil {
            return nil
        }
        let sql = migration009SQL.replacingOccurrences(of: " ON market_data ", with: " ON \(SQLQuoting.identifier(table.name)) ")
        guard let statements = try? SQLParser.parse(text: sql, file: "009_indexes.sql") else { return nil }
        var catalog = SchemaCatalog(tables: [table])
        let before = Set(table.indexes.map(\.name))
        for s in statements {
            let diagnostics = MigrationCheck.apply(s, to: &catalog, target: TimescaleTarget())
            if diagnostics.contains(where: { $0.severity == .error }) { return nil }
        }
        return catalog.tables[table.name]?.indexes.filter { !before.contains($0.name) }
    }
}

/// Identifier quoting as PostgreSQL's `quote_ident` does it (lower-case letters, digits and `_`,
/// not starting with a digit, stay bare).
enum SQLQuoting {
    static func identifier(_ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
            && !(name.first!.isNumber)
        return plain ? name : "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
