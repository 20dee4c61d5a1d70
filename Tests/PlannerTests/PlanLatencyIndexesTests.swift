import Foundation
import PostgresModel
import Testing
@testable import Planner

/// The latency figures of a plan of a team's own table read that table's indexes (its instrument
/// column as the queries' `ticker_id`, its time column as `timestamp`), not the NQP's by name.
@Suite("plan latency on a team's table uses the team's indexes")
struct PlanLatencyIndexesTests {
    static func plan(_ sql: String, tickers: Int = 20, days: Int = 60) throws -> (Scenario, CapacityPlan) {
        let path = try ScenarioTests.migrationFile(sql)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = ScenarioInput()
        input.migrations = [path]
        input.tickers = tickers
        input.days = days
        let s = try ScenarioTests.resolve(input)
        var planner = CapacityPlanner(scenario: s)
        planner.latency = PlanLatency.model
        return (s, try planner.plan())
    }

    static func figure(_ p: CapacityPlan, _ query: String, _ config: String) -> CapacityPlan.QueryLatencyFigure? {
        p.latency.first { $0.query == query && $0.config == config }
    }

    static let keyed = """
        CREATE TABLE bars (symbol text NOT NULL, ts timestamptz NOT NULL, open numeric(18,8), high numeric(18,8),
                           low numeric(18,8), close numeric(18,8), volume numeric(28,8), PRIMARY KEY (symbol, ts));
        CREATE INDEX bars_symbol_ts_idx ON bars (symbol, ts DESC) INCLUDE (close);
        SELECT create_hypertable('bars', 'ts', chunk_time_interval => INTERVAL '1 day');
        ALTER TABLE bars SET (timescaledb.compress, timescaledb.compress_segmentby = 'symbol', timescaledb.compress_orderby = 'ts DESC');
        SELECT add_compression_policy('bars', INTERVAL '7 days');
        """

    /// The same table with no index the queries can use: a key on a surrogate id.
    static let unkeyed = """
        CREATE TABLE bars (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, symbol text NOT NULL, ts timestamptz NOT NULL,
                           open numeric(18,8), high numeric(18,8), low numeric(18,8), close numeric(18,8), volume numeric(28,8));
        SELECT create_hypertable('bars', 'ts', chunk_time_interval => INTERVAL '1 day');
        ALTER TABLE bars SET (timescaledb.compress, timescaledb.compress_segmentby = 'symbol', timescaledb.compress_orderby = 'ts DESC');
        SELECT add_compression_policy('bars', INTERVAL '7 days');
        """

    @Test("the plain table's (symbol, ts) key is the latest price's index scan; without it the plan reads the table")
    func plainTableIndexes() throws {
        let (s, keyed) = try Self.plan(Self.keyed)
        #expect(s.series.series == "symbol")
        let q1 = try #require(Self.figure(keyed, "Q1", "C1"))
        #expect(q1.plan.contains("Index Scan"), "\(q1.plan)")
        #expect(q1.executionMs < 0.1, "one descent of the (symbol, ts DESC) index: \(q1.executionMs) ms")
        let q2 = try #require(Self.figure(keyed, "Q2", "C1"))
        #expect(!q2.plan.contains("Seq Scan"), "\(q2.plan)")

        let (_, unkeyed) = try Self.plan(Self.unkeyed)
        let slow = try #require(Self.figure(unkeyed, "Q1", "C1"))
        #expect(slow.plan.contains("Seq Scan"), "\(slow.plan)")
        #expect(slow.executionMs > 100 * q1.executionMs, "\(slow.plan): \(slow.executionMs) ms against \(q1.executionMs) ms")
    }

    @Test("each chunk carries the hypertable's own indexes (the default time index when none is on the time column) and the compressed chunks the segmentby's")
    func chunkAndCompressedIndexes() throws {
        let (s, _) = try Self.plan(Self.keyed)
        let set = PlanLatency.indexSet(s)
        let chunk = try #require(set.chunk)
        #expect(Set(chunk.map(\.name)) == ["bars_pkey", "bars_symbol_ts_idx", "bars_ts_idx"], "\(chunk.map(\.name))")
        #expect(chunk.first { $0.name == "bars_pkey" }?.columns == ["ticker_id", "timestamp"])
        #expect(chunk.first { $0.name == "bars_symbol_ts_idx" }?.columns == ["ticker_id", "timestamp DESC"])
        #expect(chunk.first { $0.name == "bars_ts_idx" }?.columns == ["timestamp DESC"], "TimescaleDB's default index")
        #expect(set.compressed == ["ticker_id", "timestamp DESC"])
        #expect(set.compressedNameSuffix == "symbol__ts_meta_idx")
        #expect(set.plain.keys.sorted() == ["bars_pkey", "bars_symbol_ts_idx"])

        let ls = PlanLatency.scenario(s, try CapacityPlanner(scenario: s).planWithFacts().1)
        let newest = try #require(ls.hypertable?.chunks.last)
        #expect(newest.table.indexes.map(\.name).allSatisfy { $0.hasPrefix(newest.table.name + "_bars_") })
        let compressed = try #require(ls.compressedHypertable?.chunks.first?.compressed)
        #expect(compressed.index.columns == ["ticker_id", "timestamp DESC"])
    }

    @Test("under retention the plain table holds every row loaded, and the chunk indexes' shares are per row it holds")
    func plainTableHoldsEveryRowUnderRetention() throws {
        let path = try ScenarioTests.migrationFile(Self.keyed + "SELECT add_retention_policy('bars', INTERVAL '20 days');\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = ScenarioInput()
        input.migrations = [path]
        input.tickers = 10
        input.days = 90
        let s = try ScenarioTests.resolve(input)
        let facts = try CapacityPlanner(scenario: s).planWithFacts().1
        #expect(facts.plainRows > 3 * facts.rowsAtNow, "90 days loaded, about 20 kept: \(facts.plainRows) against \(facts.rowsAtNow)")
        let ls = PlanLatency.scenario(s, facts)
        let plain = ls.plain001
        #expect(plain.rows == Double(facts.plainRows))
        // The default (ts DESC) index's share is a timestamp B-tree's, beside the key's, per row
        // of the same table: the key (text + timestamp) is the larger one.
        let newest = try #require(ls.hypertable?.chunks.last?.table.indexes)
        let key = try #require(newest.first { $0.name.hasSuffix("bars_pkey") }), time = try #require(newest.first { $0.name.hasSuffix("bars_ts_idx") })
        #expect(key.pages > time.pages && key.pages < 4 * time.pages, "\(key.pages) against \(time.pages) pages")
    }

    @Test("a column that only shares a name with a queried role binds nothing; expression keys and other partial indexes are left out")
    func namesAndLeftOut() throws {
        let (s, _) = try Self.plan("""
            CREATE TABLE readings (device_id integer NOT NULL, ts timestamptz NOT NULL, "timestamp" timestamptz, value double precision,
                                   PRIMARY KEY (device_id, ts));
            CREATE INDEX readings_stamp_idx ON readings ("timestamp");
            CREATE INDEX readings_lower_idx ON readings ((device_id + 1), ts);
            CREATE INDEX readings_positive_idx ON readings (device_id, ts) WHERE value > 0;
            SELECT create_hypertable('readings', 'ts', chunk_time_interval => INTERVAL '1 day');
            """, tickers: 4, days: 10)
        let set = PlanLatency.indexSet(s)
        #expect(set.plain["readings_pkey"]?.columns == ["ticker_id", "timestamp"])
        #expect(set.plain["readings_stamp_idx"]?.columns == ["timestamp (not the queried one)"])
        #expect(set.plain["readings_lower_idx"] == nil, "an expression key")
        #expect(set.plain["readings_positive_idx"] == nil, "a predicate the queries may not imply")
    }

    @Test("the built-in market_data keeps the NQP index columns it was calibrated with")
    func builtInIsTheNQPSet() throws {
        let s = try ScenarioTests.resolve(ScenarioInput())
        let set = PlanLatency.indexSet(s)
        for (name, index) in set.plain {
            #expect(LatencyScenario.nqpIndexColumns[name] == index.columns, "\(name)")
        }
        #expect(set.compressed == LatencyIndexSet.nqp.compressed)
        #expect(set.compressedNameSuffix == LatencyIndexSet.nqp.compressedNameSuffix)
    }

    @Test("--explain shows the team's table, columns and conditions, not market_data's")
    func explainInTheTablesNames() throws {
        let (s, _) = try Self.plan(Self.keyed, tickers: 4, days: 20)
        let facts = try CapacityPlanner(scenario: s).planWithFacts().facts
        for (query, config) in [("Q1", "C1"), ("Q2", "C3"), ("Q3", "C4")] {
            let text = try #require(PlanLatency.explain(s, facts, query: query, config: config))
            #expect(!text.contains("ticker_id") && !text.contains("\"timestamp\"") && !text.contains("market_data"), "\(text)")
            #expect(!text.contains("interval)::text"), "bars has no interval column: \(text)")
            #expect(text.contains("symbol = $1") || text.contains("Seq Scan"), "\(text)")
        }
        let q2 = try #require(PlanLatency.explain(s, facts, query: "Q2", config: "C1"))
        #expect(q2.contains("ts >= (now() - '1 day'::interval)"), "\(q2)")
        // The changes the targets propose name the table's own columns and name.
        #expect(PlanLatency.changeInTableNames("add AND timestamp > now() - interval '1 day' to the latest-price query", s)
                == "add AND ts > now() - interval '1 day' to the latest-price query")
        #expect(PlanLatency.changeInTableNames("keep 90 days of market_data (retention policy)", s) == "keep 90 days of bars (retention policy)")
    }
}
