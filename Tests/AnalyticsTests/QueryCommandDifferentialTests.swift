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
