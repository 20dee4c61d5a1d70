import Analytics
import PostgresModel
@testable import Report

/// Fixed, hand-built reports for the renderer snapshots: every figure is written out here, so a
/// change in a snapshot is a change in rendering, never in the engine or a model.
enum CommandReportFixtures {
    static let simulation = SimulationReport(
        hypertable: .init(table: "market_data", chunkIntervalUs: 604_800_000_000, rows: 30_240, chunks: 3, compressedChunks: 2,
                          engineBytes: 412_345),
        chunks: [
            .init(name: "_hyper_1_1_chunk", rangeStart: "2024-12-26 00:00:00+00", rangeEnd: "2025-01-02 00:00:00+00", rows: 10_080,
                  isCompressed: true, batches: 21, engineBytes: 101_234),
            .init(name: "_hyper_1_2_chunk", rangeStart: "2025-01-02 00:00:00+00", rangeEnd: "2025-01-09 00:00:00+00", rows: 10_080,
                  isCompressed: true, batches: 21, engineBytes: 99_876),
            .init(name: "_hyper_1_3_chunk", rangeStart: "2025-01-09 00:00:00+00", rangeEnd: "2025-01-16 00:00:00+00", rows: 10_080,
                  isCompressed: false, batches: 0, engineBytes: 211_235),
        ],
        jobs: [.init(kind: "compression", runs: 17, chunksAffected: 2), .init(kind: "retention", runs: 17, chunksAffected: 1)],
        droppedChunks: 1,
        engineByteSplit: .init(data: 380_000, metadata: 20_345, index: 12_000, total: 412_345),
        clockEnd: "2025-01-14 23:59:00+00")

    static let sizes = [
        RelationSize(name: "market_data", kind: .heap, mainBytes: 2_359_296, fsmBytes: 24_576, vmBytes: 8_192),
        RelationSize(name: "pg_toast.pg_toast_<oid>", kind: .toast, mainBytes: 8_192),
        RelationSize(name: "market_data_pkey", kind: .btree, mainBytes: 1_130_496),
        RelationSize(name: "market_data_ticker_id_timestamp_interval_key", kind: .btree, mainBytes: 1_523_712),
        RelationSize(name: "idx_market_data_timestamp_brin", kind: .brin, mainBytes: 24_576),
    ]

    static func size(tableOID: UInt32? = nil) -> SizeReport {
        SizeReport(table: "market_data", rows: 30_240, indexBuild: .bulk, sizes: sizes, tableOID: tableOID)
    }

    static let check = CheckReport(findings: [
        CheckFinding(file: "migrations/008_hypertable.sql", line: 3, severity: .error,
                     statement: "SELECT create_hypertable('market_data', 'timestamp');",
                     message: "cannot create a unique index without the column \"timestamp\" (used in partitioning)", psqlLine: 4),
        CheckFinding(file: "migrations/009_indexes.sql", line: 12, severity: .warning,
                     statement: "CREATE INDEX idx_md_recent ON market_data (ticker_id) WHERE interval = '1m';",
                     message: "index \"idx_md_recent\" | partial on interval duplicates market_data_ticker_id_timestamp_interval_key"),
    ], timescaledb: "2.28", edition: "community")

    static let query = QueryReport(QueryResult(
        columns: QueryResult.priceRangeColumns,
        rows: [["2025-01-02 14:30:00+00", "150.25", "151.00", "149.75", "150.50", "1200"],
               ["2025-01-02 14:31:00+00", "150.50", "152.125", "150.00", "1512.00", nil]],
        types: QueryResult.priceRangeTypes))

    static let generate = GenerateSummary(table: "market_data", rows: 4_320, bytes: 512_000, out: "/tmp/md.csv", seed: 42)
}
