import Testing
@testable import PostgresModel
import Schema
import Storage

/// Rules TimescaleDB decides (not installable here); each expectation names the source it follows.
@Suite struct TimescaleRulesTests {
    static let table = """
        CREATE TABLE md (id uuid NOT NULL, ticker_id uuid NOT NULL, ts timestamptz NOT NULL, price numeric(12,2), interval varchar(10));
        """

    func errors(_ sql: String, edition: TimescaleTarget.Edition = .community) -> [String] {
        MigrationCheck.run(files: [("m.sql", Self.table + sql)], target: TimescaleTarget(edition: edition)).findings
            .filter { $0.severity == .error }.map(\.message)
    }

    @Test func uniqueConstraintWithoutTheTimeColumnBlocksHypertable() {
        // src/indexing.c ts_indexing_verify_index.
        #expect(errors("ALTER TABLE md ADD PRIMARY KEY (id); SELECT create_hypertable('md', 'ts');")
                == ["cannot create a unique index without the column \"ts\" (used in partitioning)"])
    }

    @Test func aDeclarativelyPartitionedTableIsNoHypertable() {
        // src/hypertable.c ts_hypertable_create_from_info: RELKIND_PARTITIONED_TABLE while
        // timescaledb.enable_partitioned_hypertables is off (its default).
        let sql = "CREATE TABLE ev (ts timestamptz NOT NULL, kind text) PARTITION BY RANGE (ts);\n"
        #expect(errors(sql + "SELECT create_hypertable('ev', by_range('ts'));") == ["table \"ev\" is already partitioned"])
        #expect(errors(sql + "CREATE TABLE ev_1 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');").isEmpty)
        let findings = MigrationCheck.run(files: [("m.sql", sql + "SELECT create_hypertable('ev', 'ts');")]).findings
        #expect(findings.first { $0.severity == .error }?.sqlState == "42809")
    }

    @Test func aCallOfAFunctionNothingDefinesIsRefused() {
        // parse_func.c ParseFuncOrColumn: a typo, or multi-node's API that TimescaleDB 2.14 removed.
        #expect(errors("SELECT create_hypertabel('md', 'ts');") == ["function create_hypertabel(unknown, unknown) does not exist"])
        #expect(errors("SELECT create_distributed_hypertable('md', 'ts');")
                == ["function create_distributed_hypertable(unknown, unknown) does not exist"])
        let old = MigrationCheck.run(files: [("m.sql", Self.table + "SELECT create_distributed_hypertable('md', 'ts');")],
                                     target: TimescaleTarget(version: (2, 13))).findings
        #expect(!old.contains { $0.message.contains("does not exist") }, "2.13 still has multi-node")
        let refusal = MigrationCheck.run(files: [("m.sql", Self.table + "SELECT create_hypertabel('md', 'ts');")]).findings.first
        #expect(refusal?.sqlState == "42883")
        // The TimescaleDB API, built-ins, the migrations' own functions: accepted.
        #expect(errors("""
            SELECT create_hypertable('md', 'ts'); SELECT hypertable_size('md'); SELECT set_config('search_path', 'public', false);
            CREATE FUNCTION my_job(job_id int, config jsonb) RETURNS void LANGUAGE sql AS 'SELECT 1';
            SELECT add_job('my_job', '1h'); SELECT my_job(1, '{}');
            """).isEmpty)
        // Another schema, or code Chunkwise does not read, may define it.
        #expect(errors("SELECT toolkit.time_weight('x');").isEmpty)
        // pg_dump's schema of a hypertable made by an older TimescaleDB: its insert blocker trigger.
        #expect(errors("CREATE TRIGGER ts_insert_blocker BEFORE INSERT ON md FOR EACH ROW EXECUTE FUNCTION _timescaledb_functions.insert_blocker();").isEmpty)
        #expect(errors("DO $$ BEGIN EXECUTE 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS ''SELECT 1'''; END $$; SELECT f();").isEmpty)
        #expect(errors("CREATE EXTENSION timescaledb_toolkit; SELECT approx_percentile(0.5, percentile_agg(1.0));").isEmpty)
    }

    @Test func relationArgumentsMustExist() {
        // regclass / regproc input functions, then the hypertable cache.
        #expect(errors("SELECT add_job('nosuch_proc', '1h');") == ["function \"nosuch_proc\" does not exist"])
        #expect(errors("SELECT add_reorder_policy('nosuch', 'idx');") == ["relation \"nosuch\" does not exist"])
        #expect(errors("SELECT add_reorder_policy('md', 'idx');") == ["table \"md\" is not a hypertable"])
        #expect(errors("SELECT hypertable_size('nosuch');") == ["relation \"nosuch\" does not exist"])
        #expect(errors("SELECT hypertable_size('md'); SELECT approximate_row_count('md');").isEmpty)
        #expect(errors("SELECT enable_chunk_skipping('_timescaledb_internal._hyper_1_1_chunk', 'x');").isEmpty,
                "TimescaleDB's own schemas are not in the catalog")
    }

    @Test func continuousAggregatesMaterializeOutsideTransactionBlocks() {
        // tsl/src/continuous_aggs/create.c and refresh.c: PreventInTransactionBlock (25001).
        let hyper = "CREATE TABLE ticks (time timestamptz NOT NULL, symbol text, price float8);\n"
            + "SELECT create_hypertable('ticks', by_range('time'));\n"
        let view = "CREATE MATERIALIZED VIEW h WITH (timescaledb.continuous) AS SELECT time_bucket('1 hour', time) AS bucket, symbol, max(price) FROM ticks GROUP BY bucket, symbol"
        func errors(_ sql: String) -> [String] {
            MigrationCheck.run(files: [("m.sql", hyper + sql)]).findings.filter { $0.severity == .error }.map(\.message)
        }
        #expect(errors("BEGIN;\n\(view);\nCOMMIT;") == ["CREATE MATERIALIZED VIEW ... WITH DATA cannot run inside a transaction block"])
        #expect(errors("BEGIN;\n\(view) WITH NO DATA;\nCOMMIT;\nCALL refresh_continuous_aggregate('h', NULL, NULL);").isEmpty)
        #expect(errors("\(view);\nBEGIN;\nCALL refresh_continuous_aggregate('h', NULL, NULL);\nCOMMIT;")
                == ["refresh_continuous_aggregate() cannot run inside a transaction block"])
        let refusal = MigrationCheck.run(files: [("m.sql", hyper + "BEGIN;\n\(view);\nCOMMIT;")]).findings.first { $0.severity == .error }
        #expect(refusal?.sqlState == "25001")
        #expect(errors("\(view);\nCALL refresh_continuous_aggregate('h', NULL, NULL);").isEmpty, "psql commits each statement outside BEGIN")
    }

    @Test func continuousAggregateDefinitionsAreRead() throws {
        // tsl/src/continuous_aggs: cagg_validate_query.
        let setup = """
            CREATE TABLE ticks (time timestamptz NOT NULL, symbol text, price float8);
            CREATE TABLE plain (time timestamptz NOT NULL, v float8);
            SELECT create_hypertable('ticks', by_range('time'));

            """
        func errors(_ sql: String) -> [String] {
            MigrationCheck.run(files: [("m.sql", setup + sql)]).findings.filter { $0.severity == .error }.map(\.message)
        }
        let head = "CREATE MATERIALIZED VIEW v WITH (timescaledb.continuous) AS SELECT "
        #expect(errors(head + "time_bucket('1 hour', time) AS b, max(v) FROM plain GROUP BY b;") == ["invalid continuous aggregate view"])
        #expect(errors(head + "time_bucket('1 hour', time) AS b, max(price) FROM nosuch GROUP BY b;") == ["relation \"nosuch\" does not exist"])
        #expect(errors(head + "date_trunc('hour', time) AS b, max(price) FROM ticks GROUP BY 1;")
                == ["continuous aggregate view must include a valid time bucket function"])
        #expect(errors(head + "time_bucket('1 hour', time) AS b, max(price) FROM ticks;") == ["invalid continuous aggregate query"])
        // Accepted: on the hypertable, on another continuous aggregate (hierarchical), with a join.
        #expect(errors("""
            \(head)time_bucket('1 hour', time) AS b, symbol, first(price, time), max(price) FROM public.ticks GROUP BY b, symbol WITH NO DATA;
            CREATE MATERIALIZED VIEW d WITH (timescaledb.continuous) AS SELECT time_bucket('1 day', b) AS day, symbol, max(max) FROM v GROUP BY day, symbol WITH NO DATA;
            CREATE MATERIALIZED VIEW j WITH (timescaledb.continuous) AS SELECT time_bucket('1 day', t.time) AS day, count(*) FROM ticks t JOIN plain p ON p.time = t.time GROUP BY 1 WITH NO DATA;
            """).isEmpty)
        // The definition read once: a column list, a quoted name, the option turned off (a plain
        // materialized view, not judged), a CTE.
        let quoted = ContinuousAggregateDefinition(text: "CREATE MATERIALIZED VIEW IF NOT EXISTS public.\"Hourly\" (b, hi) WITH (timescaledb.continuous, timescaledb.materialized_only = true) AS SELECT time_bucket('1 hour', time), max(price) FROM ticks GROUP BY 1 WITH NO DATA;")
        #expect(quoted?.name == "Hourly" && quoted?.source == "ticks" && quoted?.withNoData == true && quoted?.grouped == true && quoted?.bucketed == true)
        #expect(ContinuousAggregateDefinition(text: "CREATE MATERIALIZED VIEW v WITH (tsdb.continuous) AS SELECT time_bucket('1 hour', time), max(price) FROM ticks GROUP BY 1")?.withNoData == false)
        #expect(ContinuousAggregateDefinition(text: "CREATE MATERIALIZED VIEW v WITH (timescaledb.continuous = false) AS SELECT 1 FROM plain") == nil)
        #expect(errors(head + "time_bucket('1 hour', time) AS b, max(v) FROM plain GROUP BY b;").isEmpty == false)
        #expect(errors("CREATE MATERIALIZED VIEW v WITH (timescaledb.continuous = off) AS SELECT max(v) FROM plain;").isEmpty)
        #expect(errors("CREATE MATERIALIZED VIEW v WITH (timescaledb.continuous) AS WITH x AS (SELECT * FROM ticks) SELECT time_bucket('1 hour', time), max(price) FROM x GROUP BY 1;")
                == ["invalid continuous aggregate query"])
        // Its columns are named as PostgreSQL names a query's (a listed name, an alias, the
        // function's or column's name, a cast's type) and must differ.
        #expect(errors(head + "time_bucket('1 hour', time), symbol, avg(price), avg(price::numeric) FROM ticks GROUP BY 1, 2 WITH NO DATA;")
                == ["column \"avg\" specified more than once"])
        #expect(errors(head + "time_bucket('1 hour', time), max(price) + 1, min(price) * 2 FROM ticks GROUP BY 1 WITH NO DATA;")
                == ["column \"?column?\" specified more than once"])
        #expect(errors("CREATE MATERIALIZED VIEW v (b, a1, a2) WITH (timescaledb.continuous) AS SELECT time_bucket('1 hour', time), avg(price), avg(price) "
                       + "FROM ticks GROUP BY 1 WITH NO DATA;").isEmpty)
        #expect(errors("CREATE MATERIALIZED VIEW v (b, a, c) WITH (timescaledb.continuous) AS SELECT time_bucket('1 hour', time), avg(price) "
                       + "FROM ticks GROUP BY 1 WITH NO DATA;") == ["CREATE MATERIALIZED VIEW specifies too many column names"])
        let named = try #require(ContinuousAggregateDefinition(text: head + "time_bucket('1 hour', time), symbol, 1::integer, price::float8, "
                                                               + "count(*) AS n, CASE WHEN true THEN 1 END FROM ticks GROUP BY 1, 2;"))
        #expect(named.outputNames == ["time_bucket", "symbol", "int4", "price", "n", "case"])
    }

    /// A name already taken and a second refresh policy, as tsl_process_continuous_agg_viewstmt and
    /// continuous_aggregate_api.c decide (a `migrate --from` step run where the team's migrations
    /// ran meets both).
    @Test func continuousAggregateNamesAndRefreshPoliciesAreTrackedOncePerAggregate() {
        let setup = """
            CREATE TABLE ticks (time timestamptz NOT NULL, symbol text, price float8);
            SELECT create_hypertable('ticks', by_range('time'));
            CREATE MATERIALIZED VIEW v WITH (timescaledb.continuous) AS
              SELECT time_bucket('1 hour', time) AS b, symbol, max(price) FROM ticks GROUP BY b, symbol WITH NO DATA;

            """
        func findings(_ sql: String) -> [String] {
            MigrationCheck.run(files: [("m.sql", setup + sql)]).findings.map { "\($0.severity.rawValue): \($0.message)" }
        }
        let again = "CREATE MATERIALIZED VIEW v WITH (timescaledb.continuous) AS SELECT time_bucket('1 day', time) AS d, max(price) FROM ticks GROUP BY d WITH NO DATA;"
        #expect(findings(again) == ["error: continuous aggregate \"v\" already exists"])
        #expect(findings(again.replacingOccurrences(of: "VIEW v", with: "VIEW IF NOT EXISTS v"))
                == ["warning: continuous aggregate \"v\" already exists, skipping"])
        #expect(findings(again.replacingOccurrences(of: "VIEW v", with: "VIEW ticks")) == ["error: continuous aggregate \"ticks\" already exists"])
        let policy = "SELECT add_continuous_aggregate_policy('v', start_offset => INTERVAL '1 day', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '1 hour');"
        #expect(findings(policy).isEmpty)
        #expect(findings(policy + policy) == ["error: continuous aggregate policy already exists for \"v\""])
        let skipping = policy.replacingOccurrences(of: ");", with: ", if_not_exists => true);")
        #expect(findings(policy + skipping) == ["warning: continuous aggregate policy already exists for \"v\", skipping"])
        #expect(findings(policy + skipping.replacingOccurrences(of: "'1 day'", with: "'2 days'"))
                == ["warning: continuous aggregate policy already exists for \"v\""])
        // Removed, it may be added again; removing none is refused unless if_exists.
        let remove = "SELECT remove_continuous_aggregate_policy('v');"
        #expect(findings(policy + remove + policy).isEmpty)
        #expect(findings(remove) == ["error: continuous aggregate policy not found for \"v\""])
        #expect(findings("SELECT remove_continuous_aggregate_policy('v', if_exists => true);")
                == ["warning: continuous aggregate policy not found for \"v\", skipping"])
        #expect(findings("SELECT add_continuous_aggregate_policy('ticks', '1 day'::interval, '1 hour'::interval, '1 hour'::interval);")
                == ["error: \"ticks\" is not a continuous aggregate"])
        // Dropped with the aggregate.
        #expect(findings(policy + "DROP MATERIALIZED VIEW v;" + again + policy).isEmpty)
        // Its TimescaleDB options are read by plan: not reported as not modelled; others are.
        #expect(findings("ALTER MATERIALIZED VIEW v SET (timescaledb.compress = true, timescaledb.compress_segmentby = 'symbol');").isEmpty)
        #expect(findings("ALTER MATERIALIZED VIEW v SET (fillfactor = 70);") == ["warning: statement not modelled: ALTER MATERIALIZED VIEW"])
        #expect(findings("ALTER MATERIALIZED VIEW v RENAME TO w;") == ["warning: statement not modelled: ALTER MATERIALIZED VIEW"])
    }

    /// DROP MATERIALIZED VIEW as RemoveRelations decides (PostgreSQL 15: `"tt" is not a
    /// materialized view` with its HINT, `materialized view "nosuch" does not exist`, the NOTICE).
    @Test func droppingMaterializedViewsIsJudgedByName() {
        let setup = """
            CREATE TABLE tt (time timestamptz NOT NULL, v float8);
            SELECT create_hypertable('tt', by_range('time'));
            CREATE VIEW vv AS SELECT 1 AS one;
            CREATE MATERIALIZED VIEW agg WITH (timescaledb.continuous) AS
              SELECT time_bucket('1 hour', time) AS b, max(v) FROM tt GROUP BY b WITH NO DATA;

            """
        func findings(_ sql: String) -> [String] {
            // (The plain view's own "statement not modelled" warning left out.)
            MigrationCheck.run(files: [("m.sql", setup + sql)]).findings.filter { $0.line > 3 }.map { "\($0.severity.rawValue): \($0.message)" }
        }
        #expect(findings("DROP MATERIALIZED VIEW agg;").isEmpty)
        #expect(findings("DROP MATERIALIZED VIEW tt;") == ["error: \"tt\" is not a materialized view"])
        #expect(findings("DROP MATERIALIZED VIEW vv;") == ["error: \"vv\" is not a materialized view"])
        #expect(findings("DROP MATERIALIZED VIEW nosuch;") == ["error: materialized view \"nosuch\" does not exist"])
        #expect(findings("DROP MATERIALIZED VIEW IF EXISTS nosuch, public.agg CASCADE;")
                == ["warning: materialized view \"nosuch\" does not exist, skipping"])
        // Nothing is dropped when one name fails: the aggregate still takes its policy.
        #expect(findings("DROP MATERIALIZED VIEW agg, nosuch; SELECT add_continuous_aggregate_policy('agg', NULL, NULL, INTERVAL '1 hour');")
                == ["error: materialized view \"nosuch\" does not exist"])
    }

    @Test func regclassTextIsFoldedAndInnerCallsAreResolvedFirst() {
        // regclassin folds an unquoted name (NameListToString names it in the error); PostgreSQL
        // resolves a call's arguments before the call, so an API the version lacks is named first
        // when nested, with 42883 and its hint.
        let setup = "CREATE TABLE t (time timestamptz NOT NULL, v float8);\nSELECT create_hypertable('t', 'time');\n"
        func errors(_ sql: String, minor: Int = 28) -> [CheckFinding] {
            MigrationCheck.run(files: [("m.sql", setup + sql)], target: TimescaleTarget(version: (2, minor)))
                .findings.filter { $0.severity == .error }
        }
        #expect(errors("SELECT hypertable_size('T');").isEmpty)
        #expect(errors("SELECT hypertable_size('Nosuch');").map(\.message) == ["relation \"nosuch\" does not exist"])
        #expect(errors("SELECT hypertable_size('\"Nosuch\"');").map(\.message) == ["relation \"Nosuch\" does not exist"])
        #expect(errors("SELECT add_reorder_policy('Public.Nosuch', 't_time_idx');").map(\.message) == ["relation \"public.nosuch\" does not exist"])
        #expect(errors("SELECT remove_retention_policy('Nosuch');").map(\.message) == ["relation \"nosuch\" does not exist"])
        let nested = errors("CREATE TABLE u (time timestamptz NOT NULL);\nSELECT create_hypertable('u', by_range('time', 86400000000));", minor: 12)
        #expect(nested.map(\.message) == ["function by_range(unknown, bigint) does not exist"])
        #expect(nested.first?.sqlState == "42883" && nested.first?.hint?.hasPrefix("No function matches") == true)
        let gist = errors("CREATE INDEX ON t USING gist (v);")
        #expect(gist.map(\.message) == ["data type double precision has no default operator class for access method \"gist\""])
        #expect(gist.first?.sqlState == "42704")
    }

    @Test func rowSecurityAndValidationAgainstTheColumnstore() {
        // src/process_utility.c (the ALTER TABLE subcommands a columnstore hypertable takes) and
        // tsl/src/compression/create.c; measured on 2.28 by teams who met them.
        let hyper = "CREATE TABLE m (time timestamptz NOT NULL, tenant text NOT NULL, v float8);\nSELECT create_hypertable('m', 'time');\n"
        let compress = "ALTER TABLE m SET (timescaledb.compress, timescaledb.compress_segmentby = 'tenant');\n"
        func errors(_ sql: String, _ minor: Int = 28) -> [String] {
            MigrationCheck.run(files: [("m.sql", hyper + sql)], target: TimescaleTarget(version: (2, minor))).findings
                .filter { $0.severity == .error }.map(\.message)
        }
        #expect(errors(compress + "ALTER TABLE m ENABLE ROW LEVEL SECURITY;") == ["operation not supported on hypertables that have columnstore enabled"])
        #expect(errors(compress + "ALTER TABLE m ENABLE ROW LEVEL SECURITY;", 12) == ["operation not supported on hypertables that have compression enabled"])
        #expect(errors(compress + "ALTER TABLE m ADD CONSTRAINT pos CHECK (v > 0) NOT VALID;\nALTER TABLE m VALIDATE CONSTRAINT pos;")
                == ["operation not supported on hypertables that have columnstore enabled"], "the NOT VALID add itself is accepted")
        #expect(errors("ALTER TABLE m ENABLE ROW LEVEL SECURITY;\n" + compress) == ["columnstore cannot be used on table with row security"])
        #expect(errors("ALTER TABLE m ENABLE ROW LEVEL SECURITY;\nALTER TABLE m DISABLE ROW LEVEL SECURITY;\n" + compress).isEmpty)
        #expect(errors("ALTER TABLE m ENABLE ROW LEVEL SECURITY;\nALTER TABLE m ADD CONSTRAINT pos CHECK (v > 0) NOT VALID;\nALTER TABLE m VALIDATE CONSTRAINT pos;").isEmpty,
                "without the columnstore both are PostgreSQL's own")
    }

    @Test func keyColumnsOutsideTheCompressionSettingsAreNamed() {
        // tsl/src/compression/create.c validate_existing_constraints (a WARNING, not an error).
        let sql = """
            CREATE TABLE ev (id bigint NOT NULL, ts timestamptz NOT NULL, site text, v float8, PRIMARY KEY (id, ts));
            SELECT create_hypertable('ev', 'ts');
            ALTER TABLE ev SET (timescaledb.compress, timescaledb.compress_segmentby = 'site', timescaledb.compress_orderby = 'ts DESC');
            """
        let findings = MigrationCheck.run(files: [("m.sql", sql)]).findings
        #expect(findings.map(\.message) == ["column \"id\" should be used for segmenting or ordering"])
        #expect(findings.allSatisfy { $0.severity == .warning })
        // Covered by the settings, or left to TimescaleDB's defaults: nothing to say.
        let covered = sql.replacingOccurrences(of: "'ts DESC'", with: "'ts DESC, id'")
        #expect(MigrationCheck.run(files: [("m.sql", covered)]).findings.isEmpty)
        let defaulted = sql.replacingOccurrences(of: ", timescaledb.compress_orderby = 'ts DESC'", with: "")
        #expect(MigrationCheck.run(files: [("m.sql", defaulted)]).findings.isEmpty)
    }

    @Test func singleTransactionRunsEachFileAsOneBlock() {
        // psql --single-transaction: BEGIN before the file, COMMIT after it (ROLLBACK once aborted).
        let sql = """
            CREATE TABLE t (ts timestamptz NOT NULL, v int);
            SELECT create_hypertable('t', 'ts');
            CREATE MATERIALIZED VIEW h WITH (timescaledb.continuous) AS SELECT time_bucket('1 hour', ts) AS b, max(v) FROM t GROUP BY b;
            """
        #expect(!MigrationCheck.run(files: [("m.sql", sql)]).findings.contains { $0.severity == .error })
        let wrapped = MigrationCheck.run(files: [("m.sql", sql)], singleTransaction: true)
        #expect(wrapped.findings.filter { $0.severity == .error }.map(\.message)
                == ["CREATE MATERIALIZED VIEW ... WITH DATA cannot run inside a transaction block"])
        #expect(wrapped.catalog.tables["t"] == nil, "the file's transaction rolled back")
        #expect(wrapped.findings.last?.message.hasPrefix("COMMIT rolled back the transaction block") == true)
        // A file that commits itself: the wrapper's COMMIT finds no transaction, as psql warns.
        let committed = MigrationCheck.run(files: [("m.sql", "CREATE TABLE u (a int);\nCOMMIT;\n")], singleTransaction: true)
        #expect(committed.findings.map(\.message) == ["there is no transaction in progress"])
        #expect(committed.catalog.tables["u"] != nil)
    }

    @Test func uniqueIndexAfterwardsMustIncludeTheTimeColumn() {
        #expect(errors("SELECT create_hypertable('md', by_range('ts', INTERVAL '1 day')); CREATE UNIQUE INDEX u ON md (id);")
                == ["cannot create a unique index without the column \"ts\" (used in partitioning)"])
    }

    @Test func namedAndPositionalArgumentsAreRead() {
        let run = MigrationCheck.run(files: [("m.sql", Self.table + "SELECT create_hypertable(relation => 'md', time_column_name => 'ts', chunk_time_interval => INTERVAL '1 day');")])
        #expect(run.catalog.tables["md"]?.hypertable?.chunkInterval == PGInterval(days: 1))
    }

    @Test func compressionSettingsMustNameColumns() {
        // tsl/src/compression/create.c: unknown segmentby/orderby columns.
        #expect(errors("SELECT create_hypertable('md', 'ts'); ALTER TABLE md SET (timescaledb.compress, timescaledb.compress_segmentby = 'nope');")
                == ["column \"nope\" does not exist"])
    }

    @Test func segmentByAndOrderByMayNotOverlap() {
        #expect(errors("SELECT create_hypertable('md', 'ts'); ALTER TABLE md SET (timescaledb.compress, timescaledb.compress_segmentby = 'ticker_id', timescaledb.compress_orderby = 'ticker_id, ts DESC');")
                == ["cannot use column \"ticker_id\" for both ordering and segmenting"])
    }

    @Test func orderByTakesOnlyTypesWithALessThanOperator() {
        // tsl/src/compression/create.c: lookup_type_cache(TYPECACHE_LT_OPR) before the duplicate check.
        let json = "CREATE TABLE dj (ts timestamptz NOT NULL, j json, b jsonb, p point);\nSELECT create_hypertable('dj', 'ts');\n"
        let run = { (orderBy: String) in
            MigrationCheck.run(files: [("m.sql", json + "ALTER TABLE dj SET (timescaledb.compress, timescaledb.compress_orderby = '\(orderBy)');")])
                .findings.filter { $0.severity == .error }.map(\.message)
        }
        #expect(run("j") == ["invalid ordering column type json"])
        #expect(run("p, ts") == ["invalid ordering column type point"])
        #expect(run("b, ts").isEmpty, "jsonb has a less-than operator")
    }

    @Test func engineSettingsAreCheckedInTimescaleDBsOrder() throws {
        let table = try #require(MigrationCheck.run(files: [("m.sql", "CREATE TABLE dj (ts timestamptz NOT NULL, s text, j json);")]).catalog.tables["dj"])
        func refusal(_ segmentBy: String, _ orderBy: String) -> String? {
            do {
                try CompressionSettings(segmentBy: segmentBy, orderBy: orderBy, timeColumn: "ts").validate(against: table)
                return nil
            } catch { return "\(error)" }
        }
        #expect(refusal("", "ts, ts")?.contains("duplicate column name \"ts\"") == true)
        #expect(refusal("s, s", "ts")?.contains("duplicate column name \"s\"") == true)
        #expect(refusal("s", "j")?.contains("invalid ordering column type json") == true)
        #expect(refusal("s", "ts DESC") == nil)
    }

    @Test func policiesNeedAHypertable() {
        // retention_api.c validate_drop_chunks_hypertable, compression_api.c validate_compress_chunks_hypertable (TS001).
        #expect(errors("SELECT add_retention_policy('md', INTERVAL '730 days');") == ["\"md\" is not a hypertable or a continuous aggregate"])
        #expect(errors("SELECT add_compression_policy('md', INTERVAL '7 days');") == ["\"md\" is not a hypertable or a continuous aggregate"])
        // src/hypertable_cache.c ts_hypertable_cache_get_cache_and_entry.
        #expect(errors("SELECT set_chunk_time_interval('md', INTERVAL '1 day');") == ["table \"md\" is not a hypertable"])
    }

    @Test func compressionOptionsOnAPlainTableAreAnUnknownNamespace() {
        // timescale/timescaledb#7158.
        #expect(errors("ALTER TABLE md SET (timescaledb.compress);") == ["unrecognized parameter namespace \"timescaledb\""])
    }

    @Test func apacheEditionRefusesCompressionAndPolicies() {
        // src/cross_module_fn.c: functions of the TSL module under the Apache license.
        let sql = "SELECT create_hypertable('md', 'ts'); ALTER TABLE md SET (timescaledb.compress); SELECT add_retention_policy('md', INTERVAL '1 day');"
        #expect(errors(sql, edition: .apache) == Array(repeating: "functionality not supported under the current \"apache\" license", count: 2))
        #expect(errors(sql, edition: .community).isEmpty)
    }

    @Test func newerAPIIsAnUnknownFunctionOnOlderVersions() {
        let sql = "SELECT create_hypertable('md', by_range('ts'));"
        let old = MigrationCheck.run(files: [("m.sql", Self.table + sql)], target: TimescaleTarget(version: (2, 12))).findings.map(\.message)
        #expect(old == ["function by_range(unknown) does not exist"])
        let current = MigrationCheck.run(files: [("m.sql", Self.table + sql)], target: TimescaleTarget(version: (2, 28))).findings
        #expect(current.isEmpty)
    }

    @Test func theNQPMigrationIsRejectedBecauseOfItsIdPrimaryKey() {
        let sql = NQPMigrations.initial() + "SELECT create_hypertable('market_data', 'timestamp', chunk_time_interval => INTERVAL '1 day');"
        let findings = MigrationCheck.run(files: [("008.sql", sql)]).findings
        #expect(findings.map(\.message) == ["cannot create a unique index without the column \"timestamp\" (used in partitioning)"])
    }

    @Test func unmodelledStatementsAreReportedNotDropped() {
        let findings = MigrationCheck.run(files: [("x.sql", "CREATE EXTENSION IF NOT EXISTS pg_trgm; GRANT SELECT ON md TO r; " + Self.table)]).findings
        #expect(findings.map(\.message) == ["statement not modelled: CREATE EXTENSION", "statement not modelled: GRANT"])
        #expect(findings.allSatisfy { $0.severity == .warning })
    }

    /// The extensions the check models and a continuous aggregate's definition (checked by
    /// ContinuousAggregateRules, modelled by plan and migrate) are not reported as ignored.
    @Test func modelledExtensionsAndContinuousAggregatesAreNotReportedAsIgnored() {
        let sql = """
            CREATE EXTENSION IF NOT EXISTS "timescaledb" WITH SCHEMA public CASCADE;
            CREATE EXTENSION IF NOT EXISTS plpgsql; CREATE EXTENSION pg_stat_statements; CREATE SCHEMA IF NOT EXISTS market;
            CREATE SEQUENCE IF NOT EXISTS md_id_seq;
            """ + Self.table + """
            SELECT create_hypertable('md', 'ts');
            CREATE MATERIALIZED VIEW md_1h WITH (timescaledb.continuous) AS
              SELECT time_bucket('1 hour', ts) AS bucket, max(price) AS high FROM md GROUP BY bucket WITH NO DATA;
            CREATE MATERIALIZED VIEW md_plain AS SELECT 1 AS one;
            """
        let findings = MigrationCheck.run(files: [("x.sql", sql)]).findings
        #expect(findings.map(\.message) == ["statement not modelled: CREATE EXTENSION", "statement not modelled: CREATE MATERIALIZED VIEW"],
                "\(findings)")
    }

    // MARK: - TimescaleDB's own argument checks (TimescaleError; sources in docs/CHECK.md)

    /// The first error's message and SQLSTATE.
    func refusal(_ sql: String, table: String = table) -> (String, String?)? {
        MigrationCheck.run(files: [("m.sql", table + sql)]).findings.first { $0.severity == .error }.map { ($0.message, $0.sqlState) }
    }

    static let hyper = table + "SELECT create_hypertable('md', by_range('ts', INTERVAL '1 day'));"
    static let compressed = hyper + "ALTER TABLE md SET (timescaledb.compress, timescaledb.compress_segmentby = 'ticker_id');"
    static let intTable = "CREATE TABLE ev (id bigint NOT NULL, at bigint NOT NULL, v int);"

    @Test func compressAfterMustBeAnIntervalOnATimestampDimension() {
        // compression_api.c validate_compress_after_type.
        for lag in ["7", "'7 days'"] {
            #expect(refusal("SELECT add_compression_policy('md', \(lag));", table: Self.compressed)! == ("unsupported compress_after argument type, expected type : interval", "0A000"))
        }
        #expect(refusal("SELECT add_compression_policy('md', INTERVAL '7 days');", table: Self.compressed) == nil)
        #expect(refusal("CALL add_columnstore_policy('md', after => 86400);", table: Self.compressed)! == ("unsupported compress_after argument type, expected type : interval", "0A000"))
    }

    @Test func compressAfterMustBeAnIntegerOnAnIntegerDimension() {
        // compression_api.c policy_compression_add_internal.
        let t = Self.intTable + "SELECT create_hypertable('ev', by_range('at', 1000)); ALTER TABLE ev SET (timescaledb.compress);"
        #expect(refusal("SELECT add_compression_policy('ev', INTERVAL '7 days');", table: t)! == ("invalid value for parameter compress_after", "22023"))
        #expect(refusal("SELECT add_compression_policy('ev', 5000);", table: t) == nil)
    }

    @Test func typedIntegerLagsAreIntegersAndKeptAsTheColumnsUnits() {
        // A typed literal's type is its cast's (`BIGINT '…'`, `'…'::bigint`), so an integer lag; the
        // catalog keeps it in the column's units (simulate's policies compare it with the column).
        let t = Self.intTable + "SELECT create_hypertable('ev', by_range('at', 1000)); ALTER TABLE ev SET (timescaledb.compress);"
        for lag in ["BIGINT '604800000'", "'604800000'::bigint", "604800000::int8", "int8 ' 604800000 '"] {
            #expect(refusal("SELECT add_compression_policy('ev', \(lag));", table: t) == nil, "\(lag)")
            let run = MigrationCheck.run(files: [("m.sql", t + "SELECT add_compression_policy('ev', \(lag)); SELECT add_retention_policy('ev', \(lag));")])
            #expect(run.catalog.tables["ev"]?.hypertable?.compressAfter == PGInterval(microseconds: 604_800_000), "\(lag)")
            #expect(run.catalog.tables["ev"]?.hypertable?.dropAfter == PGInterval(microseconds: 604_800_000), "\(lag)")
        }
        // Integer arithmetic on constants folds to its integer (Zabbix writes `(7 * 86400)`).
        let folded = MigrationCheck.run(files: [("m.sql", t + "SELECT add_compression_policy('ev', (7 * 86400)); SELECT add_retention_policy('ev', 90 * 86400 - 0);")])
        #expect(folded.catalog.tables["ev"]?.hypertable?.compressAfter == PGInterval(microseconds: 604_800))
        #expect(folded.catalog.tables["ev"]?.hypertable?.dropAfter == PGInterval(microseconds: 7_776_000))
        #expect(refusal("SELECT add_compression_policy('md', 7 * 86400);", table: Self.compressed)!
                == ("unsupported compress_after argument type, expected type : interval", "0A000"))
        // Text stays text: refused on an integer dimension as before.
        #expect(refusal("SELECT add_retention_policy('ev', '604800000'::text);", table: t)! == ("invalid value for parameter drop_after", "22023"))
        // The same integer lag again with if_not_exists is skipped, as the same interval is.
        let again = MigrationCheck.run(files: [("m.sql", t + "SELECT add_compression_policy('ev', 5000); SELECT add_compression_policy('ev', BIGINT '5000', if_not_exists => true);")])
        #expect(again.findings.contains { $0.message == "compression policy already exists for hypertable \"ev\", skipping" })
    }

    @Test func integerNowFunctionIsSetOnceOnIntegerDimensions() {
        // src/hypertable.c ts_hypertable_set_integer_now_func.
        let t = Self.intTable + "SELECT create_hypertable('ev', by_range('at', 1000));"
        #expect(refusal("SELECT set_integer_now_func('ev', 'now_ms');", table: t) == nil)
        #expect(refusal("SELECT set_integer_now_func('ev', 'now_ms'); SELECT set_integer_now_func('ev', 'now_ms');", table: t)!
                == ("custom time function already set for hypertable \"ev\"", "42710"))
        #expect(refusal("SELECT set_integer_now_func('ev', 'now_ms'); SELECT set_integer_now_func('ev', 'now_ms', replace_if_exists => true);", table: t) == nil)
        #expect(refusal("SELECT set_integer_now_func('md', 'now_ms');", table: Self.hyper)! == ("custom time function not supported", "22023"))
        #expect(refusal("SELECT set_integer_now_func('ev', 'now_ms');", table: Self.intTable)! == ("table \"ev\" is not a hypertable", "TS001"))
    }

    @Test func policiesTakeAContinuousAggregateButNotAPlainView() {
        // policy_retention_add / policy_compression_add: ts_hypertable_cache_get_entry or the
        // continuous aggregate's materialization hypertable; any other relation is refused as such.
        let cagg = Self.hyper + """
            CREATE MATERIALIZED VIEW md_hourly WITH (timescaledb.continuous, timescaledb.materialized_only = true) AS
              SELECT time_bucket(INTERVAL '1 hour', ts) AS bucket, ticker_id, avg(price) AS price FROM md GROUP BY 1, 2 WITH NO DATA;
            CREATE MATERIALIZED VIEW md_plain AS SELECT ticker_id, max(ts) AS last FROM md GROUP BY 1;
            CREATE VIEW md_view AS SELECT * FROM md;
            """
        #expect(refusal("SELECT add_retention_policy('md_hourly', INTERVAL '1 year');", table: cagg) == nil)
        #expect(refusal("SELECT add_compression_policy('public.md_hourly', compress_after => INTERVAL '30 days');", table: cagg) == nil)
        #expect(refusal("SELECT add_retention_policy('md_plain', INTERVAL '1 year');", table: cagg)!
                == ("\"md_plain\" is not a hypertable or a continuous aggregate", "TS001"))
        #expect(refusal("SELECT add_retention_policy('md_view', INTERVAL '1 year');", table: cagg)!
                == ("\"md_view\" is not a hypertable or a continuous aggregate", "TS001"))
        #expect(refusal("SELECT add_retention_policy('md_nope', INTERVAL '1 year');", table: cagg)! == ("relation \"md_nope\" does not exist", nil))
    }

    @Test func compressionPolicyNeedsCompressionEnabled() {
        // compression_api.c validate_compress_chunks_hypertable (2.18+ wording).
        #expect(refusal("SELECT add_compression_policy('md', INTERVAL '7 days');", table: Self.hyper)! == ("columnstore not enabled on hypertable \"md\"", "0A000"))
    }

    @Test func compressAfterAndCreatedBeforeAreExclusive() {
        // compression_api.c policy_compression_add.
        #expect(refusal("SELECT add_compression_policy('md', INTERVAL '7 days', compress_created_before => INTERVAL '1 day');", table: Self.compressed)!
                == ("need to specify one of \"compress_after\" or \"compress_created_before\"", "22023"))
    }

    @Test func dropAfterAndDropCreatedBeforeAreExclusive() {
        // retention_api.c policy_retention_add: exactly one of the two, before the hypertable is looked up.
        let message = ("need to specify one of \"drop_after\" or \"drop_created_before\"", "22023")
        #expect(refusal("SELECT add_retention_policy('md', INTERVAL '7 days', drop_created_before => INTERVAL '1 day');", table: Self.hyper)! == message)
        #expect(refusal("SELECT add_retention_policy('md');", table: Self.hyper)! == message)
        #expect(refusal("SELECT add_retention_policy('md', drop_created_before => INTERVAL '30 days');", table: Self.hyper) == nil)
    }

    @Test func creationTimePoliciesAreRecordedAsSuch() {
        let sql = Self.compressed + "SELECT add_compression_policy('md', compress_created_before => INTERVAL '2 days'); "
            + "SELECT add_retention_policy('md', drop_created_before => INTERVAL '30 days');"
        let h = MigrationCheck.run(files: [("m.sql", sql)]).catalog.tables["md"]?.hypertable
        #expect(h?.compressAfter == PGInterval(days: 2) && h?.compressByCreationTime == true)
        #expect(h?.dropAfter == PGInterval(days: 30) && h?.dropByCreationTime == true)
        let removed = MigrationCheck.run(files: [("m.sql", sql + " SELECT remove_retention_policy('md'); SELECT add_retention_policy('md', INTERVAL '9 days');")])
            .catalog.tables["md"]?.hypertable
        #expect(removed?.dropAfter == PGInterval(days: 9) && removed?.dropByCreationTime == false)
    }

    @Test func aSecondPolicyIsRefusedUnlessIfNotExists() {
        // compression_api.c / retention_api.c: ERRCODE_DUPLICATE_OBJECT, else NOTICE (same lag) or WARNING (another).
        let c = Self.compressed + "SELECT add_compression_policy('md', INTERVAL '7 days');"
        #expect(refusal("SELECT add_compression_policy('md', INTERVAL '3 days');", table: c)!
                == ("compression policy already exists for hypertable or continuous aggregate \"md\"", "42710"))
        let same = MigrationCheck.run(files: [("m.sql", c + "SELECT add_compression_policy('md', INTERVAL '7 days', if_not_exists => true);")]).findings
        #expect(same.map(\.message) == ["compression policy already exists for hypertable \"md\", skipping"])
        let other = MigrationCheck.run(files: [("m.sql", c + "SELECT add_compression_policy('md', INTERVAL '3 days', if_not_exists => true);")]).findings
        #expect(other.map(\.message) == ["compression policy already exists for hypertable \"md\""])
        #expect(other.allSatisfy { $0.severity == .warning })
        let r = Self.hyper + "SELECT add_retention_policy('md', INTERVAL '90 days');"
        #expect(refusal("SELECT add_retention_policy('md', INTERVAL '30 days');", table: r)! == ("retention policy already exists for hypertable \"md\"", "42710"))
    }

    @Test func dropAfterTypeFollowsTheTimeDimension() {
        // retention_api.c policy_retention_add.
        #expect(refusal("SELECT add_retention_policy('md', 86400);", table: Self.hyper)! == ("invalid value for parameter drop_after", "22023"))
        #expect(refusal("SELECT add_retention_policy('md', '90 days');", table: Self.hyper)! == ("invalid value for parameter drop_after", "22023"))
        let t = Self.intTable + "SELECT create_hypertable('ev', by_range('at', 1000));"
        #expect(refusal("SELECT add_retention_policy('ev', INTERVAL '90 days');", table: t)! == ("invalid value for parameter drop_after", "22023"))
        #expect(refusal("SELECT add_retention_policy('ev', 100000);", table: t) == nil)
    }

    @Test func aUUIDColumnPartitionsByItsVersion7Time() {
        // src/dimension.h IS_VALID_OPEN_DIM_TYPE (IS_UUID_TYPE, 2.23+); test/expected/uuid.out.
        let u = "CREATE TABLE ue (id uuid PRIMARY KEY, device int, temp float);"
        #expect(refusal("SELECT create_hypertable('ue', 'id', chunk_time_interval => interval '1 day');", table: u) == nil)
        #expect(refusal("SELECT create_hypertable('ue', by_range('id'));", table: u) == nil)
        #expect(refusal("SELECT create_hypertable('ue', 'id', chunk_time_interval => true);", table: u)!
                == ("invalid interval type for uuid dimension", "22023"))
        let run = MigrationCheck.run(files: [("m.sql", u + "SELECT create_hypertable('ue', by_range('id', INTERVAL '2 hours'));")])
        #expect(run.catalog.tables["ue"]?.hypertable?.chunkInterval == PGInterval(microseconds: 2 * 3_600_000_000))
        let w = "CREATE TABLE ev (event_id uuid NOT NULL, ts timestamptz NOT NULL, PRIMARY KEY (event_id)) "
            + "WITH (tsdb.hypertable, tsdb.partition_column = 'event_id', tsdb.chunk_interval = '2 months');"
        #expect(MigrationCheck.run(files: [("m.sql", w)]).findings.filter { $0.severity == .error }.isEmpty)
        // Policies take intervals, as on a timestamptz dimension (retention_api.c, compression_api.c).
        let h = u + "SELECT create_hypertable('ue', by_range('id', INTERVAL '1 day'));"
        #expect(refusal("SELECT add_retention_policy('ue', 30);", table: h)! == ("invalid value for parameter drop_after", "22023"))
        #expect(refusal("SELECT add_retention_policy('ue', INTERVAL '30 days');", table: h) == nil)
        // A float column still is no dimension.
        #expect(refusal("SELECT create_hypertable('ue', by_range('temp'));", table: u)! == ("invalid type for dimension \"temp\"", "42809"))
    }

    @Test func aTimePartitioningFunctionGivesTheDimensionItsType() {
        // src/dimension.c ts_dimension_info_validate: the interval is validated against the
        // function's return type (get_func_rettype); the regproc argument must name a function.
        let t = "CREATE TABLE tx (ts text NOT NULL, v int);"
        let toTime = t + "CREATE FUNCTION text_to_ts(t text) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$ SELECT t::timestamptz $$;"
        #expect(refusal("SELECT create_hypertable('tx', by_range('ts', INTERVAL '1 day', partition_func => 'public.text_to_ts'));", table: toTime) == nil)
        #expect(refusal("SELECT create_hypertable('tx', 'ts', chunk_time_interval => INTERVAL '1 day', time_partitioning_func => 'text_to_ts');", table: toTime) == nil)
        #expect(refusal("SELECT create_hypertable('tx', by_range('ts', INTERVAL '1 day', partition_func => 'nosuch'));", table: t)!
                == ("function \"nosuch\" does not exist", "42883"))
        let toInt = t + "CREATE FUNCTION text_to_i(t text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT length(t)::bigint $$;"
        #expect(refusal("SELECT create_hypertable('tx', 'ts', chunk_time_interval => INTERVAL '1 day', time_partitioning_func => 'text_to_i');", table: toInt)!
                == ("invalid interval type for bigint dimension", "22023"))
        #expect(refusal("SELECT create_hypertable('tx', 'ts', chunk_time_interval => 1000, time_partitioning_func => 'text_to_i');", table: toInt) == nil)
        let toText = t + "CREATE FUNCTION text_id(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT t $$;"
        #expect(refusal("SELECT create_hypertable('tx', by_range('ts', INTERVAL '1 day', partition_func => 'text_id'));", table: toText)?.0
                == "invalid type for dimension \"ts\"")
        // Without a function the text column is still no dimension.
        #expect(refusal("SELECT create_hypertable('tx', by_range('ts'));", table: t)! == ("invalid type for dimension \"ts\"", "42809"))
    }

    @Test func compressChunkTimeIntervalNotAMultipleIsWarned() {
        // tsl/src/compression/create.c update_compress_chunk_time_interval (elog WARNING); the option is an interval.
        let warning = "compress chunk interval is not a multiple of chunk interval, you should use a factor of chunk interval to merge as much as possible"
        func findings(_ sql: String) -> [CheckFinding] { MigrationCheck.run(files: [("m.sql", Self.hyper + sql)]).findings }
        let odd = findings("ALTER TABLE md SET (timescaledb.compress, timescaledb.compress_chunk_time_interval = '36 hours');")
        #expect(odd.map(\.message) == [warning] && odd.allSatisfy { $0.severity == .warning })
        #expect(findings("ALTER TABLE md SET (timescaledb.compress, timescaledb.compress_chunk_time_interval = '7 days');").isEmpty)
        #expect(refusal("ALTER TABLE md SET (timescaledb.compress, timescaledb.compress_chunk_time_interval = 'weekly');", table: Self.hyper)!
                == ("invalid input syntax for type interval: \"weekly\"", "22007"))
        // The default chunk interval (7 days) when the hypertable took it.
        let defaulted = Self.table + "SELECT create_hypertable('md', by_range('ts'));"
        let tenDays = MigrationCheck.run(files: [("m.sql", defaulted + "ALTER TABLE md SET (timescaledb.compress, timescaledb.compress_chunk_time_interval = '10 days');")]).findings
        #expect(tenDays.map(\.message) == [warning])
    }

    @Test func chunkTimeIntervalTypeAndRange() {
        // src/dimension.c dimension_interval_to_internal / get_validated_integer_interval.
        #expect(refusal("SELECT create_hypertable('md', 'ts', chunk_time_interval => '1 day');")!
                == ("invalid interval type for timestamp with time zone dimension", "22023"))
        #expect(refusal("SELECT create_hypertable('md', by_range('ts', 0));")! == ("invalid interval: must be between 1 and 9223372036854775807", "22023"))
        #expect(refusal("SELECT create_hypertable('md', by_range('ts', -5));")! == ("invalid interval: must be between 1 and 9223372036854775807", "22023"))
        #expect(refusal("SELECT create_hypertable('ev', by_range('at', INTERVAL '1 day'));", table: Self.intTable)!
                == ("invalid interval type for bigint dimension", "22023"))
        #expect(refusal("SELECT create_hypertable('ev', by_range('at'));", table: Self.intTable)! == ("integer dimensions require an explicit interval", "22023"))
        let d = "CREATE TABLE dd (day date NOT NULL, v int);"
        #expect(refusal("SELECT create_hypertable('dd', by_range('day', INTERVAL '12 hours'));", table: d)! == ("invalid interval for date dimension", "22023"))
        // Months × 30 days in µs past Int64: refused, not an arithmetic trap.
        #expect(refusal("SELECT create_hypertable('dd', by_range('day', INTERVAL '170000000 years'));", table: d)! == ("invalid interval for date dimension", "22023"))
        #expect(refusal("SELECT create_hypertable('dd', by_range('day', INTERVAL '7 days'));", table: d) == nil)
        #expect(refusal("SELECT create_hypertable('md', by_range('price'));")! == ("invalid type for dimension \"price\"", "42809"))
        #expect(refusal("SELECT set_chunk_time_interval('md', 0);", table: Self.hyper)! == ("invalid interval: must be between 1 and 9223372036854775807", "22023"))
        let ok = MigrationCheck.run(files: [("m.sql", Self.hyper + "SELECT set_chunk_time_interval('md', INTERVAL '6 hours');")])
        #expect(ok.catalog.tables["md"]?.hypertable?.chunkInterval == PGInterval(microseconds: 6 * 3_600_000_000))
    }

    @Test func aTableWithRowsNeedsMigrateData() {
        // src/hypertable.c ts_hypertable_create_from_info.
        let rows = Self.table + "INSERT INTO md (id, ticker_id, ts) VALUES (gen_random_uuid(), gen_random_uuid(), now());"
        #expect(refusal("SELECT create_hypertable('md', by_range('ts'));", table: rows)! == ("table \"md\" is not empty", "0A000"))
        #expect(refusal("SELECT create_hypertable('md', by_range('ts'), migrate_data => true);", table: rows) == nil)
        #expect(refusal("TRUNCATE md; SELECT create_hypertable('md', by_range('ts'));", table: rows) == nil)
        // An INSERT … SELECT may add nothing: not refused.
        #expect(refusal("INSERT INTO md SELECT * FROM md; SELECT create_hypertable('md', by_range('ts'));") == nil)
    }

    @Test func alreadyAHypertable() {
        // src/hypertable.c: ERRCODE_TS_HYPERTABLE_EXISTS.
        #expect(refusal("SELECT create_hypertable('md', by_range('ts'));", table: Self.hyper)! == ("table \"md\" is already a hypertable", "TS110"))
        #expect(refusal("SELECT create_hypertable('md', by_range('ts'), if_not_exists => true);", table: Self.hyper) == nil)
    }

    @Test func concurrentIndexOnAHypertable() {
        // src/process_utility.c process_index_start, before the unique-index check.
        #expect(refusal("CREATE INDEX CONCURRENTLY i ON md (ticker_id, ts);", table: Self.hyper)! == ("hypertables do not support concurrent index creation", "0A000"))
        #expect(refusal("CREATE UNIQUE INDEX CONCURRENTLY i ON md (id);", table: Self.hyper)! == ("hypertables do not support concurrent index creation", "0A000"))
        #expect(refusal("CREATE INDEX CONCURRENTLY i ON md (ticker_id, ts);") == nil)
    }

    @Test func uniqueIndexWithoutTheTimeColumnCarriesTS103() {
        #expect(refusal("CREATE UNIQUE INDEX u ON md (id);", table: Self.hyper)! == ("cannot create a unique index without the column \"ts\" (used in partitioning)", "TS103"))
    }

    @Test func orderByAndSegmentByColumns() {
        // tsl/src/compression/create.c.
        let set = "ALTER TABLE md SET (timescaledb.compress, "
        #expect(refusal(set + "timescaledb.compress_segmentby = 'nope');", table: Self.hyper)! == ("column \"nope\" does not exist", "42601"))
        #expect(refusal(set + "timescaledb.compress_orderby = 'ts, nope');", table: Self.hyper)! == ("column \"nope\" does not exist", "42601"))
        #expect(refusal(set + "timescaledb.compress_orderby = 'ts, ts DESC');", table: Self.hyper)! == ("duplicate column name \"ts\"", "42601"))
        #expect(refusal(set + "timescaledb.compress_segmentby = 'ticker_id', timescaledb.compress_orderby = 'ticker_id');", table: Self.hyper)!
                == ("cannot use column \"ticker_id\" for both ordering and segmenting", "42601"))
        let hint = MigrationCheck.run(files: [("m.sql", Self.hyper + set + "timescaledb.compress_segmentby = 'nope');")]).findings.first?.hint
        #expect(hint == "The timescaledb.compress_segmentby option must reference a valid column.")
    }

    // MARK: - Removing policies (tsl/src/bgw_policy/compression_api.c, retention_api.c)

    @Test func removingAPolicyTakesItOffTheHypertable() {
        let sql = Self.compressed + "SELECT add_compression_policy('md', INTERVAL '2 days'); SELECT add_retention_policy('md', INTERVAL '30 days');"
            + "SELECT remove_compression_policy('md'); SELECT remove_retention_policy('md');"
        let run = MigrationCheck.run(files: [("m.sql", sql)])
        #expect(run.findings.filter { $0.severity == .error }.isEmpty)
        #expect(run.catalog.tables["md"]?.hypertable?.compressAfter == nil)
        #expect(run.catalog.tables["md"]?.hypertable?.dropAfter == nil)
        #expect(run.catalog.tables["md"]?.hypertable?.compressionEnabled == true, "removing the policy leaves compression enabled")
    }

    @Test func removingAMissingPolicyIsAnErrorUnlessIfExists() {
        // policy_*_remove_internal: ERRCODE_UNDEFINED_OBJECT, or a NOTICE with if_exists => true.
        #expect(refusal("SELECT remove_retention_policy('md');", table: Self.hyper)! == ("retention policy not found for hypertable \"md\"", "42704"))
        #expect(refusal("SELECT remove_compression_policy('md');", table: Self.compressed)! == ("compression policy not found for hypertable \"md\"", "42704"))
        let skipped = MigrationCheck.run(files: [("m.sql", Self.compressed + "SELECT remove_compression_policy('md', if_exists => true); SELECT remove_retention_policy('md', true);")]).findings
        #expect(skipped.map(\.message) == ["compression policy not found for hypertable \"md\", skipping", "retention policy not found for hypertable \"md\", skipping"])
        #expect(skipped.allSatisfy { $0.severity == .warning })
        #expect(errors("SELECT remove_retention_policy('md');") == ["relation \"md\" is not a hypertable or continuous aggregate"])
        // A continuous aggregate takes them (it was `relation "h" does not exist`); a view does not.
        let aggregate = Self.hyper + "\nCREATE MATERIALIZED VIEW h WITH (timescaledb.continuous) AS SELECT time_bucket('1 hour', ts) AS hour, max(price) "
            + "FROM md GROUP BY 1 WITH NO DATA;\nCREATE VIEW v AS SELECT 1;\n"
        let onAggregate = MigrationCheck.run(files: [("m.sql", aggregate + "SELECT add_retention_policy('h', INTERVAL '1 year'); SELECT remove_retention_policy('h');"
                                                                + "SELECT remove_compression_policy('h', if_exists => true); SELECT remove_retention_policy('v');")]).findings
        #expect(onAggregate.filter { $0.severity == .error }.map(\.message) == ["relation \"v\" is not a hypertable or continuous aggregate"])
    }
}

extension TimescaleRulesTests {
    @Test func timescaleCallsInSelectFromAreChecked() {
        // psql runs `SELECT * FROM f(…)` like `SELECT f(…)`: the same rules apply.
        #expect(errors("SELECT * FROM add_retention_policy('md', INTERVAL '1 day');") == ["\"md\" is not a hypertable or a continuous aggregate"])
        let run = MigrationCheck.run(files: [("m.sql", Self.table + "SELECT * FROM create_hypertable('md', 'ts', chunk_time_interval => interval '1 day') AS h;")])
        #expect(run.findings.isEmpty)
        #expect(run.catalog.tables["md"]?.hypertable?.chunkInterval == PGInterval(days: 1))
    }
}

extension TimescaleRulesTests {
    @Test func aChunkIntervalOfZeroOrLessViolatesTheDimensionCatalogCheck() {
        // src/dimension.c passes it; _timescaledb_catalog.dimension's CHECK (interval_length > 0) refuses it.
        let message = "new row for relation \"dimension\" violates check constraint \"dimension_interval_length_check\""
        #expect(refusal("SELECT create_hypertable('md', 'ts', chunk_time_interval => INTERVAL '0 days');")! == (message, "23514"))
        #expect(refusal("SELECT set_chunk_time_interval('md', INTERVAL '-1 hour');", table: Self.hyper)! == (message, "23514"))
        #expect(refusal("SELECT create_hypertable('md', 'ts', chunk_time_interval => 9223372036854775807);") == nil)
    }
}

extension TimescaleRulesTests {
    @Test func psqlMetaCommandsAndCopyDataAreSkippedWithANote() {
        let sql = """
            \\set ON_ERROR_STOP on
            CREATE TABLE t (a int, b text);
            COPY t (a, b) FROM stdin;
            1\tone;two
            2\t\\N
            \\.
            SELECT create_hypertable('md', 'ts') \\gset
            """
        let findings = MigrationCheck.run(files: [("m.sql", Self.table + "\n" + sql)]).findings
        #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings)")
        #expect(findings.map(\.message) == ["statement not modelled: psql \\set", "statement not modelled: COPY",
                                            "statement not modelled: psql \\gset"])
        #expect(findings.map(\.line) == [2, 4, 8])
        // Inside a statement, a meta-command other than \g… leaves psql's query buffer as it is.
        let inside = MigrationCheck.run(files: [("m.sql", "CREATE TABLE u (\n\\echo building u\na int);")])
        #expect(inside.findings.isEmpty)
        #expect(inside.catalog.tables["u"]?.columns.count == 1)
    }
}
