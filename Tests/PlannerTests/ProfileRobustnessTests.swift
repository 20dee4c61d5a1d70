import Foundation
import Testing
import Schema
import Storage
@testable import Planner

/// A profile measures what an export really holds: volumes of every numeric type (B4), and price
/// statistics that one absurd value (a denormal, zero, negative, huge or NaN price; a huge or tiny
/// float volume) cannot move (B5).
@Suite("ProfileRobustnessTests: every volume type, and prices robust to stray values")
struct ProfileRobustnessTests {
    static func table(prices: PGType? = nil, volume: PGType? = nil) -> TableDefinition {
        var t = NQPTables.marketData
        if let prices {
            for name in ProfilePrices.columnNames { if let i = t.columnIndex(name) { t.columns[i].type = prices } }
        }
        if let volume, let i = t.columnIndex("volume") { t.columns[i].type = volume }
        return t
    }

    /// Three tickers of one-minute and five-minute futures bars over six days, as COPY text.
    static func export() throws -> (rows: RowSet, csv: String) {
        var spec = SyntheticDataSpec(tickers: 3, intervals: ["1m", "5m"], days: 6, start: 1_704_664_800_000_000, session: .futures)
        spec.seed = 7
        let rows = try MarketDataGenerator(spec: spec).rows()
        return (rows, CopyWriter().writeString(rows))
    }

    /// `csv` with field `field` of data line `line` (1-based, after the header) replaced.
    static func replacing(_ csv: String, line: Int, field: Int, with text: String) -> String {
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fields = lines[line].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[field] = text
        lines[line] = fields.joined(separator: ",")
        return lines.joined(separator: "\n")
    }

    @Test("volume statistics are measured for numeric, numeric(20,0), real and double precision volumes as for bigint",
          arguments: [PGType.numeric(precision: nil, scale: nil), .numeric(precision: 20, scale: 0), .float4, .float8])
    func everyVolumeType(type: PGType) throws {
        let (rows, csv) = try Self.export()
        let integer = try MarketDataProfile.measure(rows, name: "p", source: "test")
        let other = try CopyReader(table: Self.table(volume: type), loadTime: 0).read(string: csv)
        let measured = try MarketDataProfile.measure(other, name: "p", source: "test")
        #expect(measured.volume == integer.volume)
        #expect(measured.volume.logSigma != 1, "the default log-σ, not a measurement")
    }

    @Test("one stray price or volume barely moves tick, step, wick and volume statistics; the wick is never negative",
          arguments: [(3, "1e-320", true), (3, "0", false), (6, "-5", false), (6, "99999999", false), (4, "NaN", false),
                      (7, "1.5e300", true), (7, "1e-320", true), (5, "0.000001", true)])
    func strayValue(field: Int, text: String, float: Bool) throws {
        let (_, csv) = try Self.export()
        let table = Self.table(prices: float ? .float8 : nil, volume: float ? .float8 : nil)
        let clean = try MarketDataProfile.measure(try CopyReader(table: table, loadTime: 0).read(string: csv), name: "p", source: "test")
        let dirty = try MarketDataProfile.measure(
            try CopyReader(table: table, loadTime: 0).read(string: Self.replacing(csv, line: 40, field: field, with: text)), name: "p", source: "test")
        func near(_ a: Double, _ b: Double, _ tolerance: Double = 0.05) -> Bool { abs(a - b) <= tolerance * max(abs(b), 1e-9) }
        #expect(dirty.price.tick == clean.price.tick)
        #expect(dirty.price.wickTicks >= 0)
        #expect(near(dirty.price.wickTicks, clean.price.wickTicks), "wick \(dirty.price.wickTicks) vs \(clean.price.wickTicks)")
        #expect(near(dirty.price.minuteStepTicks, clean.price.minuteStepTicks), "step \(dirty.price.minuteStepTicks) vs \(clean.price.minuteStepTicks)")
        #expect(near(dirty.price.level, clean.price.level, 0.01))
        #expect(near(dirty.volume.logSigma, clean.volume.logSigma), "log-σ \(dirty.volume.logSigma) vs \(clean.volume.logSigma)")
        #expect(near(dirty.volume.medianPerMinute, clean.volume.medianPerMinute))
        #expect(throws: Never.self) { try dirty.validate() }
    }
}
