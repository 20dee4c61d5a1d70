import PostgresModel
@testable import Planner

/// A fixed, hand-built capacity plan: the renderers' snapshot input. Numbers are plausible for a
/// small futures table but come from no model run, so the snapshots change only when rendering does.
enum PlanFixture {
    static let months = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]

    static func plan(table: String = "market_data", chunkInterval: String = "1 day", withLatency: Bool = true) -> CapacityPlan {
        var p = basePlan(table: table, chunkInterval: chunkInterval, withLatency: withLatency)
        p.continuousAggregates = [
            .init(name: "market_data_daily", bucketWidth: "1 day", groupBy: ["ticker_id", "interval"], chunkInterval: "10 days", rows: 5_430,
                  chunks: 19, tableBytes: 1_310_720, indexBytes: 1_720_320, toastBytes: 155_648, totalBytes: 3_186_688,
                  indexes: ["_materialized_hypertable_market_data_daily_ticker_id_day_idx", "_materialized_hypertable_market_data_daily_interval_day_idx",
                            "_materialized_hypertable_market_data_daily_day_idx"],
                  notes: ["its retention policy drops chunks older than 1 year"]),
        ]
        return p
    }

    static func basePlan(table: String, chunkInterval: String, withLatency: Bool) -> CapacityPlan {
        let timeline = months.enumerated().map { i, m in
            CapacityPlan.TimelineMonth(month: m, rows: 300_000 * (i + 1), chunks: min(30 * (i + 1), 120), compressedChunks: max(0, 30 * (i + 1) - 7),
                                       plainBytes: 40_000_000 * (i + 1), hypertableBytes: [9, 14, 19, 22, 22, 21][i] * 1_000_000,
                                       engineBytes: 2_500_000 * (i + 1),
                                       uncompressedBytes: [4, 5, 4, 4, 4, 4][i] * 1_000_000, compressedBytes: [5, 9, 15, 18, 18, 17][i] * 1_000_000,
                                       droppedBytes: [0, 0, 0, 0, 3, 7][i] * 1_000_000)
        }
        let relations = [
            RelationSize(name: table, kind: .heap, mainBytes: 160_000_000, fsmBytes: 40_960, vmBytes: 8_192),
            RelationSize(name: table + "_pkey", kind: .btree, mainBytes: 70_000_000),
            RelationSize(name: "idx_" + table + "_ticker_time", kind: .btree, mainBytes: 9_000_000),
        ]
        let plain009 = CapacityPlan.PlainSizes(totalBytes: 251_000_000, relations: relations + [
            RelationSize(name: "idx_" + table + "_brin", kind: .brin, mainBytes: 24_576),
        ])
        let latency: [CapacityPlan.QueryLatencyFigure] = withLatency ? [
            .init(query: "Q1", config: "plain", plan: "Index Scan", sharedHitBlocks: 4, sharedReadBlocks: 0, rows: 1,
                  planningMs: 0.08, executionMs: 0.05, firstRunMs: 0.9),
            .init(query: "Q1", config: "hypertable", plan: "Custom Scan (ChunkAppend)", sharedHitBlocks: 9, sharedReadBlocks: 2, rows: 1,
                  planningMs: 0.6, executionMs: 0.4, firstRunMs: 3.2),
            .init(query: "Q2", config: "plain", plan: "Bitmap Heap Scan", sharedHitBlocks: 1_200, sharedReadBlocks: 300, rows: 1_440,
                  planningMs: 0.1, executionMs: 14.5, firstRunMs: 40),
            .init(query: "Q2", config: "hypertable", plan: "Custom Scan (DecompressChunk)", sharedHitBlocks: 80, sharedReadBlocks: 20, rows: 1_440,
                  planningMs: 0.7, executionMs: 6.1, firstRunMs: 18),
        ] : []
        let targets: [CapacityPlan.TargetFigure] = withLatency ? [
            .init(query: "Q1", targetMs: 5, predictedMs: 1.0, config: "hypertable", verdict: "meets", change: nil),
            .init(query: "Q2", targetMs: 5, predictedMs: 6.8, config: "hypertable", verdict: "misses", change: "add a covering index"),
        ] : []
        return CapacityPlan(
            scenario: ["table": table, "tickers": "10", "intervals": "1m,5m,1h", "session": "futures", "profile": "futures",
                       "start": "2025-01-01", "end": "2025-07-01", "now": "2025-07-01", "chunk_interval": chunkInterval,
                       "compress_after": "7 days", "retain": "120 days"],
            rows: 1_800_000, chunks: 120, compressedChunks: 113, droppedChunks: 61,
            sizes: .init(plain: .init(totalBytes: 239_049_152, relations: relations), plain009: plain009,
                         hypertableUncompressed: .init(tableBytes: 70_000_000, indexBytes: 31_000_000, toastBytes: 0, totalBytes: 101_000_000),
                         hypertable: .init(tableBytes: 6_000_000, indexBytes: 3_000_000, toastBytes: 12_000_000, totalBytes: 21_000_000),
                         compressionStats: .init(compressedChunks: 113, beforeCompressionTotalBytes: 95_000_000,
                                                 afterCompressionTotalBytes: 15_000_000, compressedBatches: 4_520),
                         engineBytes: 15_000_000),
            timeline: timeline,
            steadyState: .init(reached: true, hypertableBytes: 21_000_000, peakHypertableBytes: 22_000_000, peakMonth: "2025-04"),
            memory: .init(activeChunkBytes: 900_000, budgetBytes: 4_294_967_296, sharedBuffersBytes: 4_294_967_296, fits: true, fitsSharedBuffers: true,
                          recommendedChunkInterval: "1 day", reason: "the newest chunk fits with room; shorter chunks only add chunk count",
                          candidates: [
                            .init(chunkInterval: "1 day", activeChunkBytes: 900_000, chunks: 120, fits: true),
                            .init(chunkInterval: "7 days", activeChunkBytes: 6_300_000, chunks: 18, fits: true),
                            .init(chunkInterval: "10 years", activeChunkBytes: 5_000_000_000, chunks: 1, fits: false),
                          ]),
            latency: latency, targets: targets,
            intervals: [.init(interval: "1m", rows: 1_380, rowsPerTickerPerWeek: 6_900, loadedRows: 1_380)],
            method: .init(sampledChunks: 6, chunkShapes: 2, sampleRows: 8_280, seconds: 0.42, notes: ["fixture: not a model run"]),
            warnings: ["WARNING: a fixture warning"],
            columnBytes: [
                .init(column: "ticker_id", uncompressedBytes: 28_800_000, engineBytes: 50_000, engineCompressedBytes: 45_000, timescaledbCompressedBytes: 0),
                .init(column: "timestamp", uncompressedBytes: 14_400_000, engineBytes: 700_000, engineCompressedBytes: 600_000, timescaledbCompressedBytes: 1_100_000),
                .init(column: "close", uncompressedBytes: 18_000_000, engineBytes: 5_200_000, engineCompressedBytes: 4_800_000, timescaledbCompressedBytes: 6_900_000),
                .init(column: "source", uncompressedBytes: 21_600_000, engineBytes: 30_000, engineCompressedBytes: 20_000, timescaledbCompressedBytes: 90_000),
            ])
    }
}
