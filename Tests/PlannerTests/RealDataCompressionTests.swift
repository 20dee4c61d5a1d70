import Codecs
import Foundation
import Schema
import Storage
import Testing
import TestSupport
@testable import Planner

/// The bars on the real market data in ../shared (skipped with a notice when absent):
/// codecs round-trip every column exactly, and engine bytes stay within 30 % of what real
/// TimescaleDB 2.28 stores for the same data and settings.
@Suite(.serialized) struct RealDataCompressionTests {
    /// The table each real file was measured with (`numeric` in its calibration file).
    static func table(for file: URL) -> TableDefinition {
        file.lastPathComponent.contains("numeric14_4") ? NQPTables.marketDataNumeric14_4 : NQPTables.marketData
    }

    static func files() throws -> [URL] {
        guard try SharedData.require("data/real") != nil else { return [] }
        return SharedData.realDataFiles
    }

    /// TimescaleDB's `after_compression_total_bytes` for 1-day chunks, segmentby "ticker_id, interval".
    static func timescaleAfterBytes(for file: URL) throws -> Int? {
        let name = file.deletingPathExtension().lastPathComponent + ".tsdb.json"
        guard let url = SharedData.calibrationFiles.first(where: { $0.lastPathComponent == name }) else { return nil }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let runs = json?["hypertable"] as? [[String: Any]] ?? []
        let run = runs.first {
            ($0["chunk_time_interval"] as? String) == "1 day"
                && (($0["setting"] as? [String: Any])?["segmentby"] as? String) == "ticker_id, interval"
        }
        return (run?["compression_stats_after"] as? [String: Any])?["total"] as? Int
    }

    @Test func everyColumnOfEveryRealFileRoundTripsExactly() throws {
        for file in try Self.files() {
            let rows = try CopyReader(table: Self.table(for: file), loadTime: 0, seed: 1).read(path: file.path)
            for (c, column) in rows.columns.enumerated() {
                for start in stride(from: 0, to: rows.count, by: 1000) {
                    let block = ColumnBlockAdapter.block(column.slice(start..<min(rows.count, start + 1000)))
                    let back = try ColumnCodecs.decode(ColumnCodecs.encode(block).bytes)
                    #expect(back == block, "\(file.lastPathComponent) column \(rows.table.columns[c].name) rows \(start)…")
                }
            }
        }
    }

    @Test func engineBytesStayWithinThirtyPercentOfTimescaleDB() throws {
        for file in try Self.files() {
            guard let timescale = try Self.timescaleAfterBytes(for: file) else { continue }
            let table = Self.table(for: file)
            let rows = try CopyReader(table: table, loadTime: 0, seed: 1).read(path: file.path)
            let report = try CompressionComparison(table: table, chunkInterval: 86_400_000_000)
                .run(rows: rows, rawCopyBytes: 0, settings: [CompressionSettingText(segmentBy: "ticker_id, interval", orderBy: "timestamp DESC")])
            let s = try #require(report.settings.first)
            #expect(Double(s.engineBytes) <= 0.30 * Double(timescale),
                    "\(file.lastPathComponent): \(s.engineBytes) engine bytes vs TimescaleDB \(timescale)")
            let perValue = Dictionary(uniqueKeysWithValues: s.columns.map { ($0.name, $0.bytesPerRow) })
            if !file.lastPathComponent.hasPrefix("equities") {
                for price in ["open", "high", "low", "close"] {
                    #expect((perValue[price] ?? .infinity) <= 1.5, "\(file.lastPathComponent) \(price): \(perValue[price] ?? 0) B/value")
                }
                #expect((perValue["timestamp"] ?? .infinity) <= 0.25, "\(file.lastPathComponent) timestamp")
            }
        }
    }
}
