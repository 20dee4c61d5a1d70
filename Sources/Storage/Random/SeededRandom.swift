import Foundation
import Schema

/// A small, fast, seedable random number generator (xoshiro256**, seeded through SplitMix64).
///
/// Chunkwise must give the same bytes for the same inputs, so everything random — the
/// `gen_random_uuid()` defaults a COPY fills in, the synthetic data generator — draws from this
/// generator with an explicit seed instead of the system generator.
/// Algorithms: Blackman & Vigna, "Scrambled linear pseudorandom number generators" (2018);
/// SplitMix64 from Steele, Lea & Flood (2014), as the xoshiro authors recommend for seeding.
///
/// ```swift
/// var rng = SeededRandom(seed: 42)
/// let id = rng.nextUUIDv4()
/// ```
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform double in [0, 1) from the top 53 bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal deviate (Box–Muller; one of the pair is discarded to keep the state simple).
    public mutating func nextGaussian() -> Double {
        var u = nextUnit()
        while u <= 0 { u = nextUnit() }
        let v = nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// A random version-4 UUID, as `gen_random_uuid()` makes (RFC 4122 §4.4: version nibble 4,
    /// variant bits 10).
    public mutating func nextUUIDv4() -> PGUUID {
        let hi = (next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let lo = (next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return PGUUID(high: hi, low: lo)
    }
}
