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
}
