import Foundation
import Testing
@testable import PostgresModel
import Schema
import Storage
import TestSupport

/// A profile taken from the first tenth of a real file predicts the whole file's measured total
/// (calibration `plain`, `total_bytes_with_009`) within ±5 %.
@Suite struct SizeProfileTests {
    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared")) func tenPercentSamplePredictsTheCalibratedTotal() throws {
        _ = try #require(try SharedData.require("calibration"))
        for m in try CalibrationTests.calibrations() {
            let table = try CalibrationTests.table(numeric: m.numeric)
            let all = try CopyReader(table: table, loadTime: 0).read(path: m.file.path)
            let sample = all.gathering(Array(0..<(all.count / 10)))
            let profile = try SizeProfile(sample: sample, build: { NQPMigrations.names009.contains($0.name) ? .bulk : .incremental })
            let total = profile.predict(rowCount: all.count).reduce(0) { $0 + $1.totalBytes }
            let error = Double(total - m.total009) / Double(m.total009) * 100
            print("profile from \(sample.count) of \(all.count) rows, \(m.file.lastPathComponent): \(total) vs \(m.total009) (\(String(format: "%+.2f", error)) %)")
            #expect(abs(error) <= 5, "\(m.file.lastPathComponent): \(total) vs \(m.total009)")
        }
    }

    /// Two daily bars of each of 3,000 tickers in (timestamp, ticker_id) order: the second day's
    /// rows split every page the first day filled in the ticker-led indexes, so those grow by more
    /// pages than the first half holds. The profile's line through the two halves has a negative
    /// fixed part; clamping it at zero predicted the sample's own 57 pages as 74.
    @Test func aSampleWhoseSecondHalfSplitsTheFirstsPagesPredictsItself() throws {
        var tickers = (1...3_000).map { k -> String in
            let h = String(format: "%08x", UInt32(truncatingIfNeeded: k &* 2_654_435_761))
            return "\(h)-0000-4000-8000-\(String(format: "%012x", k))"
        }
        tickers.sort()
        var csv = "ticker_id,timestamp,open,high,low,close,volume,interval\n"
        for day in ["2024-03-05", "2024-03-06"] {
            for t in tickers { csv += "\(t),\(day) 00:00:00+00,100.00,101.00,99.00,100.50,1000,1d\n" }
        }
        let rows = try CopyReader(table: NQPTables.marketData, loadTime: 0).read(string: csv)
        let exact = try RelationSizeModel.predict(rows: rows, build: { _ in .incremental })
        let predicted = try SizeProfile(sample: rows, build: { _ in .incremental }).predict(rowCount: rows.count)
        for (e, p) in zip(exact, predicted) where e.kind == .btree {
            #expect(p.mainBytes == e.mainBytes, "\(e.name): \(p.mainBytes) predicted, \(e.mainBytes) measured")
        }
        // Fewer rows than the sample never predict an empty or negative B-tree.
        for p in try SizeProfile(sample: rows, build: { _ in .incremental }).predict(rowCount: 10) where p.kind == .btree {
            #expect(p.mainBytes >= 2 * 8192, "\(p.name): \(p.mainBytes)")
        }
    }
}
