import Codecs

/// TimescaleDB's DELTADELTA algorithm for integers, dates and timestamps.
///
/// Facts (TimescaleDB 2.28 `algorithms/deltadelta.c`): header of 24 bytes (varlena 4, algorithm 1,
/// has_nulls 1, padding 2, last_value 8, last_delta 8), then simple8b-RLE of
/// zigzag(Δ²) starting from prev = 0 and prev_delta = 0, then — only when a NULL was seen — a
/// simple8b-RLE bitmap with 1 per NULL. Arithmetic wraps like C's uint64.
struct DeltaDeltaEncoder: Sendable {
    static let algorithmID: UInt8 = 4
    static let headerSize = 24

    private var deltas = Simple8bRLE()
    private var nulls = Simple8bRLE()
    private var hasNulls = false
    private var previous: UInt64 = 0
    private var previousDelta: UInt64 = 0

    init() {}

    mutating func append(_ value: Int64) {
        let v = UInt64(bitPattern: value)
        let delta = v &- previous
        let deltaDelta = delta &- previousDelta
        previous = v
        previousDelta = delta
        deltas.append(Self.zigzag(Int64(bitPattern: deltaDelta)))
        nulls.append(0)
    }

    mutating func appendNull() {
        hasNulls = true
        nulls.append(1)
    }

    static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }

    /// The datum; nil when every value was NULL.
    mutating func finish() -> [UInt8]? {
        guard let d = deltas.finish() else { return nil }
        let n = hasNulls ? nulls.finish() : nil
        let total = Self.headerSize + d.count + (n?.count ?? 0)
        var w = ByteWriter()
        w.append(ByteWriter.varlenaHeader(totalSize: total))
        w.u8(Self.algorithmID)
        w.u8(hasNulls ? 1 : 0)
        w.zeros(2)
        w.u64(previous)
        w.u64(previousDelta)
        w.append(d)
        if let n { w.append(n) }
        return w.bytes
    }

    /// The size of `finish()` without the varlena framing differences: used by the UUID algorithm,
    /// which embeds a DELTADELTA datum and also needs the NULL bitmap's size on its own.
    mutating func finishWithNullsSize() -> (datum: [UInt8], nullsSize: Int)? {
        var copy = nulls
        let nullsSize = hasNulls ? (copy.finish()?.count ?? 0) : 0
        guard let datum = finish() else { return nil }
        return (datum, nullsSize)
    }
}
