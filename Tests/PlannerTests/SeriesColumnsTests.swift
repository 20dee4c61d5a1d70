import Foundation
import Testing
import Schema
import Storage
import TestSupport
@testable import Planner

/// `plan` on a team's own table keyed otherwise than market_data: an instrument column named
/// `symbol` (or found through the segmentby or the primary key), no interval column or one named
/// `bar_interval`, bar columns named `price` and `qty`.
@Suite("plan on tables keyed by symbol, instrument id, or without an interval column")
struct SeriesColumnsTests {
    static func table(_ sql: String, _ name: String) throws -> TableDefinition {
        try TableResolution.resolve(table: name, sources: [("m.sql", sql)]).table
    }

    static let ohlcv = """
        CREATE TABLE ohlcv (time timestamptz NOT NULL, symbol text NOT NULL, open double precision, high double precision,
                            low double precision, close double precision, volume bigint, PRIMARY KEY (symbol, time));
        SELECT create_hypertable('ohlcv', 'time', chunk_time_interval => INTERVAL '1 day');
        """

    @Test("the instrument column: ticker_id, the segmentby, a usual name, the primary key; the interval column by name")
    func resolution() throws {
        let ohlcv = try Self.table(Self.ohlcv, "ohlcv")
        #expect(SeriesColumns.resolve(ohlcv, timeColumn: "time", segmentBy: []) == SeriesColumns(series: "symbol", interval: nil))
        #expect(SeriesColumns.resolve(NQPTables.marketData, timeColumn: "timestamp", segmentBy: []) == .marketData)

        let keyed = try Self.table("""
            CREATE TABLE q (ts timestamptz NOT NULL, venue_code integer NOT NULL, feed text, Timeframe varchar(4) NOT NULL,
                            bid numeric, PRIMARY KEY (venue_code, Timeframe, ts));
            """, "q")
        // Neither ticker_id nor a usual name: the primary key's column beside the time column.
        #expect(SeriesColumns.resolve(keyed, timeColumn: "ts", segmentBy: []) == SeriesColumns(series: "venue_code", interval: "timeframe"))
        // The segmentby says which column the series are, before any name.
        #expect(SeriesColumns.resolve(keyed, timeColumn: "ts", segmentBy: ["feed"]).series == "feed")
        // A segmentby column the generator cannot fill per ticker is passed over.
        #expect(SeriesColumns.resolve(keyed, timeColumn: "ts", segmentBy: ["bid"]).series == "venue_code")

        let readings = try Self.table("""
            CREATE TABLE d (day date NOT NULL, source_code text NOT NULL, reading double precision, note text);
            """, "d")
        #expect(SeriesColumns.resolve(readings, timeColumn: "day", segmentBy: []).series == "source_code",
                "the one NOT NULL column that could name a series")
        let devices = try Self.table("CREATE TABLE m (ts timestamptz NOT NULL, device_id integer, v real);", "m")
        #expect(SeriesColumns.resolve(devices, timeColumn: "ts", segmentBy: []).series == "device_id")

        let addressed = try Self.table("""
            CREATE TABLE r (ts timestamptz NOT NULL, symbol inet NOT NULL, reading double precision);
            """, "r")
        #expect(SeriesColumns.resolve(addressed, timeColumn: "ts", segmentBy: []) == .single, "an inet column holds no symbol: one series")
    }

    @Test("a symbol-keyed table without an interval column plans the rows of market_data's 1m bars")
    func symbolKeyedPlan() throws {
        let path = try ScenarioTests.migrationFile(Self.ohlcv)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = ScenarioInput()
        input.migrations = [path]
        input.tickers = 3
        input.days = 10
        let s = try ScenarioTests.resolve(input)
        #expect(s.table.name == "ohlcv", "the migrations' one hypertable, without --table")
        #expect(s.series == SeriesColumns(series: "symbol", interval: nil))
        #expect(s.intervals == ["1m"], "one interval without an interval column, not the defaults' three")
        #expect(s.warnings.contains { $0.contains("each ticker's bars carry its own value in \"symbol\"") })
        let plan = try CapacityPlanner(scenario: s).plan()

        var reference = ScenarioInput()
        reference.tickers = 3
        reference.days = 10
        reference.intervals = ["1m"]
        reference.chunkInterval = "1 day"
        let market = try CapacityPlanner(scenario: try ScenarioTests.resolve(reference)).plan()
        #expect(plan.rows == market.rows, "the same calendar and tickers give the same bars")
        #expect(plan.chunks == market.chunks)
        #expect(plan.sizes.hypertable.totalBytes > 0)

        input.intervals = ["1m", "5m"]
        #expect {
            try ScenarioTests.resolve(input)
        } throws: { error in
            "\(error)".contains("\"ohlcv\" has no interval column") && "\(error)".contains("1m,5m")
        }
    }

    static let metrics = """
        CREATE TABLE metrics (ts timestamptz NOT NULL PRIMARY KEY, value double precision);
        SELECT create_hypertable('metrics', 'ts', chunk_time_interval => INTERVAL '1 day');

        """

    @Test("a table with no column to tell series apart is planned as one ticker's bars; more tickers are refused")
    func singleSeriesPlan() throws {
        let path = try ScenarioTests.migrationFile(Self.metrics)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = ScenarioInput()
        input.migrations = [path]
        input.days = 10
        let s = try ScenarioTests.resolve(input)
        #expect(s.series == .single)
        #expect(s.tickers == 1, "one series without --tickers, not the defaults' ten")
        #expect(s.intervals == ["1m"])
        #expect(s.warnings.contains { $0.contains("its rows are one series") })
        let plan = try CapacityPlanner(scenario: s).plan()

        var reference = ScenarioInput()
        reference.tickers = 1
        reference.days = 10
        reference.intervals = ["1m"]
        reference.chunkInterval = "1 day"
        let market = try CapacityPlanner(scenario: try ScenarioTests.resolve(reference)).plan()
        #expect(plan.rows == market.rows, "one ticker's 1m bars on the same calendar")
        #expect(plan.chunks == market.chunks)
        #expect(plan.sizes.hypertable.totalBytes > 0)

        input.tickers = 3
        #expect {
            try ScenarioTests.resolve(input)
        } throws: { error in
            "\(error)".contains("--tickers must be 1 (got 3)")
        }
        input.tickers = 1
        input.intervals = ["1m", "1h"]
        #expect {
            try ScenarioTests.resolve(input)
        } throws: { error in
            "\(error)".contains("has no interval column") && "\(error)".contains("ts tells bars apart")
        }
    }

    @Test("one series is generated for --schema and measured back as ticker 1's 1m bars")
    func singleSeriesGenerateAndProfile() throws {
        let table = try Self.table(Self.metrics, "metrics")
        #expect(throws: MarketDataGenerator.OwnTableFailure.noSeriesColumn(table: "metrics", tickers: 2)) {
            _ = try MarketDataGenerator.forTable(table, spec: SyntheticDataSpec(tickers: 2, intervals: ["1m"], days: 2))
        }
        let rows = try MarketDataGenerator.forTable(table, spec: SyntheticDataSpec(tickers: 1, intervals: ["1m"], days: 2)).rows()
        #expect(rows.count > 1000)
        // `generate --schema` without --intervals takes the first default interval, as plan takes 1m.
        #expect(throws: MarketDataGenerator.OwnTableFailure.self) {
            _ = try MarketDataGenerator.forTable(table, spec: SyntheticDataSpec(tickers: 1, intervals: ["1m", "5m"], days: 2))
        }
        let defaulted = try MarketDataGenerator.forTable(table, spec: SyntheticDataSpec(tickers: 1, intervals: ["1m", "5m"], days: 2), intervalsGiven: false)
        let defaultedRows = try defaulted.rows()
        #expect(defaulted.spec.intervals == ["1m"] && defaultedRows.count == rows.count)
        let shaped = try MarketDataShapedRows.view(rows)
        #expect(shaped.table.columns.map(\.name).contains("ticker_id"))
        #expect(shaped.table.columns.map(\.name).contains("interval"))
        let interval = try #require(shaped.column("interval"))
        #expect(interval.value(at: 0) == .text("1m"))
    }

    @Test("--table is needed only when the migrations create several tables and no market_data")
    func defaultTable() throws {
        let two = try ScenarioTests.migrationFile(Self.ohlcv + """
            CREATE TABLE ticks (time timestamptz NOT NULL, symbol text NOT NULL, price numeric NOT NULL);
            SELECT create_hypertable('ticks', 'time');
            CREATE TABLE symbols (symbol text PRIMARY KEY);
            """)
        let nqp = try ScenarioTests.migrationFile("""
            CREATE TABLE market_data (id uuid, ticker_id uuid NOT NULL, "timestamp" timestamptz NOT NULL, open numeric, high numeric,
                                      low numeric, close numeric, volume bigint, "interval" varchar(10) NOT NULL);
            CREATE TABLE other (time timestamptz NOT NULL, symbol text NOT NULL);
            SELECT create_hypertable('other', 'time');
            """)
        defer { for p in [two, nqp] { try? FileManager.default.removeItem(atPath: p) } }
        if case .failure(let ambiguous) = TableResolution.defaultTable(files: [two]) {
            #expect(ambiguous.candidates == ["ohlcv", "ticks"], "the hypertables, not the plain lookup table")
        } else {
            Issue.record("two hypertables need --table")
        }
        var input = ScenarioInput()
        input.migrations = [two]
        #expect { try ScenarioTests.resolve(input) } throws: { "\($0)".contains("\"ohlcv\", \"ticks\"") && "\($0)".contains("--table") }
        input.table = "ticks"
        #expect(try ScenarioTests.resolve(input).series.series == "symbol")
        #expect(try TableResolution.defaultTable(files: [nqp]).get() == "market_data")
        #expect(try TableResolution.defaultTable(files: []).get() == "market_data")
    }

    @Test("price, qty and bar_interval columns take the bar's close, volume and interval; an integer instrument id one value a ticker")
    func generatorRoles() throws {
        let t = try Self.table("""
            CREATE TABLE bars (instrument_id integer NOT NULL, bar_interval text NOT NULL, ts timestamptz NOT NULL,
                               price numeric(12,2), qty bigint, UNIQUE (instrument_id, bar_interval, ts));
            """, "bars")
        let series = SeriesColumns.resolve(t, timeColumn: "ts", segmentBy: [])
        #expect(series == SeriesColumns(series: "instrument_id", interval: "bar_interval"))
        let spec = SyntheticDataSpec(tickers: 2, intervals: ["1m", "1h"], days: 2, start: 1_704_664_800_000_000, session: .futures)
        let rows = try MarketDataGenerator(spec: spec, table: t, timeColumn: "ts", series: series).rows()
        let reference = try MarketDataGenerator(spec: spec).rows()
        #expect(rows.count == reference.count)
        let ids = try #require(rows.column("instrument_id")), intervals = try #require(rows.column("bar_interval"))
        let price = try #require(rows.column("price")), qty = try #require(rows.column("qty"))
        let close = try #require(reference.column("close")), volume = try #require(reference.column("volume"))
        #expect(Set((0..<rows.count).map { ids.value(at: $0) }) == [.int(1), .int(2)])
        #expect(Set((0..<rows.count).map { intervals.value(at: $0) }) == [.text("1m"), .text("1h")])
        for r in stride(from: 0, to: rows.count, by: 97) {
            #expect(price.value(at: r) == close.value(at: r) && qty.value(at: r) == volume.value(at: r))
        }
        #expect(MarketDataGenerator.filledByType(table: t, timeColumn: "ts", series: series).isEmpty, "no column left to fill by type")
    }

    @Test("a profile measured from symbol-keyed bars without an interval column reads as market_data's")
    func profileFromOwnTable() throws {
        let spec = SyntheticDataSpec(tickers: 2, intervals: ["1m"], days: 6, start: 1_704_664_800_000_000, session: .futures)
        let reference = try MarketDataGenerator(spec: spec).rows()
        let t = try Self.table("""
            CREATE TABLE trades (ts timestamptz NOT NULL, symbol text NOT NULL, price numeric(12,2) NOT NULL, qty bigint);
            """, "trades")
        let tickers = try #require(reference.column("ticker_id"))
        let symbols = StringColumn((0..<reference.count).map { "\(tickers.value(at: $0))" })
        let rows = RowSet(table: t, columns: [try #require(reference.column("timestamp")), ColumnVector(type: .text, storage: .string(symbols)),
                                              try #require(reference.column("close")), try #require(reference.column("volume"))])
        let theirs = try MarketDataProfile.measure(reference, name: "a", source: "a")
        let ours = try MarketDataProfile.measure(rows, name: "a", source: "a")
        #expect(ours.observedIntervals == ["1m"] && ours.observedTickers == 2)
        #expect(ours.price.level == theirs.price.level && ours.price.minuteStepTicks == theirs.price.minuteStepTicks)
        #expect(ours.volume == theirs.volume)
        #expect(ours.calendar == theirs.calendar)

        // Bars 7 minutes apart are no interval plan draws.
        var odd = RowSet(table: t)
        for k in 0..<5 {
            odd.append(row: [.timestamp(1_704_664_800_000_000 + Int64(k) * 420_000_000), .text("X"), .numeric(PGNumeric(unscaled: 100, scale: 2)), .int(1)])
        }
        #expect { try MarketDataProfile.measure(odd, name: "b", source: "b") } throws: { "\($0)".contains("00:07:00 apart") }

        // One series of readings, no close under any name: the first number is read as the close.
        let metrics = try Self.table("CREATE TABLE metrics (ts timestamptz NOT NULL PRIMARY KEY, note text, temperature numeric(12,2));", "metrics")
        let first = tickers.value(at: 0)
        let keep = (0..<reference.count).filter { tickers.value(at: $0) == first }
        let readings = RowSet(table: metrics, columns: [
            try #require(reference.column("timestamp")).gathering(keep),
            ColumnVector(type: .text, storage: .string(StringColumn(repeating: "", count: keep.count)), isNull: Array(repeating: true, count: keep.count)),
            try #require(reference.column("close")).gathering(keep),
        ])
        let measured = try MarketDataProfile.measure(readings, name: "m", source: "m")
        #expect(measured.observedTickers == 1 && measured.observedIntervals == ["1m"])
        #expect(measured.price.tick == theirs.price.tick && measured.price.level > 0, "the temperature column read as the close")
    }
}

/// Bars generated for a team's own tables (`generate --schema`) load into PostgreSQL 15 as they
/// are, NOT NULL, CHECK, enum, identity and array-default columns included (a text column a CHECK
/// limits to a list takes the list's values).
@Suite("generated rows of own tables against PostgreSQL", .serialized)
struct OwnTableGenerationPostgresTests {
    static let tables: [(name: String, ddl: String, intervals: [String])] = [
        ("trades", """
            CREATE TYPE side AS ENUM ('buy', 'sell');
            CREATE TABLE trades (ts timestamptz NOT NULL, symbol text NOT NULL, price numeric(12,4) NOT NULL, qty integer NOT NULL CHECK (qty > 0),
                                 side side NOT NULL, venue varchar(8) NOT NULL CHECK (venue = 'CME' OR venue = 'ICE'),
                                 aggressor char(1) NOT NULL, trade_id bigint GENERATED ALWAYS AS IDENTITY, tags text[] DEFAULT '{}',
                                 PRIMARY KEY (symbol, ts, trade_id), CHECK (qty < 100000000 AND aggressor IN ('B', 'S')));
            """, ["1m"]),
        ("ohlcv", """
            CREATE TABLE ohlcv (time timestamptz NOT NULL, symbol text NOT NULL, open double precision, high double precision,
                                low double precision, close double precision, volume bigint, PRIMARY KEY (symbol, time));
            """, ["5m"]),
        ("bars", """
            CREATE TABLE bars (instrument_id integer NOT NULL, bar_interval text NOT NULL, ts timestamptz NOT NULL, o numeric(12,2) NOT NULL,
                               h numeric(12,2) NOT NULL, l numeric(12,2) NOT NULL, c numeric(12,2) NOT NULL, v bigint NOT NULL,
                               UNIQUE (instrument_id, bar_interval, ts));
            """, ["1m", "1h"]),
        // Readings: nullable numbers take the bar's close or volume, shrunk to fit a numeric(5,2) or
        // a smallint (the bars' ≈4,000–8,000 prices and volumes in the thousands would overflow them).
        ("readings", """
            CREATE TABLE readings (ts timestamptz NOT NULL, device_id int NOT NULL, temperature real, humidity numeric(5,2),
                                   battery smallint, pressure numeric(4) NOT NULL, parent_id bigint, note text,
                                   qty smallint NOT NULL CHECK (qty > 0), PRIMARY KEY (device_id, ts));
            """, ["1m"]),
        // CHECKs that bound numbers: the bars are shrunk under them as under a narrow type.
        ("bounded", """
            CREATE TABLE bounded (ts timestamptz NOT NULL, symbol text NOT NULL, price numeric(10,2) NOT NULL CHECK (price > 0 AND price < 100),
                                  qty integer CHECK (qty BETWEEN 1 AND 500), temperature real, spread double precision NOT NULL,
                                  CHECK (60 >= temperature), CHECK (spread <= 0.5));
            """, ["1m"]),
        ("metrics", """
            CREATE TABLE metrics (ts timestamptz NOT NULL PRIMARY KEY, value double precision, price numeric(3,1));
            """, ["1m"]),
    ]

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func generatedRowsLoad() throws {
        let pg = try PostgresCluster.shared()
        for t in Self.tables {
            let definition = try TableResolution.resolve(table: t.name, sources: [("\(t.name).sql", t.ddl)]).table
            let spec = SyntheticDataSpec(tickers: t.name == "metrics" ? 1 : 2, intervals: t.intervals, days: 2, start: 1_704_067_200_000_000, seed: 5)
            let rows = try MarketDataGenerator.forTable(definition, spec: spec).rows()
            #expect(rows.count > 1_000)
            for name in ["temperature", "humidity", "battery", "value", "price"] {
                guard let column = rows.column(name) else { continue }
                #expect((0..<rows.count).contains { !column.isNull(at: $0) }, "\(t.name).\(name) holds readings, not only NULL")
            }
            if let parent = rows.column("parent_id") {
                #expect((0..<rows.count).allSatisfy { parent.isNull(at: $0) }, "a nullable key is no reading")
            }
            let csv = CopyWriter().writeString(rows)
            let db = try pg.createDatabase("own\(t.name)")
            defer { _ = try? pg.query("DROP DATABASE \(db)") }
            let loaded = try pg.psql(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", db],
                                     input: t.ddl + "COPY \(t.name) FROM STDIN WITH (FORMAT csv, HEADER);\n" + csv + "\\.\nSELECT count(*) FROM \(t.name);\n")
            #expect(loaded.trimmingCharacters(in: .whitespacesAndNewlines) == String(rows.count), "\(t.name)")
            #expect(try CopyReader(table: definition).read(string: csv).count == rows.count, "\(t.name) through Chunkwise's COPY")
        }
    }
}
