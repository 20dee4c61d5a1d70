import Testing
import Schema
@testable import Planner

/// ``MarketDataGenerator/tickerValues(of:)`` says what ``MarketDataGenerator/rows()`` puts in a
/// column per ticker: checked against generated rows column by column, so the two cannot drift.
@Suite struct MarketDataGeneratorTickerValuesTests {
    static let sql = """
        CREATE TYPE venue AS ENUM ('cme', 'ice', 'eurex');
        CREATE TABLE wide (
            ts timestamptz NOT NULL, id bigint GENERATED ALWAYS AS IDENTITY, ticker_id uuid NOT NULL, "interval" text NOT NULL,
            open numeric(12,4) NOT NULL, high numeric(12,4) NOT NULL, low numeric(12,4) NOT NULL, close numeric(12,4) NOT NULL,
            volume bigint, source text, metadata jsonb, created_at timestamptz DEFAULT now(),
            symbol text NOT NULL, market venue NOT NULL, region text DEFAULT 'us', device uuid NOT NULL, seq int NOT NULL,
            flag boolean NOT NULL, note text);
        """

    @Test func perTickerValuesAreWhatTheRowsCarry() throws {
        let table = try TableResolution.resolve(table: "wide", sources: [("w.sql", Self.sql)]).table
        let spec = SyntheticDataSpec(tickers: 12, intervals: ["1m", "1h"], days: 1, start: 1_704_153_600_000_000, seed: 3)
        let generator = MarketDataGenerator(spec: spec, table: table, timeColumn: "ts")
        let rows = try generator.rows()
        let tickerColumn = try #require(rows.column("ticker_id"))
        let ids = spec.tickerIDs
        let tickerOf = (0..<rows.count).map { r in ids.firstIndex(of: { if case .uuid(let u) = tickerColumn.value(at: r) { return u }; return PGUUID(high: 0, low: 0) }()) ?? -1 }
        #expect(!tickerOf.contains(-1))
        var perTicker = 0, perRow = 0
        for column in table.columns where column.name != "ts" {
            let vector = try #require(rows.column(column.name))
            // What the rows hold: one value per ticker, or nil when a ticker's rows differ.
            var seen: [Int: Value] = [:]
            var varies = false
            for r in 0..<rows.count {
                let v = vector.value(at: r)
                if let earlier = seen[tickerOf[r]], earlier != v { varies = true; break }
                seen[tickerOf[r]] = v
            }
            let claimed = generator.tickerValues(of: column.name)
            if varies {
                #expect(claimed == nil, "\(column.name): the rows vary within a ticker")
                perRow += 1
            } else {
                let expected = (0..<spec.tickers).map { seen[$0] ?? .null }
                #expect(claimed == expected, "\(column.name)")
                perTicker += 1
            }
        }
        #expect(perTicker >= 8 && perRow >= 6)
        #expect(generator.tickerValues(of: "ts") == nil && generator.tickerValues(of: "nosuch") == nil)
    }
}
