// This file is the example in docs/ANALYTICS.md, verbatim: it uses only the public API, the way a
// user's own test target would, so CI proves the documented example compiles and holds.
import Analytics
import Testing

@Suite struct AnalyticsExampleTests {
    static let ticker = "3f1c2a9e-5b7d-4e21-9a0b-6c8d7e5f4a31"

    // Rows built in code.
    @Test func accuracyOverTheLastSevenDays() throws {
        let ticker = try PGUUID.parse(Self.ticker)
        func prediction(_ created: String, _ result: String?, _ confidence: String) throws -> PredictionRecord {
            PredictionRecord(tickerID: ticker, createdAt: try PGTimestamp.parse(created), actualResult: result,
                             confidence: try PGNumeric.parse(confidence), weightedScore: try PGNumeric.parse("0.5000"))
        }
        let predictions = InMemoryPredictions(records: [
            try prediction("2025-01-01 09:00:00+00", "CORRECT", "80.00"),
            try prediction("2025-01-01 10:00:00+00", "CORRECT", "70.01"),
            try prediction("2025-01-01 11:00:00+00", "WRONG", "60.00"),
            try prediction("2025-01-01 12:00:00+00", "PENDING", "50.00"),
            try prediction("2024-12-01 12:00:00+00", "WRONG", "10.00"),  // older than 7 days
        ])
        let analytics = NQPAnalytics(predictions: predictions,
                                     session: try AnalyticsSession(now: "2025-01-03 00:00:00+00"))

        let row = try analytics.getPredictionAccuracy(ticker: ticker, days: 7)

        // Exactly what PostgreSQL prints for SELECT * FROM get_prediction_accuracy(ticker, 7).
        #expect(QueryResult(row).rows == [["4", "2", "1", "1", "66.67", "65.00", "0.5000"]])
    }

    // A COPY CSV fixture, as `COPY market_data TO STDOUT WITH (FORMAT csv, HEADER)` writes it.
    @Test func latestPriceFromACopyFixture() throws {
        let csv = """
            id,ticker_id,timestamp,open,high,low,close,volume,interval
            0b7c1a52-8f0e-4d8c-9a51-3f2b6e1d0c01,\(Self.ticker),2025-01-02 14:30:00+00,100.00,101.25,99.50,101.00,1200,1h
            0b7c1a52-8f0e-4d8c-9a51-3f2b6e1d0c02,\(Self.ticker),2025-01-02 15:30:00+00,101.00,102.00,100.75,101.5,,1h
            0b7c1a52-8f0e-4d8c-9a51-3f2b6e1d0c03,\(Self.ticker),2025-01-02 15:31:00+00,101.50,101.50,101.50,101.50,10,1m

            """
        let analytics = NQPAnalytics(marketData: try InMemoryMarketData(copyCSV: csv),
                                     session: try AnalyticsSession(now: "2025-01-02 16:00:00", timeZone: "America/New_York"))

        let latest = try analytics.getLatestPrice(ticker: try PGUUID.parse(Self.ticker), interval: "1h")

        let result = QueryResult(latestPrice: latest, zone: analytics.session.timeZone)
        #expect(result.csv == """
            id,ticker_id,timestamp,open,high,low,close,volume,interval
            0b7c1a52-8f0e-4d8c-9a51-3f2b6e1d0c02,\(Self.ticker),2025-01-02 10:30:00-05,101.00,102.00,100.75,101.50,,1h

            """)
    }
}
