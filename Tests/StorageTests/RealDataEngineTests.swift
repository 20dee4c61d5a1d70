import Foundation
import Testing
import Schema
import TestSupport
@testable import Storage

/// The engine against the real market data and what real TimescaleDB 2.28.3 did with it
/// (../shared/calibration/*.tsdb.json).
@Suite struct RealDataEngineTests {
    struct Calibration: Decodable {
        struct Setting: Decodable { var segmentby: String; var orderby: String }
        struct PerChunk: Decodable { var chunk: String }
        struct HypertableRun: Decodable {
            var chunk_time_interval: String
            var setting: Setting
            var chunks: Int
            var compressed_batches: Int
            var per_chunk: [PerChunk]
        }
        var file: String
        var hypertable: [HypertableRun]
    }

    /// Each real file is read once per test process.
    static func load(_ url: URL) throws -> RowSet {
        try RealRows.shared.rows(url)
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared")) func chunkAndBatchCountsMatchTimescaleDB() throws {
        let files = SharedData.calibrationFiles
        if files.isEmpty { _ = try SharedData.require("calibration"); return }
        for url in files {
            let calibration = try JSONDecoder().decode(Calibration.self, from: Data(contentsOf: url))
            let dataURL = try #require(try SharedData.require("data/real/" + calibration.file))
            let rows = try Self.load(dataURL)
            for run in calibration.hypertable {
                let interval = try #require(PGInterval(text: run.chunk_time_interval)).timescaleMicroseconds
                var ht = try Hypertable(table: NQPTables.marketData, options: HypertableOptions(timeColumn: "timestamp", chunkInterval: interval))
                try ht.enableCompression(CompressionSettings(segmentBy: run.setting.segmentby, orderBy: run.setting.orderby, timeColumn: "timestamp"))
                try ht.insert(rows)
                #expect(ht.chunks.count == run.chunks, "\(calibration.file) \(run.chunk_time_interval)")
                #expect(Set(ht.chunks.map(\.name)) == Set(run.per_chunk.map(\.chunk)), "\(calibration.file)")
                // The grouping decides the count; encoding is covered by the round-trip test.
                let settings = try #require(ht.compression)
                let batches = ht.chunks.reduce(0) { $0 + ChunkCompressor.batchPlan(of: $1.rows, settings: settings).count }
                #expect(batches == run.compressed_batches, "\(calibration.file) \(run.setting.segmentby) | \(run.setting.orderby)")
            }
        }
    }

    @Test func everyRealFileSurvivesACompressionRoundTrip() throws {
        let files = SharedData.realDataFiles
        if files.isEmpty { _ = try SharedData.require("data/real"); return }
        for url in files {
            let rows = try Self.load(url)
            var ht = try Hypertable(table: NQPTables.marketData, options: HypertableOptions(timeColumn: "timestamp", chunkInterval: 86_400_000_000))
            let settings = try CompressionSettings(segmentBy: "ticker_id, interval", orderBy: "timestamp DESC", timeColumn: "timestamp")
            try ht.enableCompression(settings)
            try ht.insert(rows)
            var back = RowSet(table: ht.table)
            for chunk in ht.chunks {
                let original = chunk.rows
                try ht.compressChunk(named: chunk.name)
                let restored = try #require(try ht.rows(ofChunk: chunk.name))
                let order = ChunkCompressor.compressionOrder(of: original, settings: settings)
                let inOrderbyOrder = restored.columns == original.gathering(order).columns
                #expect(inOrderbyOrder, "\(url.lastPathComponent) \(chunk.name)")
                back = back.count == 0 ? restored : back.appending(restored)
            }
            // Each chunk came back as a permutation of its rows and every row is in one chunk,
            // so equal counts make the whole file come back as the same multiset.
            #expect(back.count == rows.count)
        }
    }
}

/// The `simulate` acceptance check: the time-ordered simulation over each calibration file gives
/// TimescaleDB's chunk count and names, with ranges printed as `timescaledb_information.chunks` does.
@Suite struct SimulationAcceptanceTests {
    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared")) func simulatingMes1mWithOneDayChunksGives77Chunks() throws {
        let url = try #require(try SharedData.require("data/real/mes_1m_2023q1.csv"))
        let rows = try RealDataEngineTests.load(url)
        var ht = try Hypertable(table: NQPTables.marketData, options: HypertableOptions(timeColumn: "timestamp", chunkInterval: 86_400_000_000))
        try ht.enableCompression(CompressionSettings(segmentBy: "ticker_id, interval", orderBy: "timestamp DESC", timeColumn: "timestamp"))
        var simulation = Simulation(hypertable: ht)
        try simulation.addCompressionPolicy(after: PGInterval(days: 7))
        let summary = try simulation.run(rows)
        let info = simulation.hypertable.information
        #expect(info.chunks == 77)
        #expect(info.rows == 87_306)
        #expect(summary.rowsInserted == 87_306)
        let first = try #require(simulation.hypertable.chunkInformation().first)
        #expect(first.name == "_hyper_1_1_chunk")
        #expect(first.rangeStartText == "2023-01-02 00:00:00+00" && first.rangeEndText == "2023-01-03 00:00:00+00")
        // Every chunk whose range ended at least 7 days before the last compression run is compressed.
        let job = simulation.jobs[0]
        let lastRun = try #require(job.lastRun)
        for chunk in simulation.hypertable.chunks {
            #expect(chunk.isCompressed == (chunk.timeRange.end <= lastRun - 7 * 86_400_000_000), "\(chunk.name)")
        }
        #expect(job.chunksAffected == info.compressedChunks)
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared")) func simulatingEveryCalibrationFileGivesItsChunkCount() throws {
        let files = SharedData.calibrationFiles
        if files.isEmpty { _ = try SharedData.require("calibration"); return }
        for url in files {
            let calibration = try JSONDecoder().decode(RealDataEngineTests.Calibration.self, from: Data(contentsOf: url))
            let dataURL = try #require(try SharedData.require("data/real/" + calibration.file))
            let rows = try RealDataEngineTests.load(dataURL)
            for interval in Set(calibration.hypertable.map(\.chunk_time_interval)) {
                let run = try #require(calibration.hypertable.first { $0.chunk_time_interval == interval })
                let us = try #require(PGInterval(text: interval)).timescaleMicroseconds
                var simulation = Simulation(hypertable: try Hypertable(
                    table: NQPTables.marketData, options: HypertableOptions(timeColumn: "timestamp", chunkInterval: us)))
                _ = try simulation.run(rows)
                #expect(simulation.hypertable.chunks.count == run.chunks, "\(calibration.file) \(interval)")
                #expect(Set(simulation.hypertable.chunks.map(\.name)) == Set(run.per_chunk.map(\.chunk)), "\(calibration.file) \(interval)")
            }
        }
    }
}

/// Real files parsed once and shared by the suites above.
final class RealRows: @unchecked Sendable {
    static let shared = RealRows()
    private let lock = NSLock()
    private var cache: [String: RowSet] = [:]

    func rows(_ url: URL) throws -> RowSet {
        lock.lock()
        defer { lock.unlock() }
        if let rows = cache[url.path] { return rows }
        let rows = try CopyReader(table: NQPTables.marketData).read(path: url.path)
        cache[url.path] = rows
        return rows
    }
}
