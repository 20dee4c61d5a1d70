import Testing
@testable import PostgresModel
import Schema

/// `CREATE TABLE … WITH (tsdb.hypertable, …)` (TimescaleDB 2.20+) read as the hypertable,
/// columnstore settings and columnstore policy it creates (src/with_clause/create_table_with_clause.c).
@Suite struct TimescaleCreateTableTests {
    func run(_ sql: String, edition: TimescaleTarget.Edition = .community) -> (findings: [CheckFinding], catalog: SchemaCatalog) {
        MigrationCheck.run(files: [("m.sql", sql)], target: TimescaleTarget(edition: edition))
    }

    func errors(_ sql: String) -> [String] { run(sql).findings.filter { $0.severity == .error }.map(\.message) }

    @Test func theOptionsMakeAHypertableWithColumnstoreAndPolicy() throws {
        let r = run("""
            CREATE TABLE bars (ticker_id uuid NOT NULL, created timestamptz, ts timestamptz NOT NULL, price numeric)
            WITH (tsdb.hypertable, tsdb.partition_column = 'ts', tsdb.chunk_interval = '1 day',
                  tsdb.segmentby = 'ticker_id', tsdb.orderby = 'ts DESC');
            """)
        #expect(r.findings.filter { $0.severity == .error }.isEmpty, "\(r.findings)")
        let h = try #require(r.catalog.tables["bars"]?.hypertable)
        #expect(h.timeColumn == "ts" && h.chunkInterval == PGInterval(days: 1))
        #expect(h.compressionEnabled && h.segmentBy == ["ticker_id"] && h.orderBy.map(\.description) == ["ts DESC"])
        // TimescaleDB adds a columnstore policy after one chunk interval.
        #expect(h.compressAfter == PGInterval(days: 1))
    }

    @Test func defaultsFollowTimescaleDB() throws {
        // The first column of a time type partitions; the columnstore is on, its policy after 7 days.
        let r = run("CREATE TABLE e (id bigint, at timestamptz NOT NULL, later timestamptz) WITH (timescaledb.hypertable);")
        let h = try #require(r.catalog.tables["e"]?.hypertable)
        #expect(h.timeColumn == "at" && h.chunkInterval == nil)
        #expect(h.compressionEnabled && h.compressAfter == PGInterval(days: 7))
        let off = try #require(run("CREATE TABLE e (at timestamptz NOT NULL) WITH (tsdb.hypertable, tsdb.enable_columnstore = false);")
            .catalog.tables["e"]?.hypertable)
        #expect(!off.compressionEnabled && off.compressAfter == nil)
        // Without the hypertable option the table stays plain, the other options aside.
        #expect(run("CREATE TABLE p (at timestamptz NOT NULL) WITH (tsdb.hypertable = false);").catalog.tables["p"]?.hypertable == nil)
        // The Apache build has no columnstore: the hypertable only.
        let apache = try #require(run("CREATE TABLE a (at timestamptz NOT NULL) WITH (tsdb.hypertable);", edition: .apache).catalog.tables["a"]?.hypertable)
        #expect(!apache.compressionEnabled)
    }

    @Test func refusalsLeaveNoTableBehind() {
        // The statement is one transaction: a key without the partitioning column refuses the table too.
        let r = run("CREATE TABLE k (id bigint PRIMARY KEY, at timestamptz NOT NULL) WITH (tsdb.hypertable);")
        #expect(r.findings.map(\.message) == ["cannot create a unique index without the column \"at\" (used in partitioning)"])
        #expect(r.catalog.tables["k"] == nil)
        #expect(errors("CREATE TABLE u (at timestamptz NOT NULL) WITH (tsdb.hypertable, tsdb.bogus = 1);") == ["unrecognized parameter \"tsdb.bogus\""])
        #expect(errors("CREATE TABLE s (at timestamptz NOT NULL) WITH (tsdb.hypertable, tsdb.segmentby = 'nope');") == ["column \"nope\" does not exist"])
        #expect(errors("CREATE TABLE n (id bigint) WITH (tsdb.hypertable);").count == 1)
        // The interval text goes through the column's input function.
        #expect(errors("CREATE TABLE g (at timestamptz NOT NULL) WITH (tsdb.hypertable, tsdb.chunk_interval = 'garbage');")
                == ["invalid input syntax for type interval: \"garbage\""])
        #expect(errors("CREATE TABLE g (n bigint NOT NULL) WITH (tsdb.hypertable, tsdb.partition_column = 'n', tsdb.chunk_interval = 'x1');")
                == ["invalid input syntax for type bigint: \"x1\""])
        #expect(errors("CREATE TABLE g (n int NOT NULL) WITH (tsdb.hypertable, tsdb.partition_column = 'n', tsdb.chunk_interval = '3000000000');")
                == ["value \"3000000000\" is out of range for type integer"])
        #expect(errors("CREATE TABLE g (at timestamptz NOT NULL); SELECT create_hypertable('g', 'at', chunk_time_interval => INTERVAL 'garbage');")
                == ["invalid input syntax for type interval: \"garbage\""])
        // An integer partition column takes an integer interval.
        let int = run("CREATE TABLE i (n bigint NOT NULL) WITH (tsdb.hypertable, tsdb.partition_column = 'n', tsdb.chunk_interval = 1000, tsdb.columnstore = false);")
        #expect(int.catalog.tables["i"]?.hypertable?.chunkInterval == PGInterval(microseconds: 1000))
    }
}

/// The segmentby TimescaleDB defaults to (sql/compression_defaults.sql) as read from the indexes.
@Suite struct TimescaleSegmentByDefaultTests {
    func table(_ sql: String) throws -> TableDefinition {
        try #require(MigrationCheck.run(files: [("m.sql", sql)]).catalog.tables["t"])
    }

    @Test func uniqueIndexesComeFirstThenOthersByKeyPosition() throws {
        let columns = "CREATE TABLE t (id bigserial, device text, sensor text, at timestamptz NOT NULL, v float8);"
        // The unique index's first non-partitioning column.
        #expect(TimescaleSegmentByDefault.column(of: try table(columns + "CREATE UNIQUE INDEX u ON t (at, sensor); CREATE INDEX i ON t (device, at);"),
                                                 partitioning: ["at"]) == "sensor")
        // No unique index: the lowest position among the others.
        #expect(TimescaleSegmentByDefault.column(of: try table(columns + "CREATE INDEX a ON t (v, device, at); CREATE INDEX b ON t (sensor, at);"),
                                                 partitioning: ["at"]) == "sensor")
        // Serial columns, partitioning columns and columns unique on their own never.
        #expect(TimescaleSegmentByDefault.column(of: try table(columns + "CREATE UNIQUE INDEX u ON t (id, at);"), partitioning: ["at"]) == nil)
        #expect(TimescaleSegmentByDefault.column(of: try table(columns + "CREATE UNIQUE INDEX u ON t (sensor); CREATE INDEX i ON t (device);"),
                                                 partitioning: ["at"]) == "device")
        #expect(TimescaleSegmentByDefault.column(of: try table(columns + "CREATE INDEX i ON t (at);"), partitioning: ["at"]) == nil)
        #expect(TimescaleSegmentByDefault.column(of: try table(columns + "CREATE INDEX i ON t (device, at);"), partitioning: ["at", "device"]) == nil)
    }
}

/// TimescaleDB's option lists (src/with_clause/with_clause_parser.c): both namespaces, every alias,
/// any case; duplicates and unknown names refused with TimescaleDB's words.
@Suite struct TimescaleOptionListTests {
    func run(_ sql: String) -> (findings: [CheckFinding], catalog: SchemaCatalog) {
        MigrationCheck.run(files: [("m.sql", "CREATE TABLE t (at timestamptz NOT NULL, device text, v float8); SELECT create_hypertable('t', 'at');" + sql)])
    }

    @Test func aliasesNamespacesAndCase() throws {
        let h = try #require(run("ALTER TABLE t SET (tsdb.Enable_Columnstore, TSDB.segment_by = 'device', timescaledb.order_by = 'at DESC');")
            .catalog.tables["t"]?.hypertable)
        #expect(h.compressionEnabled && h.segmentBy == ["device"] && h.orderBy.map(\.description) == ["at DESC"])
        // ALTER TABLE … SET (timescaledb.chunk_interval) sets the chunk interval, with set_chunk_time_interval's checks.
        let chunked = run("ALTER TABLE t SET (timescaledb.chunk_interval = '2 hours');")
        #expect(chunked.findings.isEmpty && chunked.catalog.tables["t"]?.hypertable?.chunkInterval == PGInterval(text: "2 hours"))
        #expect(chunked.catalog.tables["t"]?.hypertable?.compressionEnabled == false)
    }

    @Test func refusals() {
        let duplicate = run("ALTER TABLE t SET (timescaledb.compress, timescaledb.segmentby = 'device', timescaledb.compress_segmentby = 'device');").findings
        #expect(duplicate.map(\.message) == ["duplicate parameter \"timescaledb.segmentby\""] || duplicate.map(\.message) == ["duplicate parameter \"timescaledb.compress_segmentby\""])
        let unknown = run("ALTER TABLE t SET (timescaledb.compress, timescaledb.bogus = 1);").findings
        #expect(unknown.map(\.message) == ["unrecognized parameter \"timescaledb.bogus\""])
        #expect(unknown.first?.hint == "Valid timescaledb parameters are: chunk_interval, compress, compress_segmentby, compress_orderby, compress_chunk_interval, compress_index")
        let bool = run("ALTER TABLE t SET (timescaledb.compress = maybe);").findings
        #expect(bool.map(\.message) == ["invalid value for timescaledb.compress 'maybe'"])
        #expect(run("ALTER TABLE t SET (timescaledb.compress = of);").catalog.tables["t"]?.hypertable?.compressionEnabled == false)
        #expect(run("ALTER TABLE t SET (timescaledb.compress = ye);").catalog.tables["t"]?.hypertable?.compressionEnabled == true)
    }
}

/// The orderby TimescaleDB defaults to (get_orderby_defaults, sql/compression_defaults.sql) and the
/// time key it appends to a given orderby (add_time_to_order_by_if_not_included).
@Suite struct TimescaleOrderByDefaultTests {
    func table(_ sql: String) throws -> TableDefinition {
        try #require(MigrationCheck.run(files: [("m.sql", sql)]).catalog.tables["t"])
    }

    func keys(_ indexes: String, segmentBy: [String], partitioning: [String] = ["at"]) throws -> String {
        let t = try table("CREATE TABLE t (id uuid NOT NULL, device text NOT NULL, site int, at timestamptz NOT NULL, v float8);" + indexes)
        return TimescaleOrderByDefault.keys(of: t, segmentBy: segmentBy, partitioning: partitioning).map(\.description).joined(separator: ", ")
    }

    @Test func firstUniqueIndexThenDimensionsThenLeadingColumns() throws {
        // TimescaleDB's own test (tsl/test/sql/compression_defaults.sql): unique (device_id, time), segmentby device_id.
        #expect(try keys("CREATE UNIQUE INDEX u ON t (device, at);", segmentBy: ["device"]) == "at DESC")
        // The unique index's columns in key order, less the segmentby; the time column DESC wherever it falls.
        #expect(try keys("CREATE UNIQUE INDEX u ON t (device, at, site);", segmentBy: ["device"]) == "at DESC, site")
        #expect(try keys("CREATE UNIQUE INDEX u ON t (device, at, site);", segmentBy: []) == "device, at DESC, site")
        // A primary key declared with the table is the first unique index: a uuid first sorts rows by it.
        #expect(try keys("ALTER TABLE t ADD PRIMARY KEY (id, at); CREATE UNIQUE INDEX u ON t (device, at);", segmentBy: ["device"])
                == "id, at DESC")
        // Without a unique index: the dimensions, then the first column of every other index (not a segmentby column).
        #expect(try keys("CREATE INDEX a ON t (site, at); CREATE INDEX b ON t (device, v);", segmentBy: ["site"]) == "at DESC, device")
        #expect(try keys("", segmentBy: []) == "at DESC")
        // A space dimension is a dimension: DESC too.
        #expect(try keys("", segmentBy: [], partitioning: ["at", "device"]) == "at DESC, device DESC")
        // A unique index without every partitioning column cannot exist on the hypertable: passed over.
        #expect(try keys("CREATE UNIQUE INDEX u ON t (id);", segmentBy: []) == "at DESC")
    }

    @Test func aGivenOrderbyGetsTheTimeColumnAppended() throws {
        let close = [CompressionOrderKey(column: "close")]
        #expect(TimescaleOrderByDefault.completing(close, segmentBy: [], timeColumn: "at").map(\.description) == ["close", "at DESC"])
        #expect(TimescaleOrderByDefault.completing(close, segmentBy: ["at"], timeColumn: "at") == close)
        let both = [CompressionOrderKey(column: "at"), CompressionOrderKey(column: "close")]
        #expect(TimescaleOrderByDefault.completing(both, segmentBy: [], timeColumn: "at") == both)
    }
}

/// The indexes create_hypertable adds (src/indexing.c) exist for DROP INDEX and ALTER INDEX … RENAME,
/// under the names PostgreSQL gives an unnamed index.
@Suite struct TimescaleDefaultIndexTests {
    func errors(_ sql: String) -> [String] {
        MigrationCheck.run(files: [("m.sql", sql)]).findings.filter { $0.severity == .error }.map { "\($0.line): \($0.message)" }
    }

    @Test func theDefaultIndexesCanBeDroppedAndRenamed() {
        let table = "CREATE TABLE bars (ts timestamptz NOT NULL, sym text NOT NULL, v float8);\n"
        // (time DESC) and, with the legacy form's space dimension, (space, time DESC).
        #expect(errors(table + "SELECT create_hypertable('bars', 'ts', 'sym', 4);\nDROP INDEX bars_ts_idx;\nALTER INDEX bars_sym_ts_idx RENAME TO s;\nDROP INDEX s;\n").isEmpty)
        #expect(errors(table + "SELECT create_hypertable('bars', 'ts');\nDROP INDEX bars_ts_idx;\nDROP INDEX bars_ts_idx;\n")
                == ["4: index \"bars_ts_idx\" does not exist"])
        // No space dimension, no (space, time) index; create_default_indexes => false, none at all.
        #expect(errors(table + "SELECT create_hypertable('bars', by_range('ts'));\nDROP INDEX bars_sym_ts_idx;\n")
                == ["3: index \"bars_sym_ts_idx\" does not exist"])
        #expect(errors(table + "SELECT create_hypertable('bars', 'ts', create_default_indexes => false);\nDROP INDEX bars_ts_idx;\n")
                == ["3: index \"bars_ts_idx\" does not exist"])
        // An index of the time column alone already there: no default one; a taken name gets a number.
        #expect(errors(table + "CREATE INDEX ON bars (ts);\nSELECT create_hypertable('bars', 'ts');\nDROP INDEX bars_ts_idx1;\n")
                == ["4: index \"bars_ts_idx1\" does not exist"])
        #expect(errors(table + "CREATE INDEX bars_ts_idx ON bars (sym);\nSELECT create_hypertable('bars', 'ts');\nDROP INDEX bars_ts_idx1;\n").isEmpty)
        // CREATE TABLE … WITH (tsdb.hypertable) makes it too.
        #expect(errors("CREATE TABLE w (ts timestamptz NOT NULL, v int) WITH (tsdb.hypertable);\nDROP INDEX w_ts_idx;\n").isEmpty)
    }

    @Test func droppingTheTimeIndexTakesItOutOfTheSizes() throws {
        let sql = "CREATE TABLE bars (ts timestamptz NOT NULL, sym text NOT NULL, v float8);\nSELECT create_hypertable('bars', 'ts');\n"
        let kept = try #require(MigrationCheck.run(files: [("m.sql", sql)]).catalog.tables["bars"]?.hypertable)
        #expect(kept.hasDefaultTimeIndex && kept.defaultIndexes.map(\.name) == ["bars_ts_idx"])
        let dropped = try #require(MigrationCheck.run(files: [("m.sql", sql + "DROP INDEX bars_ts_idx;\n")]).catalog.tables["bars"]?.hypertable)
        #expect(!dropped.hasDefaultTimeIndex && dropped.defaultIndexes.isEmpty)
    }
}

/// `CREATE INDEX … WITH (timescaledb.transaction_per_chunk)` (src/process_utility.c
/// process_index_start): TimescaleDB's one index option, read on hypertables only.
@Suite struct TimescaleIndexOptionTests {
    func errors(_ sql: String) -> [String] {
        let tables = "CREATE TABLE b (ts timestamptz NOT NULL, s text);\nCREATE TABLE p (ts timestamptz NOT NULL, s text);\nSELECT create_hypertable('b', 'ts');\n"
        return MigrationCheck.run(files: [("m.sql", tables + sql)]).findings.filter { $0.severity == .error }.map { "\($0.line): \($0.message)" }
    }

    @Test func transactionPerChunkAsTimescaleDBReadsIt() throws {
        #expect(errors("CREATE INDEX ON b (s) WITH (timescaledb.transaction_per_chunk);\n").isEmpty)
        #expect(errors("CREATE INDEX ON b (s, ts) WITH (tsdb.Transaction_Per_Chunk = false, fillfactor = 80);\n").isEmpty)
        #expect(errors("CREATE INDEX ON b (s) WITH (timescaledb.bogus);\n") == ["4: unrecognized parameter \"timescaledb.bogus\""])
        #expect(errors("CREATE UNIQUE INDEX ON b (s, ts) WITH (timescaledb.transaction_per_chunk);\n")
                == ["4: cannot use timescaledb.transaction_per_chunk with UNIQUE or PRIMARY KEY"])
        // A plain table's index options are PostgreSQL's to read.
        #expect(errors("CREATE INDEX ON p (s) WITH (timescaledb.transaction_per_chunk);\n") == ["4: unrecognized parameter namespace \"timescaledb\""])
        #expect(errors("BEGIN;\nCREATE INDEX ON b (s) WITH (timescaledb.transaction_per_chunk);\nROLLBACK;\n")
                == ["5: CREATE INDEX ... WITH (timescaledb.transaction_per_chunk) cannot run inside a transaction block"])
        // A constraint from an existing index: not on a hypertable.
        #expect(errors("CREATE UNIQUE INDEX bu ON b (s, ts);\nALTER TABLE b ADD CONSTRAINT b_pk PRIMARY KEY USING INDEX bu;\n")
                == ["5: hypertables do not support adding a constraint using an existing index"])
        // The index exists afterwards, under PostgreSQL's name.
        let catalog = MigrationCheck.run(files: [("m.sql", "CREATE TABLE b (ts timestamptz NOT NULL, s text);\nSELECT create_hypertable('b', 'ts');\n"
                                                  + "CREATE INDEX ON b (s) WITH (timescaledb.transaction_per_chunk);\n")]).catalog
        #expect(catalog.tables["b"]?.indexes.map(\.name) == ["b_s_idx"])
    }
}
