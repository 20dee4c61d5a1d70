import Testing
import Schema
@testable import Storage

@Suite struct CompressionTests {
    let day = EngineFixtures.day

    @Test func roundTripGivesBackTheSameRowsInOrderbyOrder() throws {
        var ht = try EngineFixtures.hypertable()
        let rows = EngineFixtures.minuteRows(start: 0, count: 1200)
        try ht.insert(rows)
        try ht.compressChunk(named: "_hyper_1_1_chunk")
        let chunk = try #require(ht.chunk(named: "_hyper_1_1_chunk"))
        #expect(chunk.isCompressed && chunk.rows.count == 0)
        let back = try #require(try ht.rows(ofChunk: "_hyper_1_1_chunk"))
        #expect(EngineFixtures.multiset(back) == EngineFixtures.multiset(rows))
        let settings = try #require(ht.compression)
        let expectedOrder = ChunkCompressor.compressionOrder(of: rows, settings: settings)
        #expect((0..<back.count).map { back.row($0) } == expectedOrder.map { rows.row($0) })
    }

    @Test func batchesEndAtSegmentChangesAndAtTheLimit() throws {
        var ht = try EngineFixtures.hypertable()
        // 250 rows of A, 40 of B: limit 100 → A: 100,100,50; B: 40.
        var rows = EngineFixtures.rows([])
        for i in 0..<250 { rows = rows.appending(EngineFixtures.rows([(Int64(i), "A", 1, 1)])) }
        for i in 0..<40 { rows = rows.appending(EngineFixtures.rows([(Int64(i), "B", 1, nil)])) }
        try ht.insert(rows)
        try ht.compressChunk(named: "_hyper_1_1_chunk")
        let batches = try #require(ht.chunk(named: "_hyper_1_1_chunk")).batches
        #expect(batches.map(\.rowCount) == [100, 100, 50, 40])
        #expect(batches.map(\.segmentValues) == [[.text("A")], [.text("A")], [.text("A")], [.text("B")]])
    }

    @Test func batchMetadataHoldsMinMaxFirstLastOfTheOrderbyColumn() throws {
        var ht = try EngineFixtures.hypertable()
        try ht.insert(EngineFixtures.rows([(5, "A", 1, 1), (9, "A", 1, 1), (7, "A", 1, 1)]))
        try ht.compressChunk(named: "_hyper_1_1_chunk")
        let batch = try #require(ht.chunk(named: "_hyper_1_1_chunk")?.batches.first)
        // orderby ts DESC: first row is the newest.
        #expect(batch.orderSummaries == [.init(min: .timestamp(5), max: .timestamp(9), first: .timestamp(9), last: .timestamp(5))])
    }

    @Test func defaultOrderbyIsTheTimeColumnDescending() throws {
        let settings = try CompressionSettings(segmentBy: "symbol", orderBy: nil, timeColumn: "ts")
        #expect(settings.orderBy == [.init(column: "ts", descending: true, nullsFirst: true)])
        #expect(settings.batchSizeLimit == 1000)
    }

    @Test func orderbyTextAcceptsDirectionsAndNullsPlacement() throws {
        let settings = try CompressionSettings(segmentBy: "", orderBy: "symbol, ts DESC NULLS LAST, volume ASC NULLS FIRST", timeColumn: "ts")
        #expect(settings.segmentBy.isEmpty)
        #expect(settings.orderBy.map(\.description) == ["symbol", "ts DESC NULLS LAST", "volume NULLS FIRST"])
    }

    @Test func aColumnCannotBeBothSegmentbyAndOrderby() throws {
        var ht = try EngineFixtures.hypertable(compress: false)
        #expect(throws: HypertableError.self) {
            try ht.enableCompression(CompressionSettings(segmentBy: "symbol", orderBy: "symbol", timeColumn: "ts"))
        }
    }

    @Test func insertIntoACompressedChunkMakesItPartialAndRecompressionMergesTheRows() throws {
        var ht = try EngineFixtures.hypertable()
        let first = EngineFixtures.minuteRows(start: 0, count: 300)
        try ht.insert(first)
        try ht.compressChunk(named: "_hyper_1_1_chunk")
        let late = EngineFixtures.rows([(day - 1, "A", 5, 5), (day - 2, "Z", 6, nil)])
        try ht.insert(late)
        var chunk = try #require(ht.chunk(named: "_hyper_1_1_chunk"))
        #expect(chunk.isPartial)
        #expect(chunk.rowCount == 302)
        #expect(try ht.compressChunk(named: "_hyper_1_1_chunk"))
        chunk = try #require(ht.chunk(named: "_hyper_1_1_chunk"))
        #expect(!chunk.isPartial && chunk.isCompressed)
        #expect(chunk.batches.contains { $0.segmentValues == [.text("Z")] })
        let back = try #require(try ht.rows(ofChunk: "_hyper_1_1_chunk"))
        #expect(EngineFixtures.multiset(back) == EngineFixtures.multiset(first.appending(late)))
        #expect(try ht.compressChunk(named: "_hyper_1_1_chunk") == false)
    }

    @Test func decompressingRestoresAnUncompressedChunk() throws {
        var ht = try EngineFixtures.hypertable()
        let rows = EngineFixtures.minuteRows(start: 0, count: 500)
        try ht.insert(rows)
        try ht.compressChunk(named: "_hyper_1_1_chunk")
        try ht.decompressChunk(named: "_hyper_1_1_chunk")
        let chunk = try #require(ht.chunk(named: "_hyper_1_1_chunk"))
        #expect(!chunk.isCompressed && chunk.batches.isEmpty)
        #expect(EngineFixtures.multiset(chunk.rows) == EngineFixtures.multiset(rows))
        #expect(chunk.blockIndex.blocks.count == (500 + 15) / 16)
    }

    @Test func compressedChunkIsSmallerThanTheUncompressedOne() throws {
        var ht = try EngineFixtures.hypertable()
        try ht.insert(EngineFixtures.minuteRows(start: 0, count: 3000))
        let before = EngineBytes.chunk(try #require(ht.chunk(named: "_hyper_1_1_chunk")))
        try ht.compressChunk(named: "_hyper_1_1_chunk")
        let chunk = try #require(ht.chunk(named: "_hyper_1_1_chunk"))
        #expect(chunk.bytesBeforeCompression == before)
        #expect(EngineBytes.chunk(chunk).total < before.total / 2)
    }

    @Test func settingsChangeWhileChunksAreCompressedIsRefusedAsNotModelled() throws {
        var ht = try EngineFixtures.hypertable()
        try ht.insert(EngineFixtures.minuteRows(start: 0, count: 30))
        try ht.compressChunk(named: "_hyper_1_1_chunk")
        #expect(throws: HypertableError.invalidCompressionSettings(Hypertable.settingsChangeRefusal)) {
            try ht.enableCompression(CompressionSettings(segmentBy: "", orderBy: "ts", timeColumn: "ts"))
        }
        try ht.decompressChunk(named: "_hyper_1_1_chunk")
        try ht.enableCompression(CompressionSettings(segmentBy: "", orderBy: "ts", timeColumn: "ts"))
        #expect(ht.compression?.segmentBy == [])
    }
}
