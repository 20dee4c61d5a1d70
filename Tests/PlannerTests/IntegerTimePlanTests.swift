import Foundation
import Testing
@testable import Planner
import Schema

/// `plan`, `migrate` and `generate --schema` on a hypertable partitioned by an integer of epoch
/// time (`ts BIGINT` of milliseconds, TimescaleDB's `chunk_time_interval => 86400000`).
@Suite struct IntegerTimePlanTests {
    static func ticks(time: String, chunk: String, lags: (String, String)) -> String {
        """
        CREATE TABLE ticks (ts \(time) NOT NULL, symbol text NOT NULL, price numeric(18,8) NOT NULL, size numeric(18,8) NOT NULL,
                            PRIMARY KEY (symbol, ts));
        SELECT create_hypertable('ticks', 'ts', chunk_time_interval => \(chunk));
        ALTER TABLE ticks SET (timescaledb.compress, timescaledb.compress_segmentby = 'symbol', timescaledb.compress_orderby = 'ts DESC');
        SELECT add_compression_policy('ticks', \(lags.0));
        SELECT add_retention_policy('ticks', \(lags.1));

        """
    }

    static func scenario(_ sql: String, unit: String? = nil) throws -> Scenario {
        let path = try ScenarioTests.migrationFile(sql)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = ScenarioInput()
        input.migrations = [path]
        input.tickers = 3
        input.days = 30
        input.timeUnit = unit
        return try ScenarioTests.resolve(input)
    }

    @Test("milliseconds in a bigint plan as the same table with timestamptz does")
    func millisecondsPlanAsTimestamps() throws {
        let integer = try Self.scenario(Self.ticks(time: "bigint", chunk: "86400000", lags: ("BIGINT '604800000'", "7776000000")))
        #expect(integer.timeUnit == .milliseconds, "read off a day of milliseconds")
        #expect(integer.chunkInterval == 86_400_000_000)
        #expect(integer.columnChunkInterval == 86_400_000)
        #expect(integer.compressAfter == PGInterval(days: 7))
        #expect(integer.retain == PGInterval(days: 90))
        let timestamps = try Self.scenario(Self.ticks(time: "timestamptz", chunk: "INTERVAL '1 day'", lags: ("INTERVAL '7 days'", "INTERVAL '90 days'")))
        let a = try CapacityPlanner(scenario: integer).plan(), b = try CapacityPlanner(scenario: timestamps).plan()
        #expect(a.rows == b.rows)
        #expect(a.chunks == b.chunks)
        #expect(a.compressedChunks == b.compressedChunks && a.compressedChunks > 0)
        // Both are 8-byte columns compressed by delta-of-delta: TimescaleDB stores the same bytes.
        #expect(a.sizes.hypertable.totalBytes == b.sizes.hypertable.totalBytes)
        #expect(a.sizes.plain.totalBytes == b.sizes.plain.totalBytes)
        #expect(a.sizes.hypertable.totalBytes > 0)
    }

    @Test("a change the targets propose compares the integer column with integers of its unit")
    func changesInTheColumnsUnit() throws {
        let s = try Self.scenario(Self.ticks(time: "bigint", chunk: "86400000", lags: ("BIGINT '604800000'", "7776000000")))
        let text = PlanLatency.changeInTableNames("add AND timestamp > now() - interval '1 day' to the latest-price query", s)
        #expect(text == "add AND ts > (extract(epoch FROM now()) * 1000)::bigint - 86400000 to the latest-price query", "\(text)")
        let seconds = try Self.scenario(Self.ticks(time: "integer", chunk: "86400", lags: ("604800", "7776000")))
        #expect(PlanLatency.changeInTableNames("add AND timestamp > now() - interval '2 days' to it", seconds)
                == "add AND ts > (extract(epoch FROM now()))::integer - 172800 to it")
    }

    @Test("a unit is read off the chunk interval, given by --time-unit, or the plan is refused naming the flag")
    func unitResolution() throws {
        let seconds = try Self.scenario(Self.ticks(time: "bigint", chunk: "86400", lags: ("604800", "7776000")))
        #expect(seconds.timeUnit == .seconds)
        #expect(seconds.compressAfter == PGInterval(days: 7))
        let given = try Self.scenario(Self.ticks(time: "bigint", chunk: "3600", lags: ("604800", "7776000")), unit: "s")
        #expect(given.chunkInterval == 3_600_000_000)
        #expect {
            try Self.scenario(Self.ticks(time: "bigint", chunk: "10", lags: ("20", "30")))
        } throws: { error in
            "\(error)".contains("pass --time-unit s, ms, us or ns") && "\(error)".contains("chunk_time_interval 10")
        }
        #expect {
            try Self.scenario(Self.ticks(time: "bigint", chunk: "86400000", lags: ("604800000", "7776000000")), unit: "fortnights")
        } throws: { error in
            "\(error)".contains("--time-unit") && "\(error)".contains("must be s, ms, us or ns")
        }
        // A unit for a time-typed column, or for a table that is no hypertable, is refused.
        #expect {
            try Self.scenario(Self.ticks(time: "timestamptz", chunk: "INTERVAL '1 day'", lags: ("INTERVAL '7 days'", "INTERVAL '90 days'")), unit: "ms")
        } throws: { error in
            "\(error)".contains("--time-unit") && "\(error)".contains("is a time type")
        }
        var plain = ScenarioInput()
        plain.timeUnit = "s"
        #expect { try ScenarioTests.resolve(plain) } throws: { error in "\(error)".contains("--time-unit") }
        // Epoch seconds of today do not fit a smallint: the sample cannot be drawn, and says why.
        let small = try Self.scenario(Self.ticks(time: "smallint", chunk: "86", lags: ("604", "7776")), unit: "s")
        #expect {
            try CapacityPlanner(scenario: small).plan()
        } throws: { error in
            "\(error)".contains("do not fit integer time column \"ts\"")
        }
    }

    @Test("Zabbix's history table: integer seconds, lags written as products of constants")
    func zabbixHistory() throws {
        let s = try Self.scenario("""
            CREATE TABLE history (itemid bigint NOT NULL, clock integer DEFAULT '0' NOT NULL,
                                  value DOUBLE PRECISION DEFAULT '0.0000' NOT NULL, ns integer DEFAULT '0' NOT NULL,
                                  PRIMARY KEY (itemid, clock, ns));
            SELECT create_hypertable('history', 'clock', chunk_time_interval => 86400, migrate_data => true);
            ALTER TABLE history SET (timescaledb.compress, timescaledb.compress_segmentby = 'itemid', timescaledb.compress_orderby = 'clock,ns');
            SELECT add_compression_policy('history', (7 * 86400));
            SELECT add_retention_policy('history', 90 * 86400);

            """)
        #expect(s.timeUnit == .seconds)
        #expect(s.compressAfter == PGInterval(days: 7), "the product, not an interval of zero")
        #expect(s.retain == PGInterval(days: 90))
        #expect(s.series.series == "itemid")
        let plan = try CapacityPlanner(scenario: s).plan()
        #expect(plan.compressedChunks > 0 && plan.compressedChunks < plan.chunks)
    }

    @Test("the written migration keeps the column's integers and gives the policies an integer_now function")
    func migrationWritesIntegers() throws {
        let s = try Self.scenario(Self.ticks(time: "bigint", chunk: "86400000", lags: ("604800000", "7776000000")))
        let steps = try MigrationPlan.make(scenario: s).steps
        let sql = steps.flatMap(\.statements).joined(separator: "\n")
        #expect(sql.contains("by_range('ts', 86400000)"), "\(sql)")
        #expect(sql.contains("compress_after => CAST(604800000 AS bigint)"), "\(sql)")
        #expect(sql.contains("drop_after => CAST(7776000000 AS bigint)"), "\(sql)")
        #expect(sql.contains("* 1000)::bigint"), "\(sql)")
        #expect(sql.contains("SELECT set_integer_now_func('ticks', 'ticks_integer_now', replace_if_exists => true);"), "\(sql)")
        #expect(!sql.contains("INTERVAL '7 days'"), "\(sql)")
    }

    @Test("generated rows carry epoch milliseconds of the bars' times")
    func generatedRowsCarryTheUnit() throws {
        let path = try ScenarioTests.migrationFile(Self.ticks(time: "bigint", chunk: "86400000", lags: ("604800000", "7776000000")))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let resolution = try TableResolution.resolve(table: "ticks", files: [path])
        let unit = try resolution.integerTimeUnit(given: nil)
        let spec = SyntheticDataSpec(tickers: 2, intervals: ["1m"], days: 2, start: 1_704_067_200_000_000, session: .crypto)
        var generator = try MarketDataGenerator.forTable(resolution.table, spec: spec)
        generator.timeUnit = unit
        let rows = try generator.rows()
        guard case .int64(let times)? = rows.column("ts")?.storage else { Issue.record("ts is not integers"); return }
        #expect(times.first == 1_704_067_200_000)
        #expect(times.allSatisfy { $0 % 60_000 == 0 && $0 >= 1_704_067_200_000 && $0 < 1_704_067_200_000 + 2 * 86_400_000 })
        #expect(rows.count == 2 * 2 * 1440)
    }
}
