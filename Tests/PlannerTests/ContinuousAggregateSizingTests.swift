import Foundation
import LocalPostgres
import PostgresModel
import Schema
import Storage
import Testing
@testable import Planner

/// `plan` sizes the continuous aggregates a team's migrations define on the planned table: their
/// materialized hypertables, rows per bucket and group, TimescaleDB's chunks and indexes.
@Suite("continuous aggregates' materialized hypertables in plan")
struct ContinuousAggregateSizingTests {
    static let migration = """
        CREATE TABLE bars (ts timestamptz NOT NULL, symbol text NOT NULL, interval text NOT NULL, open numeric(12,2), high numeric(12,2),
                           low numeric(12,2), close numeric(12,2), volume bigint, PRIMARY KEY (symbol, interval, ts));
        SELECT create_hypertable('bars', 'ts', chunk_time_interval => INTERVAL '1 day');
        CREATE MATERIALIZED VIEW bars_daily WITH (timescaledb.continuous) AS
          SELECT time_bucket('1 day', ts) AS day, symbol, first(open, ts) AS open, max(high) AS high, min(low) AS low,
                 last(close, ts) AS close, sum(volume) AS volume, avg(close) AS avg_close, count(*) AS n
          FROM bars WHERE interval = '1m' GROUP BY day, symbol WITH NO DATA;
        SELECT add_continuous_aggregate_policy('bars_daily', start_offset => INTERVAL '3 days', end_offset => NULL, schedule_interval => INTERVAL '1 hour');
        CREATE MATERIALIZED VIEW bars_hourly WITH (timescaledb.continuous) AS
          SELECT time_bucket(INTERVAL '1 hour', ts) AS hour, symbol, interval, max(high) - min(low) AS range,
                 sum(close * volume) / sum(volume) AS vwap
          FROM bars GROUP BY 1, 2, 3 WITH NO DATA;
        SELECT add_retention_policy('bars_hourly', drop_after => INTERVAL '20 days');
        CREATE MATERIALIZED VIEW bars_odd WITH (timescaledb.continuous) AS
          SELECT time_bucket('1 day', ts) AS day, upper(symbol) AS s, max(high) FROM bars GROUP BY 1, upper(symbol) WITH NO DATA;

        """

    static func scenario(days: Int = 40, tickers: Int = 6, intervals: [String] = ["1m", "5m"]) throws -> Scenario {
        let path = try ScenarioTests.migrationFile(Self.migration)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = ScenarioInput()
        input.migrations = [path]
        input.tickers = tickers
        input.days = days
        input.intervals = intervals
        input.session = "futures"
        return try ScenarioTests.resolve(input)
    }

    @Test("the definition's select list, WHERE and GROUP BY are read")
    func definitionIsRead() throws {
        let s = try Self.scenario()
        #expect(s.continuousAggregates.map(\.definition.name) == ["bars_daily", "bars_hourly", "bars_odd"])
        let daily = try #require(s.continuousAggregates.first?.definition.query)
        #expect(daily.items.map(\.alias) == ["day", nil, "open", "high", "low", "close", "volume", "avg_close", "n"])
        #expect(daily.items[8].expression == .function("count", []))
        #expect(daily.whereClause == .comparison(.eq, .column("interval"), .literal(.text("1m"))))
        #expect(daily.groupBy == [.column("day"), .column("symbol")])
        #expect(s.continuousAggregates[1].dropAfter == PGInterval(days: 20))
        #expect(s.continuousAggregates[0].refreshed && s.continuousAggregates[0].refreshEndOffset == nil)
    }

    @Test("time_bucket's default alignment: fixed widths from Monday 2000-01-03, months from 2000-01-01")
    func bucketAlignment() throws {
        func t(_ text: String) throws -> Int64 { try PGTimestamp.parse(text) }
        let week = try #require(PGInterval(text: "7 days"))
        // 2026-12-07 is a Monday; the Sunday before belongs to the week from 2026-11-30.
        #expect(ContinuousAggregateSizing.bucket(try t("2026-12-06 23:59:00+00"), width: week) == (try t("2026-11-30 00:00:00+00")))
        #expect(ContinuousAggregateSizing.bucket(try t("2026-12-07 00:00:00+00"), width: week) == (try t("2026-12-07 00:00:00+00")))
        let quarter = try #require(PGInterval(text: "3 months"))
        #expect(ContinuousAggregateSizing.bucket(try t("2026-05-17 10:00:00+00"), width: quarter) == (try t("2026-04-01 00:00:00+00")))
        #expect(ContinuousAggregateSizing.bucket(try t("1999-12-31 10:00:00+00"), width: quarter) == (try t("1999-10-01 00:00:00+00")))
        let hours = try #require(PGInterval(text: "90 minutes"))
        #expect(ContinuousAggregateSizing.bucket(try t("2000-01-03 01:29:00+00"), width: hours) == (try t("2000-01-03 00:00:00+00")))
        #expect(ContinuousAggregateSizing.bucket(try t("2000-01-02 23:00:00+00"), width: hours) == (try t("2000-01-02 22:30:00+00")))
    }

    @Test("plan sizes each aggregate on the table, in 10× chunks, and says which it could not size")
    func planFigures() throws {
        let s = try Self.scenario()
        var planner = CapacityPlanner(scenario: s)
        planner.latency = nil
        let p = try planner.plan()
        #expect(p.continuousAggregates.map(\.name) == ["bars_daily", "bars_hourly"])
        let daily = try #require(p.continuousAggregates.first)
        // One row per trading day and ticker: the 1m bars' days.
        let days = Self.tradingDays(s)
        #expect(daily.rows == days.count * s.tickers, "\(daily.rows) rows against \(days.count) days × \(s.tickers)")
        #expect(daily.chunkInterval == "10 days" && daily.groupBy == ["symbol"])
        #expect(daily.indexes.count == 2, "(symbol, day DESC) and (day DESC): \(daily.indexes)")
        #expect(daily.totalBytes > daily.rows * 60 && daily.totalBytes < 8192 * 8 * (daily.chunks + 1) + daily.rows * 400, "\(daily) \(p.sizes.hypertable)")
        let hourly = try #require(p.continuousAggregates.last)
        #expect(hourly.groupBy == ["symbol", "interval"])
        #expect(hourly.notes.contains { $0.contains("retention") } && hourly.notes.contains { $0.contains("no refresh policy") })
        #expect(hourly.rows > 0 && hourly.chunks <= 3, "20 days kept of 10-day chunks: \(hourly.chunks)")
        #expect(!p.warnings.contains { $0.contains("bars_daily") || $0.contains("bars_hourly") }, "\(p.warnings)")
        #expect(p.warnings.contains { $0.contains("bars_odd is not sized: it groups by upper(symbol)") }, "\(p.warnings)")
        let json = try p.jsonText()
        #expect(json.contains("\"continuous_aggregates\"") && json.contains("\"bucket_width\""))
    }

    @Test("a compression policy on the aggregate compresses its older chunks, segmented by its grouping columns")
    func compressedAggregate() throws {
        func plan(_ extra: String) throws -> CapacityPlan.ContinuousAggregateFigure {
            let path = try ScenarioTests.migrationFile(Self.migration + extra)
            defer { try? FileManager.default.removeItem(atPath: path) }
            var input = ScenarioInput()
            input.migrations = [path]
            input.tickers = 20
            input.days = 120
            input.intervals = ["1m"]
            input.session = "futures"
            var planner = CapacityPlanner(scenario: try ScenarioTests.resolve(input))
            planner.latency = nil
            return try #require(try planner.plan().continuousAggregates.first { $0.name == "bars_hourly" })
        }
        let plain = try plan("")
        let compressed = try plan("""
            ALTER MATERIALIZED VIEW bars_hourly SET (timescaledb.enable_columnstore = true);
            CALL add_columnstore_policy('bars_hourly', after => INTERVAL '5 days');
            SELECT remove_retention_policy('bars_hourly');
            """)
        let uncompressed = try plan("SELECT remove_retention_policy('bars_hourly');\n")
        #expect(plain.rows < uncompressed.rows, "the retention policy keeps 20 of 120 days")
        #expect(compressed.rows == uncompressed.rows)
        #expect(compressed.totalBytes * 3 < uncompressed.totalBytes, "\(compressed.totalBytes) against \(uncompressed.totalBytes)")
        #expect(compressed.notes.contains { $0.hasPrefix("compression policy: ") && $0.contains("segmentby 'symbol, interval', orderby 'hour'") },
                "\(compressed.notes)")
        let enabledOnly = try plan("ALTER MATERIALIZED VIEW bars_hourly SET (timescaledb.compress, timescaledb.compress_segmentby = 'symbol');\n")
        #expect(enabledOnly.totalBytes == plain.totalBytes && enabledOnly.notes.contains { $0.contains("no compression policy") })
    }

    @Test("migrate writes the aggregates back as the migrations wrote them, after the table's steps, rerunnable where they ran, and check accepts them")
    func migrateWritesThem() throws {
        let s = try Self.scenario(days: 20)
        let migration = try MigrationPlan.make(scenario: s)
        let step = try #require(migration.steps.last)
        #expect(step.name == "continuous_aggregates" && !step.postgresOnly)
        #expect(step.statements.count == 7, "three definitions, a refresh and a retention policy, each policy removed first: \(step.statements)")
        #expect(step.statements[0].hasPrefix("CREATE MATERIALIZED VIEW IF NOT EXISTS bars_daily WITH (timescaledb.continuous)")
                && step.statements[0].hasSuffix(";"))
        #expect(step.statements[1] == "SELECT remove_continuous_aggregate_policy('bars_daily', if_exists => true);")
        #expect(step.statements[2].hasPrefix("SELECT add_continuous_aggregate_policy('bars_daily'"))
        #expect(step.rollbackStatements.count == 3 && step.rollbackStatements.allSatisfy { $0.hasPrefix("-- ") })
        #expect(step.rollbackStatements[0].hasSuffix("run DROP MATERIALIZED VIEW IF EXISTS bars_odd CASCADE;"))
        // Where the migrations ran (their statements first), the step is skipped and re-adds the
        // policies without an error; on its own it creates them.
        let rerun = MigrationCheck.run(files: [("theirs.sql", Self.migration), ("step.sql", step.statements.joined(separator: "\n"))]).findings
        #expect(!rerun.contains { $0.severity == .error }, "\(rerun)")
        #expect(rerun.filter { $0.file == "step.sql" }.map(\.message).contains("continuous aggregate \"bars_daily\" already exists, skipping"))
        #expect(step.comments.contains { $0.hasPrefix("bars_daily: predicted at now ") })
        #expect(!s.warnings(handling: MigrationWriter.writtenContinuousAggregates(s).map(\.definition.name)).contains { $0.contains("bars_") })
    }

    @Test("a sample whose rows lost their bucket ends the tiling instead of repeating it forever")
    func tilingWithoutBucketsEnds() throws {
        let s = try Self.scenario(days: 5)
        let sizing = ContinuousAggregateSizing(scenario: s)
        let shape = try sizing.classify(try #require(s.continuousAggregates.first).definition)
        let table = try sizing.materializedTable("bars_daily", shape: shape)
        let broken = ContinuousAggregateSizing.AggregatedSample(rows: [Array(repeating: .null, count: table.columns.count)], shiftBy: 86_400_000_000)
        #expect(sizing.tiled(broken, table: table, shape: shape, atLeast: 3000).count == 0)
    }

    /// The days holding a 1m bar, by the scenario's calendar.
    static func tradingDays(_ s: Scenario) -> Set<Int64> {
        var days = Set<Int64>()
        s.calendar.forEachOpenMinute(from: s.start, to: s.end) { days.insert(CivilTime.floorDiv($0, 86_400_000_000)) }
        return days
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15"))
    func materializedRowsAndTypesMatchPostgreSQL() throws {
        // The bars loaded into PostgreSQL 15 and aggregated there as TimescaleDB's refresh does
        // (date_bin with time_bucket's origin; first/last as ordered array_agg): the same rows, the
        // same column types, and the model's heap and indexes close to the server's, for a daily
        // aggregate (few rows: sized exactly) and an hourly one (more rows than the sample: grown).
        let s = try Self.scenario(days: 30, tickers: 6, intervals: ["1m"])
        let sizing = ContinuousAggregateSizing(scenario: s)
        let source = try ChunkSampler(scenario: s).rows(window: (s.start, s.end), tickers: s.tickers, seed: 3)
        let pg = try PostgresCluster.shared()
        let db = try pg.createDatabase("cagg")
        defer { _ = try? pg.query("DROP DATABASE \(db)") }
        let ddl = "CREATE TABLE bars (ts timestamptz NOT NULL, symbol text NOT NULL, interval text NOT NULL, open numeric(12,2), high numeric(12,2), "
            + "low numeric(12,2), close numeric(12,2), volume bigint);\n"
        _ = try pg.psql(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db],
                        input: ddl + "COPY bars FROM STDIN WITH (FORMAT csv, HEADER);\n" + CopyWriter().writeString(source) + "\\.\n")
        let refreshes = [
            ("SELECT date_bin('1 day', ts, '2000-01-03 00:00+00') AS day, symbol, (array_agg(open ORDER BY ts))[1] AS open, max(high) AS high, "
             + "min(low) AS low, (array_agg(close ORDER BY ts DESC))[1] AS close, sum(volume) AS volume, avg(close) AS avg_close, count(*) AS n "
             + "FROM bars WHERE interval = '1m' GROUP BY 1, 2 ORDER BY 1, 2", ["symbol, day DESC", "day DESC"]),
            ("SELECT date_bin('1 hour', ts, '2000-01-03 00:00+00') AS hour, symbol, interval, max(high) - min(low) AS range, "
             + "sum(close * volume) / sum(volume) AS vwap FROM bars GROUP BY 1, 2, 3 ORDER BY 1, 2, 3", ["symbol, hour DESC", "interval, hour DESC", "hour DESC"]),
        ]
        for (k, (select, indexes)) in refreshes.enumerated() {
            let setup = s.continuousAggregates[k]
            let shape = try sizing.classify(setup.definition)
            let table = try sizing.materializedTable(setup.definition.name, shape: shape)
            #expect(table.indexes.map { $0.keys.map { ($0.column ?? "") + ($0.descending ? " DESC" : "") }.joined(separator: ", ") } == indexes)
            let modelRows = try sizing.rowsPerMaterializationChunk(shape: shape, end: s.end, chunkInterval: Int64.max / 4).values.reduce(0, +)
            let mat = "mat\(k)"
            _ = try pg.query("CREATE TABLE \(mat) AS \(select) WITH NO DATA;\n"
                             + indexes.map { "CREATE INDEX ON \(mat) (\($0));\n" }.joined()
                             + "INSERT INTO \(mat) \(select);\nVACUUM ANALYZE \(mat);", database: db)
            let types = try pg.query("SELECT string_agg(format_type(atttypid, atttypmod), ',' ORDER BY attnum) FROM pg_attribute "
                                     + "WHERE attrelid = '\(mat)'::regclass AND attnum > 0", database: db)
            let ours = table.columns.map { PostgresBuiltinCatalog.shared.display($0.typeName) }
            #expect(types.trimmingCharacters(in: .whitespacesAndNewlines) == ours.joined(separator: ","), "PostgreSQL: \(types); Chunkwise: \(ours)")
            let count = Int(try pg.query("SELECT count(*) FROM \(mat)", database: db).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
            #expect(count == modelRows, "\(setup.definition.name): PostgreSQL holds \(count) rows, the model counts \(modelRows)")

            let sample = try sizing.sampleRows(table: table, shape: shape)
            let predicted = count <= sample.count
                ? try RelationSizeModel.predict(rows: sample.gathering(Array(0..<count)), build: { _ in .incremental })
                : try SizeProfile(sample: sample, build: { _ in .incremental }).predict(rowCount: count)
            let heap = Double(predicted.filter { $0.kind == .heap }.reduce(0) { $0 + $1.mainBytes })
            let index = Double(predicted.filter { $0.kind == .btree }.reduce(0) { $0 + $1.mainBytes })
            let real = try pg.query("SELECT pg_relation_size('\(mat)') || ' ' || pg_indexes_size('\(mat)')", database: db)
                .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").compactMap { Double($0) }
            try #require(real.count == 2)
            #expect(abs(heap - real[0]) / real[0] < 0.08, "\(setup.definition.name) heap (\(count) rows): model \(heap), PostgreSQL \(real[0])")
            #expect(abs(index - real[1]) / real[1] < 0.15, "\(setup.definition.name) indexes (\(count) rows): model \(index), PostgreSQL \(real[1])")
        }
    }
}
