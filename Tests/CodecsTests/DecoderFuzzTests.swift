import Testing
@testable import Codecs
import TestSupport

/// Decoders face truncated and corrupted bytes: they must throw `CodecError` (or return some
/// block), never trap. Deterministic mutation fuzzing over blocks of every type and codec, a
/// bounded number of iterations so it runs in CI.
@Suite struct DecoderFuzzTests {
    /// Encoded blocks covering every type, every codec (forced) and both zstd states.
    static func corpus() -> [[UInt8]] {
        var rng = SeededGenerator(seed: 2024)
        var out: [[UInt8]] = []
        for i in 0..<260 {
            let block = BlockGenerators.block(&rng, count: Int(rng.next() % 90))
            let allowed = TypedRoundTripTests.codecNames[i % TypedRoundTripTests.codecNames.count]
            out.append(ColumnCodecs.encode(block, options: EncodingOptions(useZstd: i % 3 == 0, allowedCodecs: allowed)).bytes)
        }
        return out
    }

    static func mutate(_ bytes: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var b = bytes
        guard !b.isEmpty else { return [UInt8(truncatingIfNeeded: rng.next())] }
        switch rng.next() % 6 {
        case 0: b.removeLast(Int(rng.next() % UInt64(b.count)) + 1)                      // truncate
        case 1: b[Int(rng.next() % UInt64(b.count))] ^= 1 << UInt8(rng.next() % 8)       // flip a bit
        case 2: b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next()) // set a byte
        case 3: b.insert(UInt8(truncatingIfNeeded: rng.next()), at: Int(rng.next() % UInt64(b.count + 1)))
        case 4: // corrupt the header region, where counts and ids live
            let k = Int(rng.next() % UInt64(min(b.count, 8)))
            b[k] = [0x00, 0xFF, 0x7F, 0x80, 0x01][Int(rng.next() % 5)]
        default: // several bit flips
            for _ in 0..<4 { b[Int(rng.next() % UInt64(b.count))] ^= UInt8(truncatingIfNeeded: rng.next()) }
        }
        return b
    }

    @Test func mutatedBlocksNeverCrashTheDecoder() {
        let corpus = Self.corpus()
        var rng = SeededGenerator(seed: 99)
        var thrown = 0
        for i in 0..<12_000 {
            let bytes = Self.mutate(corpus[i % corpus.count], &rng)
            do {
                _ = try ColumnCodecs.decode(bytes)
            } catch {
                thrown += 1
            }
        }
        // Most mutations must be detected; the rest decode to some block without trapping.
        #expect(thrown > 6_000)
    }

    @Test func everyTruncationOfABlockIsAnError() {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<40 {
            let block = BlockGenerators.block(&rng, count: Int(rng.next() % 60) + 1)
            guard block.nullCount < block.count else { continue }
            let bytes = ColumnCodecs.encode(block, options: EncodingOptions(useZstd: false)).bytes
            for cut in 0..<bytes.count {
                #expect(throws: CodecError.self) { try ColumnCodecs.decode(Array(bytes[..<cut])) }
            }
        }
    }

    @Test func trailingBytesAreAnError() {
        let bytes = ColumnCodecs.encode(ColumnBlock(data: .int64([1, 2, 3])), options: EncodingOptions(useZstd: false)).bytes
        #expect(throws: CodecError.self) { try ColumnCodecs.decode(bytes + [0]) }
    }

    @Test func absurdRowCountsAreRejectedBeforeAllocating() {
        // int64, no NULLs, 2^40 rows, constant codec.
        var w = ByteWriter()
        w.append(1); w.append(0); w.appendVarint(1 << 40); w.append(1); w.appendSignedVarint(5)
        #expect(throws: CodecError.self) { try ColumnCodecs.decode(w.bytes) }
    }
}
