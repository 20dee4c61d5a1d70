import Schema

/// TimescaleDB's UUID algorithm (2.22+, default from 2.23; `algorithms/uuid_compress.c`): a
/// 16-byte header, a DELTADELTA datum of each UUID's first 8 bytes read big-endian (UUIDv7's
/// timestamp, version and rand_a), then the other 8 bytes of every non-NULL value raw.
///
/// At finish it estimates a dictionary's size from a HyperLogLog cardinality (8-bit HLL, error
/// rate 0.065, HLL not used at 20 values or fewer):
/// `card·(1−0.065)·16 + 16 + ((int)(card·(1−0.065))·5 + 63)/64·8 + nulls` and, when its own size is
/// larger, builds the DICTIONARY and keeps whichever datum is smaller. Chunkwise uses the exact
/// distinct count where TimescaleDB uses the HLL estimate (an approximation: HLL may over- or
/// under-estimate by a few percent, which only matters near the break-even point).
struct UUIDEncoder: Sendable {
    static let algorithmID: UInt8 = 7
    private var timestamps = DeltaDeltaEncoder()
    private var dictionary: DictionaryEncoder
    private var values = 0
    private var seen = Set<PGUUID>()

    init(elementTypeOid: UInt32) { dictionary = DictionaryEncoder(elementTypeOid: elementTypeOid) }

    mutating func append(_ u: PGUUID) {
        timestamps.append(Int64(bitPattern: u.high))
        dictionary.append(SerializedDatum(bytes: u.bytes, alignment: 1))
        seen.insert(u)
        values += 1
    }

    mutating func appendNull() {
        timestamps.appendNull()
        dictionary.appendNull()
    }

    mutating func finish() -> (algorithm: UInt8, size: Int, bytes: [UInt8]?)? {
        guard values > 0, let dd = timestamps.finishWithNullsSize() else { return nil }
        let own = 16 + dd.datum.count + 8 * values
        var cardinality = Double(values)
        if cardinality > 20 { cardinality = Double(seen.count) * (1.0 - 0.065) }
        let indexBytes = (Int(cardinality) * 5 + 63) / 64 * 8
        let estimate = cardinality * 16 + 16 + Double(indexBytes) + Double(dd.nullsSize)
        if Double(own) > estimate, let d = dictionary.finish(), d.bytes.count < own {
            return (d.algorithm, d.bytes.count, d.bytes)
        }
        return (Self.algorithmID, own, nil)
    }
}
