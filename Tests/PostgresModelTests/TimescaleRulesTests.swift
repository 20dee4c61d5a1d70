import Testing
@testable import PostgresModel
import Schema

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

    @Test func policiesNeedAHypertable() {
        // src/hypertable_cache.c: "table \"%s\" is not a hypertable".
        #expect(errors("SELECT add_retention_policy('md', INTERVAL '730 days');") == ["table \"md\" is not a hypertable"])
        #expect(errors("SELECT add_compression_policy('md', INTERVAL '7 days');") == ["table \"md\" is not a hypertable"])
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
        let findings = MigrationCheck.run(files: [("x.sql", "CREATE EXTENSION IF NOT EXISTS timescaledb; GRANT SELECT ON md TO r; " + Self.table)]).findings
        #expect(findings.map(\.message) == ["statement not modelled: CREATE EXTENSION", "statement not modelled: GRANT"])
        #expect(findings.allSatisfy { $0.severity == .warning })
    }
}
