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

    static func load(_ url: URL) throws -> RowSet {
        try CopyReader(table: NQPTables.marketData).read(path: url.path)
    }

    @Test func chunkAndBatchCountsMatchTimescaleDB() throws {
        let files = SharedData.calibrationFiles
        if files.isEmpty { _ = try SharedData.require("calibration"); return }
        var cache: [String: RowSet] = [:]
        for url in files {
            let calibration = try JSONDecoder().decode(Calibration.self, from: Data(contentsOf: url))
            guard let dataURL = try SharedData.require("data/real/" + calibration.file) else { return }
            let rows = try cache[calibration.file] ?? Self.load(dataURL)
            cache[calibration.file] = rows
            for run in calibration.hypertable {
                let interval = try #require(PGInterval(text: run.chunk_time_interval)).timescaleMicroseconds
                var ht = try Hypertable(table: NQPTables.marketData, options: HypertableOptions(timeColumn: "timestamp", chunkInterval: interval))
                try ht.enableCompression(CompressionSettings(segmentBy: run.setting.segmentby, orderBy: run.setting.orderby, timeColumn: "timestamp"))
                try ht.insert(rows)
                #expect(ht.chunks.count == run.chunks, "\(calibration.file) \(run.chunk_time_interval)")
                #expect(Set(ht.chunks.map(\.name)) == Set(run.per_chunk.map(\.chunk)), "\(calibration.file)")
                for chunk in ht.chunks { try ht.compressChunk(named: chunk.name) }
                let batches = ht.chunks.reduce(0) { $0 + $1.batches.count }
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
