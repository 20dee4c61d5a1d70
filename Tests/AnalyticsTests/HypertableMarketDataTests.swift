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
        var description: String { rawValue }
    }

    static func hypertable(_ bars: [PriceBar], chunk: Int64, layout: Layout, extraIndexed: Bool) throws -> Hypertable {
        var ht = try Hypertable(table: NQPTables.marketData,
                                options: HypertableOptions(timeColumn: "timestamp", chunkInterval: chunk, blockSize: 64,
                                                           indexedColumns: extraIndexed ? ["ticker_id", "interval"] : []))
        try ht.insert(PriceBar.rowSet(bars))
        guard layout != .uncompressed else { return ht }
        try ht.enableCompression(CompressionSettings(segmentBy: ["ticker_id", "interval"], orderBy: [.init(column: "timestamp", descending: true)]))
        for (i, chunk) in ht.chunks.enumerated() where layout == .compressed || i % 2 == 0 {
            try ht.compressChunk(named: chunk.name)
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

    @Test func latestPriceReadsOnlyTheNewestCandidates() throws {
        let (dataset, _) = try AdversarialDataset.build()
        let ht = try Self.hypertable(dataset.bars, chunk: Self.hour, layout: .compressed, extraIndexed: false)
        let store = try HypertableMarketData(hypertable: ht)
        let ticker = AnalyticsDataset.uuid(1, 1)
        let spans = store.candidateSpans(ticker: ticker, interval: "1m")
        #expect(spans.count > 10)
        let latest = try #require(try store.latestBar(ticker: ticker, interval: "1m"))
        // The newest batch's span holds the answer: nothing older needs reading.
        #expect(spans[0].contains(latest.timestamp))
        #expect(spans.dropFirst().allSatisfy { $0.upperBound < latest.timestamp })
    }
}
