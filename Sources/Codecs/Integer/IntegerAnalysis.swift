/// One block of integers and the derived sequences the codecs share (deltas, deltas of deltas,
/// their ranges and common divisors), computed once per block however many codecs ask.
struct IntegerAnalysis {
    let values: [Int64]
    private(set) lazy var valueRange = FrameStats(values[...])
    /// `values[i] - values[i-1]` (wrapping), for i ≥ 1.
    private(set) lazy var deltas: [Int64] = Self.differences(values)
    private(set) lazy var deltaRange = FrameStats(deltas[...])
    /// Differences of `deltas`, for i ≥ 2 of the values.
    private(set) lazy var deltasOfDeltas: [Int64] = Self.differences(deltas)
    private(set) lazy var deltaOfDeltaRange = FrameStats(deltasOfDeltas[...])

    /// The patch plans the patched codecs computed while analyzing, so encoding the chosen one
    /// does not plan (and size its nested patch streams) a second time.
    var patchedPlan: PatchedFrameOfReference.Plan?
    var deltaPatchedPlan: PatchedFrameOfReference.Plan?

    init(_ values: [Int64]) { self.values = values }

    var count: Int { values.count }

    static func differences(_ v: [Int64]) -> [Int64] {
        guard v.count > 1 else { return [] }
        return [Int64](unsafeUninitializedCapacity: v.count - 1) { out, n in
            v.withUnsafeBufferPointer { src in
                var prev = src[0]
                for i in 1..<src.count {
                    let x = src[i]
                    out[i - 1] = x &- prev
                    prev = x
                }
            }
            n = v.count - 1
        }
    }
}

/// Minimum, maximum and the greatest common divisor of `value - min` over a sequence: everything
/// frame-of-reference packing needs.
struct FrameStats {
    var min: Int64 = 0
    var max: Int64 = 0
    /// GCD of all `value - min` (as unsigned); 0 when all values are equal.
    var divisor: UInt64 = 0
    var count: Int = 0
    /// Largest zigzag code, for simple8b feasibility.
    var maxZigZag: UInt64 = 0

    init(_ values: ArraySlice<Int64>) {
        count = values.count
        guard let first = values.first else { return }
        var lo = first, hi = first
        values.withUnsafeBufferPointer { buf in
            for v in buf {
                lo = Swift.min(lo, v)
                hi = Swift.max(hi, v)
            }
        }
        min = lo
        max = hi
        // Zigzag codes fall as v rises below zero and rise with v from zero up, so the largest
        // code of the block is at one of its ends.
        maxZigZag = Swift.max(ZigZag.encode(lo), ZigZag.encode(hi))
        guard lo != hi else { return }
        divisor = values.withUnsafeBufferPointer { Divisibility.commonDivisor(of: $0, minus: lo) }
    }

    /// Largest `(value - min) / divisor`.
    var packedMax: UInt64 {
        let span = UInt64(bitPattern: max &- min)
        return divisor == 0 ? 0 : span / divisor
    }

    var packedWidth: Int { BitPacking.width(of: packedMax) }
}

/// GCD of a whole block without a division per value: divisibility by an odd number is tested
/// with one multiplication by its inverse modulo 2^64 (Granlund & Montgomery 1994, §9), and
/// Euclid runs only when the running divisor must shrink.
enum Divisibility {
    static func commonDivisor(of values: UnsafeBufferPointer<Int64>, minus base: Int64) -> UInt64 {
        var g: UInt64 = 0
        var shift: UInt64 = 0
        var inverse: UInt64 = 0
        var limit: UInt64 = 0
        for v in values {
            let x = UInt64(bitPattern: v &- base)
            if x == 0 { continue }
            if g != 0 {
                if x.trailingZeroBitCount >= Int(shift) && (x >> shift) &* inverse <= limit { continue }
            }
            g = gcd(g, x)
            if g == 1 { return 1 }
            shift = UInt64(g.trailingZeroBitCount)
            let odd = g >> shift
            inverse = inverseModulo64(odd)
            limit = UInt64.max / odd
        }
        return g
    }

    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var a = a, b = b
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    /// x with odd × x ≡ 1 (mod 2^64), by Newton's iteration (each step doubles correct bits).
    static func inverseModulo64(_ odd: UInt64) -> UInt64 {
        var x = odd
        for _ in 0..<5 { x = x &* (2 &- odd &* x) }
        return x
    }
}
