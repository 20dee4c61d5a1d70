import Foundation
import Testing
import Analytics
@testable import Report
import TestSupport

/// `query`'s table is psql's aligned format: the same result printed by the real psql of the
/// throwaway PostgreSQL 15 (same column names, types and values) is the same text, byte for byte.
@Suite(.serialized) struct QueryTablePsqlTests {
    /// A SELECT whose result psql prints with these columns, types and values.
    static func select(_ r: QueryResult) -> String {
        func literal(_ v: String?, _ type: String) -> String {
            guard let v else { return "NULL::\(type)" }
            return "'" + v.replacingOccurrences(of: "'", with: "''") + "'::\(type)"
        }
        let names = r.columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let typed = r.columns.indices.map { "NULL::\(r.types[$0])" }.joined(separator: ", ")
        guard !r.rows.isEmpty else { return "SELECT * FROM (VALUES (\(typed))) v(\(names)) WHERE false;" }
        let rows = r.rows.map { row in "(" + row.indices.map { literal(row[$0], r.types[$0]) }.joined(separator: ", ") + ")" }
        return "SELECT * FROM (VALUES \(rows.joined(separator: ", "))) v(\(names));"
    }

    static let cases: [QueryResult] = [
        CommandReportFixtures.query.asResult,
        QueryResult(columns: QueryResult.latestPriceColumns, rows: [[
            "0b6f9a52-1c1e-4a55-9c39-6b1d2a8f0c11", "00000000-0000-4000-8000-0000000000aa", "2025-01-02 14:30:00+00",
            "150.25", "151", "149.7500", "150.5", "9223372036854775807", "1m"]], types: QueryResult.latestPriceTypes),
        QueryResult(columns: QueryResult.latestPriceColumns, rows: [[
            "0b6f9a52-1c1e-4a55-9c39-6b1d2a8f0c11", "00000000-0000-4000-8000-0000000000aa", "2025-01-02 14:30:00+00",
            "1", "2", "0.5", "1.5", nil, nil]], types: QueryResult.latestPriceTypes),
        QueryResult(columns: QueryResult.priceRangeColumns, rows: [], types: QueryResult.priceRangeTypes),
        QueryResult(columns: QueryResult.predictionAccuracyColumns, rows: [["12", "7", "3", "2", "70.00", nil, "-0.125"]],
                    types: QueryResult.predictionAccuracyTypes),
        QueryResult(columns: QueryResult.blockPredictionAccuracyColumns, rows: [["0", "0", "0", nil, nil]],
                    types: QueryResult.blockPredictionAccuracyTypes),
    ]

    @Test(.enabled(if: PostgresCluster.canRun, "needs Debian's postgresql-15"), arguments: cases.indices)
    func theTableIsWhatPsqlPrints(_ index: Int) throws {
        let pg = try PostgresCluster.shared()
        let result = Self.cases[index]
        let printed = try pg.psql(["-X", "-q", "-d", "postgres"], input: "SET TimeZone = 'UTC';\n" + Self.select(result))
        // `psql(_:input:)` drops the output's final newline.
        #expect(QueryReport(result).tableText() == printed + "\n")
    }

    @Test func numericColumnsAlignRightAndHeadersCentre() {
        let text = CommandReportFixtures.query.tableText()
        #expect(text.hasPrefix("       timestamp        |  open  |  high   |  low   |  close  | volume \n"))
        #expect(text.contains("\n 2025-01-02 14:31:00+00 | 150.50 | 152.125 | 150.00 | 1512.00 |       \n"))
        #expect(text.hasSuffix("(2 rows)\n\n"))
    }
}

extension QueryReport {
    var asResult: QueryResult { QueryResult(columns: columns, rows: rows, types: types) }
}
