import Testing
import Schema
@testable import Storage

/// The integer sort keys give exactly the order of comparing values, whatever the segment values
/// (NULLs, non-ASCII text that Swift's `==` calls equal but bytes tell apart, duplicates).
@Suite struct CompressionSortKeysTests {
    @Test(arguments: ["symbol", "symbol, volume", "volume, symbol", ""],
          ["ts DESC", "ts", "ts DESC, volume", "volume NULLS FIRST, ts", "volume DESC NULLS LAST, ts",
           "symbol DESC, ts DESC", "symbol NULLS FIRST, volume DESC, ts", "price, ts"])
    func integerKeysOrderLikeValues(segmentBy: String, orderBy: String) throws {
        var random = SeededRandom(seed: 11)
        // "é" precomposed and decomposed: equal as Swift strings, different UTF-8 bytes.
        let symbols = ["B", "A", "é", "e\u{301}", "", "AA", "ü"]
        var rows = RowSet(table: EngineFixtures.ticks)
        for _ in 0..<2_000 {
            let t = Int64(random.next() % 50) * 60_000_000 - 1_000_000_000
            let s: Value = random.next() % 9 == 0 ? .null : .text(symbols[Int(random.next() % UInt64(symbols.count))])
            let v: Value = random.next() % 5 == 0 ? .null : .int(Int64(random.next() % 7) - 3)
            rows.append(row: [.timestamp(t), s, .numeric(PGNumeric(unscaled: Int64(random.next() % 5), scale: 2)), v])
        }
        let settings = try CompressionSettings(segmentBy: segmentBy, orderBy: orderBy, timeColumn: "ts", batchSizeLimit: 100)
        let (order, segments) = ChunkCompressor.orderAndSegments(of: rows, settings: settings)
        #expect(order == ChunkCompressor.valueOrder(of: rows, settings: settings))
        // Integer keys cover text and integer columns with or without NULLs; a numeric orderby key falls back.
        #expect((segments != nil) == !orderBy.contains("price"))
    }

    @Test func segmentRanksSeparateBytewiseDifferentText() {
        var column = ColumnVector(type: .text)
        for s in ["e\u{301}", "é", "e\u{301}"] { _ = column.append(.text(s)) }
        _ = column.append(.null)
        let ranks = CompressionSortKeys.denseRanks(column)
        #expect(ranks?.distinct == 3)
        // "e" + U+0301 (0x65 …) sorts before "é" (0xC3 …) bytewise; NULL last.
        #expect(ranks?.ranks == [0, 1, 0, 2])
    }
}
