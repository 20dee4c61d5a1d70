import Testing
@testable import PostgresModel
import Schema

/// Space (hash) dimensions as TimescaleDB validates them: legacy `create_hypertable`'s
/// `partitioning_column`, `add_dimension` in both forms, and the statements that must respect
/// every partitioning column afterwards (src/dimension.c, src/indexing.c, src/process_utility.c).
@Suite struct SpaceDimensionRulesTests {
    static let table = """
        CREATE TABLE md (id uuid NOT NULL, ticker_id uuid NOT NULL, ts timestamptz NOT NULL, price numeric(12,2), n int);
        """

    func run(_ sql: String, version: (Int, Int) = (2, 28)) -> (findings: [CheckFinding], catalog: SchemaCatalog) {
        MigrationCheck.run(files: [("m.sql", Self.table + sql)], target: TimescaleTarget(version: version))
    }

    func errors(_ sql: String, version: (Int, Int) = (2, 28)) -> [String] {
        run(sql, version: version).findings.filter { $0.severity == .error }.map(\.message)
    }

    @Test func legacyPartitioningColumnIsRecordedAfterTheTimeDimension() {
        let r = run("SELECT create_hypertable('md', 'ts', partitioning_column => 'ticker_id', number_partitions => 4);")
        #expect(r.findings.filter { $0.severity == .error }.isEmpty)
        let hyper = r.catalog.tables["md"]?.hypertable
        #expect(hyper?.partitioningColumns == ["ts", "ticker_id"])
        #expect(hyper?.hashDimension?.column == "ticker_id" && hyper?.hashDimension?.partitions == 4)
        // Positional: relation, time column, partitioning column, number of partitions.
        let positional = run("SELECT create_hypertable('md', 'ts', 'ticker_id', 2);")
        #expect(positional.catalog.tables["md"]?.hypertable?.hashDimension?.partitions == 2)
    }

    @Test func uniqueKeysMustHoldEverySpaceColumn() {
        // ts_indexing_verify_indexes runs after both dimensions are added; the time column is checked first.
        #expect(errors("ALTER TABLE md ADD PRIMARY KEY (id, ts); SELECT create_hypertable('md', 'ts', 'ticker_id', 4);")
                == ["cannot create a unique index without the column \"ticker_id\" (used in partitioning)"])
        #expect(errors("ALTER TABLE md ADD PRIMARY KEY (id); SELECT create_hypertable('md', 'ts', 'ticker_id', 4);")
                == ["cannot create a unique index without the column \"ts\" (used in partitioning)"])
        let after = "SELECT create_hypertable('md', 'ts', 'ticker_id', 4); "
        #expect(errors(after + "CREATE UNIQUE INDEX u ON md (id, ts);")
                == ["cannot create a unique index without the column \"ticker_id\" (used in partitioning)"])
        #expect(errors(after + "ALTER TABLE md ADD CONSTRAINT u UNIQUE (ts, id);")
                == ["cannot create a unique index without the column \"ticker_id\" (used in partitioning)"])
        #expect(errors(after + "CREATE UNIQUE INDEX u ON md (ticker_id, ts, id);").isEmpty)
        // add_dimension verifies the indexes that exist when it runs.
        #expect(errors("ALTER TABLE md ADD PRIMARY KEY (id, ts); SELECT create_hypertable('md', 'ts'); SELECT add_dimension('md', 'ticker_id', 4);")
                == ["cannot create a unique index without the column \"ticker_id\" (used in partitioning)"])
    }

    @Test func createDefaultIndexesIsRecorded() {
        #expect(run("SELECT create_hypertable('md', by_range('ts'), create_default_indexes => false);").catalog.tables["md"]?.hypertable?.createDefaultIndexes == false)
        #expect(run("SELECT create_hypertable('md', 'ts', create_default_indexes => false);").catalog.tables["md"]?.hypertable?.createDefaultIndexes == false)
        #expect(run("SELECT create_hypertable('md', 'ts');").catalog.tables["md"]?.hypertable?.createDefaultIndexes == true)
        #expect(run("CREATE TABLE w (at timestamptz NOT NULL) WITH (tsdb.hypertable, tsdb.create_default_indexes = false);")
                .catalog.tables["w"]?.hypertable?.createDefaultIndexes == false)
    }

    @Test func partitionCountsAreReadAsTheCCodeReadsThem() {
        let message = "invalid number of partitions for dimension \"ticker_id\""
        #expect(errors("SELECT create_hypertable('md', 'ts', partitioning_column => 'ticker_id');") == [message])
        #expect(errors("SELECT create_hypertable('md', 'ts', 'ticker_id', 0);") == [message])
        #expect(errors("SELECT create_hypertable('md', 'ts', 'ticker_id', 32768);") == [message])
        // Legacy create_hypertable takes the int4 argument's low 16 bits (PG_GETARG_INT16): 65,537 is 1.
        #expect(run("SELECT create_hypertable('md', 'ts', 'ticker_id', 65537);").catalog.tables["md"]?.hypertable?.hashDimension?.partitions == 1)
        // add_dimension reads all 32 bits.
        #expect(errors("SELECT create_hypertable('md', 'ts'); SELECT add_dimension('md', 'ticker_id', 65537);") == [message])
        #expect(errors("SELECT create_hypertable('md', 'ts'); SELECT add_dimension('md', by_hash('ticker_id', 0));") == [message])
        #expect(errors("SELECT create_hypertable('md', 'ts', 'nope', 2);") == ["column \"nope\" does not exist"])
        let hint = run("SELECT create_hypertable('md', 'ts', 'ticker_id', 0);").findings.first?.hint
        #expect(hint == "A closed (space) dimension must specify between 1 and 32767 partitions.")
    }

    @Test func addDimensionChecksInTheOrderOfTsDimensionAdd() {
        let hyper = "SELECT create_hypertable('md', 'ts'); "
        #expect(errors("SELECT add_dimension('md', 'ticker_id');") == ["must specify either the number of partitions or an interval"])
        #expect(errors("SELECT add_dimension('md', 'ticker_id', 2);") == ["table \"md\" is not a hypertable"])
        #expect(errors(hyper + "SELECT add_dimension('md', 'n', number_partitions => 2, chunk_time_interval => 10);")
                == ["cannot specify both the number of partitions and an interval"])
        #expect(errors(hyper + "SELECT add_dimension('md', 'nope', 2);") == ["column \"nope\" does not exist"])
        #expect(errors(hyper + "SELECT add_dimension('md', 'ts', 2);") == ["column \"ts\" is already a dimension"])
        let skipped = run(hyper + "SELECT add_dimension('md', 'ticker_id', 2); SELECT add_dimension('md', 'ticker_id', 3, if_not_exists => true);")
        #expect(skipped.findings.map(\.message) == ["column \"ticker_id\" is already a dimension, skipping"])
        #expect(skipped.catalog.tables["md"]?.hypertable?.hashDimension?.partitions == 2)
        #expect(errors(hyper + "INSERT INTO md VALUES (gen_random_uuid(), gen_random_uuid(), now(), 1, 1); SELECT add_dimension('md', 'ticker_id', 2);")
                == ["hypertable \"md\" has tuples or empty chunks"])
        // A second range dimension (integer column: an explicit interval).
        let ranged = run(hyper + "SELECT add_dimension('md', by_range('n', 100));")
        #expect(ranged.findings.filter { $0.severity == .error }.isEmpty)
        #expect(ranged.catalog.tables["md"]?.hypertable?.additionalDimensions
                == [.init(column: "n", partitioning: .range(interval: PGInterval(microseconds: 100)))])
        #expect(ranged.catalog.tables["md"]?.columns.first { $0.name == "n" }?.notNull == true)
        // 2.13's generalized create_hypertable takes only a range dimension.
        #expect(errors("SELECT create_hypertable('md', by_hash('ticker_id', 4));") == ["cannot partition using a closed dimension on primary column"])
    }

    @Test func partitioningAndCompressionColumnsCannotBeDropped() {
        let setup = "SELECT create_hypertable('md', 'ts', 'ticker_id', 4); "
        #expect(errors(setup + "ALTER TABLE md DROP COLUMN ticker_id;") == ["cannot drop column named in partition key"])
        #expect(errors(setup + "ALTER TABLE md DROP COLUMN ts;") == ["cannot drop column named in partition key"])
        #expect(errors(setup + "ALTER TABLE md ALTER COLUMN ts DROP NOT NULL;") == ["cannot drop not-null constraint from a time-partitioned column"])
        #expect(errors(setup + "ALTER TABLE md DROP COLUMN n;").isEmpty)
        let compressed = "SELECT create_hypertable('md', 'ts'); ALTER TABLE md SET (timescaledb.compress, timescaledb.compress_segmentby = 'ticker_id', timescaledb.compress_orderby = 'ts DESC, n'); "
        #expect(errors(compressed + "ALTER TABLE md DROP COLUMN ticker_id;")
                == ["cannot drop orderby or segmentby column from a hypertable with columnstore enabled"])
        #expect(errors(compressed + "ALTER TABLE md DROP COLUMN n;", version: (2, 17))
                == ["cannot drop orderby or segmentby column from a hypertable with compression enabled"])
        #expect(errors(compressed + "ALTER TABLE md DROP COLUMN price;").isEmpty)
    }
}
