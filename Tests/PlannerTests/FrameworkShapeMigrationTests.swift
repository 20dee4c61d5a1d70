import Foundation
@testable import Planner
import LocalPostgres
import PostgresModel
import Schema
import Testing

/// `migrate --from` on migrations shaped as frameworks write them: the table step must run both
/// on a fresh database and on one where the team's files ran.
@Suite("Migrate: framework-shaped migrations")
struct FrameworkShapeMigrationTests {
    /// Rails' `structure.sql` (and every `pg_dump`) writes a `bigint` id as a sequence and a default.
    static let railsStructure = """
        SET statement_timeout = 0;
        SELECT pg_catalog.set_config('search_path', '', false);
        CREATE TABLE public.market_ticks (
            id bigint NOT NULL,
            ticker_id integer NOT NULL,
            "timestamp" timestamp with time zone NOT NULL,
            close numeric(18,8),
            CONSTRAINT chk_close CHECK ((close >= (0)::numeric))
        );
        CREATE SEQUENCE public.market_ticks_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
        ALTER SEQUENCE public.market_ticks_id_seq OWNED BY public.market_ticks.id;
        ALTER TABLE ONLY public.market_ticks ALTER COLUMN id SET DEFAULT nextval('public.market_ticks_id_seq'::regclass);
        ALTER TABLE ONLY public.market_ticks ADD CONSTRAINT market_ticks_pkey PRIMARY KEY (id, "timestamp");

        """

    /// Prisma writes enums as `CREATE TYPE "Side" AS ENUM`, which has no IF NOT EXISTS.
    static let prismaMigration = """
        CREATE TYPE "Side" AS ENUM ('BUY', 'SELL');
        CREATE TABLE "Trade" (
            "id" BIGSERIAL NOT NULL,
            "side" "Side" NOT NULL,
            "executedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
            CONSTRAINT "Trade_pkey" PRIMARY KEY ("id","executedAt")
        );

        """

    static func steps(_ sql: String, timescale: String, table: String) throws -> [MigrationStep] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-shape-\(UUID().uuidString).sql")
        try (sql + timescale).write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let s = try MigrationWriterTests.scenario { $0.migrations = [url.path]; $0.table = table }
        return MigrationWriter.steps(for: s, plan: nil)
    }

    /// Before: `CREATE TABLE … DEFAULT nextval('public.market_ticks_id_seq'::regclass)` without the
    /// sequence, which PostgreSQL refuses on a fresh database (`relation
    /// "public.market_ticks_id_seq" does not exist`).
    @Test func aSequenceTheDefaultNamesIsCreatedFirst() throws {
        let steps = try Self.steps(Self.railsStructure, timescale: "SELECT public.create_hypertable('public.market_ticks', 'timestamp');\n",
                                   table: "market_ticks")
        let table = try #require(steps.first { $0.name == "table" })
        let sql = table.statements.joined(separator: "\n")
        let sequence = try #require(sql.range(of: "CREATE SEQUENCE IF NOT EXISTS public.market_ticks_id_seq;"))
        let create = try #require(sql.range(of: "CREATE TABLE IF NOT EXISTS public.market_ticks ("))
        #expect(sequence.lowerBound < create.lowerBound)
        let fresh = MigrationCheck.run(files: steps.map { ($0.fileName, $0.sql) })
        #expect(fresh.findings.filter { $0.severity == .error }.isEmpty, "\(fresh.findings.map(\.message))")
    }

    /// Before: the table step began with `CREATE TYPE "Side" AS ENUM`, refused where the team's
    /// migrations ran (`type "Side" already exists`); now it is wrapped in the duplicate_object idiom.
    @Test func anEnumIsCreatedOnlyWhereItIsMissing() throws {
        let timescale = "SELECT create_hypertable('\"Trade\"', 'executedAt', chunk_time_interval => INTERVAL '1 day');\n"
        let steps = try Self.steps(Self.prismaMigration, timescale: timescale, table: "Trade")
        let table = try #require(steps.first { $0.name == "table" })
        #expect(table.statements.contains { $0.hasPrefix("DO $$ BEGIN\n    CREATE TYPE \"Side\" AS ENUM ('BUY', 'SELL');") })
        // TIMESTAMP(3) keeps its precision (it was written `timestamp without time zone`: microseconds).
        #expect(table.statements.contains { $0.lowercased().contains("\"executedat\" timestamp(3) not null default current_timestamp,") },
                "\(table.statements)")
        let files = steps.map { ($0.fileName, $0.sql) }
        for run in [MigrationCheck.run(files: files), MigrationCheck.run(files: [("theirs.sql", Self.prismaMigration + timescale)] + files)] {
            #expect(run.findings.filter { $0.severity == .error }.isEmpty, "\(run.findings.map(\.message))")
            #expect(run.catalog.tables["Trade"]?.columns.first { $0.name == "side" }?.enumLabels == ["BUY", "SELL"])
        }
    }

    /// The table steps on PostgreSQL 15: on a fresh database and after the team's SQL.
    @Test(.enabled(if: PostgresCluster.canRun, "needs PostgreSQL 15 (required in CI)"))
    func tableStepsRunFreshAndAfterTheTeamsSQL() throws {
        let pg = try PostgresCluster.shared()
        for (sql, timescale, table) in [(Self.railsStructure, "SELECT public.create_hypertable('public.market_ticks', 'timestamp');\n", "market_ticks"),
                                        (Self.prismaMigration, "SELECT create_hypertable('\"Trade\"', 'executedAt');\n", "Trade")] {
            let steps = try Self.steps(sql, timescale: timescale, table: table).filter { $0.name == "table" }
            let fresh = try pg.createDatabase("shape"), theirs = try pg.createDatabase("shape")
            defer { _ = try? pg.query("DROP DATABASE \(fresh);"); _ = try? pg.query("DROP DATABASE \(theirs);") }
            try pg.query(sql, database: theirs)
            for step in steps {
                try pg.query(step.sql, database: fresh)
                try pg.query(step.sql, database: theirs)
            }
        }
    }
}

extension FrameworkShapeMigrationTests {
    /// Prisma writes every relation `ON DELETE RESTRICT ON UPDATE CASCADE`; the ON UPDATE action
    /// was dropped, so on a fresh database an update of the referenced key failed instead of cascading.
    @Test func aForeignKeyKeepsItsOnUpdateAction() throws {
        let sql = """
            CREATE TABLE "public"."Instrument" ("id" SERIAL NOT NULL, CONSTRAINT "Instrument_pkey" PRIMARY KEY ("id"));
            CREATE TABLE "public"."Candle" ("instrumentId" INTEGER NOT NULL, "bucket" TIMESTAMPTZ(6) NOT NULL,
                CONSTRAINT "Candle_pkey" PRIMARY KEY ("instrumentId","bucket"));
            ALTER TABLE "public"."Candle" ADD CONSTRAINT "Candle_instrumentId_fkey" FOREIGN KEY ("instrumentId")
                REFERENCES "public"."Instrument"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

            """
        let steps = try Self.steps(sql, timescale: "SELECT create_hypertable('\"public\".\"Candle\"', by_range('bucket'));\n", table: "Candle")
        let table = try #require(steps.first { $0.name == "table" })
        #expect(table.statements.contains { $0.contains("REFERENCES \"Instrument\" (id) ON DELETE RESTRICT ON UPDATE CASCADE") }, "\(table.statements)")
    }
}

extension FrameworkShapeMigrationTests {
    /// segmentby on the id (one row per segment): compression doubles the chunks and the plan
    /// said nothing. Compressing less than it grows warns; a repeating segmentby does not.
    @Test func compressionThatGrowsTheChunksIsWarnedAbout() throws {
        func warnings(segmentBy: String) throws -> [String] {
            let sql = """
                CREATE TABLE orders (id BIGINT GENERATED ALWAYS AS IDENTITY, placed_at TIMESTAMPTZ NOT NULL, customer UUID NOT NULL,
                    total NUMERIC(12,2), PRIMARY KEY (id, placed_at));
                SELECT create_hypertable('orders', by_range('placed_at', INTERVAL '1 day'));
                ALTER TABLE orders SET (timescaledb.compress, timescaledb.compress_segmentby = '\(segmentBy)', timescaledb.compress_orderby = 'placed_at DESC');
                SELECT add_compression_policy('orders', INTERVAL '1 day');

                """
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-growth-\(UUID().uuidString).sql")
            try sql.write(to: url, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: url) }
            let s = try MigrationWriterTests.scenario { $0.migrations = [url.path]; $0.table = "orders"; $0.days = 5; $0.tickers = 4 }
            var planner = CapacityPlanner(scenario: s)
            planner.latency = nil
            let p = try planner.plan()
            let stats = p.sizes.compressionStats
            if segmentBy == "id" { #expect(stats.afterCompressionTotalBytes > stats.beforeCompressionTotalBytes) }
            return p.warnings
        }
        #expect(try warnings(segmentBy: "id").contains { $0.hasPrefix("compression makes the compressed chunks larger") })
        #expect(try !warnings(segmentBy: "customer").contains { $0.hasPrefix("compression makes the compressed chunks larger") })
    }
}
