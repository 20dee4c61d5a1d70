import Foundation
import Server
import Testing

/// `Accept: text/csv` answers must be byte-identical to the body PostgREST 12 builds in SQL
/// (`SqlFragment.asCsvF`) over the same rows, in UTC and in America/New_York: the header from the
/// first row of the statement's source (`pgrst_source`), then each row's `record_out` text
/// without its parentheses.
extension ServeDifferentialTests {
    /// PostgREST's statement around a read: `pgrst_source` is `source` (a table read's own query,
    /// or a call), the rows are `read` (over `pgrst_source`).
    static func csvStatement(source: String, read: String) -> String {
        let header = "(SELECT coalesce(string_agg(a.k, ','), '') FROM (SELECT json_object_keys(r)::text AS k FROM "
            + "(SELECT row_to_json(hh) AS r FROM pgrst_source AS hh LIMIT 1) s) a)"
        let body = "coalesce(string_agg(substring(_postgrest_t::text, 2, length(_postgrest_t::text) - 2), E'\\n'), '')"
        return "WITH pgrst_source AS (\(source)) SELECT \(header) || E'\\n' || \(body) FROM (\(read)) _postgrest_t;\n"
    }

    /// (REST request, `pgrst_source`, the rows read from it): every table read of ``cases`` (its
    /// own source), and calls, whose source is the call returning the selected columns (sorted,
    /// once each) or all of them, before filters and ranges.
    static let csvCases: [(String, String, String)] = {
        var out = cases.filter { !$0.0.hasPrefix("rpc/") }.map { ($0.0, $0.1, "SELECT * FROM pgrst_source") }
        let range = "{\"p_ticker_id\":\"\(syn2)\",\"p_interval\":\"5m\",\"p_start\":\"2024-01-02 10:00:00+00\",\"p_end\":\"2024-01-02 12:00:00+00\"}"
        let rangeSQL = "get_price_range('\(syn2)', '5m', '2024-01-02 10:00:00+00', '2024-01-02 12:00:00+00') pgrst_call"
        out += [
            ("rpc/get_latest_price {\"p_ticker_id\":\"\(syn1)\",\"p_interval\":\"1m\"}",
             "SELECT pgrst_call.* FROM get_latest_price(p_ticker_id => '\(syn1)', p_interval => '1m') pgrst_call", "SELECT * FROM pgrst_source"),
            ("rpc/get_latest_price {\"p_ticker_id\":\"00000000-0000-0000-0000-000000000000\"}",
             "SELECT pgrst_call.* FROM get_latest_price(p_ticker_id => '00000000-0000-0000-0000-000000000000') pgrst_call", "SELECT * FROM pgrst_source"),
            ("rpc/get_prediction_accuracy {\"p_ticker_id\":\"\(syn1)\",\"p_days\":7}",
             "SELECT pgrst_call.* FROM get_prediction_accuracy(p_ticker_id => '\(syn1)', p_days => 7) pgrst_call", "SELECT * FROM pgrst_source"),
            ("rpc/get_block_prediction_accuracy {\"p_ticker_id\":\"\(syn2)\"}",
             "SELECT pgrst_call.* FROM get_block_prediction_accuracy(p_ticker_id => '\(syn2)') pgrst_call", "SELECT * FROM pgrst_source"),
            ("rpc/get_price_range?select=volume,close,timestamp&or=(volume.lt.500,volume.gt.5000)&order=close.desc,timestamp&limit=5 \(range)",
             "SELECT pgrst_call.close, pgrst_call.\"timestamp\", pgrst_call.volume FROM \(rangeSQL)",
             "SELECT volume, close, \"timestamp\" FROM pgrst_source WHERE volume < 500 OR volume > 5000 ORDER BY close DESC, \"timestamp\" LIMIT 5"),
            ("rpc/get_price_range?select=v:volume,close::text,timestamp::date,open::int&order=timestamp.desc&limit=4 \(range)",
             "SELECT pgrst_call.close, pgrst_call.open, pgrst_call.\"timestamp\", pgrst_call.volume FROM \(rangeSQL)",
             "SELECT volume AS v, CAST(close AS text), CAST(\"timestamp\" AS date), CAST(open AS int) FROM pgrst_source p ORDER BY p.\"timestamp\" DESC LIMIT 4"),
            ("rpc/get_price_range?select=close,c:close,timestamp&order=timestamp&limit=2 \(range)",
             "SELECT pgrst_call.close, pgrst_call.\"timestamp\" FROM \(rangeSQL)",
             "SELECT close, close AS c, \"timestamp\" FROM pgrst_source ORDER BY \"timestamp\" LIMIT 2"),
            // Filters that keep no row: the call still had rows, so the header stays.
            ("rpc/get_price_range?close=lt.0 \(range)",
             "SELECT pgrst_call.* FROM \(rangeSQL)", "SELECT * FROM pgrst_source WHERE close < 0"),
            ("rpc/get_price_range?select=*&order=timestamp&limit=3&offset=2 \(range)",
             "SELECT pgrst_call.* FROM \(rangeSQL)", "SELECT * FROM pgrst_source ORDER BY \"timestamp\" LIMIT 3 OFFSET 2"),
        ]
        // Table reads that keep no row: no header.
        out.append(("market_data?select=id,close&close=lt.0", "SELECT id, close FROM market_data WHERE close < 0", "SELECT * FROM pgrst_source"))
        return out
    }()

    @Test(arguments: ["UTC", "America/New_York"])
    func csvBodiesEqualPostgres(zone: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("serve-csv-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (api, cluster, db, prefix) = try Self.prepared(zone: zone, in: dir)
        var script = prefix
        for (i, c) in Self.csvCases.enumerated() {
            script += "\\echo '#case \(i)'\n" + Self.csvStatement(source: c.1, read: c.2)
        }
        let expected = try Self.answers(cluster, db, script)
        #expect(expected.count == Self.csvCases.count)
        var withRows = 0
        for (i, c) in Self.csvCases.enumerated() where i < expected.count {
            let response = api.handle(Self.request(c.0, headers: [("Accept", "text/csv")]))
            #expect(response.status == 200, "\(c.0): \(response.body)")
            #expect(response.header("Content-Type") == "text/csv; charset=utf-8")
            #expect(response.body == expected[i], "\(zone) \(c.0)\n  serve: \(response.body.prefix(600))\n  pg:    \(expected[i].prefix(600))")
            if expected[i].contains(",") { withRows += 1 }
        }
        #expect(withRows >= Self.csvCases.count * 2 / 3)
    }
}
