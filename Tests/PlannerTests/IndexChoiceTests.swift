import Foundation
import LocalPostgres
import PostgresModel
import Schema
import Testing
@testable import Planner

/// `migrate`'s indexes chosen by the latency model: the emitted sets pass `check` and run on
/// PostgreSQL 15, only indexes some query scans are created, and the team's dead-weight indexes
/// are named with their bytes and insert time.
struct IndexChoiceTests {
    static var postgresAvailable: Bool { PostgresCluster.isInstalled || PostgresCluster.mustRun }

    /// A small scenario (2 tickers, 20 days) so the plan runs in a second or two.
    static func scenario(_ edit: (inout ScenarioInput) -> Void = { _ in }) throws -> Scenario {
        try MigrationWriterTests.scenario { input in
            input.tickers = 2
            input.days = 20
            input.compressAfter = "3 days"
            edit(&input)
        }
    }

    static func choose(_ s: Scenario) throws -> (CapacityPlan, IndexChoice?, [MigrationStep]) {
        var planner = CapacityPlanner(scenario: s)
        planner.latency = PlanLatency.model
        let (plan, facts) = try planner.planWithFacts()
        let choice = try IndexChoice.choose(scenario: s, facts: facts)
        return (plan, choice, MigrationWriter.steps(for: s, plan: plan, indexChoice: choice))
    }

    /// The roadmap's 001 table with two more indexes: one on `source` (no query filters or orders
    /// by it) and one on `(ticker_id, interval, timestamp DESC)` (Q1–Q3's equality and order).
    static func migrationWithIndexes() throws -> [String] {
        let sql = """
            CREATE TABLE market_data (
              id uuid DEFAULT gen_random_uuid(),
              ticker_id uuid NOT NULL,
              "timestamp" timestamptz NOT NULL,
              open numeric(12,2) NOT NULL, high numeric(12,2) NOT NULL, low numeric(12,2) NOT NULL, close numeric(12,2) NOT NULL,
              volume bigint,
              interval varchar(10) NOT NULL,
              source varchar(50) DEFAULT 'yfinance',
              PRIMARY KEY (id, "timestamp")
            );
            CREATE INDEX idx_market_data_source ON market_data (source);
            CREATE INDEX idx_market_data_series ON market_data (ticker_id, interval, "timestamp" DESC);
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-indexes-\(UUID().uuidString).sql")
        try sql.write(to: url, atomically: true, encoding: .utf8)
        return [url.path]
    }

    static func variants() throws -> [(String, Scenario)] {
        [
            ("defaults", try scenario()),
            ("--vary chunk-interval=1 hour", try scenario { $0.chunkInterval = "1 hour" }),
            ("--vary chunk-interval=7 days", try scenario { $0.chunkInterval = "7 days" }),
            ("009 indexes", try scenario { $0.indexes = "009" }),
            ("apache edition", try scenario { $0.edition = "apache" }),
            ("--from the flawed roadmap migrations", try scenario { $0.migrations = try? MigrationWriterTests.flawedRoadmapMigrations() }),
            ("--from a migration with a source index", try scenario { $0.migrations = try? migrationWithIndexes() }),
        ]
    }

    @Test func deadWeightAndUsefulIndexes() throws {
        let s = try Self.scenario { $0.migrations = try? Self.migrationWithIndexes() }
        let (_, choice, steps) = try Self.choose(s)
        let c = try #require(choice)
        let source = try #require(c.candidates.first { $0.index.name == "idx_market_data_source" })
        #expect(!source.used)
        #expect(c.deadWeight.contains(source))
        #expect(source.plainBytes > 8192 && source.hypertableBytes > 0)
        #expect(source.insertMillisecondsPerDay > 0)
        let series = try #require(c.candidates.first { $0.index.name == "idx_market_data_series" })
        #expect(series.used, "\(c.candidates.map { "\($0.index.name): \($0.usedBy)" })")
        #expect(!c.deadWeight.contains(series))
        // The proposal with the same keys is not added again.
        #expect(!c.candidates.contains { $0.origin == .proposed && $0.index.columns == series.index.columns })

        let indexes = try #require(steps.first { $0.name == "indexes" })
        #expect(indexes.sql.contains("DEAD WEIGHT: the table's index idx_market_data_source (source)"))
        #expect(indexes.sql.contains(ByteCount.text(source.plainBytes)))
        #expect(indexes.sql.contains("To drop it once no other query needs it: DROP INDEX IF EXISTS idx_market_data_source;"))
        #expect(!indexes.statements.contains { $0.contains("idx_market_data_source") }, "named in comments only, never created")
        // Every index the step creates is one some query scans, and the step says which.
        for created in c.toCreate {
            #expect(created.used)
            #expect(indexes.statements.contains { $0.contains(SQLQuote.ident(created.index.name)) })
        }
        for statement in indexes.statements where statement.hasPrefix("CREATE") {
            #expect(c.toCreate.contains { statement.contains(SQLQuote.ident($0.index.name)) }, "\(statement)")
        }
        // Latency before and after, per configuration judged.
        for config in c.configs { #expect(indexes.sql.contains("Latency on \(config), with the table's indexes: Q1 ")) }
    }

    @Test func unusedCandidatesAreNotEmitted() throws {
        let (_, choice, steps) = try Self.choose(try Self.scenario { $0.indexes = "009" })
        let c = try #require(choice)
        let indexes = try #require(steps.first { $0.name == "indexes" })
        for n in c.notEmitted {
            #expect(!indexes.statements.contains { $0.contains(SQLQuote.ident(n.index.name)) }, "\(n.index.name)")
            #expect(indexes.sql.contains("Not emitted:"))
        }
        // 009's BRIN index: Q1–Q3 never take a BRIN scan over their B-tree paths here.
        #expect(c.candidates.contains { $0.index.method == "brin" && !$0.used })
    }

    @Test func everyEmittedSetPassesCheck() throws {
        for (name, s) in try Self.variants() {
            let (plan, choice, steps) = try Self.choose(s)
            #expect(choice != nil, "\(name)")
            let run = MigrationCheck.run(files: steps.map { ($0.fileName, $0.sql) }, target: MigrationWriterTests.target(s))
            let errors = run.findings.filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(name): \(errors.map { "\($0.file):\($0.line) \($0.message)" })")
            let t = run.catalog.tables[s.table.name]
            #expect(t?.hypertable?.timeColumn == s.timeColumn, "\(name)")
            // Every index the model says a query scans exists at the end, and the step comments carry latency.
            for used in choice?.candidates.filter(\.used) ?? [] where used.origin != .timescaledbDefault {
                #expect(t?.indexes.contains { $0.name == used.index.name } == true, "\(name): \(used.index.name)")
            }
            let hyper = try #require(steps.first { $0.name == "hypertable" })
            #expect(hyper.sql.contains("-> hypertable (C3) Q1 "), "\(name)")
            #expect(hyper.sql.contains("\(plan.chunks) chunks"), "\(name)")
            if s.edition == "apache" {
                #expect(steps.contains { $0.sql.contains("Lost at now: the community edition would keep") }, "\(name)")
                #expect(choice?.configs == ["C3"], "\(name)")
            }
        }
    }

    @Test(.enabled(if: postgresAvailable, "needs PostgreSQL 15 (required in CI)"))
    func postgresOnlyStepsRunOnPostgreSQL() throws {
        let pg = try PostgresCluster.shared()
        for (name, s) in try Self.variants() {
            let steps = try Self.choose(s).2.filter(\.postgresOnly)
            let db = try pg.createDatabase("idx")
            do {
                for step in steps { try pg.query(step.sql, database: db) }
                for step in steps.reversed() { try pg.query(step.rollbackSQL, database: db) }
                for step in steps { try pg.query(step.sql, database: db) }
            } catch {
                Issue.record("\(name): \(error)")
            }
            try pg.query("DROP DATABASE \(db);")
        }
    }
}
