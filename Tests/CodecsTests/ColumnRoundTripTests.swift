import Testing
@testable import Codecs
import TestSupport

@Suite struct ColumnRoundTripTests {
    func expectRoundTrip(_ block: ColumnBlock, options: EncodingOptions = .init(), sourceLocation: SourceLocation = #_sourceLocation) throws {
        let encoded = ColumnCodecs.encode(block, options: options)
        let back = try ColumnCodecs.decode(encoded.bytes, dictionary: options.zstdDictionary)
        #expect(RoundTrip.identical(back, RoundTrip.normalized(block)), "codec \(encoded.codec)", sourceLocation: sourceLocation)
    }

    @Test func integersIncludingExtremesRoundTrip() throws {
        try expectRoundTrip(ColumnBlock(data: .int64([Int64.min, Int64.max, 0, -1, 1, Int64.min, Int64.max])))
    }

    @Test func emptyBlockRoundTripsForEveryType() throws {
        for data: ColumnData in [.int64([]), .float64([]), .decimal(unscaled: [], scales: []), .bool([]), .uuid(high: [], low: []), .bytes([])] {
            try expectRoundTrip(ColumnBlock(data: data))
        }
    }

    @Test func allNullBlockCostsOnlyTheHeader() throws {
        let block = ColumnBlock(data: .int64(Array(repeating: 0, count: 1000)), nulls: Array(repeating: true, count: 1000))
        let encoded = ColumnCodecs.encode(block)
        #expect(encoded.bytes.count == 5)
        try expectRoundTrip(block)
    }

    @Test func someNullsRoundTripWithZeroPlaceholders() throws {
        let nulls = (0..<100).map { $0 % 3 == 0 }
        try expectRoundTrip(ColumnBlock(data: .int64((0..<100).map { Int64($0) * 7 }), nulls: nulls))
        try expectRoundTrip(ColumnBlock(data: .bytes((0..<100).map { Array("v\($0)".utf8) }), nulls: nulls))
    }

    @Test func zstdIsSkippedWhenItDoesNotShrink() throws {
        var rng = SeededGenerator(seed: 1)
        let high = (0..<50).map { _ in rng.next() }
        let low = (0..<50).map { _ in rng.next() }
        let encoded = ColumnCodecs.encode(ColumnBlock(data: .uuid(high: high, low: low)))
        #expect(!encoded.zstd)
        #expect(encoded.bytes.count == 50 * 16 + 4)
    }

    @Test func zstdIsKeptWhenItShrinks() throws {
        let strings = (0..<500).map { Array("{\"source\": \"yfinance\", \"n\": \($0 % 5)}".utf8) }
        let encoded = ColumnCodecs.encode(ColumnBlock(data: .bytes(strings)))
        #expect(encoded.zstd)
        try expectRoundTrip(ColumnBlock(data: .bytes(strings)))
    }
}
