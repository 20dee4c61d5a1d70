import Testing
import Schema
@testable import Storage

/// What decoding a chunk's batches keeps coded: ids that never repeat start the chunk's column
/// plain, keys that repeat stay coded, and either way the rows are the ones compressed.
@Suite struct ChunkRowsDecoderTests {
    func ids(_ n: Int) -> UUIDColumn {
        UUIDColumn((0..<n).map { PGUUID(high: UInt64($0) &* 0x9E37_79B9_7F4A_7C15, low: UInt64($0)) })
    }

    @Test func idsLookLikeIDsAndRepeatedKeysDoNot() {
        #expect(ChunkRowsDecoder.looksLikeIDs(ids(128)))
        #expect(ChunkRowsDecoder.looksLikeIDs(ids(1_000)))
        // Too few rows to judge.
        #expect(!ChunkRowsDecoder.looksLikeIDs(ids(127)))
        // 300 tickers over 1,000 rows repeat within the sample.
        let tickers = UUIDColumn((0..<1_000).map { PGUUID(high: UInt64($0 % 300), low: 1) })
        #expect(!ChunkRowsDecoder.looksLikeIDs(tickers))
        #expect(!ChunkRowsDecoder.looksLikeIDs(UUIDColumn(repeating: PGUUID(high: 1, low: 2), count: 500)))
    }

    @Test func aChunkOfIDsComesBackAsCompressed() throws {
        let table = TableDefinition(name: "events", columns: [
            ColumnDefinition("ts", .timestamptz, notNull: true), ColumnDefinition("id", .uuid, notNull: true),
            ColumnDefinition("device", .uuid, notNull: true)])
        var ht = try Hypertable(table: table, options: HypertableOptions(timeColumn: "ts", chunkInterval: EngineFixtures.day))
        try ht.enableCompression(CompressionSettings(segmentBy: "", orderBy: "ts DESC", timeColumn: "ts", batchSizeLimit: 200))
        var rows = RowSet(table: table)
        let allIDs = ids(900)
        for i in 0..<900 {
            rows.append(row: [.timestamp(Int64(i) * 60_000_000), .uuid(allIDs[i]), .uuid(PGUUID(high: UInt64(i % 7), low: 3))])
        }
        try ht.insert(rows)
        let chunk = try #require(ht.chunks.first)
        let original = chunk.rows
        _ = try ht.compressChunk(named: chunk.name)
        let back = try #require(try ht.rows(ofChunk: chunk.name))
        #expect(EngineFixtures.multiset(back) == EngineFixtures.multiset(original))
        // The ids start plain; the seven devices stay coded.
        guard case .uuid(let idColumn) = back.columns[1].storage, case .uuid(let devices) = back.columns[2].storage else {
            Issue.record("uuid columns expected")
            return
        }
        #expect(!idColumn.isCoded)
        #expect(devices.isCoded)
    }
}
