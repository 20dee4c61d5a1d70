/// SplitMix64: a tiny deterministic generator, so every generated dataset and property test
/// replays identically from its seed (the standard library's generator is randomly seeded).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        // Constants of SplitMix64 (Steele, Lea, Flood 2014).
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SeededGenerator {
    /// `text` with one character dropped, doubled or replaced by one of `replacements` (the
    /// differential tests' damage: mostly no longer valid input); `whenEmpty` for an empty text.
    public mutating func damage(_ text: String, replacements: [Character], whenEmpty: String) -> String {
        var chars = Array(text)
        guard !chars.isEmpty else { return whenEmpty }
        let at = Int(next() % UInt64(chars.count))
        switch next() % 3 {
        case 0: chars.remove(at: at)
        case 1: chars.insert(chars[at], at: at)
        default: chars[at] = replacements[Int(next() % UInt64(replacements.count))]
        }
        return String(chars)
    }
}
