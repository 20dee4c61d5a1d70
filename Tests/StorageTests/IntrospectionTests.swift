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

    /// A slice reaching past the timestamp range is open on that side, as TimescaleDB cuts it
    /// (`ts_time_get_min`/`ts_time_get_max`), and prints as `-infinity`/`infinity` without trapping.
    @Test func slicesBeyondTheTimestampRangeAreOpen() throws {
        let intervals: [Int64] = [Int64.max, PGTimestamp.end, 2_562_047_788 * 3_600_000_000]
        for interval in intervals {
            var ht = try EngineFixtures.hypertable(interval: interval)
            // 1969-12-31 23:59:00+00 and 2023-01-02 23:00:00+00
            try ht.insert(EngineFixtures.rows([(-60_000_000, "A", 1, 1), (1_672_700_400_000_000, "A", 1, 1)]))
            let info = ht.chunkInformation()
            #expect(info.map(\.rangeStartText) == ["-infinity", "1970-01-01 00:00:00+00"], "\(interval)")
            #expect(info.map(\.rangeEndText) == ["1970-01-01 00:00:00+00", "infinity"], "\(interval)")
        }
        // A microsecond shorter, the slice from the epoch ends on the last time PostgreSQL holds.
        var last = try EngineFixtures.hypertable(interval: PGTimestamp.end - 1)
        try last.insert(EngineFixtures.rows([(1_672_700_400_000_000, "A", 1, 1)]))
        #expect(last.chunkInformation().first?.rangeEndText == "294247-01-01 23:59:59.999999+00")
        // Within the range a long slice keeps both ends.
        var ht = try EngineFixtures.hypertable(interval: 1_000 * 365 * day)
        try ht.insert(EngineFixtures.rows([(-60_000_000, "A", 1, 1)]))
        #expect(ht.chunkInformation().first?.rangeStartText == "0970-08-31 00:00:00+00")
    }

    @Test func timestampTextNeverTraps() {
        for micros in [Int64.min + 1, Int64.min + 86_400_000_000, -9_000_000_000_000_000_000, Int64.max - 1] {
            #expect(!PGTimestamp.formatLocal(micros).isEmpty)
            #expect(!PGTimestamp.format(micros).isEmpty)
        }
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
