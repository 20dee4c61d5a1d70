import Foundation
import Testing
@testable import Analytics
import Schema
import TestSupport

/// `chunkwise query … --csv` run as a process on COPY CSV files prints exactly what PostgreSQL's
/// `COPY (SELECT * FROM fn(...)) TO STDOUT WITH (FORMAT csv, HEADER)` prints for the same call:
/// the command line end to end (options, `--now`/`--timezone`, file loading, the engine store).
@Suite(.serialized) struct QueryCommandDifferentialTests {
    /// The `chunkwise` executable `swift build --build-tests` put beside the test bundle.
    static var binary: URL? { ChunkwiseExecutable.url }

    /// The dataset's three tables as COPY CSV files with HEADER, as `COPY … TO … WITH (FORMAT csv, HEADER)` writes them.
    static func writeFiles(_ dataset: AnalyticsDataset, to directory: URL) throws -> (marketData: String, predictions: String, blocks: String) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var md = "id,ticker_id,timestamp,open,high,low,close,volume,interval\n"
        for b in dataset.bars {
            md += "\(b.id),\(b.tickerID),\(PGTimestamp.format(b.timestamp)),\(b.open),\(b.high),\(b.low),\(b.close),\(b.volume.map { String($0) } ?? ""),\(b.interval)\n"
        }
        var p = "id,ticker_id,timestamp,prediction,confidence,weighted_score,actual_result,created_at\n"
        for (i, r) in dataset.predictions.enumerated() {
            let created = r.createdAt.map { PGTimestamp.format($0) } ?? ""
            p += "\(AnalyticsDataset.uuid(UInt64(i), 7)),\(r.tickerID),\(created.isEmpty ? "2024-01-01 00:00:00+00" : created),BULLISH,"
            p += "\(r.confidence?.description ?? ""),\(r.weightedScore?.description ?? ""),\(r.actualResult ?? ""),\(created)\n"
        }
        var bp = "id,ticker_id,hour_start_timestamp,prediction_timestamp,prediction,confidence,actual_result,created_at\n"
        for (i, r) in dataset.blocks.enumerated() {
            let hour = PGTimestamp.format(946_684_800_000_000 + Int64(i) * 3_600_000_000)
            bp += "\(AnalyticsDataset.uuid(UInt64(i), 9)),\(r.tickerID),\(hour),\(hour),UP,"
            bp += "\(r.confidence?.description ?? ""),\(r.actualResult ?? ""),\(r.createdAt.map { PGTimestamp.format($0) } ?? "")\n"
        }
        let files = (directory.appendingPathComponent("market_data.csv"), directory.appendingPathComponent("predictions.csv"),
                     directory.appendingPathComponent("block_predictions.csv"))
        try md.write(to: files.0, atomically: true, encoding: .utf8)
        try p.write(to: files.1, atomically: true, encoding: .utf8)
        try bp.write(to: files.2, atomically: true, encoding: .utf8)
        return (files.0.path, files.1.path, files.2.path)
    }

    /// The command line for a call; price calls alternate between the default engine layout and
    /// 1-hour chunks with everything older than a day compressed.
    static func arguments(_ call: AnalyticsCall, index: Int, files: (marketData: String, predictions: String, blocks: String)) -> [String] {
        func ts(_ t: Int64) -> String { t == Int64.max ? "infinity" : t == Int64.min ? "-infinity" : PGTimestamp.format(t) }
        let session = ["--now", PGTimestamp.format(call.session.now), "--timezone", call.session.timeZone.description, "--csv"]
        let layout = index % 2 == 0 ? [] : ["--chunk-interval", "1 hour", "--compress-after", "1 day"]
        switch call.function {
        case .latestPrice(let t, let i):
            return ["query", "get_latest_price", "--data", files.marketData, "--ticker", "\(t)"] + (i.map { ["--interval", $0] } ?? []) + layout + session
        case .priceRange(let t, let i, let s, let e):
            return ["query", "get_price_range", "--data", files.marketData, "--ticker", "\(t)", "--interval", i, "--start", ts(s), "--end", ts(e)] + layout + session
        case .predictionAccuracy(let t, let d):
            return ["query", "get_prediction_accuracy", "--data", files.predictions, "--ticker", "\(t)"] + (d.map { ["--days", String($0)] } ?? []) + session
        case .blockPredictionAccuracy(let t, let d):
            return ["query", "get_block_prediction_accuracy", "--data", files.blocks, "--ticker", "\(t)"] + (d.map { ["--days", String($0)] } ?? []) + session
        }
    }

    static func run(_ binary: URL, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try ChunkwiseExecutable.run(binary, arguments)
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func adversarialCallsPrintWhatPostgresPrints() throws {
        let server = try #require(try ReferenceServer.shared())
        guard let binary = Self.binary else {
            #expect(!PostgresCluster.mustRun, "the chunkwise executable is not built beside the tests (swift build --build-tests)")
            print("skipped adversarialCallsPrintWhatPostgresPrints: no chunkwise executable beside the test bundle")
            return
        }
        let (dataset, all) = try AdversarialDataset.build()
        // Every 10th call of each function: every function, zone and edge kind appears, in well under a
        // minute of debug-build processes.
        func kind(_ call: AnalyticsCall) -> Int {
            switch call.function {
            case .latestPrice: return 0
            case .priceRange: return 1
            case .predictionAccuracy: return 2
            case .blockPredictionAccuracy: return 3
            }
        }
        let calls = (0..<4).flatMap { k in all.filter { kind($0) == k }.enumerated().filter { $0.offset % 10 == 0 }.map(\.element) }
        let expected = try server.results(of: calls, on: dataset)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-query-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try Self.writeFiles(dataset, to: directory)
        var functions = Set<String>()
        for (k, (call, pg)) in zip(calls, expected).enumerated() {
            let arguments = Self.arguments(call, index: k, files: files)
            functions.insert(arguments[1])
            let result = try Self.run(binary, arguments)
            #expect(result.status == 0, "\(call): \(result.stderr)")
            #expect(result.stdout == pg, "\(call)\n  chunkwise \(arguments.joined(separator: " "))")
        }
        #expect(functions.count == 4)
        #expect(Set(expected).count > calls.count / 3)
    }

    /// Timestamps written without an offset are read in `--timezone`, as COPY reads them in the
    /// session's TimeZone: bars across New York's spring-forward night and predictions made the
    /// same hours, loaded and called in that zone on PostgreSQL and by the command line.
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func timestampsWithoutOffsetAreReadInTheSessionZone() throws {
        let server = try #require(try ReferenceServer.shared())
        guard let binary = Self.binary else {
            #expect(!PostgresCluster.mustRun, "the chunkwise executable is not built beside the tests (swift build --build-tests)")
            return
        }
        let ticker = "5d3c2b1a-0f9e-4d8c-8b7a-6e5f4d3c2b1a"
        var md = "id,ticker_id,timestamp,open,high,low,close,volume,interval\n"
        var predictions = "id,ticker_id,timestamp,prediction,confidence,weighted_score,actual_result,created_at\n"
        var blocks = "id,ticker_id,hour_start_timestamp,prediction_timestamp,prediction,confidence,actual_result,created_at\n"
        // 2024-03-09 22:00 to 2024-03-10 05:00 local: 02:00-03:00 does not exist that night.
        for (k, local) in ["2024-03-09 22:00:00", "2024-03-09 23:00:00", "2024-03-10 00:00:00", "2024-03-10 01:00:00",
                           "2024-03-10 03:00:00", "2024-03-10 04:00:00", "2024-03-10 05:00:00"].enumerated() {
            let id = String(format: "00000000-0000-4000-8000-%012d", k + 1)
            md += "\(id),\(ticker),\(local),\(100 + k).00,\(101 + k).50,\(99 + k).25,\(100 + k).75,\(1000 * (k + 1)),1h\n"
            let result = ["CORRECT", "WRONG", "", "CORRECT"][k % 4]
            predictions += "\(id),\(ticker),\(local),BULLISH,0.\(60 + k),0.\(50 + k),\(result),\(local)\n"
            blocks += "\(id),\(ticker),\(local),\(local),UP,0.\(70 + k),\(result.isEmpty ? "PENDING" : result),\(local)\n"
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-query-zone-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let files = ["market_data": md, "predictions": predictions, "block_predictions": blocks].mapValues { text -> String in
            let url = directory.appendingPathComponent(UUID().uuidString + ".csv")
            try? text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let zone = "America/New_York", now = "2024-03-10 05:30:00"
        var script = "SET timezone = '\(zone)';\nTRUNCATE market_data, predictions, block_predictions, tickers;\n"
            + "INSERT INTO tickers (id, symbol) VALUES ('\(ticker)', 'ZONE');\n"
        for (table, text) in [("market_data", md), ("predictions", predictions), ("block_predictions", blocks)] {
            script += "COPY \(table) (\(text.prefix { $0 != "\n" })) FROM STDIN WITH (FORMAT csv, HEADER);\n\(text)\\.\n"
        }
        let calls: [(sql: String, arguments: [String])] = [
            ("get_latest_price('\(ticker)', '1h')", ["get_latest_price", "--data", files["market_data"]!, "--interval", "1h"]),
            ("get_price_range('\(ticker)', '1h', '2024-03-10 00:00:00', '2024-03-10 04:00:00')",
             ["get_price_range", "--data", files["market_data"]!, "--interval", "1h", "--start", "2024-03-10 00:00:00", "--end", "2024-03-10 04:00:00"]),
            ("get_prediction_accuracy('\(ticker)', 0)", ["get_prediction_accuracy", "--data", files["predictions"]!, "--days", "0"]),
            ("get_block_prediction_accuracy('\(ticker)', 0)", ["get_block_prediction_accuracy", "--data", files["block_predictions"]!, "--days", "0"]),
        ]
        for (k, call) in calls.enumerated() {
            script += "SET chunkwise.now = '\(now)';\n\\echo '#call \(k)'\nCOPY (SELECT * FROM \(call.sql)) TO STDOUT WITH (FORMAT csv, HEADER);\n"
        }
        let out = try server.run(script)
        let expected = out.components(separatedBy: "#call ").dropFirst().map { part in
            String(part.drop { $0 != "\n" }.dropFirst())
        }
        try #require(expected.count == calls.count, "\(out)")
        #expect(expected[0].contains("2024-03-10 05:00:00-04"), "\(expected[0])")
        #expect(expected[1].split(separator: "\n").count == 5, "four bars (02:00 does not exist) and the header: \(expected[1])")
        for (call, pg) in zip(calls, expected) {
            let arguments = ["query"] + call.arguments + ["--ticker", ticker, "--now", now, "--timezone", zone, "--csv"]
            let result = try Self.run(binary, arguments)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == pg + (pg.hasSuffix("\n") ? "" : "\n"), "chunkwise \(arguments.joined(separator: " "))")
        }
    }

    /// A team's market_data whose close is `double precision`: migration 010's functions return
    /// it as numeric (the assignment cast, float8_numeric's 15 digits), on PostgreSQL and here.
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func aDoublePrecisionPriceIsReturnedAsPostgresCastsIt() throws {
        guard let binary = Self.binary else {
            #expect(!PostgresCluster.mustRun, "the chunkwise executable is not built beside the tests (swift build --build-tests)")
            return
        }
        let pg = try PostgresCluster.shared()
        let schema = """
            CREATE TABLE market_data (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), ticker_id uuid NOT NULL, "timestamp" timestamptz NOT NULL,
              open numeric(12,2) NOT NULL, high numeric(12,2) NOT NULL, low numeric(12,2) NOT NULL, close double precision NOT NULL,
              volume bigint, "interval" varchar(10) NOT NULL, created_at timestamptz DEFAULT now(), UNIQUE (ticker_id, "timestamp", "interval"));

            """
        let ticker = "6d3c2b1a-0f9e-4d8c-8b7a-6e5f4d3c2b1a"
        var csv = "id,ticker_id,timestamp,open,high,low,close,volume,interval\n"
        for (k, close) in ["101.123456789012345", "1e20", "0.1", "-0", "1234567.890123456789", "3.4028234663852886e+38", "5e-324", "2.5"].enumerated() {
            csv += String(format: "00000000-0000-4000-8000-%012d", k + 1) + ",\(ticker),2024-01-02 \(String(format: "%02d", 10 + k)):00:00+00,1,2,0.5,\(close),\(k),1h\n"
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-query-dbl-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let schemaFile = directory.appendingPathComponent("schema.sql"), dataFile = directory.appendingPathComponent("md.csv")
        try schema.write(to: schemaFile, atomically: true, encoding: .utf8)
        try csv.write(to: dataFile, atomically: true, encoding: .utf8)
        let functions = try String(contentsOf: SharedData.packageRoot.appendingPathComponent("sql/010_analytics_functions.sql"), encoding: .utf8)
        let db = try pg.createDatabase("dbl")
        defer { _ = try? pg.query("DROP DATABASE \(db);") }
        // 010 also defines the prediction functions: their tables, as 001 has them, so it loads whole.
        let predictions = try String(contentsOf: SharedData.packageRoot.appendingPathComponent("sql/001_nqp_schema.sql"), encoding: .utf8)
            .components(separatedBy: ";").filter { $0.contains("CREATE TABLE predictions") || $0.contains("CREATE TABLE block_predictions") }
            .map { $0 + ";\n" }.joined()
        try pg.query(schema + predictions.replacingOccurrences(of: "REFERENCES tickers(id)", with: "") + functions, database: db)
        let expected = try pg.psql(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db],
                                   input: "COPY market_data (id, ticker_id, \"timestamp\", open, high, low, close, volume, \"interval\") FROM STDIN WITH (FORMAT csv, HEADER);\n"
                                   + csv + "\\.\nCOPY (SELECT * FROM get_price_range('\(ticker)', '1h', '-infinity', 'infinity')) TO STDOUT WITH (FORMAT csv, HEADER);\n")
        let result = try Self.run(binary, ["query", "get_price_range", "--schema", schemaFile.path, "--data", dataFile.path, "--ticker", ticker,
                                           "--interval", "1h", "--start", "-infinity", "--end", "infinity", "--csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected + "\n", "\(result.stdout)\n---\n\(expected)")
        // A text close cannot be read as a price: the refusal names that column alone.
        try schema.replacingOccurrences(of: "close double precision", with: "close text").write(to: schemaFile, atomically: true, encoding: .utf8)
        let refused = try Self.run(binary, ["query", "get_latest_price", "--schema", schemaFile.path, "--data", dataFile.path, "--ticker", ticker, "--interval", "1h"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("column close (text) of table \"market_data\""), "\(refused.stderr)")
    }

    @Test func aBadFileIsNamedWithLineAndColumn() throws {
        guard let binary = Self.binary else {
            #expect(!PostgresCluster.mustRun, "the chunkwise executable is not built beside the tests")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-query-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("md.csv")
        try """
            id,ticker_id,timestamp,open,high,low,close,volume,interval
            0b7c1a52-8f0e-4d8c-9a51-3f2b6e1d0c01,3f1c2a9e-5b7d-4e21-9a0b-6c8d7e5f4a31,2025-01-02 14:30:00+00,100.00,101.25,99.50,101.00,1200,1h
            0b7c1a52-8f0e-4d8c-9a51-3f2b6e1d0c02,3f1c2a9e-5b7d-4e21-9a0b-6c8d7e5f4a31,2025-01-02 15:30:00+00,1O1.00,102.00,100.75,101.5,,1h

            """.write(to: file, atomically: true, encoding: .utf8)
        let result = try Self.run(binary, ["query", "get_latest_price", "--data", file.path, "--ticker", "3f1c2a9e-5b7d-4e21-9a0b-6c8d7e5f4a31"])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("md.csv"), "\(result.stderr)")
        #expect(result.stderr.contains("md.csv:3:"), "\(result.stderr)")
        #expect(result.stderr.contains("1O1.00"), "\(result.stderr)")
    }
}
