import Foundation
import Testing
import PostgresModel
import Schema
import Storage
import TestSupport
@testable import Planner

/// The migrations `plan`, `migrate` and `simulate` replay: every statement that changes the
/// hypertable is modelled or warned about with its file and line, and a value the migrations give
/// is refused with their file and line, not a flag the user never passed.
@Suite("plan scenarios: migrations replayed as TimescaleDB runs them")
struct ScenarioMigrationReplayTests {
    static let bars = """
        CREATE TABLE bars (ts timestamptz NOT NULL, ticker_id integer NOT NULL, "interval" text NOT NULL, open numeric NOT NULL,
            high numeric NOT NULL, low numeric NOT NULL, close numeric NOT NULL, volume bigint);
        SELECT create_hypertable('bars', 'ts', chunk_time_interval => INTERVAL '1 day');

        """

    /// The scenario of `sql` (after the bars table) for `--table bars`, its migration file's path.
    static func resolve(_ sql: String) throws -> (Scenario, String) {
        try scenario(of: bars + sql)
    }

    /// The scenario of the whole migration `sql` for `--table bars` with the flags `flags` sets,
    /// and the migration file's path.
    static func scenario(of sql: String, flags: (inout ScenarioInput) -> Void = { _ in }) throws -> (Scenario, String) {
        let path = try ScenarioTests.migrationFile(sql)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = ScenarioInput()
        input.migrations = [path]
        input.table = "bars"
        flags(&input)
        return (try ScenarioTests.resolve(input), path)
    }

    /// The refusal of `sql`'s scenario, as printed.
    static func refusal(_ sql: String, prefix: String = bars) throws -> (String, String) {
        let path = try ScenarioTests.migrationFile(prefix + sql)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = ScenarioInput()
        input.migrations = [path]
        input.table = prefix == bars ? "bars" : "ticks"
        do {
            _ = try ScenarioTests.resolve(input)
            return ("no error", path)
        } catch {
            return ("\(error)", path)
        }
    }

    /// The plan (and its scenario) of the whole migration `sql` for `--table table`: `tickers`
    /// tickers of `intervals` bars over `days` days to 2025-07-01.
    static func planned(_ sql: String, table: String, tickers: Int, intervals: [String], days: Int) throws -> (CapacityPlan, Scenario) {
        let path = try ScenarioTests.migrationFile(sql)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = ScenarioInput()
        input.migrations = [path]
        input.table = table
        input.tickers = tickers
        input.intervals = intervals
        input.days = days
        input.now = "2025-07-01"
        let scenario = try ScenarioTests.resolve(input)
        return (try CapacityPlanner(scenario: scenario).plan(), scenario)
    }

    @Test("remove_retention_policy and remove_compression_policy take the policy away")
    func removedPolicies() throws {
        let (retention, _) = try Self.resolve("SELECT add_retention_policy('bars', INTERVAL '30 days'); SELECT remove_retention_policy('bars');")
        #expect(retention.retain == nil)
        let (compression, _) = try Self.resolve("""
            ALTER TABLE bars SET (timescaledb.compress); SELECT add_compression_policy('bars', INTERVAL '2 days');
            SELECT remove_compression_policy('bars', if_exists => true);
            """)
        #expect(compression.compressAfter == nil)
        let (missing, path) = try Self.refusal("SELECT remove_retention_policy('bars');")
        #expect(missing.hasPrefix("\(path):4: retention policy not found for hypertable \"bars\""))
    }

    @Test("TimescaleDB calls as SELECT * FROM f(…) and SELECT f(…) AS alias are modelled")
    func selectFromCalls() throws {
        let (star, _) = try Self.resolve("""
            SELECT * FROM set_chunk_time_interval('bars', INTERVAL '2 days');
            ALTER TABLE bars SET (timescaledb.compress);
            SELECT * FROM add_compression_policy('bars', INTERVAL '3 days') AS job;
            SELECT add_retention_policy('bars', INTERVAL '90 days') AS job_id;
            SELECT j.* FROM public.add_retention_policy('bars', INTERVAL '90 days', if_not_exists => true) j;
            """)
        #expect(star.chunkInterval == 2 * 86_400_000_000)
        #expect(star.compressAfter == PGInterval(days: 3))
        #expect(star.retain == PGInterval(days: 90))
        // Only the note that `timescaledb.compress` alone leaves the segmentby to TimescaleDB.
        #expect(star.warnings.count == 1 && star.warnings[0].contains("without compress_segmentby"))
    }

    @Test("a statement that could change the hypertable but is not modelled is a warning with file and line")
    func unmodelledWarnings() throws {
        let path = try ScenarioTests.migrationFile(Self.bars + """
            SELECT alter_job(1000, schedule_interval => INTERVAL '1 hour');
            DO $$ BEGIN PERFORM add_retention_policy('bars', INTERVAL '1 day'); END $$;
            SELECT count(*) FROM bars;
            GRANT SELECT ON bars TO PUBLIC;
            SELECT pg_catalog.set_config('search_path', '', false);
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = ScenarioInput()
        input.migrations = [path]
        input.table = "bars"
        let warnings = try ScenarioTests.resolve(input).warnings
        #expect(warnings.count == 3)
        #expect(warnings.contains { $0.hasPrefix("WARNING: \(path):4: alter_job is not modelled") })
        #expect(warnings.contains { $0.hasPrefix("WARNING: \(path):5: DO is not modelled") })
        #expect(warnings.contains { $0.hasPrefix("WARNING: \(path):6: SELECT is not modelled") })
    }

    @Test("a continuous aggregate's policies replay, and its storage is named once as not planned")
    func continuousAggregate() throws {
        let sql = """
            CREATE TABLE conditions (time timestamptz NOT NULL, location text NOT NULL, temperature double precision);
            SELECT create_hypertable('conditions', by_range('time', INTERVAL '1 day'));
            CREATE MATERIALIZED VIEW conditions_hourly WITH (timescaledb.continuous) AS
              SELECT time_bucket('1 hour', time) AS bucket, location, avg(temperature) FROM conditions GROUP BY 1, 2 WITH NO DATA;
            SELECT add_continuous_aggregate_policy('conditions_hourly', start_offset => INTERVAL '3 hours', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '1 hour');
            SELECT add_retention_policy('conditions_hourly', INTERVAL '1 year');
            CALL refresh_continuous_aggregate('conditions_hourly', NULL, NULL);
            """
        let path = try ScenarioTests.migrationFile(sql)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = ScenarioInput()
        input.migrations = [path]
        input.days = 5
        let s = try ScenarioTests.resolve(input)
        #expect(s.table.name == "conditions")
        #expect(s.retain == nil, "the aggregate's retention is not the hypertable's")
        let mentions = s.warnings.filter { $0.contains("conditions_hourly") }
        #expect(mentions.count == 1, "\(s.warnings)")
        #expect(mentions.first?.hasPrefix("WARNING: \(path):3: continuous aggregate conditions_hourly is not modelled here") == true, "\(mentions)")
    }

    @Test("an integer time column of no readable unit is refused with the create_hypertable's file and line, never read as microseconds")
    func integerTimeColumn() throws {
        // (86400000 would read as a day of milliseconds: IntegerTimePlanTests.)
        let ticks = """
            CREATE TABLE ticks (ts bigint NOT NULL, ticker_id int NOT NULL, "interval" text NOT NULL, close real NOT NULL);
            SELECT create_hypertable('ticks', 'ts', chunk_time_interval => 1000);
            """
        let (message, path) = try Self.refusal("", prefix: ticks)
        #expect(message.hasPrefix("\(path):2: the hypertable \"ticks\" is partitioned by \"ts\" (bigint), an integer time column"))
        #expect(message.contains("--time-unit"))
    }

    @Test("a UUIDv7 time column is planned by the time its ids carry: the chunks a timestamptz column gets")
    func uuidTimeColumn() throws {
        func plan(_ time: String, _ type: String) throws -> CapacityPlan {
            let sql = """
                CREATE TABLE ticks (\(time) \(type) NOT NULL, ticker_id integer NOT NULL, "interval" text NOT NULL,
                    close numeric(12,4) NOT NULL, volume bigint, PRIMARY KEY (\(time), ticker_id, "interval"));
                SELECT create_hypertable('ticks', by_range('\(time)', INTERVAL '1 day'));
                ALTER TABLE ticks SET (timescaledb.compress, timescaledb.compress_segmentby = 'ticker_id, "interval"');
                SELECT add_compression_policy('ticks', compress_after => INTERVAL '2 days');
                """
            return try Self.planned(sql, table: "ticks", tickers: 2, intervals: ["1m", "1h"], days: 6).0
        }
        let byUUID = try plan("id", "uuid"), byTime = try plan("ts", "timestamptz")
        #expect(byUUID.rows > 0)
        #expect(byUUID.rows == byTime.rows)
        #expect(byUUID.chunks == byTime.chunks && byUUID.compressedChunks == byTime.compressedChunks)
        #expect(byUUID.compressedChunks > 0)
        // 16-byte ids where the timestamps took 8: the plain table is larger, never smaller.
        #expect(byUUID.sizes.plain.totalBytes > byTime.sizes.plain.totalBytes)
    }

    @Test("a date time column is planned from day numbers: sizes as its timestamptz twin's, not one chunk a row")
    func dateTimeColumn() throws {
        func plan(_ type: String) throws -> CapacityPlan {
            let sql = """
                CREATE TABLE daily (day \(type) NOT NULL, ticker_id integer NOT NULL, "interval" text NOT NULL,
                    close numeric(12,4) NOT NULL, volume bigint, PRIMARY KEY (day, ticker_id, "interval"));
                SELECT create_hypertable('daily', by_range('day', INTERVAL '30 days'));
                """
            return try Self.planned(sql, table: "daily", tickers: 20, intervals: ["1d"], days: 240).0
        }
        let byDate = try plan("date"), byTime = try plan("timestamptz")
        #expect(byDate.rows == byTime.rows && byDate.rows > 0)
        // The same chunks, give or take the one a bar stamped before midnight UTC moves across a boundary.
        #expect(abs(byDate.chunks - byTime.chunks) <= 1)
        let d = Double(byDate.sizes.hypertableUncompressed.totalBytes), t = Double(byTime.sizes.hypertableUncompressed.totalBytes)
        #expect(d <= t * 1.1 && d >= t * 0.7, "date \(d) against timestamptz \(t)")
        // Intraday bars on a date key collide as they would on the server: refused up front, saying why.
        let keyed = """
            CREATE TABLE daily (day date NOT NULL, ticker_id integer NOT NULL, "interval" text NOT NULL,
                close numeric(12,4) NOT NULL, volume bigint, PRIMARY KEY (day, ticker_id, "interval"));
            SELECT create_hypertable('daily', by_range('day', INTERVAL '30 days'));
            """
        #expect(throws: ScenarioError.self) { _ = try Self.planned(keyed, table: "daily", tickers: 2, intervals: ["1d", "1h"], days: 10) }
        do {
            _ = try Self.planned(keyed, table: "daily", tickers: 2, intervals: ["1d", "1h"], days: 10)
        } catch {
            #expect("\(error)".contains("1h bars would be stamped by \"day\", a date column") && "\(error)".contains("daily_pkey"), "\(error)")
        }
        // Without a key over the day there is nothing to collide.
        let unkeyed = keyed.replacingOccurrences(of: ", PRIMARY KEY (day, ticker_id, \"interval\")", with: "")
        #expect(try Self.planned(unkeyed, table: "daily", tickers: 2, intervals: ["1d", "1h"], days: 10).0.rows > 0)
    }

    @Test("values from the migrations are refused with their file and line, not a flag")
    func migrationValuesNameTheFile() throws {
        let zero = try Self.refusal("SELECT set_chunk_time_interval('bars', INTERVAL '0 days');")
        #expect(zero.0 == "\(zero.1):4: new row for relation \"dimension\" violates check constraint \"dimension_interval_length_check\" (run `chunkwise check` for all findings)")
        let negative = try Self.refusal("SELECT add_retention_policy('bars', INTERVAL '-30 days');")
        #expect(negative.0 == "\(negative.1):4: drop_after: interval must be positive, got \"-30 days\"")
        // A flag still names the flag.
        #expect(throws: ScenarioError.invalidValue(flag: "retain", message: "interval must be positive, got \"-1 day\"")) {
            let path = try ScenarioTests.migrationFile(Self.bars)
            defer { try? FileManager.default.removeItem(atPath: path) }
            var input = ScenarioInput()
            input.migrations = [path]
            input.table = "bars"
            input.retain = "-1 day"
            _ = try ScenarioTests.resolve(input)
        }
    }

    @Test("the longest interval PostgreSQL prints reads back (hours beyond 2³¹)")
    func longestInterval() throws {
        #expect(PGInterval(text: "2562047788:00:54.775807") == PGInterval(microseconds: Int64.max))
        #expect(PGInterval(microseconds: Int64.max).description == "2562047788:00:54.775807")
        #expect(try IntervalText.chunkInterval("2562047788:00:54.775807") == Int64.max)
        #expect(PGInterval(text: "2562047788:00:54.775808") == nil)
        #expect(PGInterval(text: "2562047788:00:54.775807 1 second") == nil)
        #expect(PGInterval(text: "-2562047788:00:54.775807") == PGInterval(microseconds: -Int64.max))
    }
}

/// Space dimensions through the replay: keys dropped one named partitioning column at a time, the
/// dimension kept on the table, and plan's warning naming the line that added it.
@Suite("plan scenarios: space dimensions in the migrations")
struct ScenarioSpaceDimensionReplayTests {
    @Test("keys lacking the time or the space column are dropped, one warning each; the hash dimension is kept")
    func keysLackingEveryPartitioningColumnAreDropped() throws {
        let sql = """
            CREATE TABLE ticks (id bigint NOT NULL, ticker_id integer NOT NULL, ts timestamptz NOT NULL, "interval" text NOT NULL,
                open numeric NOT NULL, high numeric NOT NULL, low numeric NOT NULL, close numeric NOT NULL, volume bigint,
                PRIMARY KEY (id), UNIQUE (ticker_id, ts, "interval"), UNIQUE (ts, id));
            SELECT create_hypertable('ticks', 'ts', partitioning_column => 'ticker_id', number_partitions => 8);
            """
        let resolution = try TableResolution.resolve(table: "ticks", sources: [("ticks.sql", sql)])
        let hyper = try #require(resolution.table.hypertable)
        #expect(hyper.hashDimension?.column == "ticker_id" && hyper.hashDimension?.partitions == 8)
        #expect(resolution.table.uniqueIndexes.map(\.keyColumns) == [["ticker_id", "ts", "interval"]])
        #expect(resolution.droppedConstraints.count == 2)
        #expect(resolution.warnings.filter { $0.contains("does not include the partitioning column") }.count == 2)
        #expect(resolution.warnings.contains { $0.contains("ticks.sql:4:") && $0.contains("column \"ticker_id\"") })
        let warning = try #require(resolution.unmodelledDimensionWarning(command: "plan"))
        #expect(warning.hasPrefix("WARNING: ticks.sql:4: the hypertable \"ticks\" is also partitioned by \"ticker_id\" (8 hash partitions)"))
    }

    @Test("plan models a hash dimension on a column filled per ticker and warns about any other")
    func planModelsAHashDimensionPerTicker() throws {
        let (modelled, _) = try ScenarioMigrationReplayTests.resolve("SELECT add_dimension('bars', 'ticker_id', number_partitions => 4);\n")
        #expect(modelled.hashDimension == SpaceDimension(column: "ticker_id", partitions: 4))
        #expect(!modelled.warnings.contains { $0.contains("also partitioned") })
        // Volumes vary by row: the partitions would split every ticker, which plan does not model.
        let (byVolume, path) = try ScenarioMigrationReplayTests.resolve("SELECT add_dimension('bars', by_hash('volume', 4));\n")
        #expect(byVolume.hashDimension == nil)
        #expect(byVolume.warnings.contains { $0.contains("\(path):4: the hypertable \"bars\" is also partitioned by \"volume\"") })
        let (plain, _) = try ScenarioMigrationReplayTests.resolve("")
        #expect(plain.hashDimension == nil && !plain.warnings.contains { $0.contains("also partitioned") })
    }

    @Test("a hash dimension splits each slice as PostgreSQL's hash places the tickers: more chunks, the same rows",
          .enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "PostgreSQL 15 is not installed"))
    func hashPartitionsAsTheServerPlacesThem() throws {
        let sql = """
            CREATE TABLE ticks (ts timestamptz NOT NULL, ticker_id uuid NOT NULL, "interval" text NOT NULL,
                close numeric(12,4) NOT NULL, volume bigint, UNIQUE (ticker_id, "interval", ts));
            SELECT create_hypertable('ticks', by_range('ts', INTERVAL '1 day'));
            ALTER TABLE ticks SET (timescaledb.compress, timescaledb.compress_segmentby = 'ticker_id');
            SELECT add_compression_policy('ticks', INTERVAL '3 days');

            """
        func plan(_ extra: String) throws -> (CapacityPlan, Scenario) {
            return try ScenarioMigrationReplayTests.planned(sql + extra, table: "ticks", tickers: 12, intervals: ["5m", "1h"], days: 14)
        }
        let (split, scenario) = try plan("SELECT add_dimension('ticks', by_hash('ticker_id', 4));")
        let (whole, _) = try plan("")
        // The tickers' ids are md5('SYN<n>')::uuid: where uuid_hash puts them on the server.
        let pg = try PostgresCluster.shared()
        let server = try pg.query("SELECT count(*) FROM generate_series(1, 12) n GROUP BY least((uuid_hash(md5('SYN' || n)::uuid) & 2147483647) / (2147483647 / 4), 3) ORDER BY 1")
            .split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let partitions = HashPartitions(scenario: scenario)
        #expect(partitions.widths == server)
        #expect(split.rows == whole.rows && split.rows > 0)
        #expect(split.chunks == whole.chunks * server.count)
        #expect(split.compressedChunks == whole.compressedChunks * server.count && split.compressedChunks > 0)
        // Each partition's chunk carries its own fixed pages: more bytes than one chunk per slice, never fewer.
        #expect(split.sizes.hypertableUncompressed.totalBytes > whole.sizes.hypertableUncompressed.totalBytes)
        #expect(split.sizes.hypertable.totalBytes > whole.sizes.hypertable.totalBytes)
        #expect(split.method.notes.contains { $0.contains("\(server.count) chunks per time slice") })
    }
}

/// TimescaleDB 2.20's CREATE TABLE … WITH (tsdb.hypertable, …) through the replay plan uses.
@Suite("plan scenarios: CREATE TABLE WITH (tsdb.hypertable)")
struct ScenarioCreateTableWithReplayTests {
    @Test("the options give the chunk interval, compression and its policy; a refused key is dropped with a warning")
    func createTableWithHypertableOptions() throws {
        let sql = """
            CREATE TABLE bars (id bigint PRIMARY KEY, ts timestamptz NOT NULL, ticker_id integer NOT NULL, "interval" text NOT NULL,
                open numeric NOT NULL, high numeric NOT NULL, low numeric NOT NULL, close numeric NOT NULL, volume bigint)
            WITH (tsdb.hypertable, tsdb.chunk_interval = '1 day', tsdb.segmentby = 'ticker_id, interval');
            """
        let path = try ScenarioTests.migrationFile(sql)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = ScenarioInput()
        input.migrations = [path]
        input.table = "bars"
        let scenario = try ScenarioTests.resolve(input)
        #expect(scenario.chunkInterval == 86_400_000_000)
        #expect(scenario.compression?.segmentBy == ["ticker_id", "interval"])
        #expect(scenario.compressAfter == PGInterval(days: 1))
        #expect(scenario.warnings.contains { $0.contains("\(path):1: unique constraint") && $0.contains("\"ts\"") })
        #expect(!scenario.warnings.contains { $0.contains("without compress_segmentby") })
    }

    @Test("a rolled-back block changes nothing, and a file ending inside one keeps nothing of it")
    func transactionBlocks() throws {
        let (rolledBack, _) = try ScenarioMigrationReplayTests.resolve(
            "BEGIN;\nSELECT set_chunk_time_interval('bars', INTERVAL '2 days');\nROLLBACK;\n")
        #expect(rolledBack.chunkInterval == 86_400_000_000)
        #expect(!rolledBack.warnings.contains { $0.contains("ROLLBACK") })
        let (unfinished, path) = try ScenarioMigrationReplayTests.resolve("BEGIN;\nSELECT set_chunk_time_interval('bars', INTERVAL '2 days');\n")
        #expect(unfinished.chunkInterval == 86_400_000_000)
        #expect(unfinished.warnings.contains { $0.hasPrefix("WARNING: \(path): the file ends inside a transaction block") })
        let (committed, _) = try ScenarioMigrationReplayTests.resolve("BEGIN;\nSELECT set_chunk_time_interval('bars', INTERVAL '2 days');\nCOMMIT;\n")
        #expect(committed.chunkInterval == 2 * 86_400_000_000)
    }

    @Test("columnstore options the models leave out (sparse indexes; compress_chunk_time_interval outside plan) are warnings with the line")
    func unmodelledColumnstoreOptions() throws {
        let (scenario, path) = try ScenarioMigrationReplayTests.resolve(
            "ALTER TABLE bars SET (timescaledb.compress, timescaledb.compress_segmentby = 'ticker_id', timescaledb.compress_chunk_time_interval = '7 days', tsdb.sparse_index = 'minmax(open)');\n")
        let warning = try #require(scenario.warnings.first { $0.contains("compress_chunk_time_interval is modelled by plan") })
        #expect(warning.hasPrefix("WARNING: \(path):4:") && warning.contains("sparse-index option is not modelled"))
        #expect(scenario.compressChunkInterval == Optional(Int64(604_800_000_000)))
        let (off, _) = try ScenarioMigrationReplayTests.resolve(
            "ALTER TABLE bars SET (timescaledb.compress, timescaledb.compress_chunk_time_interval = '7 days');\n"
            + "ALTER TABLE bars SET (timescaledb.compress_chunk_time_interval = '0');\n")
        #expect(off.compressChunkInterval == nil)
    }

    @Test("compression without a segmentby says TimescaleDB would pick one; a given one, even empty, or the flag says nothing")
    func defaultedSegmentByIsNamed() throws {
        func warnings(_ with: String, segmentbyFlag: String? = nil) throws -> [String] {
            let sql = """
                CREATE TABLE bars (ts timestamptz NOT NULL, ticker_id integer NOT NULL, "interval" text NOT NULL, open numeric NOT NULL,
                    high numeric NOT NULL, low numeric NOT NULL, close numeric NOT NULL, volume bigint) WITH (\(with));
                """
            return try ScenarioMigrationReplayTests.scenario(of: sql) { $0.segmentby = segmentbyFlag }.0.warnings
                .filter { $0.contains("without compress_segmentby") }
        }
        #expect(try warnings("tsdb.hypertable").count == 1)
        #expect(try warnings("tsdb.hypertable, tsdb.segmentby = ''").isEmpty)
        #expect(try warnings("tsdb.hypertable", segmentbyFlag: "ticker_id").isEmpty)
        #expect(try warnings("tsdb.hypertable, tsdb.columnstore = false").isEmpty)
    }

    @Test("the (space, time DESC) index create_hypertable adds with a space dimension is in the hypertable's indexes, until dropped")
    func defaultSpaceIndexIsSized() throws {
        let legacy = "SELECT create_hypertable('bars', 'ts', 'ticker_id', 4, chunk_time_interval => INTERVAL '1 day');\n"
        func indexes(_ sql: String) throws -> [String] {
            let migration = ScenarioMigrationReplayTests.bars.replacingOccurrences(
                of: "SELECT create_hypertable('bars', 'ts', chunk_time_interval => INTERVAL '1 day');\n", with: legacy) + sql
            return try ScenarioMigrationReplayTests.scenario(of: migration).0.hypertableIndexes.map(\.name)
        }
        #expect(try indexes("").contains("bars_ticker_id_ts_idx"))
        #expect(try !indexes("DROP INDEX bars_ticker_id_ts_idx;\n").contains("bars_ticker_id_ts_idx"))
    }

    @Test("compression without an orderby takes TimescaleDB's default from the indexes, named where it is more than the time column")
    func defaultedOrderByFromTheIndexes() throws {
        func scenario(_ indexes: String, orderbyFlag: String? = nil) throws -> (Scenario, String) {
            let sql = ScenarioMigrationReplayTests.bars.replacingOccurrences(of: "volume bigint);", with: "volume bigint, id uuid NOT NULL);") + indexes
                + "\nALTER TABLE bars SET (timescaledb.compress, timescaledb.compress_segmentby = 'ticker_id');\n"
            return try ScenarioMigrationReplayTests.scenario(of: sql) { $0.orderby = orderbyFlag }
        }
        // A primary key on (id, ts): TimescaleDB orders each segment by id, then ts.
        let (byId, path) = try scenario("ALTER TABLE bars ADD PRIMARY KEY (id, ts);")
        #expect(byId.compression?.orderBy.map(\.description) == ["id", "ts DESC"])
        #expect(byId.resolved["orderby"] == "id, ts DESC")
        let warning = try #require(byId.warnings.first { $0.contains("has no compress_orderby") })
        #expect(warning.hasPrefix("WARNING: \(path):5:") && warning.contains("orderby id, ts DESC"))
        // The unique key (ticker_id, ts, interval) less the segmentby: ts DESC, then interval.
        let (byKey, _) = try scenario("CREATE UNIQUE INDEX k ON bars (ticker_id, ts, \"interval\");")
        #expect(byKey.compression?.orderBy.map(\.description) == ["ts DESC", "interval"])
        // Only the time column: nothing to say; a flag is taken as given, the time column appended.
        let (plain, _) = try scenario("")
        #expect(plain.compression?.orderBy.map(\.description) == ["ts DESC"] && !plain.warnings.contains { $0.contains("compress_orderby") })
        let (flag, _) = try scenario("ALTER TABLE bars ADD PRIMARY KEY (id, ts);", orderbyFlag: "close")
        #expect(flag.compression?.orderBy.map(\.description) == ["close", "ts DESC"] && flag.resolved["orderby"] == "close, ts DESC")
        #expect(!flag.warnings.contains { $0.contains("compress_orderby") })
    }
}

/// `--table schema.name` names the table the migrations create in that schema.
@Suite("plan scenarios: schema-qualified table names")
struct ScenarioQualifiedTableTests {
    @Test("trading.bars, \"trading\".\"bars\" and bars resolve alike; a quoted dot stays in the name")
    func qualifiedNames() throws {
        let sql = "CREATE SCHEMA trading;\nCREATE TABLE trading.bars (ts timestamptz NOT NULL, v int);\n"
        for name in ["trading.bars", "\"trading\".\"bars\"", "bars"] {
            #expect(try TableResolution.resolve(table: name, sources: [("m.sql", sql)]).table.name == "bars", "\(name)")
        }
        #expect(TableResolution.relationName("\"odd.name\"") == "odd.name")
        #expect(TableResolution.relationName("public.market_data") == "market_data")
        #expect(try TableResolution.resolve(table: "public.market_data", sources: []).table.name == "market_data")
    }
}

/// `compress_chunk_time_interval` in plan: compressed chunks merge into the adjacent compressed
/// chunk before them while both ranges fit (tsl/src/compression/api.c `find_chunk_to_merge_into`).
@Suite("plan scenarios: compressed chunks merged by compress_chunk_time_interval")
struct CompressedChunkMergeTests {
    static let day: Int64 = 86_400_000_000

    static func chunk(_ startDay: Int64, days: Int64 = 1) -> BarCalendar.ChunkBars {
        BarCalendar.ChunkBars(rangeStart: startDay * day, rangeEnd: (startDay + days) * day, barsPerSeries: [1],
                              firstBar: startDay * day, lastBar: startDay * day)
    }

    @Test("runs of adjacent chunks up to the interval; a gap or a full run starts a new chunk")
    func mergeGroups() {
        // Days 0–9 without a gap, then days 11–13 after a missing day 10.
        let chunks = (0..<10).map { Self.chunk($0) } + (11..<14).map { Self.chunk($0) }
        #expect(CapacityPlanner.compressedMergeGroups(chunks, compressChunkInterval: 7 * Self.day)
                == [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2])
        // An interval that is no multiple of the chunks' stops each run short of it.
        #expect(CapacityPlanner.compressedMergeGroups(chunks, compressChunkInterval: 3 * Self.day + 1)
                == [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 4, 4, 4])
        // No interval, or one no longer than a chunk: every chunk its own.
        #expect(CapacityPlanner.compressedMergeGroups(chunks, compressChunkInterval: nil) == Array(0..<13))
        #expect(CapacityPlanner.compressedMergeGroups(chunks, compressChunkInterval: Self.day) == Array(0..<13))
        // Chunks longer than the interval never merge; ranges at the Int64 ends do not overflow.
        #expect(CapacityPlanner.compressedMergeGroups([Self.chunk(0, days: 10), Self.chunk(10, days: 10)], compressChunkInterval: 7 * Self.day) == [0, 1])
        let ends = [BarCalendar.ChunkBars(rangeStart: Int64.min, rangeEnd: 0, barsPerSeries: [1], firstBar: -1, lastBar: -1),
                    BarCalendar.ChunkBars(rangeStart: 0, rangeEnd: Int64.max, barsPerSeries: [1], firstBar: 0, lastBar: 0)]
        #expect(CapacityPlanner.compressedMergeGroups(ends, compressChunkInterval: Self.day) == [0, 1])
    }

    @Test("fewer, longer compressed chunks kept until all of a merged one is past retention; the uncompressed ones unchanged")
    func planMergesCompressedChunks() throws {
        func plan(_ merge: String?) throws -> CapacityPlan {
            let option = merge.map { ", timescaledb.compress_chunk_time_interval = '\($0)'" } ?? ""
            let sql = """
                CREATE TABLE bars (ts timestamptz NOT NULL, ticker_id integer NOT NULL, "interval" text NOT NULL, close numeric(12,4) NOT NULL, volume bigint);
                SELECT create_hypertable('bars', by_range('ts', INTERVAL '1 day'));
                ALTER TABLE bars SET (timescaledb.compress, timescaledb.compress_segmentby = 'ticker_id'\(option));
                SELECT add_compression_policy('bars', INTERVAL '7 days');
                SELECT add_retention_policy('bars', INTERVAL '45 days');
                """
            return try ScenarioMigrationReplayTests.planned(sql, table: "bars", tickers: 4, intervals: ["1h"], days: 120).0
        }
        let separate = try plan(nil), merged = try plan("7 days"), same = try plan("1 day")
        #expect(same.chunks == separate.chunks && same.rows == separate.rows && same.sizes.hypertable == separate.sizes.hypertable)
        #expect(merged.compressedChunks < separate.compressedChunks && merged.compressedChunks > 0)
        #expect(merged.chunks - merged.compressedChunks == separate.chunks - separate.compressedChunks)
        // A merged chunk is dropped only once all of it is past the cutoff: as many rows or more.
        #expect(merged.rows >= separate.rows)
        #expect(merged.method.notes.contains { $0.contains("compress_chunk_time_interval") })
    }

    @Test("migrate keeps the migrations' compress_chunk_time_interval, and what it writes passes check")
    func migrateKeepsTheMergeInterval() throws {
        let sql = """
            CREATE TABLE bars (ts timestamptz NOT NULL, ticker_id integer NOT NULL, "interval" text NOT NULL, close numeric(12,4) NOT NULL, volume bigint);
            SELECT create_hypertable('bars', by_range('ts', INTERVAL '1 day'));
            ALTER TABLE bars SET (timescaledb.compress, timescaledb.compress_segmentby = 'ticker_id', timescaledb.compress_chunk_time_interval = '7 days');
            """
        let path = try ScenarioTests.migrationFile(sql)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = ScenarioInput()
        input.migrations = [path]
        input.table = "bars"
        let steps = MigrationWriter.steps(for: try ScenarioTests.resolve(input), plan: nil)
        let compression = try #require(steps.first { $0.name == "compression" })
        #expect(compression.sql.contains("timescaledb.compress_chunk_time_interval = '7 days'"))
        let run = MigrationCheck.run(files: steps.map { ($0.fileName, $0.sql) })
        #expect(!run.findings.contains { $0.severity == .error }, "\(run.findings)")
        #expect(run.catalog.tables["bars"]?.hypertable?.compressChunkInterval == PGInterval(days: 7))
    }
}
