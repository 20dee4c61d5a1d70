import Testing
@testable import Codecs
import TestSupport

/// Property-based round trips through the column writer for every type, with and without zstd
/// and with each codec forced, plus the edge cases the issue names.
@Suite struct TypedRoundTripTests {
    static let codecNames: [Set<String>?] = [
        nil, ["plain"], ["constant"], ["frame-of-reference"], ["delta"], ["delta-of-delta"], ["simple8b"],
        ["delta-simple8b"], ["delta-of-delta-for"], ["patched-for"], ["delta-patched"], ["gorilla"], ["alp"], ["runs"], ["dictionary"],
    ]

    func roundTrip(_ block: ColumnBlock, _ options: EncodingOptions = .init(), sourceLocation: SourceLocation = #_sourceLocation) throws {
        let encoded = ColumnCodecs.encode(block, options: options)
        let back = try ColumnCodecs.decode(encoded.bytes)
        #expect(RoundTrip.identical(back, RoundTrip.normalized(block)), "codec \(encoded.codec)", sourceLocation: sourceLocation)
    }

    @Test func randomBlocksOfEveryTypeRoundTrip() throws {
        var rng = SeededGenerator(seed: 7)
        for i in 0..<1500 {
            let count = rng.next() % 8 == 0 ? 1000 : Int(rng.next() % 70)
            let block = BlockGenerators.block(&rng, count: count)
            let allowed = Self.codecNames[i % Self.codecNames.count]
            try roundTrip(block, EncodingOptions(useZstd: i % 2 == 0, allowedCodecs: allowed))
        }
    }

    @Test func singleValueRoundTripsForEveryType() throws {
        for data: ColumnData in [.int64([.min]), .float64([-0.0]), .decimal(unscaled: [-999_999_999_999_999_999], scales: [18]),
                                 .bool([true]), .uuid(high: [.max], low: [1]), .bytes([[0xE2, 0x82, 0xAC]])] {
            try roundTrip(ColumnBlock(data: data))
            try roundTrip(ColumnBlock(data: data, nulls: [true]))
        }
    }

    @Test func numericAtFullPrecisionWithNegativesAndScaleChanges() throws {
        let unscaled: [Int64] = [999_999_999_999_999_999, -999_999_999_999_999_999, 1, -1, 0, 123_456_789_012_345_678]
        try roundTrip(ColumnBlock(data: .decimal(unscaled: unscaled, scales: [0, 0, 0, 0, 0, 0])))
        try roundTrip(ColumnBlock(data: .decimal(unscaled: unscaled, scales: [18, 18, 18, 18, 18, 18])))
        // Scales differ and rescaling to 18 would overflow: stored as given.
        try roundTrip(ColumnBlock(data: .decimal(unscaled: unscaled, scales: [0, 4, 18, 2, 7, 1])))
        // Scales differ but rescale exactly: 84.2 and 84.25 share scale 2.
        try roundTrip(ColumnBlock(data: .decimal(unscaled: [842, 8425, 84], scales: [1, 2, 0])))
    }

    /// NaN, Infinity and -Infinity reach the codec as the sentinel scales Int16.min, Int16.min + 1
    /// and Int16.min + 2 with unscaled 0 (`PGNumeric.Special`); every mix must come back exactly.
    @Test func numericSpecialValuesRoundTrip() throws {
        let nan = Int16.min, infinity = Int16.min + 1, negativeInfinity = Int16.min + 2
        try roundTrip(ColumnBlock(data: .decimal(unscaled: [0, 0, 0], scales: [nan, infinity, negativeInfinity])))
        try roundTrip(ColumnBlock(data: .decimal(unscaled: [0, 0], scales: [nan, nan])))
        try roundTrip(ColumnBlock(data: .decimal(unscaled: [0], scales: [negativeInfinity])))
        let prices = (0..<1000).map { Int64(1_589_500 + 25 * ($0 % 40)) }
        var scales = [Int16](repeating: 2, count: 1000)
        var unscaled = prices
        for i in stride(from: 7, to: 1000, by: 97) { scales[i] = [nan, infinity, negativeInfinity][i % 3]; unscaled[i] = 0 }
        try roundTrip(ColumnBlock(data: .decimal(unscaled: unscaled, scales: scales)))
        try roundTrip(ColumnBlock(data: .decimal(unscaled: unscaled, scales: scales), nulls: (0..<1000).map { $0 % 11 == 0 }))
        // Mixed display scales plus specials.
        try roundTrip(ColumnBlock(data: .decimal(unscaled: [842, 0, 8425, 84, 0], scales: [1, nan, 2, 0, infinity])))
        // A block with a few specials still compresses far below its plain size.
        let encoded = ColumnCodecs.encode(ColumnBlock(data: .decimal(unscaled: unscaled, scales: scales)), options: EncodingOptions(useZstd: false))
        #expect(encoded.bytes.count < 3000, "\(encoded.bytes.count) bytes with \(encoded.codec)")
    }

    @Test func numericWithACommonScaleUsesTheIntegerCodecs() {
        let unscaled = (0..<1000).map { Int64(1_589_500 + 25 * ($0 % 40)) }
        let encoded = ColumnCodecs.encode(ColumnBlock(data: .decimal(unscaled: unscaled, scales: Array(repeating: 2, count: 1000))),
                                          options: EncodingOptions(useZstd: false))
        #expect(encoded.codec.hasPrefix("scaled-decimal/"))
        #expect(encoded.bytes.count < 1000)
    }

    @Test func floatSpecialsAreBitExact() throws {
        let specials: [Double] = [.nan, -.nan, Double(bitPattern: 0x7FF8_0000_0000_0ABC), .infinity, -.infinity, -0.0, 0.0,
                                  .leastNonzeroMagnitude, -.greatestFiniteMagnitude, 0.1, 1e300]
        for allowed: Set<String> in [["plain"], ["gorilla"], ["alp"]] {
            try roundTrip(ColumnBlock(data: .float64(specials)), EncodingOptions(allowedCodecs: allowed))
            try roundTrip(ColumnBlock(data: .float64(specials + (0..<100).map { Double($0) / 4 })), EncodingOptions(allowedCodecs: allowed))
        }
    }

    @Test func decimalDoublesBecomeIntegers() {
        let prices = (0..<1000).map { 15_895.0 + Double($0 % 50) * 0.25 }
        let encoded = ColumnCodecs.encode(ColumnBlock(data: .float64(prices)), options: EncodingOptions(useZstd: false))
        #expect(encoded.codec.hasPrefix("alp/"))
        #expect(encoded.bytes.count < 1000)
    }

    @Test func manyDistinctStringsRoundTrip() throws {
        let strings = (0..<32_767).map { Array("ticker-\($0)-\($0 &* 2_654_435_761 % 1_000_003)".utf8) }
        try roundTrip(ColumnBlock(data: .bytes(strings)))
        try roundTrip(ColumnBlock(data: .bytes(strings)), EncodingOptions(allowedCodecs: ["dictionary"]))
    }

    @Test func largeVarcharValuesRoundTrip() throws {
        var rng = SeededGenerator(seed: 3)
        let big = (0..<(3 << 20)).map { _ in UInt8(truncatingIfNeeded: rng.next() % 64 + 32) }
        try roundTrip(ColumnBlock(data: .bytes([big, [], big])))
    }

    @Test func fewDistinctStringsUseTheDictionary() {
        let strings = (0..<1000).map { Array(($0 % 3 == 0 ? "5m" : "1m").utf8) }
        let encoded = ColumnCodecs.encode(ColumnBlock(data: .bytes(strings)), options: EncodingOptions(useZstd: false))
        #expect(encoded.codec == "dictionary")
    }

    @Test func repeatedUUIDsUseTheDictionaryAndRandomOnesStayPlain() {
        var rng = SeededGenerator(seed: 5)
        let one = (rng.next(), rng.next())
        let repeated = ColumnCodecs.encode(ColumnBlock(data: .uuid(high: Array(repeating: one.0, count: 1000), low: Array(repeating: one.1, count: 1000))))
        #expect(repeated.codec == "dictionary")
        #expect(repeated.bytes.count < 40)
        let random = ColumnCodecs.encode(ColumnBlock(data: .uuid(high: (0..<1000).map { _ in rng.next() }, low: (0..<1000).map { _ in rng.next() })))
        #expect(random.codec == "plain")
    }

    @Test func stickyBooleansUseRuns() {
        let flags = (0..<1000).map { $0 < 700 }
        let encoded = ColumnCodecs.encode(ColumnBlock(data: .bool(flags)), options: EncodingOptions(useZstd: false))
        #expect(encoded.codec == "runs")
    }

    @Test func dictionaryTrainedOnBatchesIsNeededToDecode() throws {
        var rng = SeededGenerator(seed: 11)
        let batches = (0..<40).map { _ in
            ColumnBlock(data: .bytes((0..<60).map { _ in Array("{\"model\": \"v\(rng.next() % 9)\", \"window\": \(rng.next() % 300)}".utf8) }))
        }
        let samples = batches.map { ColumnCodecs.encode($0, options: EncodingOptions(useZstd: false)).bytes }
        let dictionary = try #require(Zstd.trainDictionary(samples: samples, capacity: 4096))
        let options = EncodingOptions(zstdDictionary: dictionary)
        let encoded = ColumnCodecs.encode(batches[0], options: options)
        #expect(encoded.usedDictionary)
        #expect(throws: CodecError.self) { try ColumnCodecs.decode(encoded.bytes) }
        let back = try ColumnCodecs.decode(encoded.bytes, dictionary: dictionary)
        #expect(back == batches[0])
    }
}
