import Analytics
import Foundation
import Testing
import TestSupport

/// Calling the analytics functions by name with named arguments (what `/rpc/<fn>` does).
@Suite struct FunctionDispatchTests {
    static let ticker = "3f1c2a9e-5b7d-4e21-9a0b-6c8d7e5f4a31"

    static func migrationCatalog() throws -> FunctionCatalog {
        let url = SharedData.packageRoot.appendingPathComponent("sql/010_analytics_functions.sql")
        var catalog = SchemaCatalog()
        for s in try SQLParser.parse(text: String(contentsOf: url, encoding: .utf8), file: url.path) { _ = catalog.apply(s) }
        return try FunctionCatalog(catalog)
    }

    @Test func builtInDeclarationsAreMigration010s() throws {
        let parsed = try Self.migrationCatalog()
        #expect(parsed.signatures.count == 4)
        for (name, signature) in FunctionCatalog.nqp.signatures {
            let p = try #require(parsed.signature(name))
            #expect(p.parameters.map(\.name) == signature.parameters.map(\.name), "\(name)")
            #expect(p.parameters.map(\.type) == signature.parameters.map(\.type), "\(name)")
            #expect(p.parameters.map(\.defaultSQL) == signature.parameters.map(\.defaultSQL), "\(name)")
            #expect(p.columns == signature.columns, "\(name)")
            #expect(p.returnsSet == signature.returnsSet)
        }
    }

    static let csv = """
        id,ticker_id,timestamp,open,high,low,close,volume,interval
        0b7c1a52-8f0e-4d8c-9a51-3f2b6e1d0c01,\(ticker),2025-01-02 14:30:00+00,100.00,101.25,99.50,101.00,1200,1h
        0b7c1a52-8f0e-4d8c-9a51-3f2b6e1d0c02,\(ticker),2025-01-02 15:30:00+00,101.00,102.00,100.75,101.5,,1h
        0b7c1a52-8f0e-4d8c-9a51-3f2b6e1d0c03,\(ticker),2025-01-02 15:31:00+00,101.50,101.50,101.50,101.50,10,1m

        """

    @Test func defaultsComeFromTheDeclaration() throws {
        let analytics = NQPAnalytics(marketData: try InMemoryMarketData(copyCSV: Self.csv),
                                     session: try AnalyticsSession(now: "2025-01-03 00:00:00+00"))
        let dispatch = FunctionDispatch(catalog: try Self.migrationCatalog())
        let r = try dispatch.call("get_latest_price", arguments: ["p_ticker_id": .string(Self.ticker)], analytics: analytics)
        #expect(r.json(zone: .utc) == """
            [{"id":"0b7c1a52-8f0e-4d8c-9a51-3f2b6e1d0c02","ticker_id":"\(Self.ticker)","timestamp":"2025-01-02T15:30:00+00:00","open":101.00,"high":102.00,"low":100.75,"close":101.50,"volume":null,"interval":"1h"}]
            """)
        let m = try dispatch.call("get_latest_price", arguments: ["p_ticker_id": .string(Self.ticker), "p_interval": .string("1m")], analytics: analytics)
        #expect(m.json(zone: try #require(PGTimeZone(name: "Asia/Kolkata"))).contains("\"timestamp\":\"2025-01-02T21:01:00+05:30\""))
    }

    @Test func nullArgumentsBehaveAsInSQL() throws {
        let analytics = NQPAnalytics(marketData: try InMemoryMarketData(copyCSV: Self.csv), session: AnalyticsSession(now: 0))
        let dispatch = FunctionDispatch()
        #expect(try dispatch.call("get_latest_price", arguments: ["p_ticker_id": .null], analytics: analytics).json(zone: .utc) == "[]")
        let a = try dispatch.call("get_prediction_accuracy", arguments: ["p_ticker_id": .string(Self.ticker), "p_days": .null], analytics: analytics)
        #expect(a.json(zone: .utc) == """
            [{"total_predictions":0,"correct_predictions":null,"wrong_predictions":null,"pending_predictions":null,"accuracy_percentage":null,"avg_confidence":null,"avg_weighted_score":null}]
            """)
    }

    @Test func argumentsAreReadByTheirTypes() throws {
        let analytics = NQPAnalytics(session: AnalyticsSession(now: 0))
        let dispatch = FunctionDispatch()
        #expect(throws: FunctionCallError.invalidArgument(sqlState: "22P02", message: "invalid input syntax for type uuid: \"nope\"")) {
            try dispatch.call("get_latest_price", arguments: ["p_ticker_id": .string("nope")], analytics: analytics)
        }
        #expect(throws: FunctionCallError.invalidArgument(sqlState: "22P02", message: "invalid input syntax for type integer: \"1.5\"")) {
            try dispatch.call("get_prediction_accuracy", arguments: ["p_ticker_id": .string(Self.ticker), "p_days": .number("1.5")], analytics: analytics)
        }
        #expect(throws: FunctionCallError.self) {
            try dispatch.call("get_prediction_accuracy", arguments: ["p_ticker_id": .string(Self.ticker), "p_days": .number("99999999999")], analytics: analytics)
        }
        // Unknown names, unknown arguments and missing arguments without DEFAULT find no function.
        for (name, args) in [("get_latest_prices", ["p_ticker_id"]), ("get_latest_price", ["p_ticker_id", "p_other"]),
                             ("get_price_range", ["p_ticker_id", "p_interval"]), ("get_latest_price", [])] {
            var arguments: [String: FunctionArgument] = [:]
            for a in args { arguments[a] = .string(Self.ticker) }
            #expect(throws: FunctionCallError.noMatchingFunction(name: name, argumentNames: Array(arguments.keys))) {
                try dispatch.call(name, arguments: arguments, analytics: analytics)
            }
        }
    }

    @Test func declarationsTheImplementationDoesNotFitAreRefused() throws {
        var catalog = SchemaCatalog()
        let sql = """
            CREATE FUNCTION get_latest_price(p_ticker_id uuid, p_interval varchar DEFAULT '1h', p_extra int DEFAULT 1)
            RETURNS TABLE (id uuid) LANGUAGE sql STABLE AS $$ SELECT NULL::uuid $$;
            CREATE FUNCTION other(p integer DEFAULT 2 + 2) RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
            """
        for s in try SQLParser.parse(text: sql, file: "t.sql") { _ = catalog.apply(s) }
        let dispatch = FunctionDispatch(catalog: try FunctionCatalog(catalog))
        let analytics = NQPAnalytics(session: AnalyticsSession(now: 0))
        #expect(throws: FunctionCallError.self) {
            try dispatch.call("get_latest_price", arguments: ["p_ticker_id": .string(Self.ticker)], analytics: analytics)
        }
        #expect(throws: FunctionCallError.signatureNotModelled(function: "other", reason: "DEFAULT 2 + 2 of parameter p")) {
            try dispatch.call("other", arguments: [:], analytics: analytics)
        }
    }
}
