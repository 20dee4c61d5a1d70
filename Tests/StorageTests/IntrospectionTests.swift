import Testing
import Schema
@testable import Storage

@Suite struct IntrospectionTests {
    let day = EngineFixtures.day

    @Test func chunkRangesPrintLikeTimescaleDB() throws {
        var ht = try EngineFixtures.hypertable()
        // 2023-01-02 23:00:00+00
        try ht.insert(EngineFixtures.rows([(1_672_700_400_000_000, "A", 1, 1)]))
        let info = ht.chunkInformation()
        #expect(info.first?.rangeStartText == "2023-01-02 00:00:00+00")
        #expect(info.first?.rangeEndText == "2023-01-03 00:00:00+00")
        let newYork = try #require(PGTimeZone(name: "America/New_York"))
        #expect(ht.chunkInformation(zone: newYork).first?.rangeStartText == "2023-01-01 19:00:00-05")
    }

    @Test func sizesAreTheSumOfTheStoredStructures() throws {
        var ht = try EngineFixtures.hypertable()
        try ht.insert(EngineFixtures.minuteRows(start: 0, count: 3000))
        try ht.compressChunk(named: "_hyper_1_1_chunk")
        let chunk = try #require(ht.chunk(named: "_hyper_1_1_chunk"))
        let encoded = chunk.batches.reduce(0) { $0 + $1.columns.reduce(0) { $0 + ($1?.bytes.count ?? 0) } }
        #expect(EngineBytes.chunk(chunk).data == encoded)
        #expect(ht.size == ht.chunksDetailedSize.reduce(0) { $0 + $1.bytes.total })
        let stats = ht.compressionStatistics
        #expect(stats.compressedChunks == 1 && stats.totalChunks == 1)
        #expect(stats.after == EngineBytes.chunk(chunk))
        #expect(stats.before.total > stats.after.total)
    }

    @Test func uncompressedBytesCountPlainWidths() throws {
        var ht = try EngineFixtures.hypertable()
        try ht.insert(EngineFixtures.rows([(5, "AB", 1, nil), (6, "C", 2, 3)]))
        let chunk = try #require(ht.chunks.first)
        // ts 2×8, symbol (4+2)+(4+1), price 2×10, volume 2×8 + 1 B NULL bitmap.
        #expect(EngineBytes.chunk(chunk).data == 16 + 11 + 20 + 17)
        // One block; time min/max 8+8+1, symbol (4+2)+(4+1)+1.
        #expect(EngineBytes.chunk(chunk).index == 17 + 12)
    }

    @Test func compressionSettingsListSegmentbyThenOrderby() throws {
        let ht = try EngineFixtures.hypertable()
        #expect(ht.compressionSettingRows.map(\.column) == ["symbol", "ts"])
        #expect(ht.compressionSettingRows[1].orderbyAscending == false)
    }
}
