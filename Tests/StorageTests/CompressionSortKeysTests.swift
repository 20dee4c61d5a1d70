import Testing
import Schema
@testable import Storage

/// The integer sort keys give exactly the order of comparing values, whatever the segment values
/// (NULLs, non-ASCII text that Swift's `==` calls equal but bytes tell apart, duplicates).
@Suite struct CompressionSortKeysTests {
    @Test(arguments: ["symbol", "symbol, volume", "volume, symbol", ""],
          ["ts DESC", "ts", "ts DESC, volume", "volume NULLS FIRST, ts", "volume DESC NULLS LAST, ts",
           "symbol DESC, ts DESC", "symbol NULLS FIRST, volume DESC, ts", "price, ts", "price DESC NULLS LAST, ts"])
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
        // Integer keys cover text, integer and numeric columns, with or without NULLs.
        #expect(segments != nil)
    }

    /// Float and numeric orderby keys as integers: −0 and 0 tie, NaN sorts above +∞ and ties with
    /// itself, numerics of different scales compare by value, the infinities sit beyond every number.
    @Test(arguments: ["f", "f DESC", "f NULLS FIRST", "f DESC NULLS LAST", "n", "n DESC", "n NULLS FIRST, f",
                      "n DESC NULLS LAST, f DESC"])
    func floatAndNumericKeysOrderLikeValues(orderBy: String) throws {
        let table = TableDefinition(name: "m", columns: [
            ColumnDefinition("ts", .timestamptz, notNull: true), ColumnDefinition("g", .int4),
            ColumnDefinition("f", .float8), ColumnDefinition("n", .numeric(precision: nil, scale: nil)),
        ])
        let floats: [Double] = [0, -0.0, .nan, -.nan, .infinity, -.infinity, 1.5, -1.5, 2, .leastNonzeroMagnitude,
                                -.greatestFiniteMagnitude, .greatestFiniteMagnitude]
        let numerics: [PGNumeric] = [PGNumeric(unscaled: 15, scale: 1), PGNumeric(unscaled: 150, scale: 2),
                                     PGNumeric(unscaled: -2, scale: 0), PGNumeric(unscaled: 0, scale: 5),
                                     PGNumeric(unscaled: 1, scale: 12), .nan, PGNumeric(special: .infinity),
                                     PGNumeric(special: .negativeInfinity), PGNumeric(unscaled: 999_999_999, scale: 3)]
        var random = SeededRandom(seed: 5)
        var rows = RowSet(table: table)
        for i in 0..<1_500 {
            let f: Value = random.next() % 7 == 0 ? .null : .float(floats[Int(random.next() % UInt64(floats.count))])
            let n: Value = random.next() % 6 == 0 ? .null : .numeric(numerics[Int(random.next() % UInt64(numerics.count))])
            rows.append(row: [.timestamp(Int64(i % 40) * 60_000_000), .int(Int64(random.next() % 3)), f, n])
        }
        let settings = try CompressionSettings(segmentBy: "g", orderBy: orderBy, timeColumn: "ts", batchSizeLimit: 100)
        let (order, segments) = ChunkCompressor.orderAndSegments(of: rows, settings: settings)
        #expect(segments != nil)
        #expect(order == ChunkCompressor.valueOrder(of: rows, settings: settings))
    }

    /// Numerics whose common scale leaves Int64 (10¹⁷ beside a scale-10 value) fall back to
    /// comparing values, with the same order.
    @Test func numericKeysOutOfRangeFallBack() throws {
        let table = TableDefinition(name: "m", columns: [
            ColumnDefinition("ts", .timestamptz, notNull: true), ColumnDefinition("n", .numeric(precision: nil, scale: nil)),
        ])
        var rows = RowSet(table: table)
        for (i, n) in [PGNumeric(unscaled: 100_000_000_000_000_000, scale: 0), PGNumeric(unscaled: 1, scale: 10),
                       PGNumeric(unscaled: -3, scale: 0)].enumerated() {
            rows.append(row: [.timestamp(Int64(i)), .numeric(n)])
        }
        let settings = try CompressionSettings(segmentBy: "", orderBy: "n", timeColumn: "ts", batchSizeLimit: 100)
        #expect(CompressionSortKeys.orderKey(rows.columns[1], descending: false, nullsFirst: false) == nil)
        #expect(ChunkCompressor.compressionOrder(of: rows, settings: settings) == [2, 1, 0])
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
