import Foundation

extension LatencyScenario {
    /// A scenario from what a capacity plan knows before any size model runs: tickers, rows per
    /// series per day for each interval, days kept, the chunk interval and compression delay, and
    /// shared_buffers (`nowIntoNewestChunk`: how much of the newest chunk's range lies before now). Relation sizes come from bytes per row measured on the calibration server for
    /// the NQP schema with numeric(12,2) (syn20_60d: heap 139 B/row, B-trees 40–89 B/row, the
    /// `(timestamp DESC)` index deduplicated by the rows sharing a timestamp; compressed chunks 33 B
    /// of TOAST per row). A plan that has the size models' predictions should fill the struct from
    /// them instead; this is the fallback and the generator for the model's scale tests.
    public static func approximate(tickers: Int, rowsPerSeriesPerDay: [String: Double], days: Double,
                                   chunkIntervalDays: Double = 1, compressAfterDays: Double? = 7,
                                   sharedBuffersBytes: Int = 128 * 1024 * 1024, q1Interval: String = "1m",
                                   nowIntoNewestChunk: Double = 0.5) -> LatencyScenario {
        // Keep user inputs in a range the arithmetic and the chunk loop can take.
        let days = days.isFinite ? min(max(days, 1.0 / 1440), 36_500) : 1
        let chunkIntervalDays = chunkIntervalDays.isFinite ? min(max(chunkIntervalDays, days / 100_000, 1.0 / 1440), 36_500) : 1
        let rowsPerSeriesPerDay = rowsPerSeriesPerDay.mapValues { $0.isFinite ? min(max($0, 0), 1_000_000) : 0 }
        let t = Double(min(max(1, tickers), 1_000_000))
        let rowsPerInterval = rowsPerSeriesPerDay.mapValues { Int(saturating: ($0 * t * days).rounded()) }
        let md = MarketDataShape(tickers: tickers, rowsPerInterval: rowsPerInterval, spanDays: days)
        let total = Double(md.totalRows)
        let perDay = rowsPerSeriesPerDay.values.reduce(0, +) * t
        // Rows that share one timestamp (1m bars of every ticker, plus 5m and 1h on their minutes).
        let perMinute = max(1, perDay / 1440)
        let tsBytes = 2 * (20 + 6 * (perMinute - 1)) / perMinute

        func pages(_ rows: Double, _ bytesPerRow: Double) -> Int { max(1, Int(saturating: (rows * bytesPerRow / 8192).rounded(.up))) }
        func index001(_ rows: Double, prefix: String) -> [IndexShape] {
            [
                IndexShape.derived(name: prefix + "market_data_ticker_id_timestamp_interval_key", columns: ["ticker_id", "timestamp", "interval"], pages: pages(rows, 87.6), rows: rows),
                IndexShape.derived(name: prefix + "idx_market_data_ticker_timestamp", columns: ["ticker_id", "timestamp DESC"], pages: pages(rows, 65.5), rows: rows),
                IndexShape.derived(name: prefix + "idx_market_data_ticker_interval_timestamp", columns: ["ticker_id", "interval", "timestamp DESC"], pages: pages(rows, 88.8), rows: rows),
                IndexShape.derived(name: prefix + "idx_market_data_timestamp", columns: ["timestamp DESC"], pages: pages(rows, tsBytes), rows: rows),
            ]
        }
        let pkey = IndexShape.derived(name: "market_data_pkey", columns: ["id"], pages: pages(total, 39.9), rows: total)
        let heapPages = pages(total, 139)
        let plain001 = TableShape(name: "market_data", rows: total, heapPages: heapPages, indexes: [pkey] + index001(total, prefix: ""))
        var i009 = index001(total, prefix: "").filter { $0.name != "idx_market_data_ticker_timestamp" }
        i009 += [
            IndexShape.derived(name: "idx_market_data_ticker_timestamp_covering", columns: ["ticker_id", "timestamp DESC"], pages: pages(total, 148), rows: total),
            IndexShape.derived(name: "idx_market_data_timestamp_brin", columns: ["timestamp"], method: .brin, pages: 3, rows: total),
            IndexShape.derived(name: "idx_market_data_interval", columns: ["interval"], pages: pages(total, 6.5), rows: total, isPartial: true),
        ]
        let plain009 = TableShape(name: "market_data", rows: total, heapPages: heapPages, indexes: [pkey] + i009)

        // Chunks: the newest holds now; data starts `days` ago.
        let n = max(1, Int(saturating: (days / chunkIntervalDays).rounded(.up)))
        var c3: [ChunkShape] = [], c4: [ChunkShape] = []
        for i in 0..<n {
            let end = chunkIntervalDays * (1 - min(max(nowIntoNewestChunk, 0), 1)) - Double(n - 1 - i) * chunkIntervalDays
            let start = end - chunkIntervalDays
            let covered = max(0, min(end, 0) - max(start, -days))
            let rows = perDay * covered
            let name = "_hyper_1_\(i + 1)_chunk"
            let table = TableShape(name: name, rows: rows, heapPages: pages(rows, 139), indexes: index001(rows, prefix: name + "_"))
            let chunk = ChunkShape(rangeStartDays: start, rangeEndDays: end, table: table, rows: rows)
            c3.append(chunk)
            if let after = compressAfterDays, end <= -after {
                let segments = Double(rowsPerSeriesPerDay.count) * t
                let batches = rowsPerSeriesPerDay.values.reduce(0.0) { $0 + max(1, ($1 * covered / 1000).rounded(.up)) } * t
                let comp = CompressedChunkShape(batches: Int(batches), heapPages: max(1, Int(saturating: (batches / 11).rounded(.up))),
                                                toastPages: pages(rows, 33.3),
                                                index: IndexShape.derived(name: "compress_hyper_2_\(n + i + 1)_chunk_ticker_id_interval__ts_meta_idx",
                                                                          columns: ["ticker_id", "interval", "timestamp DESC"],
                                                                          pages: max(2, Int(saturating: (segments * 60 / 8192).rounded(.up)) + 1), rows: batches),
                                                compressedBytesPerValue: 3.33)
                var emptied = chunk
                emptied.table.rows = 0
                emptied.table.heapPages = 1
                emptied.compressed = comp
                c4.append(emptied)
            } else {
                c4.append(chunk)
            }
        }
        let q3Interval = rowsPerSeriesPerDay["1h"].map { $0 > 0 } == true ? "1h" : (rowsPerSeriesPerDay.keys.contains("1m") ? "1m" : rowsPerSeriesPerDay.keys.sorted().first ?? "1m")
        let windows = QueryWindows(q1Interval: q1Interval, q2SeriesRows: Int(saturating: ((rowsPerSeriesPerDay["1m"] ?? 0) * min(1, days)).rounded()),
                                   q3Interval: q3Interval, q3SeriesRows: Int(saturating: ((rowsPerSeriesPerDay[q3Interval] ?? 0) * min(30, days)).rounded()))
        let predRows = t * 24 * days
        return LatencyScenario(
            marketData: md, windows: windows, plain001: plain001, plain009: plain009,
            hypertable: HypertableShape(chunkIntervalDays: chunkIntervalDays, chunks: c3),
            compressedHypertable: compressAfterDays == nil ? nil : HypertableShape(chunkIntervalDays: chunkIntervalDays, chunks: c4),
            predictions: .nqp("predictions", rows: predRows, heapPages: pages(predRows, 170), tickers: tickers, spanDays: days),
            blockPredictions: .nqp("block_predictions", rows: predRows, heapPages: pages(predRows, 183), tickers: tickers, spanDays: days),
            sharedBuffersBytes: sharedBuffersBytes)
    }
}
