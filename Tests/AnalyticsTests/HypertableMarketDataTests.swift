import Testing
@testable import Analytics
import Schema
import Storage

/// The engine-backed store answers exactly like the in-memory reference, however the data is
/// chunked and whether or not it is compressed.
@Suite struct HypertableMarketDataTests {
    static let hour: Int64 = 3_600_000_000

    enum Layout: String, CaseIterable, CustomStringConvertible {
        case uncompressed, compressed, partiallyCompressed
        /// Every chunk compressed, then every tenth bar arrives late: rows beside the batches,
        /// interleaved with them in time (TimescaleDB's "partial" chunks).
        case lateRowsBesideBatches
        var description: String { rawValue }
    }

    static func hypertable(_ bars: [PriceBar], chunk: Int64, layout: Layout, extraIndexed: Bool) throws -> Hypertable {
        var ht = try Hypertable(table: NQPTables.marketData,
                                options: HypertableOptions(timeColumn: "timestamp", chunkInterval: chunk, blockSize: 64,
                                                           indexedColumns: extraIndexed ? ["ticker_id", "interval"] : []))
        let late = layout == .lateRowsBesideBatches ? bars.indices.filter { $0 % 10 == 9 } : []
        try ht.insert(PriceBar.rowSet(late.isEmpty ? bars : bars.indices.filter { $0 % 10 != 9 }.map { bars[$0] }))
        guard layout != .uncompressed else { return ht }
        try ht.enableCompression(CompressionSettings(segmentBy: ["ticker_id", "interval"], orderBy: [.init(column: "timestamp", descending: true)]))
        for (i, chunk) in ht.chunks.enumerated() where layout != .partiallyCompressed || i % 2 == 0 {
            try ht.compressChunk(named: chunk.name)
        }
        if !late.isEmpty {
            try ht.insert(PriceBar.rowSet(late.map { bars[$0] }))
            let partial = ht.chunks.contains { $0.isPartial }
            #expect(partial)
        }
        return ht
    }

    @Test(arguments: [hour, 24 * hour, 7 * 24 * hour], Layout.allCases)
    func sameAnswersAsInMemory(chunk: Int64, layout: Layout) throws {
        for seed in [UInt64(1), 2, 3] {
            let (dataset, calls) = try RandomDataset.build(seed: seed)
            let reference = dataset.analytics(session: AnalyticsSession(now: 0))
            var engine = reference
            engine.marketData = try HypertableMarketData(hypertable: Self.hypertable(dataset.bars, chunk: chunk, layout: layout, extraIndexed: seed == 2))
            for call in calls {
                #expect(try call.evaluate(engine) == call.evaluate(reference), "\(call)")
            }
            // Every series' newest bar, and every series whole.
            for t in dataset.tickers {
                for i in RandomDataset.intervals {
                    #expect(try engine.getLatestPrice(ticker: t, interval: i) == reference.getLatestPrice(ticker: t, interval: i))
                    #expect(try engine.getPriceRange(ticker: t, interval: i, start: Int64.min, end: Int64.max)
                            == reference.getPriceRange(ticker: t, interval: i, start: Int64.min, end: Int64.max))
                }
            }
        }
    }

    @Test func latestPriceReadsOneSegmentEntryOfTheNewestChunks() throws {
        let (dataset, _) = try AdversarialDataset.build()
        let ht = try Self.hypertable(dataset.bars, chunk: Self.hour, layout: .compressed, extraIndexed: false)
        let ticker = AnalyticsDataset.uuid(1, 1)
        let scan = try ht.latestRow(equals: [.init("ticker_id", .uuid(ticker)), .init("interval", .text("1m"))],
                                    columns: PriceRange.scannedColumns)
        // Only the newest batch of the series is decoded, though the series spans many chunks.
        #expect(scan.statistics.batchesRead == 1)
        #expect(ht.chunks.filter { $0.batches.contains { $0.segmentValues == [.uuid(ticker), .text("1m")] } }.count > 10)
        let store = try HypertableMarketData(hypertable: ht)
        let reference = InMemoryMarketData(bars: dataset.bars)
        #expect(try store.latestBar(ticker: ticker, interval: "1m") == reference.latestBar(ticker: ticker, interval: "1m"))
    }

    @Test(arguments: Layout.allCases)
    func sameAnswersWithOrWithoutTheSeriesColumnsIndexed(layout: Layout) throws {
        // Without (ticker_id, interval) as segment columns the engine takes its generic path: same answers.
        let (dataset, calls) = try RandomDataset.build(seed: 4)
        let reference = dataset.analytics(session: AnalyticsSession(now: 0))
        for extra in [false, true] {
            var engine = reference
            engine.marketData = try HypertableMarketData(hypertable: Self.hypertable(dataset.bars, chunk: 24 * Self.hour, layout: layout, extraIndexed: extra))
            for call in calls { #expect(try call.evaluate(engine) == call.evaluate(reference), "\(call)") }
        }
    }
}
