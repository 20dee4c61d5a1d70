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
}
