import Testing
@testable import Codecs
import TestSupport

@Suite struct IntegerCodecTests {
    /// Every applicable codec writes exactly the bytes its analysis promised and reads them back.
    func check(_ values: [Int64], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for id in IntegerCodecID.allCases {
            var analysis = IntegerAnalysis(values)
            guard let size = id.codec.analyze(&analysis, limit: .max) else { continue }
            var writer = ByteWriter()
            id.codec.encode(&analysis, into: &writer)
            #expect(writer.count == size, "\(id.name) analyzed \(size) wrote \(writer.count)", sourceLocation: sourceLocation)
            var reader = ByteReader(writer.bytes)
            let back = try IntegerStream.decode(id, &reader, count: values.count)
            #expect(back == values, "\(id.name)", sourceLocation: sourceLocation)
            #expect(reader.isAtEnd, "\(id.name) left bytes", sourceLocation: sourceLocation)
        }
    }

    @Test func randomBlocksRoundTripThroughEveryCodecWithExactSizes() throws {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<400 {
            let count = rng.next() % 10 == 0 ? 1000 : Int(rng.next() % 130)
            try check(BlockGenerators.integers(&rng, count: count))
        }
    }

    @Test func extremesRoundTrip() throws {
        try check([.min, .max])
        try check([.max, .min, .max, .min])
        try check([.min])
        try check([])
        try check([0, .min, 0, .max, 0])
    }

    @Test func regularTimestampsCostAFewBytesPerBlock() {
        let ts = (0..<1000).map { Int64(1_700_000_000_000_000) - Int64($0) * 60_000_000 }
        let encoded = ColumnCodecs.encode(ColumnBlock(data: .int64(ts)), options: EncodingOptions(useZstd: false))
        #expect(encoded.bytes.count < 24)
    }

    @Test func timestampsWithGapsPayPerGapNotPerRow() {
        var t = Int64(1_700_000_000_000_000)
        let ts = (0..<1000).map { i -> Int64 in
            t -= i % 97 == 0 ? 60_000_000 * Int64(i % 13 + 2) : 60_000_000
            return t
        }
        let encoded = ColumnCodecs.encode(ColumnBlock(data: .int64(ts)), options: EncodingOptions(useZstd: false))
        #expect(["delta-of-delta", "delta-simple8b", "delta-patched"].contains(encoded.codec))
        #expect(encoded.bytes.count < 250)
    }

    @Test func frameOfReferenceUsesTheCommonDivisor() {
        let prices: [Int64] = (0..<1000).map { 1_589_500 + 25 * Int64($0 % 64) }
        var analysis = IntegerAnalysis(prices)
        #expect(analysis.valueRange.divisor == 25)
        #expect(analysis.valueRange.packedWidth == 6)
    }

    @Test func simple8bRunsCollapseRepeats() throws {
        let values = Array(repeating: Int64(3), count: 5000) + [7, 8, 9]
        var analysis = IntegerAnalysis(values)
        let size = try #require(Simple8bCodec.analyze(&analysis, limit: .max))
        #expect(size <= 1 + 8 * 2)
        try check(values)
    }

    @Test func simple8bIsNotApplicableBeyondSixtyBits() {
        var analysis = IntegerAnalysis([0, 1 << 61])
        #expect(Simple8bCodec.analyze(&analysis, limit: .max) == nil)
    }

    @Test func commonDivisorMatchesEuclid() {
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<300 {
            let g = Int64(rng.next() % 1000) + 1
            let values = (0..<50).map { _ in Int64(rng.next() % 10_000) * g * (rng.next() % 7 == 0 ? 3 : 1) }
            let lo = values.min() ?? 0
            let expected = values.reduce(UInt64(0)) { Divisibility.gcd($0, UInt64($1 - lo)) }
            let got = values.withUnsafeBufferPointer { Divisibility.commonDivisor(of: $0, minus: lo) }
            #expect(got == expected)
        }
    }
}

@Suite struct IntegerChoiceTests {
    @Test func earlyStoppingNeverChangesTheChoiceOrItsSize() {
        var rng = SeededGenerator(seed: 77)
        for _ in 0..<300 {
            let values = BlockGenerators.integers(&rng, count: Int(rng.next() % 200))
            var limited = IntegerAnalysis(values)
            let (id, size) = IntegerStream.choose(&limited, allowed: { _ in true })
            var best = values.count * 8
            for candidate in IntegerCodecID.allCases {
                var a = IntegerAnalysis(values)
                if let s = candidate.codec.analyze(&a, limit: .max) { best = min(best, s) }
            }
            #expect(size == best, "\(id.name)")
            var writer = ByteWriter()
            id.codec.encode(&limited, into: &writer)
            #expect(writer.count == size)
        }
    }
}

@Suite struct PatchedFrameOfReferenceTests {
    @Test func oneOutlierDoesNotWidenTheBlock() throws {
        var values = (0..<1000).map { Int64($0 % 13) }
        values[500] = 1 << 40
        var analysis = IntegerAnalysis(values)
        let patched = try #require(PatchedFORCodec.analyze(&analysis, limit: .max))
        let plain = try #require(FrameOfReferenceCodec.analyze(&analysis, limit: .max))
        #expect(patched < plain / 5)
        var writer = ByteWriter()
        PatchedFORCodec.encode(&analysis, into: &writer)
        var reader = ByteReader(writer.bytes)
        #expect(try IntegerStream.decode(.patchedFrameOfReference, &reader, count: values.count) == values)
    }

    @Test func jitteryTimestampsWithGapsPatchTheGaps() throws {
        var rng = SeededGenerator(seed: 4)
        var t = Int64(1_700_000_000_000_000)
        let values = (0..<1000).map { i -> Int64 in
            t -= (i % 200 == 0 ? 3_600_000_000 : 60_000_000) + Int64(rng.next() % 2_000_000)
            return t
        }
        var analysis = IntegerAnalysis(values)
        let patched = try #require(DeltaPatchedCodec.analyze(&analysis, limit: .max))
        let delta = try #require(DeltaCodec.analyze(&analysis, limit: .max))
        #expect(patched < delta)
    }
}
