/// Exact NUMERIC as scaled integers with one common scale per block, then the integer codecs.
///
/// ```
/// mode 0, every value has the same scale s:
/// +----------+--------------+-------------------------------------+
/// | 0 (1)    | s (varint)   | IntegerStream of unscaled values     |
/// +----------+--------------+-------------------------------------+
/// mode 1, scales differ; values rescaled to the largest scale S (exact, no overflow):
/// +----------+--------------+--------------------------+----------------------------------------+
/// | 1 (1)    | S (varint)   | IntegerStream of scales  | IntegerStream of unscaled × 10^(S − s) |
/// +----------+--------------+--------------------------+----------------------------------------+
/// mode 2, rescaling would overflow Int64: scales and unscaled values as given
/// +----------+--------------------------+----------------------------------+
/// | 2 (1)    | IntegerStream of scales  | IntegerStream of unscaled values |
/// +----------+--------------------------+----------------------------------+
/// ```
/// Rescaling keeps deltas meaningful when an unconstrained NUMERIC mixes 84.2 and 84.25; the
/// per-value scale is still stored because PostgreSQL prints the scale it was given.
/// No floating point anywhere: the value is unscaled × 10^−scale, digit for digit.
/// NaN and ±Infinity arrive as negative sentinel scales (`PGNumeric.Special`) with unscaled 0; a
/// block holding any takes mode 2, which stores every scale as given, so they round-trip exactly.
enum ScaledDecimalCodec {
    static let id: UInt8 = 0
    static let name = "scaled-decimal"

    /// Powers of ten that fit in Int64 (10^0 … 10^18).
    static let powersOfTen: [Int64] = (0...18).reduce(into: []) { acc, k in acc.append(k == 0 ? 1 : acc[k - 1] * 10) }

    struct Plan {
        var mode: UInt8
        var commonScale: Int
        var unscaled: [Int64]
        var scales: [Int64]
    }

    static func plan(unscaled: [Int64], scales: [Int16]) -> Plan {
        let first = scales.first ?? 0
        if first >= 0, scales.allSatisfy({ $0 == first }) {
            return Plan(mode: 0, commonScale: Int(first), unscaled: unscaled, scales: [])
        }
        let target = Int(scales.max() ?? 0)
        var rescaled = unscaled
        var exact = scales.allSatisfy { $0 >= 0 }
        if exact {
            for i in 0..<unscaled.count {
                let k = target - Int(scales[i])
                guard k < powersOfTen.count else { exact = false; break }
                let (p, o) = unscaled[i].multipliedReportingOverflow(by: powersOfTen[k])
                if o { exact = false; break }
                rescaled[i] = p
            }
        }
        let s = scales.map { Int64($0) }
        return exact ? Plan(mode: 1, commonScale: target, unscaled: rescaled, scales: s)
                     : Plan(mode: 2, commonScale: 0, unscaled: unscaled, scales: s)
    }

    /// Integer codec used for the unscaled values (for the codec's display name).
    static func analyze(_ plan: Plan, allowed: (IntegerCodecID) -> Bool) -> (size: Int, valueCodec: IntegerCodecID) {
        var analysis = IntegerAnalysis(plan.unscaled)
        let (id, size) = IntegerStream.choose(&analysis, allowed: allowed)
        var total = 1 + 1 + size
        switch plan.mode {
        case 0: total += ByteWriter.varintSize(UInt64(plan.commonScale))
        case 1: total += ByteWriter.varintSize(UInt64(plan.commonScale)) + IntegerStream.size(plan.scales)
        default: total += IntegerStream.size(plan.scales)
        }
        return (total, id)
    }

    static func encode(_ plan: Plan, into writer: inout ByteWriter, allowed: (IntegerCodecID) -> Bool) -> IntegerCodecID {
        writer.append(plan.mode)
        if plan.mode != 2 { writer.appendVarint(UInt64(plan.commonScale)) }
        if plan.mode != 0 { IntegerStream.write(plan.scales, into: &writer) }
        return IntegerStream.write(plan.unscaled, into: &writer, allowed: allowed)
    }

    static func decode(_ reader: inout ByteReader, count: Int) throws(CodecError) -> (unscaled: [Int64], scales: [Int16]) {
        let start = reader.offset
        let mode = try reader.readByte()
        switch mode {
        case 0:
            let scale = try reader.readCount(limit: Int(Int16.max))
            let unscaled = try IntegerStream.read(&reader, count: count)
            return (unscaled, [Int16](repeating: Int16(scale), count: count))
        case 1:
            let target = try reader.readCount(limit: Int(Int16.max))
            let scales = try checkedScales(try IntegerStream.read(&reader, count: count), at: start)
            var unscaled = try IntegerStream.read(&reader, count: count)
            for i in 0..<count {
                let k = target - Int(scales[i])
                guard k >= 0, k < powersOfTen.count else {
                    throw .corrupt(offset: start, reason: "scale \(scales[i]) incompatible with common scale \(target)")
                }
                unscaled[i] /= powersOfTen[k]
            }
            return (unscaled, scales)
        case 2:
            let scales = try checkedScales(try IntegerStream.read(&reader, count: count), at: start)
            let unscaled = try IntegerStream.read(&reader, count: count)
            return (unscaled, scales)
        default:
            throw .corrupt(offset: start, reason: "unknown decimal mode \(mode)")
        }
    }

    static func checkedScales(_ raw: [Int64], at offset: Int) throws(CodecError) -> [Int16] {
        var out: [Int16] = []
        out.reserveCapacity(raw.count)
        for s in raw {
            guard let v = Int16(exactly: s) else { throw .corrupt(offset: offset, reason: "scale \(s) out of range") }
            out.append(v)
        }
        return out
    }
}
