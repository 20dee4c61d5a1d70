import Testing
@testable import Codecs
import TestSupport

/// The integer codec choice skips hopeless candidates with lower bounds (Simple-8b's shares and
/// runs, patched FOR's divisor floor) and with the best size so far as a limit. These tests check
/// that the shortcuts never change the choice: it must be the one an exhaustive comparison of
/// every codec's unlimited exact size makes (smallest, ties to the earlier codec in trial order,
/// plain when nothing beats it).
@Suite struct IntegerChoiceBoundTests {
    /// The codec and size an exhaustive comparison picks.
    static func exhaustive(_ values: [Int64], allowed: (IntegerCodecID) -> Bool = { _ in true }) -> (IntegerCodecID, Int) {
        var best: (IntegerCodecID, Int) = (.plain, values.count * 8)
        for id in IntegerCodecID.trialOrder where allowed(id) {
            var analysis = IntegerAnalysis(values)
            if let size = id.codec.analyze(&analysis, limit: .max), size < best.1 { best = (id, size) }
        }
        return best
    }

    func check(_ values: [Int64], sourceLocation: SourceLocation = #_sourceLocation) {
        var analysis = IntegerAnalysis(values)
        let chosen = IntegerStream.choose(&analysis, allowed: { _ in true })
        let reference = Self.exhaustive(values)
        #expect(chosen.0 == reference.0 && chosen.1 == reference.1,
                "chose \(chosen.0.name) (\(chosen.1) B), exhaustive \(reference.0.name) (\(reference.1) B)",
                sourceLocation: sourceLocation)
        // The nested patch streams choose without patching.
        var unpatched = IntegerAnalysis(values)
        let nested = IntegerStream.choose(&unpatched, allowed: PatchedFrameOfReference.unpatched)
        let nestedReference = Self.exhaustive(values, allowed: PatchedFrameOfReference.unpatched)
        #expect(nested.0 == nestedReference.0 && nested.1 == nestedReference.1, sourceLocation: sourceLocation)
    }

    @Test func randomBlocksChooseAsAnExhaustiveComparison() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<600 {
            let count = rng.next() % 8 == 0 ? 1000 : Int(rng.next() % 500)
            check(BlockGenerators.integers(&rng, count: count))
        }
    }

    /// Shapes the bounds are about: prices in ticks (a common divisor) with repeats, values away
    /// from zero, descending series, volumes with rare spikes, runs of one nonzero value.
    @Test func boundedShapesChooseAsAnExhaustiveComparison() {
        var rng = SeededGenerator(seed: 11)
        for round in 0..<400 {
            let n = 16 + Int(rng.next() % 1000)
            let tick = Int64([1, 2, 5, 25, 100, 60_000_000][Int(rng.next() % 6)])
            let stay = rng.next() % 4   // how often a value repeats
            let spread = Int64(rng.next() % 40) + 1
            var p = Int64(rng.next() % 2_000_000) - (round % 3 == 0 ? 1_000_000 : 0)
            var values: [Int64] = []
            for _ in 0..<n {
                if rng.next() % 4 >= stay { p += tick * (Int64(rng.next() % UInt64(2 * spread + 1)) - spread) }
                // Rare spikes (volumes) in a quarter of the blocks.
                if round % 4 == 1 && rng.next() % 50 == 0 {
                    values.append(p + tick * Int64(rng.next() % 100_000))
                } else {
                    values.append(p)
                }
            }
            if round % 5 == 2 { values.reverse() }
            check(values)
            check(values.map { $0 * 3 })
            check(values.map { -$0 })
        }
    }

    @Test func edgeBlocksChooseAsAnExhaustiveComparison() {
        check([])
        check([5])
        check([0, 0, 0])
        check(Array(repeating: 7, count: 500) + [8] + Array(repeating: 7, count: 500))
        check((0..<1000).map { Int64($0 / 100) * 25 })
        check((0..<1000).map { Int64.max - Int64($0) * 1_000_000_007 })
        check((0..<300).map { $0 % 2 == 0 ? Int64.min : Int64.max })
        check((0..<300).map { Int64($0 % 3) * (1 << 61) })
    }
}
