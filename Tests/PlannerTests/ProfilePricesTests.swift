import Foundation
import Testing
import Schema
import Storage
@testable import Planner

/// A profile reads prices the way PostgreSQL stores them: an unconstrained `numeric` column keeps
/// each value's own scale (`3888.5`, `3888.75`), and the profile is the same as for the same prices
/// in a `numeric(12,2)` column.
@Suite("profile prices of any scale")
struct ProfilePricesTests {
    static var unconstrainedPrices: TableDefinition {
        var t = NQPTables.marketData
        for name in ProfilePrices.columnNames {
            if let i = t.columnIndex(name) { t.columns[i].type = .numeric(precision: nil, scale: nil) }
        }
        return t
    }

    /// `text` with every price field's trailing fractional zeros removed (`3888.50` → `3888.5`, `3900.00` → `3900`).
    static func trimmingPriceZeros(_ csv: String) -> String {
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for k in 1..<lines.count where !lines[k].isEmpty {
            var fields = lines[k].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for f in 3...6 where fields[f].contains(".") {
                while fields[f].hasSuffix("0") { fields[f].removeLast() }
                if fields[f].hasSuffix(".") { fields[f].removeLast() }
            }
            lines[k] = fields.joined(separator: ",")
        }
        return lines.joined(separator: "\n")
    }

    @Test("an unconstrained numeric export with mixed scales gives the numeric(12,2) profile")
    func mixedScalesMeasureLikeFixedScale() throws {
        var spec = SyntheticDataSpec(tickers: 3, intervals: ["1m", "5m"], days: 6, start: 1_704_664_800_000_000, session: .futures)
        spec.seed = 11
        let rows = try MarketDataGenerator(spec: spec).rows()
        let fixed = try MarketDataProfile.measure(rows, name: "p", source: "test")
        let csv = Self.trimmingPriceZeros(CopyWriter().writeString(rows))
        let mixed = try CopyReader(table: Self.unconstrainedPrices, loadTime: 0).read(string: csv)
        guard case .numeric(_, let scales) = try #require(mixed.column("close")).storage else {
            Issue.record("close is not a fixed-width numeric column")
            return
        }
        #expect(Set(scales).count > 1, "the export mixes scales")
        let measured = try MarketDataProfile.measure(mixed, name: "p", source: "test")
        #expect(measured.price == fixed.price)
        #expect(measured.price.tick == "0.25")
        #expect(measured.volume == fixed.volume)
        #expect(measured.measuredRows == fixed.measuredRows)
        #expect(measured.calendar == fixed.calendar, "calendars differ")
    }

    @Test("a value too wide at the common scale lowers it; a price of more than 18 digits is named by row and column")
    func widthLimits() throws {
        let header = "id,ticker_id,timestamp,open,high,low,close,volume,interval\n"
        func row(_ k: Int, _ close: String) -> String {
            "5e1d0a5a-47e6-4037-a2d8-84f4019200\(String(format: "%02d", k)),631eb6fc-3ea7-f5f6-319d-66ac0ff5c73b,2024-01-02 15:\(String(format: "%02d", k)):00+00,1,1,1,\(close),10,1m\n"
        }
        let reader = CopyReader(table: Self.unconstrainedPrices, loadTime: 0)
        // 123456789012.123456 has 18 digits; at 0.00000000001's scale (11) it would need 23.
        let rows = try reader.read(string: header + row(0, "123456789012.123456") + row(1, "0.00000000001") + row(2, "2.5"))
        let prices = try ProfilePrices.read(rows)
        #expect(prices.scale == 6)
        #expect(prices.close == [123_456_789_012_123_456, 0, 2_500_000])
        #expect(prices.open == [1_000_000, 1_000_000, 1_000_000])

        let wide = try reader.read(string: header + row(0, "2.5") + row(1, "1234567890123456789012.5"))
        #expect(throws: MarketDataProfile.MeasureError.unsupportedPrice(column: "close", row: 2, text: "1234567890123456789012.5")) {
            try ProfilePrices.read(wide)
        }
        let special = try ProfilePrices.read(try reader.read(string: header + row(0, "NaN") + row(1, "2.25")))
        #expect(special.special == [true, false])
        #expect(special.scale == 2 && special.close == [0, 225])
    }
}
