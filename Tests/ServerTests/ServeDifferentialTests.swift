import Analytics
import Foundation
import Server
import Testing
import TestSupport

/// Every RPC and table read answered by ``RestAPI`` must be byte-identical to what PostgreSQL 15
/// returns for `SELECT coalesce(json_agg(_postgrest_t), '[]') FROM (…) _postgrest_t` on the same rows — the body
/// PostgREST builds — in UTC and in America/New_York.
@Suite(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "PostgreSQL 15 is not installed"))
struct ServeDifferentialTests {
    static let syn1 = "631eb6fc-3ea7-f5f6-319d-66ac0ff5c73b"
    static let syn2 = "767a2eeb-46bb-6799-7f6d-ab58b502f17b"
    static let now = "2024-01-06 00:00:00+00"

    /// (REST path and query, the equivalent SQL).
    static let cases: [(String, String)] = {
        var out: [(String, String)] = []
        for ticker in [syn1, syn2, "00000000-0000-0000-0000-000000000000"] {
            out.append(("rpc/get_latest_price {\"p_ticker_id\":\"\(ticker)\",\"p_interval\":\"1m\"}",
                        "SELECT * FROM get_latest_price(p_ticker_id => '\(ticker)', p_interval => '1m')"))
            out.append(("rpc/get_latest_price {\"p_ticker_id\":\"\(ticker)\",\"p_interval\":\"5m\"}",
                        "SELECT * FROM get_latest_price(p_ticker_id => '\(ticker)', p_interval => '5m')"))
            out.append(("rpc/get_latest_price {\"p_ticker_id\":\"\(ticker)\"}", "SELECT * FROM get_latest_price(p_ticker_id => '\(ticker)')"))
            for days in ["", ",\"p_days\":7", ",\"p_days\":0", ",\"p_days\":-1", ",\"p_days\":\"365\"", ",\"p_days\":3"] {
                let sqlDays = days.isEmpty ? "" : ", p_days => " + days.split(separator: ":")[1].replacingOccurrences(of: "\"", with: "")
                out.append(("rpc/get_prediction_accuracy {\"p_ticker_id\":\"\(ticker)\"\(days)}",
                            "SELECT * FROM get_prediction_accuracy(p_ticker_id => '\(ticker)'\(sqlDays))"))
                out.append(("rpc/get_block_prediction_accuracy {\"p_ticker_id\":\"\(ticker)\"\(days)}",
                            "SELECT * FROM get_block_prediction_accuracy(p_ticker_id => '\(ticker)'\(sqlDays))"))
            }
        }
        for (start, end, interval) in [("2024-01-02 10:00:00+00", "2024-01-02 12:00:00+00", "5m"),
                                       ("2024-01-03 09:59:00-05", "2024-01-03 10:07:00-05", "1m"),
                                       ("2024-01-02 10:00", "2024-01-02 10:10", "1m"),
                                       ("2024-01-04 00:00:00+00", "2024-01-03 00:00:00+00", "1m"),
                                       ("-infinity", "2024-01-01 00:20:00+00", "5m")] {
            out.append(("rpc/get_price_range {\"p_ticker_id\":\"\(syn2)\",\"p_interval\":\"\(interval)\",\"p_start\":\"\(start)\",\"p_end\":\"\(end)\"}",
                        "SELECT * FROM get_price_range('\(syn2)', '\(interval)', '\(start)', '\(end)')"))
        }
        // A set-returning function's rows shaped as a table's (`FROM fn(…)` with WHERE, ORDER BY, LIMIT).
        let range = "{\"p_ticker_id\":\"\(syn2)\",\"p_interval\":\"5m\",\"p_start\":\"2024-01-02 10:00:00+00\",\"p_end\":\"2024-01-02 12:00:00+00\"}"
        let rangeSQL = "get_price_range('\(syn2)', '5m', '2024-01-02 10:00:00+00', '2024-01-02 12:00:00+00')"
        out += [
            ("rpc/get_price_range?select=timestamp,close,volume&or=(volume.lt.500,volume.gt.5000)&order=close.desc,timestamp&limit=5&offset=1 \(range)",
             "SELECT \"timestamp\", close, volume FROM \(rangeSQL) WHERE volume < 500 OR volume > 5000 ORDER BY close DESC, \"timestamp\" LIMIT 5 OFFSET 1"),
            ("rpc/get_price_range?select=c:close,*&timestamp=gte.2024-01-02T11:00:00Z&close=not.is.null&order=timestamp.desc \(range)",
             "SELECT close AS c, * FROM \(rangeSQL) WHERE \"timestamp\" >= '2024-01-02T11:00:00Z' AND close IS NOT NULL ORDER BY \"timestamp\" DESC"),
        ]
        out += [
            ("market_data?select=timestamp,close&ticker_id=eq.\(syn1)&interval=eq.1m&timestamp=gte.2024-01-03T00:00:00Z&timestamp=lt.2024-01-03T06:00:00Z&order=timestamp.desc&limit=100",
             "SELECT \"timestamp\", close FROM market_data WHERE ticker_id = '\(syn1)' AND \"interval\" = '1m' AND \"timestamp\" >= '2024-01-03T00:00:00Z' AND \"timestamp\" < '2024-01-03T06:00:00Z' ORDER BY \"timestamp\" DESC LIMIT 100"),
            ("market_data?select=*&ticker_id=eq.\(syn2)&order=timestamp.asc,interval.desc&limit=4&offset=5",
             "SELECT * FROM market_data WHERE ticker_id = '\(syn2)' ORDER BY \"timestamp\" ASC, \"interval\" DESC LIMIT 4 OFFSET 5"),
            ("market_data?select=id,t:timestamp,volume&interval=neq.1m&volume=gt.6000&timestamp=lte.2024-01-01%2012:00:00%2B00&order=id",
             "SELECT id, \"timestamp\" AS t, volume FROM market_data WHERE \"interval\" <> '1m' AND volume > 6000 AND \"timestamp\" <= '2024-01-01 12:00:00+00' ORDER BY id"),
            ("market_data?select=close,open&ticker_id=in.(\(syn1),\(syn2))&interval=eq.5m&timestamp=eq.2024-01-02T15:00:00%2B00:00&order=close.desc",
             "SELECT close, open FROM market_data WHERE ticker_id IN ('\(syn1)', '\(syn2)') AND \"interval\" = '5m' AND \"timestamp\" = '2024-01-02T15:00:00+00:00' ORDER BY close DESC"),
            ("predictions?select=id,confidence,weighted_score,actual_result&actual_result=in.(CORRECT,WRONG)&order=created_at.desc,id&limit=20",
             "SELECT id, confidence, weighted_score, actual_result FROM predictions WHERE actual_result IN ('CORRECT', 'WRONG') ORDER BY created_at DESC, id LIMIT 20"),
            ("predictions?weighted_score=is.null&order=id",
             "SELECT * FROM predictions WHERE weighted_score IS NULL ORDER BY id"),
            ("predictions?select=id,weighted_score&order=weighted_score.desc.nullslast,id&limit=10",
             "SELECT id, weighted_score FROM predictions ORDER BY weighted_score DESC NULLS LAST, id LIMIT 10"),
            ("predictions?select=id,weighted_score&order=weighted_score.asc.nullsfirst,id&limit=10",
             "SELECT id, weighted_score FROM predictions ORDER BY weighted_score ASC NULLS FIRST, id LIMIT 10"),
            ("predictions?select=id&actual_result=not.eq.CORRECT&ticker_id=eq.\(syn1)&order=id",
             "SELECT id FROM predictions WHERE NOT (actual_result = 'CORRECT') AND ticker_id = '\(syn1)' ORDER BY id"),
            ("block_predictions?order=id&limit=6", "SELECT * FROM block_predictions ORDER BY id LIMIT 6"),
            // Logic trees, LIKE/ILIKE and NOT, with NULLs in play (three-valued logic).
            ("market_data?select=id&ticker_id=eq.\(syn1)&or=(interval.eq.5m,volume.gt.9000)&order=id",
             "SELECT id FROM market_data WHERE ticker_id = '\(syn1)' AND (\"interval\" = '5m' OR volume > 9000) ORDER BY id"),
            ("market_data?select=id,volume&or=(and(ticker_id.eq.\(syn2),interval.eq.1m,volume.lt.200),and(ticker_id.eq.\(syn1),interval.not.eq.1m,close.gte.7850))&order=id",
             "SELECT id, volume FROM market_data WHERE (ticker_id = '\(syn2)' AND \"interval\" = '1m' AND volume < 200) OR (ticker_id = '\(syn1)' AND NOT (\"interval\" = '1m') AND close >= 7850) ORDER BY id"),
            ("market_data?select=id&not.or=(volume.gt.1000,volume.is.null)&and=(ticker_id.eq.\(syn1),interval.eq.5m)&order=id",
             "SELECT id FROM market_data WHERE NOT (volume > 1000 OR volume IS NULL) AND (ticker_id = '\(syn1)' AND \"interval\" = '5m') ORDER BY id"),
            ("predictions?select=id,actual_result&or=(actual_result.is.null,actual_result.in.(WRONG,PENDING))&ticker_id=eq.\(syn1)&order=id",
             "SELECT id, actual_result FROM predictions WHERE (actual_result IS NULL OR actual_result IN ('WRONG', 'PENDING')) AND ticker_id = '\(syn1)' ORDER BY id"),
            ("predictions?select=id,weighted_score,actual_result&not.and=(weighted_score.gt.0.5,actual_result.eq.CORRECT)&order=id",
             "SELECT id, weighted_score, actual_result FROM predictions WHERE NOT (weighted_score > 0.5 AND actual_result = 'CORRECT') ORDER BY id"),
            ("predictions?select=id&or=(weighted_score.gt.0.9,actual_result.not.neq.WRONG)&order=id",
             "SELECT id FROM predictions WHERE weighted_score > 0.9 OR NOT (actual_result <> 'WRONG') ORDER BY id"),
            ("market_data?select=id&ticker_id=eq.\(syn2)&or=(interval.eq.5m,not.and(volume.gt.100,volume.lt.9000))&order=id",
             "SELECT id FROM market_data WHERE ticker_id = '\(syn2)' AND (\"interval\" = '5m' OR NOT (volume > 100 AND volume < 9000)) ORDER BY id"),
            ("predictions?select=id,actual_result&actual_result=like.*RR*&order=id",
             "SELECT id, actual_result FROM predictions WHERE actual_result LIKE '%RR%' ORDER BY id"),
            ("predictions?select=id&actual_result=ilike.c_rrect&order=id",
             "SELECT id FROM predictions WHERE actual_result ILIKE 'c_rrect' ORDER BY id"),
            ("predictions?select=id,actual_result&actual_result=not.like.W%25&order=id",
             "SELECT id, actual_result FROM predictions WHERE NOT (actual_result LIKE 'W%') ORDER BY id"),
            ("market_data?select=id,interval&interval=like.%255m&ticker_id=eq.\(syn2)&order=id&limit=30",
             "SELECT id, \"interval\" FROM market_data WHERE \"interval\" LIKE '%5m' AND ticker_id = '\(syn2)' ORDER BY id LIMIT 30"),
            ("market_data?select=id&or=(interval.like.1%5C_,interval.ilike.5M)&ticker_id=eq.\(syn1)&order=id&limit=30",
             "SELECT id FROM market_data WHERE (\"interval\" LIKE '1\\_' OR \"interval\" ILIKE '5M') AND ticker_id = '\(syn1)' ORDER BY id LIMIT 30"),
            ("block_predictions?select=id,confidence&confidence=gte.70.5&actual_result=not.is.null&order=confidence,id",
             "SELECT id, confidence FROM block_predictions WHERE confidence >= 70.5 AND actual_result IS NOT NULL ORDER BY confidence, id"),
            // JSON paths on jsonb columns (`->` jsonb, `->>` text, JSON null as NULL, a missing key
            // NULL), named after their last key, and cast.
            ("block_predictions?select=id,metadata->k,first:metadata->k->0,second:metadata->k->>1,last:metadata->k->>-1,metadata->>k,metadata->>nope&order=id&limit=5",
             "SELECT id, metadata->'k' AS k, metadata->'k'->0 AS first, metadata->'k'->>1 AS second, metadata->'k'->>-1 AS last, metadata->>'k' AS k, metadata->>'nope' AS nope FROM block_predictions ORDER BY id LIMIT 5"),
            ("block_predictions?select=id,n:metadata->k->>0::int,metadata->k::text&order=id&limit=5",
             "SELECT id, CAST(metadata->'k'->>0 AS int) AS n, CAST(metadata->'k' AS text) AS k FROM block_predictions ORDER BY id LIMIT 5"),
            // JSON paths in filters (`->>` compared as text, `->` tested with is) and in order.
            ("block_predictions?select=id&metadata->k->>0=in.(2,4,6)&order=id",
             "SELECT id FROM block_predictions WHERE metadata->'k'->>0 = ANY('{\"2\",\"4\",\"6\"}') ORDER BY id"),
            ("block_predictions?select=id&or=(metadata->k->>1.like.x*,metadata->nope.not.is.null)&metadata->>k=like.*5,*&order=id",
             "SELECT id FROM block_predictions WHERE (metadata->'k'->>1 LIKE 'x%' OR metadata->'nope' IS NOT NULL) AND metadata->>'k' LIKE '%5,%' ORDER BY id"),
            ("block_predictions?select=id,v:metadata->k->>0&order=metadata->k->>0.desc,id&limit=12",
             "SELECT id, metadata->'k'->>0 AS v FROM block_predictions ORDER BY metadata->'k'->>0 DESC, id LIMIT 12"),
            // Rows tying on every ORDER BY key, sorted without an index (seq scan and sort), come
            // out as PostgreSQL's quicksort leaves them, or with a LIMIT below half the rows as
            // its bounded heap does: neither keeps the table's order. (Over rows whose heap order
            // is the file's: COPY's multi-insert can put a later short row on an earlier page.)
            ("market_data?select=id,interval&order=interval&limit=7",
             "SELECT id, \"interval\" FROM market_data ORDER BY \"interval\" LIMIT 7"),
            ("market_data?select=id,interval&order=interval.desc&limit=4&offset=3",
             "SELECT id, \"interval\" FROM market_data ORDER BY \"interval\" DESC LIMIT 4 OFFSET 3"),
            ("predictions?select=id,actual_result&order=actual_result.nullsfirst&limit=25",
             "SELECT id, actual_result FROM predictions ORDER BY actual_result NULLS FIRST LIMIT 25"),
            ("predictions?select=id,actual_result&order=actual_result.desc",
             "SELECT id, actual_result FROM predictions ORDER BY actual_result DESC"),
            ("block_predictions?select=id,prediction&order=prediction&limit=5",
             "SELECT id, prediction FROM block_predictions ORDER BY prediction LIMIT 5"),
            ("block_predictions?select=id,actual_result,confidence&order=actual_result,confidence.desc&limit=60",
             "SELECT id, actual_result, confidence FROM block_predictions ORDER BY actual_result, confidence DESC LIMIT 60"),
            // `in` lists as PostgREST 12 sends them, `= ANY('{"a","b"}')`: every item a quoted value
            // (`null` is the text), spaces kept but after `(`; `in.()` is `= ANY('{}')`, false even
            // for a NULL column, so its negation keeps the NULL rows.
            ("predictions?select=id,actual_result&actual_result=in.(null,CORRECT)&order=id&limit=30",
             "SELECT id, actual_result FROM predictions WHERE actual_result = ANY('{\"null\",\"CORRECT\"}') ORDER BY id LIMIT 30"),
            ("predictions?select=id,actual_result&actual_result=not.in.(CORRECT,null)&order=id&limit=30",
             "SELECT id, actual_result FROM predictions WHERE NOT actual_result = ANY('{\"CORRECT\",\"null\"}') ORDER BY id LIMIT 30"),
            ("predictions?select=id,actual_result&actual_result=not.in.()&order=id&limit=30",
             "SELECT id, actual_result FROM predictions WHERE NOT actual_result = ANY('{}') ORDER BY id LIMIT 30"),
            ("predictions?select=id,actual_result&actual_result=in.(%20WRONG,%20PENDING)&order=id&limit=30",
             "SELECT id, actual_result FROM predictions WHERE actual_result = ANY('{\"WRONG\",\" PENDING\"}') ORDER BY id LIMIT 30"),
            ("predictions?select=id,actual_result&or=(actual_result.not.in.(\"\"),weighted_score.is.null)&order=id&limit=30",
             "SELECT id, actual_result FROM predictions WHERE NOT actual_result = ANY('{}') OR weighted_score IS NULL ORDER BY id LIMIT 30"),
            // Casts in select (PostgREST's `CAST(col AS type)`, the key staying the column's name;
            // ORDER BY names the source column, qualified, as PostgREST writes it):
            // to text in the session zone, numeric rounded half away from zero to integers, floats,
            // dates and local times, booleans as `true`/`false`, jsonb as its text.
            ("market_data?select=timestamp::text,close::text,c:close::int,open::float8,low::real,volume::numeric,v:volume::text,interval::text&ticker_id=eq.\(syn1)&order=timestamp,interval&limit=12",
             "SELECT CAST(\"timestamp\" AS text), CAST(close AS text), CAST(close AS int) AS c, CAST(open AS float8), CAST(low AS real), CAST(volume AS numeric), CAST(volume AS text) AS v, CAST(\"interval\" AS text) FROM market_data WHERE ticker_id = '\(syn1)' ORDER BY market_data.\"timestamp\", market_data.\"interval\" LIMIT 12"),
            ("market_data?select=d:timestamp::date,timestamp::timestamp,t:timestamp::time,id::text,metadata::text,created_at::date&ticker_id=eq.\(syn2)&order=timestamp.desc,interval&limit=6",
             "SELECT CAST(\"timestamp\" AS date) AS d, CAST(\"timestamp\" AS timestamp), CAST(\"timestamp\" AS time) AS t, CAST(id AS text), CAST(metadata AS text), CAST(created_at AS date) FROM market_data WHERE ticker_id = '\(syn2)' ORDER BY market_data.\"timestamp\" DESC, market_data.\"interval\" LIMIT 6"),
            ("predictions?select=id,confidence::integer,confidence::bigint,weighted_score::double precision,weighted_score::smallint,created_at::varchar&order=id&limit=25",
             "SELECT id, CAST(confidence AS integer), CAST(confidence AS bigint), CAST(weighted_score AS double precision), CAST(weighted_score AS smallint), CAST(created_at AS varchar) FROM predictions ORDER BY id LIMIT 25"),
            ("block_predictions?select=id,metadata::text,metadata::json,confidence::float4&order=id&limit=5",
             "SELECT id, CAST(metadata AS text), CAST(metadata AS json), CAST(confidence AS float4) FROM block_predictions ORDER BY id LIMIT 5"),
            ("rpc/get_price_range?select=timestamp::date,close::text,v:volume::float,open::int&order=timestamp.desc&limit=4 \(range)",
             "SELECT CAST(\"timestamp\" AS date), CAST(close AS text), CAST(volume AS float) AS v, CAST(open AS int) FROM \(rangeSQL) pgrst_call ORDER BY pgrst_call.\"timestamp\" DESC LIMIT 4"),
        ]
        return out
    }()

    /// Deterministic predictions with NULLs, PENDING and varied scales.
    static func predictionFiles(in dir: URL) throws -> (String, String) {
        var g = SeededGenerator(seed: 16)
        var p = "id,ticker_id,timestamp,prediction,confidence,weighted_score,actual_result,created_at,updated_at\n"
        var b = "id,ticker_id,hour_start_timestamp,prediction_timestamp,prediction,confidence,actual_result,created_at,metadata\n"
        let base: Int64 = 1_704_499_200  // 2024-01-06 00:00:00 UTC
        for n in 1...400 {
            let ticker = n % 2 == 0 ? syn1 : syn2
            let created = base - Int64.random(in: 0...(40 * 86_400), using: &g)
            let ts = PGTimestamp.format(created * 1_000_000)
            let result = ["CORRECT", "WRONG", "PENDING", ""][Int.random(in: 0...3, using: &g)]
            let confidence = "\(Int.random(in: 0...99, using: &g)).\(Int.random(in: 0...99, using: &g))"
            let weighted = Int.random(in: 0...4, using: &g) == 0 ? "" : "0.\(Int.random(in: 0...9999, using: &g))"
            let id = String(format: "00000000-0000-4000-8000-%012d", n)
            p += "\(id),\(ticker),\(ts),BULLISH,\(confidence),\(weighted),\(result),\(ts),\(ts)\n"
            b += "\(id),\(ticker),\(ts),\(ts),UP,\(confidence),\(result),\(ts),\"{\"\"k\"\": [\(n), \"\"x\\\\ny\"\"]}\"\n"
        }
        let pf = dir.appendingPathComponent("predictions.csv"), bf = dir.appendingPathComponent("block_predictions.csv")
        try p.write(to: pf, atomically: true, encoding: .utf8)
        try b.write(to: bf, atomically: true, encoding: .utf8)
        return (pf.path, bf.path)
    }

    /// The server and a PostgreSQL database over the same rows (the fixtures and
    /// ``predictionFiles(in:)``), and the psql script prefix that loads them and sets the session
    /// (`now()` pinned, TimeZone `zone`).
    static func prepared(zone: String, in dir: URL) throws -> (api: RestAPI, cluster: PostgresCluster, db: String, script: String) {
        let (predictions, blocks) = try Self.predictionFiles(in: dir)
        let marketData = SharedData.packageRoot.appendingPathComponent("fixtures/market_data_sample.csv").path
        let sql = SharedData.packageRoot.appendingPathComponent("sql")

        var config = ServedDatabase.Configuration()
        config.schemaFiles = [sql.appendingPathComponent("001_nqp_schema.sql").path, sql.appendingPathComponent("010_analytics_functions.sql").path]
        config.dataPaths = [marketData, predictions, blocks]
        config.now = try AnalyticsSession(now: Self.now).now
        config.timeZone = try #require(PGTimeZone(name: zone))
        let api = RestAPI(database: try ServedDatabase(config))

        let cluster = try PostgresCluster.shared()
        let db = try cluster.createDatabase("serve")
        try cluster.query(String(contentsOf: sql.appendingPathComponent("001_nqp_schema.sql"), encoding: .utf8) + "\n"
                          + String(contentsOf: sql.appendingPathComponent("010_analytics_functions.sql"), encoding: .utf8) + "\n"
                          + PinnedClock.schema, database: db)
        var script = "INSERT INTO tickers (id, symbol) VALUES ('\(Self.syn1)', 'SYN1'), ('\(Self.syn2)', 'SYN2');\n"
        script += "\\copy market_data FROM '\(marketData)' WITH (FORMAT csv, HEADER)\n"
        script += "\\copy predictions (id,ticker_id,timestamp,prediction,confidence,weighted_score,actual_result,created_at,updated_at) FROM '\(predictions)' WITH (FORMAT csv, HEADER)\n"
        script += "\\copy block_predictions (id,ticker_id,hour_start_timestamp,prediction_timestamp,prediction,confidence,actual_result,created_at,metadata) FROM '\(blocks)' WITH (FORMAT csv, HEADER)\n"
        script += PinnedClock.session(now: Self.now) + "SET TimeZone = '\(zone)';\n"
        return (api, cluster, db, script)
    }

    /// psql's unaligned output of a script whose statements each follow an `\echo '#case N'`
    /// line, split back into one text per case.
    static func answers(_ cluster: PostgresCluster, _ db: String, _ script: String) throws -> [String] {
        let out = try cluster.psql(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", db], input: script + "\\echo '#case end'\n")
        var expected: [String] = []
        var current: [Substring]?
        for line in out.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#case ") {
                if let c = current { expected.append(c.joined(separator: "\n")) }
                current = []
            } else { current?.append(line) }
        }
        return expected
    }

    /// The request a case's REST side describes: `rpc/<fn>[?query] <JSON body>` is a POST call,
    /// anything else a GET.
    static func request(_ rest: String, headers: [(name: String, value: String)] = []) -> RestRequest {
        if rest.hasPrefix("rpc/") {
            let parts = rest.split(separator: " ", maxSplits: 1)
            let target = parts[0].split(separator: "?", maxSplits: 1)
            return RestRequest(method: "POST", path: "/rest/v1/" + target[0], query: target.count > 1 ? String(target[1]) : "",
                               headers: headers, body: Array(parts[1].utf8))
        }
        let parts = rest.split(separator: "?", maxSplits: 1)
        return RestRequest(method: "GET", path: "/rest/v1/" + parts[0], query: parts.count > 1 ? String(parts[1]) : "", headers: headers)
    }

    @Test(arguments: ["UTC", "America/New_York"])
    func bodiesEqualPostgres(zone: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("serve-diff-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (api, cluster, db, prefix) = try Self.prepared(zone: zone, in: dir)
        var script = prefix
        for (i, c) in Self.cases.enumerated() {
            script += "\\echo '#case \(i)'\nSELECT coalesce(json_agg(_postgrest_t), '[]') FROM (\(c.1)) _postgrest_t;\n"
        }
        let expected = try Self.answers(cluster, db, script)
        #expect(expected.count == Self.cases.count)

        var nonEmpty = 0
        for (i, c) in Self.cases.enumerated() where i < expected.count {
            let response = api.handle(Self.request(c.0))
            #expect(response.status == 200, "\(c.0): \(response.body)")
            #expect(response.body == expected[i], "\(zone) \(c.0)\n  serve: \(response.body.prefix(600))\n  pg:    \(expected[i].prefix(600))")
            if expected[i] != "[]" { nonEmpty += 1 }
        }
        // A guard against a suite that only compares empty answers.
        #expect(nonEmpty >= Self.cases.count * 2 / 3)
    }
}
