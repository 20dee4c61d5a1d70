import Analytics
import Foundation
import Server
import Testing
import TestSupport

/// `PATCH`/`DELETE` through ``RestAPI`` and the same `UPDATE`/`DELETE … RETURNING` on PostgreSQL 15
/// leave the same tables and return the same rows; control characters in text and jsonb values
/// come back escaped exactly as PostgreSQL's `escape_json` writes them.
@Suite(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "PostgreSQL 15 is not installed"))
struct ServeWriteDifferentialTests {
    static let syn1 = ServeDifferentialTests.syn1
    static let syn2 = ServeDifferentialTests.syn2

    /// (method, REST path and query, JSON body, the equivalent SQL statement without RETURNING).
    static let steps: [(String, String, String, String)] = [
        ("PATCH", "predictions?ticker_id=eq.\(syn1)&or=(actual_result.is.null,actual_result.eq.PENDING)",
         #"{"actual_result":"CORRECT","weighted_score":0.5}"#,
         "UPDATE predictions SET actual_result = 'CORRECT', weighted_score = 0.5 WHERE ticker_id = '\(syn1)' AND (actual_result IS NULL OR actual_result = 'PENDING')"),
        ("PATCH", "predictions?confidence=lt.10",
         #"{"confidence":"10.5","metadata":{"b":1,"a":[1,"x\by\f\u0001"]}}"#,
         #"UPDATE predictions SET confidence = 10.5, metadata = '{"b":1,"a":[1,"x\by\f\u0001"]}' WHERE confidence < 10"#),
        ("DELETE", "predictions?actual_result=eq.WRONG&confidence=gt.50", "",
         "DELETE FROM predictions WHERE actual_result = 'WRONG' AND confidence > 50"),
        ("DELETE", "market_data?ticker_id=eq.\(syn2)&interval=like.5*&timestamp=lt.2024-01-02T00:00:00Z", "",
         "DELETE FROM market_data WHERE ticker_id = '\(syn2)' AND \"interval\" LIKE '5%' AND \"timestamp\" < '2024-01-02T00:00:00Z'"),
        ("PATCH", "market_data?ticker_id=eq.\(syn1)&interval=eq.5m&timestamp=gte.2024-01-04T00:00:00Z",
         #"{"volume":null,"close":1.5,"source":"tab\there"}"#,
         "UPDATE market_data SET volume = NULL, close = 1.5, source = E'tab\\there' WHERE ticker_id = '\(syn1)' AND \"interval\" = '5m' AND \"timestamp\" >= '2024-01-04T00:00:00Z'"),
        ("DELETE", "block_predictions?not.or=(confidence.gt.20,actual_result.is.null)", "",
         "DELETE FROM block_predictions WHERE NOT (confidence > 20 OR actual_result IS NULL)"),
    ]

    @Test func updatesAndDeletesMatchPostgres() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("serve-write-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (predictions, blocks) = try ServeDifferentialTests.predictionFiles(in: dir)
        let marketData = SharedData.packageRoot.appendingPathComponent("fixtures/market_data_sample.csv").path
        let sql = SharedData.packageRoot.appendingPathComponent("sql")
        let schema = sql.appendingPathComponent("001_nqp_schema.sql")

        var config = ServedDatabase.Configuration()
        config.schemaFiles = [schema.path]
        config.dataPaths = [marketData, predictions, blocks]
        config.now = try AnalyticsSession(now: ServeDifferentialTests.now).now
        let api = RestAPI(database: try ServedDatabase(config))

        let cluster = try PostgresCluster.shared()
        let db = try cluster.createDatabase("servewrite")
        var script = try String(contentsOf: schema, encoding: .utf8) + "\n"
        script += "INSERT INTO tickers (id, symbol) VALUES ('\(Self.syn1)', 'SYN1'), ('\(Self.syn2)', 'SYN2');\n"
        script += "\\copy market_data FROM '\(marketData)' WITH (FORMAT csv, HEADER)\n"
        script += "\\copy predictions (id,ticker_id,timestamp,prediction,confidence,weighted_score,actual_result,created_at,updated_at) FROM '\(predictions)' WITH (FORMAT csv, HEADER)\n"
        script += "\\copy block_predictions (id,ticker_id,hour_start_timestamp,prediction_timestamp,prediction,confidence,actual_result,created_at,metadata) FROM '\(blocks)' WITH (FORMAT csv, HEADER)\n"
        script += "SET TimeZone = 'UTC';\n"
        let tables = ["market_data", "predictions", "block_predictions"]
        func snapshot(_ t: String) -> String { "SELECT coalesce(json_agg(_t), '[]') FROM (SELECT * FROM \(t) ORDER BY id) _t;\n" }
        for (i, step) in Self.steps.enumerated() {
            script += "\\echo '#returning \(i)'\n"
            script += "WITH _t AS (\(step.3) RETURNING *) SELECT coalesce(json_agg(_t ORDER BY id), '[]') FROM _t;\n"
            for t in tables { script += "\\echo '#state \(i) \(t)'\n" + snapshot(t) }
        }
        let out = try cluster.psql(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", db], input: script)
        var expected: [String: String] = [:]
        var label: String?
        var lines: [Substring] = []
        for line in out.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") {
                if let label { expected[label] = lines.joined(separator: "\n") }
                label = String(line)
                lines = []
            } else if label != nil { lines.append(line) }
        }
        if let label { expected[label] = lines.joined(separator: "\n") }

        var changed = 0
        for (i, step) in Self.steps.enumerated() {
            let parts = step.1.split(separator: "?", maxSplits: 1)
            let response = api.handle(RestRequest(method: step.0, path: "/rest/v1/" + parts[0], query: String(parts[1]) + "&order=id",
                                                  headers: [("Prefer", "return=representation")], body: Array(step.2.utf8)))
            #expect(response.status == 200, "\(step.1): \(response.body)")
            let pg = try #require(expected["#returning \(i)"])
            #expect(response.body == pg, "step \(i) \(step.0) \(step.1)\n  serve: \(response.body.prefix(800))\n  pg:    \(pg.prefix(800))")
            if pg != "[]" { changed += 1 }
            for t in tables {
                let state = api.handle(RestRequest(method: "GET", path: "/rest/v1/\(t)", query: "order=id"))
                let pgState = try #require(expected["#state \(i) \(t)"])
                #expect(state.body == pgState, "after step \(i), \(t) differs")
            }
        }
        // Every step must change something, or the comparison proves little.
        #expect(changed == Self.steps.count)
    }

    /// Every control character (and `"`, `\`, DEL, non-ASCII) in text and jsonb values, read back
    /// and returned by an insert, as PostgreSQL 15's `json_agg` writes it.
    @Test func controlCharactersAreEscapedLikePostgres() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("serve-escape-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let schema = "CREATE TABLE escapes (id integer PRIMARY KEY, body text, doc jsonb);\n"
        let schemaFile = dir.appendingPathComponent("escapes.sql")
        try schema.write(to: schemaFile, atomically: true, encoding: .utf8)
        var csv = "id,body,doc\n"
        var codes: [UInt32] = Array(1...0x1F) + [0x22, 0x5C, 0x2F, 0x7F, 0x80, 0xE9, 0x2028, 0x1F600]
        codes.sort()
        for (k, code) in codes.enumerated() {
            let ch = String(Character(Unicode.Scalar(code)!))
            let text = "a" + ch + "b"
            // The jsonb document spells the character as a \u escape (valid JSON for every code).
            let escaped = code > 0xFFFF ? "\\ud83d\\ude00" : String(format: "\\u%04x", code)
            let doc = "{\"s\": \"a\(escaped)b\", \"\(escaped)\": [\"\(escaped)\"]}"
            csv += "\(k + 1),\"\(text.replacingOccurrences(of: "\"", with: "\"\""))\",\"\(doc.replacingOccurrences(of: "\"", with: "\"\""))\"\n"
        }
        let dataFile = dir.appendingPathComponent("escapes.csv")
        try csv.write(to: dataFile, atomically: true, encoding: .utf8)

        var config = ServedDatabase.Configuration()
        config.schemaFiles = [schemaFile.path]
        config.dataPaths = [dataFile.path]
        let api = RestAPI(database: try ServedDatabase(config))

        let cluster = try PostgresCluster.shared()
        let db = try cluster.createDatabase("serveesc")
        let insertJSON = #"{"id":1000,"body":"\b\f\n\r\t\u0001\u001f\u007f\"\\\/","doc":{"k\b":"\f\u0002x"}}"#
        var script = schema
        script += "\\copy escapes FROM '\(dataFile.path)' WITH (FORMAT csv, HEADER)\n"
        script += "\\echo '#read'\nSELECT coalesce(json_agg(_t), '[]') FROM (SELECT * FROM escapes ORDER BY id) _t;\n"
        script += "\\echo '#insert'\nWITH _t AS (INSERT INTO escapes SELECT * FROM json_populate_record(NULL::escapes, '\(insertJSON.replacingOccurrences(of: "'", with: "''"))') RETURNING *) SELECT coalesce(json_agg(_t), '[]') FROM _t;\n"
        let out = try cluster.psql(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", db], input: script)
        let read = out.components(separatedBy: "#insert\n")[0].replacingOccurrences(of: "#read\n", with: "")
        let inserted = out.components(separatedBy: "#insert\n")[1]

        let served = api.handle(RestRequest(method: "GET", path: "/rest/v1/escapes", query: "order=id"))
        #expect(served.status == 200)
        #expect(served.body == read.trimmingCharacters(in: .newlines),
                "\n  serve: \(served.body.debugDescription.prefix(1500))\n  pg:    \(read.debugDescription.prefix(1500))")
        #expect(served.body.contains(#""a\bb""#) && served.body.contains(#""a\fb""#) && served.body.contains(#""a\u0001b""#))
        let posted = api.handle(RestRequest(method: "POST", path: "/rest/v1/escapes", headers: [("Prefer", "return=representation")],
                                            body: Array(insertJSON.utf8)))
        #expect(posted.status == 201, "\(posted.body)")
        #expect(posted.body == inserted, "\n  serve: \(posted.body.debugDescription)\n  pg:    \(inserted.debugDescription)")
    }
}
