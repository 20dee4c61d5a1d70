import Foundation

extension LatencyScenario {
    /// Key columns of the NQP `market_data` indexes by relation name (001 and 009), for building
    /// ``TableShape``s from a size model's ``RelationSize`` list, which carries no columns.
    public static let nqpIndexColumns: [String: [String]] = [
        "market_data_pkey": ["id"],
        "market_data_ticker_id_timestamp_interval_key": ["ticker_id", "timestamp", "interval"],
        "idx_market_data_ticker_timestamp": ["ticker_id", "timestamp DESC"],
        "idx_market_data_ticker_interval_timestamp": ["ticker_id", "interval", "timestamp DESC"],
        "idx_market_data_timestamp": ["timestamp DESC"],
        "idx_market_data_ticker_timestamp_covering": ["ticker_id", "timestamp DESC"],
        "idx_market_data_timestamp_brin": ["timestamp"],
        "idx_market_data_interval": ["interval"],
        "idx_market_data_ticker_recent": ["ticker_id", "timestamp DESC"],
    ]

    /// A plain table from the size model's relations (`RelationSizeModel.predict`): the heap and
    /// every B-tree/BRIN index `indexes` names (others are left out: the planner cannot be told
    /// what they cover).
    public static func plainTable(_ relations: [RelationSize], rows: Double, indexes: [String: LatencyIndexSet.Index] = LatencyIndexSet.nqp.plain) -> TableShape {
        let heap = relations.first { $0.kind == .heap }
        var shapes: [IndexShape] = []
        for r in relations where r.kind == .btree || r.kind == .brin {
            guard let ix = indexes[r.name] else { continue }
            shapes.append(IndexShape.derived(name: r.name, columns: ix.columns, method: r.kind == .brin ? .brin : .btree,
                                             pages: r.mainBytes / 8192, rows: rows, isPartial: ix.isPartial))
        }
        return TableShape(name: heap?.name ?? "market_data", rows: rows, heapPages: (heap?.mainBytes ?? 8192) / 8192, indexes: shapes)
    }

    /// The scenario of a capacity plan: what `chunkwise plan` knows at `--now`.
    ///
    /// - Parameters:
    ///   - barsPerSeriesPerDay: rows per ticker per calendar day, by interval (closed days included).
    ///   - days: days of data kept at now (after retention).
    ///   - plain001/plain009: the size model's relations for the plain table (nil 009: built from 001's bytes per row).
    ///   - plainRows: the rows those relations hold (every row loaded: a plain table has no
    ///     retention); nil: the rows kept at now.
    ///   - chunks/compressedChunks: chunk count at now and how many of the oldest are compressed.
    ///   - typicalChunkRows/Heap/Index bytes: one full chunk before compression.
    ///   - compressedBatches/Heap/Toast/Index bytes: the same chunk after compression.
    public static func fromPlan(tickers: Int, barsPerSeriesPerDay: [String: Double], days: Double,
                                plain001: [RelationSize], plain009: [RelationSize]?,
                                chunkIntervalDays: Double, chunks: Int, compressedChunks: Int,
                                typicalChunkRows: Double, typicalChunkHeapBytes: Double, typicalChunkIndexBytes: Double,
                                compressedBatches: Double, compressedHeapBytes: Double, compressedToastBytes: Double, compressedIndexBytes: Double,
                                sharedBuffersBytes: Int, q1Interval: String = "1m", nowIntoNewestChunk: Double = 0.5,
                                indexes: LatencyIndexSet = .nqp, plainRows: Double? = nil) -> LatencyScenario {
        let ci = chunkIntervalDays.isFinite && chunkIntervalDays > 0 ? chunkIntervalDays : 1
        let keptDays = min(days.isFinite ? max(days, 1.0 / 1440) : 1, Double(max(1, min(chunks, 100_000))) * ci)
        var s = approximate(tickers: tickers, rowsPerSeriesPerDay: barsPerSeriesPerDay, days: keptDays, chunkIntervalDays: ci,
                            compressAfterDays: nil, sharedBuffersBytes: sharedBuffersBytes, q1Interval: q1Interval,
                            nowIntoNewestChunk: nowIntoNewestChunk)
        let rows = plainRows.flatMap { $0.isFinite && $0 > 0 ? $0 : nil } ?? Double(s.marketData.totalRows)
        if !plain001.isEmpty { s.plain001 = plainTable(plain001, rows: rows, indexes: indexes.plain) }
        if let plain009, !plain009.isEmpty {
            s.plain009 = plainTable(plain009, rows: rows, indexes: indexes.plain)
        } else if !plain001.isEmpty {
            // Migration 009's indexes do not apply to the table (one of the team's own): C2 is C1.
            s.plain009 = s.plain001
        }
        // Each chunk index's share of the chunk's index bytes, from the same index on the plain
        // table (per row it holds); the default (time DESC) index, which the plain table lacks, at
        // a timestamp B-tree's 20 bytes per row.
        let plainBytesPerRow = Dictionary((plain009 ?? plain001).map { ($0.name, rows > 0 ? Double($0.mainBytes) / rows : 0) },
                                          uniquingKeysWith: { a, _ in a })

        // Chunks: scale the rule-of-thumb sizes to the size model's typical chunk.
        let perRowHeap = typicalChunkRows > 0 ? typicalChunkHeapBytes / typicalChunkRows : 139
        let perRowIndex = typicalChunkRows > 0 ? typicalChunkIndexBytes / typicalChunkRows : 0
        if var ht = s.hypertable {
            for i in ht.chunks.indices {
                var t = ht.chunks[i].table
                let r = t.rows
                if let own = indexes.chunk {
                    t.indexes = own.map { ix in
                        let perRow = plainBytesPerRow[ix.name].flatMap { $0 > 0 ? $0 : nil } ?? 20
                        return IndexShape.derived(name: "\(t.name)_\(ix.name)", columns: ix.columns, method: ix.method,
                                                  pages: max(1, Int(saturating: (r * perRow / 8192).rounded(.up))), rows: r, isPartial: ix.isPartial)
                    }
                }
                t.heapPages = max(1, Int(saturating: (r * perRowHeap / 8192).rounded(.up)))
                let approxIndexPages = Double(t.indexes.reduce(0) { $0 + $1.pages })
                let wanted = r * perRowIndex / 8192
                if perRowIndex > 0, approxIndexPages > 0 {
                    let k = wanted / approxIndexPages
                    t.indexes = t.indexes.map { ix in
                        IndexShape.derived(name: ix.name, columns: ix.columns, method: ix.method,
                                           pages: max(1, Int(saturating: (Double(ix.pages) * k).rounded(.up))), rows: r, isPartial: ix.isPartial)
                    }
                }
                ht.chunks[i].table = t
            }
            s.hypertable = ht
            // C4: the oldest `compressedChunks` chunks compressed, sized per row like the typical one.
            var c4 = ht
            let n = min(max(0, compressedChunks), c4.chunks.count)
            let batchesPerRow = typicalChunkRows > 0 && compressedBatches > 0 ? compressedBatches / typicalChunkRows : 1.0 / 500
            for i in 0..<n {
                let r = c4.chunks[i].rows
                let batches = max(1, Int(saturating: (r * batchesPerRow).rounded(.up)))
                let perBatch = { (bytes: Double) in compressedBatches > 0 ? bytes / compressedBatches : 0 }
                let indexPages = max(1, Int(saturating: (Double(batches) * perBatch(compressedIndexBytes) / 8192).rounded(.up)))
                let comp = CompressedChunkShape(
                    batches: batches, heapPages: max(1, Int(saturating: (Double(batches) * perBatch(compressedHeapBytes) / 8192).rounded(.up))),
                    toastPages: Int(saturating: (Double(batches) * perBatch(compressedToastBytes) / 8192).rounded(.up)),
                    index: IndexShape.derived(name: "compress_hyper_2_\(c4.chunks.count + i + 1)_chunk_\(indexes.compressedNameSuffix)",
                                              columns: indexes.compressed, pages: indexPages, rows: Double(batches)),
                    compressedBytesPerValue: typicalChunkRows > 0 ? compressedToastBytes / (typicalChunkRows * 10) : 3.33)
                c4.chunks[i].table.rows = 0
                c4.chunks[i].table.heapPages = 1
                c4.chunks[i].compressed = comp
            }
            s.compressedHypertable = n > 0 ? c4 : nil
        }
        return s
    }
}
