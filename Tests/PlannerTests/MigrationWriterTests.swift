import Foundation
@testable import Planner
import PostgresModel
import Schema
import Storage
import Testing
import TestSupport

/// `chunkwise migrate`'s SQL writer: quoting as PostgreSQL quotes, every emitted set accepted by
/// `check`, and the PostgreSQL-only steps (and their rollbacks) run on a real PostgreSQL 15.
@Suite("Migration writer")
struct MigrationWriterTests {
    static let hostileNames = ["market_data", "Market Data", "we\"ird", "it's", "back\\slash", "select", "timestamp", "interval",
                               "_ok", "1abc", "ünïcode", "semi;colon", "dollar$tag", "a\"\"b", "x'); DROP TABLE y; --"]

    @Test func quotesIdentifiersLikeQuoteIdent() {
        #expect(SQLQuote.ident("market_data") == "market_data")
        #expect(SQLQuote.ident("_ok9") == "_ok9")
        #expect(SQLQuote.ident("timestamp") == "\"timestamp\"")
        #expect(SQLQuote.ident("interval") == "\"interval\"")
        #expect(SQLQuote.ident("open") == "open")  // unreserved keyword: left bare
        #expect(SQLQuote.ident("Market Data") == "\"Market Data\"")
        #expect(SQLQuote.ident("we\"ird") == "\"we\"\"ird\"")
        #expect(SQLQuote.ident("1abc") == "\"1abc\"")
        #expect(SQLQuote.ident("") == "\"\"")
        #expect(SQLQuote.ident("ünïcode") == "\"ünïcode\"")
    }

    @Test func quotesLiteralsLikeQuoteLiteral() {
        #expect(SQLQuote.literal("7 days") == "'7 days'")
        #expect(SQLQuote.literal("it's") == "'it''s'")
        #expect(SQLQuote.literal("back\\slash") == "E'back\\\\slash'")
        #expect(SQLQuote.literal("x'); DROP TABLE y; --") == "'x''); DROP TABLE y; --'")
    }

    static var postgresAvailable: Bool { PostgresCluster.isInstalled || PostgresCluster.mustRun }

    @Test(.enabled(if: postgresAvailable, "needs PostgreSQL 15 (required in CI)"))
    func quotingMatchesPostgreSQL() throws {
        let pg = try PostgresCluster.shared()
        for name in Self.hostileNames {
            // The name reaches PostgreSQL as a dollar-quoted literal, whose body is taken verbatim.
            let got = try pg.query("SELECT quote_ident($chunkwise$\(name)$chunkwise$) || chr(10) || quote_literal($chunkwise$\(name)$chunkwise$);")
            #expect(got == SQLQuote.ident(name) + "\n" + SQLQuote.literal(name), "\(name)")
        }
    }

    /// A scenario from plan flags (a short horizon: the writer needs no figures to be checked).
    static func scenario(_ edit: (inout ScenarioInput) -> Void = { _ in }) throws -> Scenario {
        var input = ScenarioInput()
        input.now = "2025-07-01"
        input.days = 30
        edit(&input)
        return try Scenario.resolve(input, currentTime: 0) { path, _, _ throws(ScenarioError) in throw .profile("no profile file in tests: \(path)") }
    }

    /// A market_data-shaped table whose name and columns need quoting, in a migration file.
    static func hostileMigration() throws -> String {
        let sql = """
            CREATE TABLE "Market ""Data"" it's" (
                "Id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                ticker_id uuid NOT NULL,
                "timestamp" timestamptz NOT NULL,
                "close" numeric(12,2) NOT NULL,
                "interval" varchar(10) NOT NULL,
                "select" text DEFAULT 'it''s',
                UNIQUE (ticker_id, "interval")
            );
            CREATE INDEX "idx Market" ON "Market ""Data"" it's" (ticker_id, "timestamp" DESC);
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-hostile-\(UUID().uuidString).sql")
        try sql.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func variants() throws -> [(String, Scenario)] {
        let hostile = try hostileMigration()
        return [
            ("defaults", try scenario()),
            ("1 hour chunks", try scenario { $0.chunkInterval = "1 hour" }),
            ("7 days chunks, 009 indexes", try scenario { $0.chunkInterval = "7 days"; $0.indexes = "009" }),
            ("no retention", try scenario { $0.retain = nil }),
            ("timescaledb 2.16", try scenario { $0.timescaledb = "2.16" }),
            ("apache edition", try scenario { $0.edition = "apache" }),
            ("--from the flawed roadmap migrations", try scenario { $0.migrations = try? flawedRoadmapMigrations() }),
            ("--from a table in its own schema", try scenario {
                $0.migrations = try? schemaMigration(); $0.table = "trades"; $0.segmentby = "symbol"; $0.orderby = "exec_time DESC"
            }),
            ("--from a table in its own schema by search_path", try scenario {
                $0.migrations = try? schemaMigration(bySearchPath: true); $0.table = "trades"; $0.segmentby = "symbol"; $0.orderby = "exec_time DESC"
            }),
            ("--from a table with storage settings", try scenario {
                $0.migrations = try? storageSettingsMigration(); $0.table = "docs"; $0.segmentby = "sym"; $0.orderby = "ts DESC"
            }),
            ("--from a Supabase migration with row-level security", try scenario {
                $0.migrations = try? supabaseMigration(); $0.table = "candles"; $0.segmentby = "symbol"; $0.orderby = "ts DESC"
            }),
            ("hostile names", try scenario {
                $0.migrations = [hostile]; $0.table = "Market \"Data\" it's"
                $0.segmentby = "ticker_id, interval"; $0.orderby = "timestamp DESC"; $0.compressAfter = "3 days"; $0.retain = "90 days"
            }),
        ]
    }

    /// A Flyway-style migration whose table lives in its own schema: named `mkt.trades`, or
    /// `trades` after `SET search_path TO mkt, public`.
    static func schemaMigration(bySearchPath: Bool = false) throws -> [String] {
        let q = bySearchPath ? "" : "mkt."
        let sql = """
            CREATE SCHEMA IF NOT EXISTS mkt;
            \(bySearchPath ? "SET search_path TO mkt, public;" : "")
            CREATE TABLE \(q)trades (venue text NOT NULL, symbol text NOT NULL, trade_id bigint NOT NULL, exec_time timestamptz NOT NULL,
                                     px numeric, CONSTRAINT trades_pk PRIMARY KEY (venue, symbol, trade_id));
            CREATE INDEX trades_sym ON \(q)trades (symbol, exec_time DESC);
            SELECT create_hypertable('\(q)trades', 'exec_time', chunk_time_interval => INTERVAL '12 hours');

            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-schema-\(UUID().uuidString).sql")
        try sql.write(to: url, atomically: true, encoding: .utf8)
        return [url.path]
    }

    /// An unlogged table with a column's COMPRESSION and SET STORAGE and the table's fillfactor
    /// and toast_tuple_target: written back as the team set them.
    static func storageSettingsMigration() throws -> [String] {
        let sql = """
            CREATE UNLOGGED TABLE docs (ts timestamptz NOT NULL, sym text NOT NULL, body text COMPRESSION lz4, meta jsonb)
                WITH (fillfactor = 90, toast_tuple_target = 4080);
            ALTER TABLE docs ALTER COLUMN meta SET STORAGE EXTERNAL;
            SELECT create_hypertable('docs', 'ts');

            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-storage-\(UUID().uuidString).sql")
        try sql.write(to: url, atomically: true, encoding: .utf8)
        return [url.path]
    }

    /// A Supabase-style candles table: row-level security, a policy and grants on it.
    static func supabaseMigration() throws -> [String] {
        let sql = """
            CREATE TABLE public.candles (
                id bigint GENERATED BY DEFAULT AS IDENTITY,
                symbol text NOT NULL,
                ts timestamptz NOT NULL,
                close numeric(12,2),
                inserted_at timestamptz NOT NULL DEFAULT timezone('utc'::text, now()),
                CONSTRAINT candles_pkey PRIMARY KEY (id)
            );
            CREATE INDEX candles_symbol_ts ON public.candles (symbol, ts DESC);
            ALTER TABLE public.candles ENABLE ROW LEVEL SECURITY;
            CREATE POLICY "Anyone reads candles" ON public.candles FOR SELECT USING (true);
            GRANT SELECT ON TABLE public.candles TO anon;
            SELECT create_hypertable('public.candles', 'ts');

            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-supabase-\(UUID().uuidString).sql")
        try sql.write(to: url, atomically: true, encoding: .utf8)
        return [url.path]
    }

    static func target(_ s: Scenario) -> TimescaleTarget {
        TimescaleTarget(version: (s.timescaledb.major, s.timescaledb.minor), edition: s.edition == "apache" ? .apache : .community)
    }

    @Test func everyEmittedSetPassesCheck() throws {
        for (name, s) in try Self.variants() {
            let steps = MigrationWriter.steps(for: s, plan: nil)
            let findings = MigrationCheck.run(files: steps.map { ($0.fileName, $0.sql) }, target: Self.target(s)).findings
            let errors = findings.filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(name): \(errors.map { "\($0.file):\($0.line) \($0.message)" })")
            // The result is a hypertable with the scenario's settings.
            let catalog = MigrationCheck.run(files: steps.map { ($0.fileName, $0.sql) }, target: Self.target(s)).catalog
            let h = catalog.tables[s.table.name]?.hypertable
            #expect(h?.timeColumn == s.timeColumn, "\(name)")
            #expect(h?.chunkInterval == PGInterval(text: MigrationWriter.intervalText(s.chunkInterval)), "\(name)")
            if s.edition == "apache" {
                #expect(!steps.contains { $0.name == "compression" || $0.name == "policies" }, "\(name)")
                #expect(steps.contains { $0.comments.contains { $0.contains("apache edition") } }, "\(name)")
            } else {
                #expect(h?.compressionEnabled == (s.compression != nil), "\(name)")
                #expect(h?.dropAfter == s.retain, "\(name)")
            }
        }
    }

    /// The roadmap's shape: 001 creates market_data with an id primary key, 008 converts it with
    /// the pre-2.13 call and positional policy intervals; check rejects 008 (the key lacks the time column).
    static func flawedRoadmapMigrations() throws -> [String] {
        let initial = """
            CREATE TABLE market_data (
              id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
              ticker_id uuid NOT NULL,
              "timestamp" timestamptz NOT NULL,
              open numeric(12,2) NOT NULL, high numeric(12,2) NOT NULL, low numeric(12,2) NOT NULL, close numeric(12,2) NOT NULL,
              volume bigint,
              interval varchar(10) NOT NULL CHECK (interval IN ('1m','5m','1h','1d')),
              source varchar(50) DEFAULT 'yfinance',
              UNIQUE (ticker_id, "timestamp", interval)
            );
            CREATE INDEX idx_market_data_ticker_timestamp ON market_data (ticker_id, "timestamp" DESC);
            """
        let hypertable = """
            SELECT create_hypertable('market_data', 'timestamp', chunk_time_interval => INTERVAL '1 day');
            ALTER TABLE market_data SET (timescaledb.compress, timescaledb.compress_segmentby = 'ticker_id, interval', timescaledb.compress_orderby = 'timestamp DESC');
            SELECT add_compression_policy('market_data', INTERVAL '7 days');
            SELECT add_retention_policy('market_data', INTERVAL '730 days');
            """
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-roadmap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let files = [("001_initial.sql", initial), ("008_hypertable.sql", hypertable)]
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let paths = files.map { dir.appendingPathComponent($0.0).path }
        let rejected = MigrationCheck.run(files: files.map { ($0.0, $0.1) }).findings.contains { $0.severity == .error }
        precondition(rejected, "the flawed migrations must be rejected by check for this test to mean anything")
        return paths
    }

    @Test func fromFlawedMigrationsKeepsTheirIntents() throws {
        let s = try Self.scenario { $0.migrations = try? Self.flawedRoadmapMigrations() }
        let steps = MigrationWriter.steps(for: s, plan: nil)
        let run = MigrationCheck.run(files: steps.map { ($0.fileName, $0.sql) })
        #expect(!run.findings.contains { $0.severity == .error }, "\(run.findings)")
        let t = try #require(run.catalog.tables["market_data"])
        #expect(t.primaryKey?.keyColumns == ["id", "timestamp"], "the id key is kept, with the time column")
        #expect(t.hypertable?.chunkInterval == PGInterval(text: "1 day"))
        #expect(t.hypertable?.segmentBy == ["ticker_id", "interval"])
        #expect(t.hypertable?.compressAfter == PGInterval(text: "7 days"))
        #expect(t.hypertable?.dropAfter == PGInterval(text: "730 days"))
        #expect(t.indexes.contains { $0.name == "idx_market_data_ticker_timestamp" })
    }

    @Test func policySchedulesAreKeptAndWrittenBack() throws {
        let sql = """
            SELECT create_hypertable('market_data', 'timestamp', chunk_time_interval => INTERVAL '1 day', migrate_data => true);
            ALTER TABLE market_data SET (timescaledb.compress, timescaledb.compress_segmentby = 'ticker_id, interval');
            SELECT add_compression_policy('market_data', INTERVAL '2 days', schedule_interval => INTERVAL '1 hour',
                                          initial_start => '2025-01-01 00:00+00', timezone => 'America/New_York');
            SELECT add_retention_policy('market_data', INTERVAL '400 days', schedule_interval => INTERVAL '6 hours');
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-schedule-\(UUID().uuidString).sql").path
        try sql.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let s = try Self.scenario { $0.migrations = [path] }
        #expect(s.compressionSchedule == 3_600_000_000 && s.retentionSchedule == 6 * 3_600_000_000)
        let policies = try #require(MigrationWriter.steps(for: s, plan: nil).first { $0.name == "policies" })
        #expect(policies.statements.contains {
            $0.contains("compress_after => INTERVAL '2 days', schedule_interval => INTERVAL '1 hour', "
                        + "initial_start => '2025-01-01 00:00+00', timezone => 'America/New_York')")
        })
        #expect(policies.statements.contains { $0.contains("drop_after => INTERVAL '400 days', schedule_interval => INTERVAL '6 hours'") })
        // A flag replaces the policy and its schedule.
        let flagged = try Self.scenario { $0.migrations = [path]; $0.compressAfter = "3 days" }
        #expect(flagged.compressionSchedule == nil && flagged.retentionSchedule == 6 * 3_600_000_000)
    }

    /// UNLOGGED and the storage parameters survive the table step and the hypertable step's
    /// rollback (`LIKE` copies neither; TimescaleDB keeps an unlogged hypertable's chunks unlogged).
    @Test func anUnloggedTableStaysUnloggedWithItsParameters() throws {
        let s = try Self.scenario { $0.migrations = try? Self.storageSettingsMigration(); $0.table = "docs"; $0.segmentby = "sym" }
        let steps = MigrationWriter.steps(for: s, plan: nil)
        let table = try #require(steps.first { $0.name == "table" })
        #expect(table.statements.contains { $0.hasPrefix("CREATE UNLOGGED TABLE IF NOT EXISTS docs (") && $0.contains(") WITH (fillfactor = 90, toast_tuple_target = 4080);") })
        let rollbacks = steps.flatMap(\.rollbackStatements)
        #expect(rollbacks.contains { $0.hasPrefix("CREATE UNLOGGED TABLE docs_plain (LIKE docs ") && $0.hasSuffix(" WITH (fillfactor = 90, toast_tuple_target = 4080);") },
                "\(rollbacks)")
    }

    /// Migrations that make the table a hypertable with its own interval, compression and
    /// policies: the steps also run on a database where they ran (create_hypertable failed there:
    /// "already a hypertable"; now it skips, the new interval applies to new chunks, the policies
    /// are replaced), and the policies' and compression's rollbacks give back theirs.
    @Test func stepsRunOnAnAlreadyConvertedTableAndRollBackToItsSettings() throws {
        let sql = """
            CREATE TABLE ticks (ts timestamptz NOT NULL, sym text NOT NULL, px numeric(12,4), qty int);
            SELECT create_hypertable('ticks', 'ts', chunk_time_interval => INTERVAL '1 day');
            ALTER TABLE ticks SET (timescaledb.compress, timescaledb.compress_segmentby = 'sym');
            SELECT add_compression_policy('ticks', INTERVAL '3 days');
            SELECT add_retention_policy('ticks', INTERVAL '90 days', schedule_interval => INTERVAL '6 hours');
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-converted-\(UUID().uuidString).sql").path
        try sql.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let s = try Self.scenario {
            $0.migrations = [path]; $0.table = "ticks"; $0.chunkInterval = "7 days"; $0.compressAfter = "14 days"; $0.orderby = "ts DESC"
        }
        let steps = MigrationWriter.steps(for: s, plan: nil)
        let hyper = try #require(steps.first { $0.name == "hypertable" })
        #expect(hyper.statements.contains { $0.contains("if_not_exists => true") })
        #expect(hyper.statements.contains("SELECT set_chunk_time_interval('ticks', INTERVAL '7 days');"))
        #expect(hyper.rollbackStatements.first == "-- On a database where the migrations had made ticks a hypertable, run only: "
                + "SELECT set_chunk_time_interval('ticks', INTERVAL '1 day');")
        let policies = try #require(steps.first { $0.name == "policies" })
        #expect(policies.statements.first == "SELECT remove_compression_policy('ticks', if_exists => true);")
        #expect(policies.rollbackStatements.contains("SELECT add_compression_policy('ticks', compress_after => INTERVAL '3 days');"))
        #expect(policies.rollbackStatements.contains("SELECT add_retention_policy('ticks', drop_after => INTERVAL '90 days', schedule_interval => INTERVAL '06:00:00');"))
        let compression = try #require(steps.first { $0.name == "compression" })
        #expect(compression.rollbackStatements == ["ALTER TABLE ticks SET (timescaledb.compress, timescaledb.compress_segmentby = 'sym');"])
        // On the database the migrations left: the steps, then the policies' and compression's
        // rollbacks, then what the hypertable's rollback says to run there.
        let files = [("000_theirs.sql", sql)] + steps.map { ($0.fileName, $0.sql) }
            + steps.reversed().filter { $0.name == "policies" || $0.name == "compression" }.map { ("rollback/" + $0.fileName, $0.rollbackSQL) }
            + [("rollback/hypertable.sql", "SELECT set_chunk_time_interval('ticks', INTERVAL '1 day');")]
        let run = MigrationCheck.run(files: files, target: Self.target(s))
        #expect(run.findings.filter { $0.severity == .error }.isEmpty, "\(run.findings.map(\.message))")
        let h = try #require(run.catalog.tables["ticks"]?.hypertable)
        #expect(h.chunkInterval?.timescaleMicroseconds == 86_400_000_000 && h.compressAfter == PGInterval(text: "3 days") && h.segmentBy == ["sym"])
    }

    @Test func theMigrationsRefusalOfTheDefaultIndexIsKept() throws {
        for table in ["market_data", "metrics"] {
            let columns = table == "market_data" ? "" : "CREATE TABLE metrics (ts timestamptz NOT NULL, sym text NOT NULL, price float8);\n"
            let time = table == "market_data" ? "timestamp" : "ts"
            let sql = columns + "SELECT create_hypertable('\(table)', by_range('\(time)', INTERVAL '1 day'), create_default_indexes => false);\n"
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-nodefault-\(UUID().uuidString).sql").path
            try sql.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let s = try Self.scenario { $0.migrations = [path]; $0.table = table }
            let steps = MigrationWriter.steps(for: s, plan: nil)
            let conversion = try #require(steps.first { $0.name == "hypertable" })
            #expect(conversion.statements.contains { $0.contains("create_default_indexes => false") }, "\(table)")
        }
    }

    @Test func theMigrationsSpaceDimensionIsKept() throws {
        let sql = """
            CREATE TABLE market_data (
              id uuid NOT NULL DEFAULT gen_random_uuid(), ticker_id uuid NOT NULL, "timestamp" timestamptz NOT NULL,
              open numeric(12,2) NOT NULL, high numeric(12,2) NOT NULL, low numeric(12,2) NOT NULL, close numeric(12,2) NOT NULL,
              volume bigint, interval varchar(10) NOT NULL, PRIMARY KEY (id, "timestamp"));
            SELECT create_hypertable('market_data', 'timestamp', partitioning_column => 'ticker_id', number_partitions => 4);
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-space-\(UUID().uuidString).sql").path
        try sql.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let s = try Self.scenario { $0.migrations = [path] }
        let steps = MigrationWriter.steps(for: s, plan: nil)
        let hyper = try #require(steps.first { $0.name == "hypertable" })
        #expect(hyper.statements.first?.contains("partitioning_column => 'ticker_id', number_partitions => 4") == true)
        // plan models the dimension (ticker_id is filled per ticker), and the comment says how.
        #expect(s.hashDimension == SpaceDimension(column: "ticker_id", partitions: 4))
        #expect(hyper.sql.contains("the figures split each time slice over the partitions the tickers hash to"))
        let keys = try #require(steps.first { $0.name == "keys" })
        #expect(keys.statements.contains { $0.contains("PRIMARY KEY (id, \"timestamp\", ticker_id)") })
        // What migrate writes passes check and leaves the space dimension in place.
        let run = MigrationCheck.run(files: steps.map { ($0.fileName, $0.sql) })
        #expect(!run.findings.contains { $0.severity == .error }, "\(run.findings)")
        #expect(run.catalog.tables["market_data"]?.hypertable?.hashDimension?.partitions == 4)
    }

    @Test func creationTimePoliciesAreWrittenAsGivenAndWarnedAbout() throws {
        let sql = """
            SELECT create_hypertable('market_data', 'timestamp', chunk_time_interval => INTERVAL '1 day', migrate_data => true);
            ALTER TABLE market_data SET (timescaledb.compress, timescaledb.compress_segmentby = 'ticker_id, interval');
            SELECT add_compression_policy('market_data', compress_created_before => INTERVAL '3 days');
            SELECT add_retention_policy('market_data', drop_created_before => INTERVAL '400 days');
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-created-\(UUID().uuidString).sql").path
        try sql.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let s = try Self.scenario { $0.migrations = [path] }
        #expect(s.compressAfter == PGInterval(days: 3) && s.compressByCreationTime)
        #expect(s.retain == PGInterval(days: 400) && s.dropByCreationTime)
        #expect(s.warnings.contains { $0.contains("\(path):3: the policy's compress_created_before is modelled as compress_after") })
        #expect(s.warnings.contains { $0.contains("\(path):4: the policy's drop_created_before is modelled as drop_after") })
        let policies = try #require(MigrationWriter.steps(for: s, plan: nil).first { $0.name == "policies" })
        #expect(policies.statements.contains("SELECT add_compression_policy('market_data', compress_created_before => INTERVAL '3 days');"))
        #expect(policies.statements.contains("SELECT add_retention_policy('market_data', drop_created_before => INTERVAL '400 days');"))
        // A flag replaces the migrations' policy with its own kind.
        let flagged = try Self.scenario { $0.migrations = [path]; $0.compressAfter = "5 days" }
        #expect(!flagged.compressByCreationTime && flagged.dropByCreationTime)
        let flaggedPolicies = try #require(MigrationWriter.steps(for: flagged, plan: nil).first { $0.name == "policies" })
        #expect(flaggedPolicies.statements.contains("SELECT add_compression_policy('market_data', compress_after => INTERVAL '5 days');"))
    }

    @Test func anEmptySegmentbyIsWrittenSoTimescaleDBDoesNotPickOne() throws {
        let s = try Self.scenario { $0.segmentby = ""; $0.orderby = "timestamp ASC" }
        let step = try #require(MigrationWriter.steps(for: s, plan: nil).first { $0.name == "compression" })
        #expect(step.statements == ["ALTER TABLE market_data SET (timescaledb.compress, timescaledb.compress_segmentby = '', "
                                    + "timescaledb.compress_orderby = '\"timestamp\"');"])
        // Replayed, the set plans with no segmentby, as the scenario did.
        let catalog = MigrationCheck.run(files: MigrationWriter.steps(for: s, plan: nil).map { ($0.fileName, $0.sql) }, target: Self.target(s)).catalog
        #expect(catalog.tables["market_data"]?.hypertable?.segmentBy == [])
        #expect(catalog.tables["market_data"]?.hypertable?.segmentByDefaulted == false)
    }

    @Test func keysGainTheTimeColumn() throws {
        let steps = MigrationWriter.steps(for: try Self.scenario(), plan: nil)
        let keys = try #require(steps.first { $0.name == "keys" })
        #expect(keys.statements.contains("ALTER TABLE market_data ADD CONSTRAINT market_data_pkey PRIMARY KEY (id, \"timestamp\");"))
        #expect(keys.rollbackStatements.last == "ALTER TABLE market_data ADD CONSTRAINT market_data_pkey PRIMARY KEY (id);")
        let hyper = try #require(steps.first { $0.name == "hypertable" })
        #expect(hyper.statements == ["SELECT create_hypertable('market_data', by_range('timestamp', INTERVAL '1 day'), migrate_data => true);"])
        let policies = try #require(steps.first { $0.name == "policies" })
        #expect(policies.statements.contains("SELECT add_compression_policy('market_data', compress_after => INTERVAL '7 days');"))
        #expect(policies.statements.contains("SELECT add_retention_policy('market_data', drop_after => INTERVAL '730 days');"))
    }

    @Test func commentsCarryThePlansFigures() throws {
        let s = try Self.scenario { $0.tickers = 1; $0.intervals = ["1h"]; $0.days = 14 }
        let plan = try CapacityPlanner(scenario: s).plan()
        let steps = MigrationWriter.steps(for: s, plan: plan)
        let hyper = try #require(steps.first { $0.name == "hypertable" })
        #expect(hyper.sql.contains("Predicted at now: \(plan.chunks) chunks"))
        #expect(hyper.sql.contains(ByteCount.text(plan.sizes.hypertableUncompressed.totalBytes)))
        let policies = try #require(steps.first { $0.name == "policies" })
        #expect(policies.sql.contains(ByteCount.text(plan.sizes.hypertable.totalBytes)))
    }

    @Test(.enabled(if: postgresAvailable, "needs PostgreSQL 15 (required in CI)"))
    func postgresOnlyStepsAndRollbacksRunOnPostgreSQL() throws {
        let pg = try PostgresCluster.shared()
        try pg.query("DO $$ BEGIN CREATE ROLE anon NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;")
        for (name, s) in try Self.variants() {
            let all = MigrationWriter.steps(for: s, plan: nil)
            let steps = all.filter(\.postgresOnly)
            // The conversion's rollback is plain SQL (a copy takes the table's place): it runs here
            // on the plain table, in its place between the later steps' rollbacks and the keys'.
            let rollbacks = all.filter { $0.postgresOnly || $0.name == "hypertable" }
            let teams = s.resolved["migrations"] != nil
            let db = try pg.createDatabase("mig")
            do {
                if name.contains("row-level security"), let file = s.resolved["migrations"] {
                    // The team's database as their migrations left it (but for TimescaleDB's call).
                    let theirs = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
                        .filter { !$0.contains("create_hypertable") }.joined(separator: "\n")
                    try pg.query(theirs, database: db)
                }
                for step in steps { try pg.query(step.sql, database: db) }
                // A row goes in under the migrated keys.
                let count = try pg.query("SELECT count(*) FROM \(MigrationWriter.qualified(s.table));", database: db)
                #expect(count == "0", "\(name)")
                if name == "defaults" {
                    #expect(steps.contains { $0.name == "analytics_functions" })
                    let ticker = "00000000-0000-0000-0000-000000000001"
                    try pg.query("""
                        INSERT INTO market_data (ticker_id, "timestamp", open, high, low, close, "interval") VALUES
                          ('\(ticker)', '2025-01-02 10:00+00', 1, 2, 0.5, 1.5, '1m'),
                          ('\(ticker)', '2025-01-02 10:01+00', 1.5, 2.5, 1, 2.25, '1m'),
                          ('\(ticker)', '2025-01-02 11:00+00', 9, 9, 9, 9, '1h');
                        """, database: db)
                    #expect(try pg.query("SELECT close FROM get_latest_price('\(ticker)', '1m');", database: db) == "2.25")
                    #expect(try pg.query("SELECT count(*) FROM get_price_range('\(ticker)', '1m', '2025-01-02 10:00+00', '2025-01-02 10:00+00');",
                                         database: db) == "1")
                    try pg.query("DELETE FROM market_data;", database: db)
                }
                if name.contains("storage settings") {
                    #expect(try pg.query("SELECT relpersistence::text || reloptions::text FROM pg_class WHERE relname = 'docs';", database: db)
                            == "u{fillfactor=90,toast_tuple_target=4080}")
                    #expect(try pg.query("SELECT string_agg(attname || ':' || attcompression::text || attstorage::text, ',' ORDER BY attnum) FROM pg_attribute "
                                         + "WHERE attrelid = 'docs'::regclass AND attnum > 0 AND attname IN ('body', 'meta');", database: db)
                            == "body:lx,meta:e")
                }
                if name.contains("own schema") {
                    #expect(try pg.query("SELECT string_agg(n.nspname || '.' || c.relname, ',') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                         + "WHERE c.relname = 'trades';", database: db) == "mkt.trades", "in the team's schema, not public")
                }
                let t = SQLQuote.literal(MigrationWriter.qualified(s.table))
                let access = """
                    SELECT (SELECT relrowsecurity FROM pg_class WHERE oid = \(t)::regclass),
                           (SELECT count(*) FROM pg_policy WHERE polrelid = \(t)::regclass),
                           has_table_privilege('anon', \(t), 'SELECT');
                    """
                let accessBefore = try pg.query(access, database: db)
                if name.contains("row-level security") { #expect(accessBefore == "t|1|t", "\(name)") }
                for step in rollbacks.reversed() {
                    try pg.query(step.rollbackSQL, database: db)
                    // Once the copy has taken the table's place, its access is the table's again.
                    if step.name == "hypertable" { #expect(try pg.query(access, database: db) == accessBefore, "\(name)") }
                }
                let left = try pg.query("SELECT count(*) FROM pg_class WHERE relname = \(SQLQuote.literal(s.table.name));", database: db)
                #expect(left == (teams ? "1" : "0"), "\(name): the table's rollback leaves it only when the migrations define it")
                // Forward again after a full rollback.
                for step in steps { try pg.query(step.sql, database: db) }
            } catch {
                Issue.record("\(name): \(error)")
            }
            try pg.query("DROP DATABASE \(db);")
        }
    }
    /// A team's table with types Chunkwise carries as text, an enum, a domain and a stored
    /// generated column (the writer wrote `text` for each, and a plain column for the generated one).
    static let typedMigration = """
        CREATE TYPE "Side Kind" AS ENUM ('buy', 'sell', 'it''s');
        CREATE DOMAIN price AS numeric(12,4) DEFAULT 1 NOT NULL CHECK (VALUE > 0) CHECK (VALUE < 1e6);
        CREATE TABLE trades (
          ts timestamptz NOT NULL,
          symbol char(6) NOT NULL,
          flag character,
          venue inet,
          tags text[],
          limits numeric(5,2)[],
          codes varchar(8)[],
          bits bit(4),
          hold interval,
          raw bytea,
          mac macaddr,
          side "Side Kind" NOT NULL,
          px price,
          qty integer NOT NULL,
          notional numeric GENERATED ALWAYS AS (px * qty) STORED,
          half integer GENERATED ALWAYS AS (qty / 2) STORED,
          meta jsonb,
          inserted_at timestamptz NOT NULL DEFAULT timezone('utc'::text, now()),
          seen timestamp DEFAULT (now() AT TIME ZONE 'utc'),
          PRIMARY KEY (symbol, ts)
        );
        """

    @Test(.enabled(if: postgresAvailable, "needs PostgreSQL 15 (required in CI)"))
    func declaredTypesEnumsDomainsAndGeneratedColumnsAreWrittenBack() throws {
        let pg = try PostgresCluster.shared()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-typed-\(UUID().uuidString).sql")
        try (Self.typedMigration + "SELECT create_hypertable('trades', 'ts', chunk_time_interval => INTERVAL '1 day');\n")
            .write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let s = try Self.scenario { $0.migrations = [url.path]; $0.table = "trades" }
        let steps = MigrationWriter.steps(for: s, plan: nil).filter(\.postgresOnly)
        // What PostgreSQL holds of the table and its types, from the team's SQL and from the written one.
        let describe = """
            SELECT string_agg(format('%s %s %s %s %s', attname, format_type(atttypid, atttypmod), attnotnull, attgenerated,
                                     coalesce(pg_get_expr(d.adbin, d.adrelid), '')), E'\\n' ORDER BY attnum)
            FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE attrelid = 'trades'::regclass AND attnum > 0 AND NOT attisdropped
            UNION ALL SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum
            UNION ALL SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), ', ' ORDER BY conname) FROM pg_constraint WHERE contypid <> 0
            UNION ALL SELECT format('%s %s %s', typnotnull, typdefault, format_type(typbasetype, typtypmod)) FROM pg_type WHERE typname = 'price';
            """
        let theirs = try pg.createDatabase("typed"), ours = try pg.createDatabase("typed")
        defer { _ = try? pg.query("DROP DATABASE \(theirs);"); _ = try? pg.query("DROP DATABASE \(ours);") }
        try pg.query(Self.typedMigration, database: theirs)
        for step in steps { try pg.query(step.sql, database: ours) }
        let expected = try pg.query(describe, database: theirs)
        let got = try pg.query(describe, database: ours)
        #expect(got == expected, "\(got)\n---\n\(expected)")
        #expect(expected.contains("tags text[]") && expected.contains("symbol character(6)") && expected.contains("notional numeric f s"))
        // A row gets the same generated values; the rollback leaves the migrations' table and types.
        let row = "INSERT INTO trades (ts, symbol, side, px, qty) VALUES ('2025-01-02 10:00+00', 'ES', 'it''s', 2.5, 7);"
        try pg.query(row, database: theirs)
        try pg.query(row, database: ours)
        let values = "SELECT symbol || '|' || notional || '|' || half FROM trades;"
        #expect(try pg.query(values, database: ours) == pg.query(values, database: theirs))
        try pg.query("DELETE FROM trades;", database: ours)
        for step in steps.reversed() { try pg.query(step.rollbackSQL, database: ours) }
        #expect(try pg.query("SELECT count(*) FROM pg_type WHERE typname IN ('Side Kind', 'price');", database: ours) == "2")
        #expect(try pg.query("SELECT count(*) FROM trades;", database: ours) == "0")
    }

    /// A declaratively partitioned table: TimescaleDB refuses it, so the table step sets it aside
    /// (partitions, rows and index names) and a plain table of its columns takes its name.
    @Test(.enabled(if: postgresAvailable, "needs PostgreSQL 15 (required in CI)"))
    func aPartitionedTableIsSetAsideAndCopied() throws {
        let pg = try PostgresCluster.shared()
        let sql = """
            CREATE TABLE events (device_id int NOT NULL, happened_at timestamptz NOT NULL, reading numeric,
              PRIMARY KEY (device_id, happened_at)) PARTITION BY RANGE (happened_at);
            CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            CREATE INDEX events_reading ON events (reading);

            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-partitioned-\(UUID().uuidString).sql")
        try sql.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let s = try Self.scenario { $0.migrations = [url.path]; $0.table = "events" }
        #expect(s.warnings.contains { $0.contains("partitioned") && $0.contains("create_hypertable") }, "\(s.warnings)")
        let steps = MigrationWriter.steps(for: s, plan: nil)
        let findings = MigrationCheck.run(files: steps.map { ($0.fileName, $0.sql) }, target: Self.target(s)).findings
        #expect(!findings.contains { $0.severity == .error }, "\(findings.map(\.message))")
        let db = try pg.createDatabase("part")
        defer { _ = try? pg.query("DROP DATABASE \(db);") }
        try pg.query(sql + "INSERT INTO events VALUES (1, '2025-03-01 10:00+00', 1.5), (2, '2025-03-01 11:00+00', 2.5);", database: db)
        let table = try #require(steps.first)
        try pg.query(table.sql, database: db)
        #expect(try pg.query("SELECT relkind FROM pg_class WHERE relname = 'events';", database: db) == "r", "a plain table now")
        #expect(try pg.query("SELECT count(*) FROM events;", database: db) == "2")
        #expect(try pg.query("SELECT count(*) FROM events_partitioned;", database: db) == "2", "the team's table is kept aside")
        let names = "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'events';"
        #expect(try pg.query(names, database: db) == "events_pkey,events_reading")
        try pg.query(table.rollbackSQL, database: db)
        #expect(try pg.query("SELECT relkind FROM pg_class WHERE relname = 'events';", database: db) == "p", "partitioned again")
        #expect(try pg.query(names, database: db) == "events_pkey,events_reading")
        #expect(try pg.query("SELECT count(*) FROM events;", database: db) == "2")
    }

    /// An ORM's migration: an instruments table, and the bars' foreign key to it.
    static let referencingMigration = """
        CREATE TABLE instrument (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, code varchar(16) NOT NULL UNIQUE,
                                 venue_id integer);
        CREATE TABLE venue (id integer PRIMARY KEY, name text);
        ALTER TABLE instrument ADD CONSTRAINT instrument_venue_fk FOREIGN KEY (venue_id) REFERENCES venue (id) ON DELETE SET NULL;
        CREATE TABLE bar (ts timestamptz NOT NULL, instrument_id bigint NOT NULL REFERENCES instrument (id) ON DELETE CASCADE,
                          close numeric(12,2), volume bigint, note text, PRIMARY KEY (instrument_id, ts));
        CREATE INDEX instrument_code_like ON instrument (code varchar_pattern_ops);
        CREATE INDEX bar_note_c ON bar (note COLLATE "C" text_pattern_ops DESC, ts);

        """

    @Test(.enabled(if: postgresAvailable, "needs PostgreSQL 15 (required in CI)"))
    func foreignKeysAndTheTablesTheyReferenceAreWrittenBack() throws {
        let pg = try PostgresCluster.shared()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-fk-\(UUID().uuidString).sql")
        try (Self.referencingMigration + "SELECT create_hypertable('bar', 'ts', chunk_time_interval => INTERVAL '1 day');\n")
            .write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let s = try Self.scenario { $0.migrations = [url.path]; $0.table = "bar" }
        #expect(s.referencedTables.map(\.name) == ["venue", "instrument"], "a table's own references first")
        let steps = MigrationWriter.steps(for: s, plan: nil).filter(\.postgresOnly)
        #expect(steps.first?.comments.contains { $0.contains("Its foreign keys reference instrument") } == true)
        let describe = """
            SELECT string_agg(conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid), E'\\n' ORDER BY conrelid::regclass::text, conname)
            FROM pg_constraint WHERE contype = 'f';
            """
        let theirs = try pg.createDatabase("fk"), ours = try pg.createDatabase("fk")
        defer { _ = try? pg.query("DROP DATABASE \(theirs);"); _ = try? pg.query("DROP DATABASE \(ours);") }
        try pg.query(Self.referencingMigration, database: theirs)
        for step in steps { try pg.query(step.sql, database: ours) }
        let expected = try pg.query(describe, database: theirs)
        #expect(try pg.query(describe, database: ours) == expected)
        #expect(expected.contains("FOREIGN KEY (instrument_id) REFERENCES instrument(id) ON DELETE CASCADE"))
        // Index operator classes and collations are kept.
        let indexes = "SELECT string_agg(indexdef, E'\\n' ORDER BY indexname) FROM pg_indexes WHERE indexname IN ('instrument_code_like', 'bar_note_c');"
        #expect(try pg.query(indexes, database: ours) == pg.query(indexes, database: theirs))
        #expect(try pg.query(indexes, database: theirs).contains("varchar_pattern_ops"))
        // The rollback leaves every table: the migrations define them, and they may hold the team's rows.
        for step in steps.reversed() { try pg.query(step.rollbackSQL, database: ours) }
        #expect(try pg.query("SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relname IN ('bar', 'instrument', 'venue');",
                             database: ours) == "bar,instrument,venue")
    }
}
