import Foundation
import Schema
import Storage
import Testing
@testable import Planner

/// `compare` with per-column zstd dictionaries: the option reaches the engine, and the
/// dictionaries' bytes are counted in the setting's and in their column's engine bytes.
@Suite struct ComparisonDictionaryTests {
    static let smallBatches = "segmentby=;orderby=ticker_id, interval, timestamp DESC"

    static func report(_ global: ZstdDictionaryMode, settings: [String]) throws -> ComparisonReport {
        let rows = try CompressionComparisonTests.syntheticRows(tickers: 2, minutes: 1440)
        let texts = try settings.map { text throws(ComparisonError) in try CompressionSettingText(parsing: text) }
        return try CompressionComparison(table: NQPTables.marketData, batchSize: 50, zstdDictionary: global, timescaledbVersion: nil)
            .run(rows: rows, rawCopyBytes: 1, settings: texts)
    }

    @Test func dictionaryBytesAreChargedToTheirColumnsAndTheSetting() throws {
        let s = try #require(try Self.report(.on, settings: [Self.smallBatches]).settings.first)
        #expect(s.zstdDictionary == "on")
        #expect(s.zstdDictionaryBytes > 0)
        #expect(s.columns.reduce(0) { $0 + $1.zstdDictionaryBytes } == s.zstdDictionaryBytes)
        let encoded = s.columns.filter { $0.codec != "segmentby" }.reduce(0) { $0 + $1.engineBytes }
        #expect(encoded + s.metadataBytes == s.engineBytes)
        #expect(s.columns.allSatisfy { ($0.zstdDictionaryBytes > 0) == ($0.zstdDictionaries > 0) })
    }

    @Test func autoIsNeverLargerThanOffAndASettingMayOverrideTheGlobalMode() throws {
        let report = try Self.report(.off, settings: [Self.smallBatches, Self.smallBatches + ";zstd_dictionary=auto"])
        #expect(report.zstdDictionary == "off")
        let off = report.settings[0], auto = report.settings[1]
        #expect(off.zstdDictionary == "off" && off.zstdDictionaryBytes == 0)
        #expect(auto.zstdDictionary == "auto")
        #expect(auto.engineBytes <= off.engineBytes)
        for (a, o) in zip(auto.columns, off.columns) { #expect(a.engineBytes <= o.engineBytes, "\(a.name)") }
    }

    @Test func jsonNamesTheDictionaryFields() throws {
        let report = try Self.report(.on, settings: [Self.smallBatches])
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
        #expect(object?["zstd_dictionary"] as? String == "on")
        let setting = (object?["settings"] as? [[String: Any]])?.first
        #expect(setting?["zstd_dictionary_bytes"] as? Int == report.settings[0].zstdDictionaryBytes)
        let column = (setting?["columns"] as? [[String: Any]])?.first
        #expect(column?["zstd_dictionary_bytes"] != nil)
    }

    @Test func settingTextParsesTheDictionaryMode() throws {
        #expect(try CompressionSettingText(parsing: "segmentby=ticker_id;zstd_dictionary=AUTO").zstdDictionary == .auto)
        #expect(try CompressionSettingText(parsing: "segmentby=ticker_id").zstdDictionary == nil)
        #expect(throws: ComparisonError.self) { try CompressionSettingText(parsing: "zstd_dictionary=sometimes") }
    }
}
