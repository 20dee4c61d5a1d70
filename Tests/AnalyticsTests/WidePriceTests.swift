import Analytics
import Foundation
import Schema
import Storage
import Testing
import TestSupport

/// A market_data schema may declare its prices as unconstrained `numeric`, which stores values of
/// any width; the price functions return them as PostgreSQL does, digit for digit and scale for
/// scale, from the in-memory store, the engine's uncompressed chunks and its compressed batches.
@Suite(.serialized) struct WidePriceTests {
    static var unconstrainedPrices: TableDefinition {
        var t = NQPTables.marketData
        for name in ["open", "high", "low", "close"] {
            if let i = t.columnIndex(name) { t.columns[i].type = .numeric(precision: nil, scale: nil) }
        }
        return t
    }

    static let ticker = "631eb6fc-3ea7-f5f6-319d-66ac0ff5c73b"

    /// Prices of 1 to 40 digits, trailing zeros kept, NaN, negatives and tiny fractions, over two
    /// days of hourly bars; the close of the newest bar is wide.
    static let prices: [(open: String, high: String, low: String, close: String)] = [
        ("1.5", "2", "1", "1.75"),
        ("1234567890123456789012.5", "1234567890123456789013", "1234567890123456789012", "1234567890123456789012.75"),
        ("0.000000000000000000001234", "0.5", "0.0000000000000000000000001", "0.100000000000000000000000"),
        ("-98765432109876543210", "NaN", "-98765432109876543211.125", "-98765432109876543210.000"),
        ("123456789012345678", "999999999999999999", "100000000000000000", "123456789012345678.9"),
        ("5.00", "5.0000000000000000000000000000000000000001", "4.99", "5"),
        ("1.50000000000000000000000", "2.0", "1.00", "12345678901234567890123456789012345678.90"),
    ]

    /// The bars as COPY CSV (id … interval; the other columns take their defaults).
    static var csv: String {
        var s = "id,ticker_id,timestamp,open,high,low,close,volume,interval\n"
        for (i, p) in prices.enumerated() {
            let time = PGTimestamp.format(1_704_067_200_000_000 + Int64(i) * 7 * 3_600_000_000)
            s += "5e1d0a5a-47e6-4037-a2d8-84f4019200\(String(format: "%02d", i)),\(ticker),\(time),\(p.open),\(p.high),\(p.low),\(p.close),\(i == 3 ? "" : "107"),1h\n"
        }
        return s
    }

    static func rows() throws -> RowSet {
        try CopyReader(table: unconstrainedPrices, loadTime: 0).read(string: csv)
    }

    static func closes(_ range: PriceRange) -> [String] { range.map(\.close.description) }

    @Test func narrowPricesInAnUnconstrainedColumnAreRead() throws {
        let rows = try CopyReader(table: Self.unconstrainedPrices, loadTime: 0).read(string: """
            id,ticker_id,timestamp,open,high,low,close,volume,interval
            5e1d0a5a-47e6-4037-a2d8-84f401929eb5,\(Self.ticker),2024-01-01 23:57:00+00,1.5,2,1,1.75,107,1m
            0fdc86dd-9ab9-4075-ac73-adc1f544917b,\(Self.ticker),2024-01-01 23:58:00+00,1.5,2,1,1.25,107,1m

            """)
        let bars = try PriceBar.bars(from: rows)
        #expect(bars.map(\.close.description) == ["1.75", "1.25"])
        #expect(bars.allSatisfy { if case .narrow = $0.close { true } else { false } })
    }

    @Test func everyStoreReturnsWidePricesDigitForDigit() throws {
        let rows = try Self.rows()
        let ticker = try PGUUID.parse(Self.ticker)
        let expected = Self.prices.map(\.close)
        let memory = try InMemoryMarketData(rows: rows)
        // Chunks of 6 hours, one bar each; everything older than a day compressed, so wide values
        // come back both from uncompressed chunks and from decoded batches.
        var ht = try Hypertable(table: Self.unconstrainedPrices,
                                options: HypertableOptions(timeColumn: "timestamp", chunkInterval: 6 * 3_600_000_000,
                                                           indexedColumns: ["ticker_id", "interval"]))
        try ht.insert(rows)
        let uncompressed = try HypertableMarketData(hypertable: ht)
        try ht.enableCompression(CompressionSettings(segmentBy: ["ticker_id", "interval"], orderBy: [.init(column: "timestamp", descending: true)]))
        for chunk in ht.chunks.prefix(ht.chunks.count - 2) { try ht.compressChunk(named: chunk.name) }
        #expect(ht.chunks.filter(\.isCompressed).count == Self.prices.count - 2)
        let compressed = try HypertableMarketData(hypertable: ht)
        for (name, store) in [("in memory", memory as any MarketDataSource), ("uncompressed", uncompressed), ("compressed", compressed)] {
            let range = try store.bars(ticker: ticker, interval: "1h", from: .min, through: .max)
            #expect(Self.closes(range) == expected, "\(name)")
            #expect(range.map(\.open.description) == Self.prices.map(\.open), "\(name)")
            #expect(range.map(\.high.description) == Self.prices.map(\.high), "\(name)")
            #expect(range.map(\.low.description) == Self.prices.map(\.low), "\(name)")
            let latest = try #require(try store.latestBar(ticker: ticker, interval: "1h"), "\(name)")
            #expect(latest.close.description == expected.last, "\(name)")
            #expect(latest.close == (try NumericValue.parse(expected.last!)), "\(name)")
            #expect(latest.close.scale == 2, "\(name)")
        }
    }

    @Test func functionDispatchReturnsWideValues() throws {
        let analytics = NQPAnalytics(marketData: try InMemoryMarketData(rows: try Self.rows()),
                                     session: try AnalyticsSession(now: "2024-01-05 00:00:00+00"))
        let result = try FunctionDispatch().call("get_latest_price", arguments: ["p_ticker_id": .string(Self.ticker), "p_interval": .string("1h")],
                                                 analytics: analytics)
        let close = try #require(result.rows.first?[6])
        #expect(close == Value(try NumericValue.parse(Self.prices.last!.close)))
        #expect(result.json(zone: .utc).contains("\"close\":12345678901234567890123456789012345678.90"), "\(result.json(zone: .utc))")
    }

    /// `chunkwise query --csv` on the file, with and without compressed chunks, prints what
    /// PostgreSQL 15 prints for the same calls on a table with unconstrained numeric prices.
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func queryPrintsWhatPostgresPrints() throws {
        let binary = try #require(ChunkwiseExecutable.url, "the chunkwise executable is not built beside the tests")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-wide-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let schema = """
            CREATE TABLE market_data (
                id uuid PRIMARY KEY, ticker_id uuid NOT NULL, "timestamp" timestamptz NOT NULL,
                open numeric NOT NULL, high numeric NOT NULL, low numeric NOT NULL, close numeric NOT NULL,
                volume bigint, "interval" varchar(10) NOT NULL, UNIQUE (ticker_id, "timestamp", "interval"));

            """
        let sql = SharedData.packageRoot.appendingPathComponent("sql")
        let nqp = try String(contentsOf: sql.appendingPathComponent("001_nqp_schema.sql"), encoding: .utf8)
        let functions = try String(contentsOf: sql.appendingPathComponent("010_analytics_functions.sql"), encoding: .utf8)
        let schemaFile = directory.appendingPathComponent("001_wide.sql"), data = directory.appendingPathComponent("md.csv")
        try schema.write(to: schemaFile, atomically: true, encoding: .utf8)
        try Self.csv.write(to: data, atomically: true, encoding: .utf8)

        let cluster = try PostgresCluster.shared()
        let database = try cluster.createDatabase("wide")
        // NQP's other tables (the functions' bodies name them), then this market_data in place of NQP's.
        try cluster.query(nqp + "\nDROP TABLE market_data CASCADE;\n" + schema + functions, database: database)
        let copyIn = "COPY market_data (id, ticker_id, \"timestamp\", open, high, low, close, volume, \"interval\") FROM STDIN WITH (FORMAT csv, HEADER);\n"
        _ = try cluster.psql(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database], input: copyIn + Self.csv + "\\.\n")

        let calls: [(sql: String, arguments: [String])] = [
            ("get_latest_price('\(Self.ticker)', '1h')", ["get_latest_price", "--interval", "1h"]),
            ("get_price_range('\(Self.ticker)', '1h', '2024-01-01 00:00:00+00', '2024-01-03 00:00:00+00')",
             ["get_price_range", "--interval", "1h", "--start", "2024-01-01 00:00:00+00", "--end", "2024-01-03 00:00:00+00"]),
        ]
        for call in calls {
            // The harness trims psql's last newline; COPY … TO STDOUT ends every row with one.
            let pg = try cluster.csv("SELECT * FROM \(call.sql)", database: database) + "\n"
            for layout in [[], ["--chunk-interval", "6 hours", "--compress-after", "1 day"]] {
                let arguments = ["query"] + [call.arguments[0], "--data", data.path, "--schema", schemaFile.path, "--ticker", Self.ticker]
                    + call.arguments.dropFirst() + layout + ["--now", "2024-01-05 00:00:00+00", "--csv"]
                let result = try ChunkwiseExecutable.run(binary, arguments)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == pg, "chunkwise \(arguments.joined(separator: " "))")
            }
        }
        #expect(try cluster.csv("SELECT close FROM get_latest_price('\(Self.ticker)', '1h')", database: database).contains("12345678901234567890123456789012345678.90"))
    }
}
