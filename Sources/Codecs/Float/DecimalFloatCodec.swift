/// Doubles that are really decimals become integers: in the spirit of ALP (Afroozeh et al.,
/// SIGMOD 2024), each value v is stored as the integer n = round(v × 10^e) when n / 10^e gives
/// back v bit for bit; the integers then go through the integer codecs (delta, FOR, …).
///
/// ```
/// +-----------+------------------------+-----------------------------------+
/// | e (1)     | exceptions k (varint)  | IntegerStream of n digits          |
/// +-----------+------------------------+-----------------------------------+
/// +--------------------------------------+------------------------------+
/// | IntegerStream of k exception rows    | k × 8 bytes raw IEEE bits    |
/// +--------------------------------------+------------------------------+
/// ```
/// Exception rows (NaN, ±Inf, −0.0, values with more digits than e, |v × 10^e| ≥ 2^53) keep
/// their exact bits; their slot in the digit stream repeats the previous digit so deltas stay
/// small. One exponent per block, chosen to minimize exceptions (smallest e on ties).
enum DecimalFloatCodec {
    static let id: UInt8 = 2
    static let name = "alp"

    /// 10^0 … 10^18, exact in a Double (every power of ten up to 10^22 is).
    static let powers: [Double] = (0...18).map { k in (0..<k).reduce(1.0) { acc, _ in acc * 10 } }
    /// Integers above 2^53 are not all representable, so round-trips stop being meaningful.
    static let limit = 9_007_199_254_740_992.0

    struct Plan {
        var exponent: Int
        var digits: [Int64]
        var exceptionRows: [Int64]
        var exceptionBits: [UInt64]
    }

    @inline(__always)
    static func digits(_ v: Double, _ e: Int) -> Int64? {
        let scaled = (v * powers[e]).rounded()
        guard abs(scaled) < limit else { return nil }
        let n = Int64(scaled)
        return (Double(n) / powers[e]).bitPattern == v.bitPattern ? n : nil
    }

    /// The smallest exponent at which `v` round-trips, or nil.
    static func smallestExponent(_ v: Double) -> Int? {
        for e in 0..<powers.count where digits(v, e) != nil { return e }
        return nil
    }

    static func plan(_ values: [Double]) -> Plan? {
        guard !values.isEmpty else { return Plan(exponent: 0, digits: [], exceptionRows: [], exceptionBits: []) }
        // Candidate exponents from a sample of the block (ALP also samples), then exact counting.
        var histogram = [Int](repeating: 0, count: powers.count)
        let step = max(1, values.count / 32)
        var sampled = 0
        for i in stride(from: 0, to: values.count, by: step) {
            if let e = smallestExponent(values[i]) { histogram[e] += 1 }
            sampled += 1
        }
        guard histogram.contains(where: { $0 > 0 }) else { return nil }
        // The smallest exponent that covers most sampled values: a value with e digits also
        // round-trips at larger exponents almost always.
        var covered = 0
        var exponent = powers.count - 1
        let total = histogram.reduce(0, +)
        for e in 0..<powers.count {
            covered += histogram[e]
            if covered * 10 >= total * 9 { exponent = e; break }
        }
        var digits = [Int64](repeating: 0, count: values.count)
        var rows: [Int64] = []
        var bits: [UInt64] = []
        var last: Int64 = 0
        for i in 0..<values.count {
            if let n = Self.digits(values[i], exponent) {
                digits[i] = n
                last = n
            } else {
                digits[i] = last
                rows.append(Int64(i))
                bits.append(values[i].bitPattern)
                // More than a quarter exceptions: the block is not decimal.
                if rows.count * 4 > values.count { return nil }
            }
        }
        return Plan(exponent: exponent, digits: digits, exceptionRows: rows, exceptionBits: bits)
    }

    static func analyze(_ plan: Plan, allowed: (IntegerCodecID) -> Bool) -> Int {
        var analysis = IntegerAnalysis(plan.digits)
        let k = plan.exceptionRows.count
        var size = 1 + ByteWriter.varintSize(UInt64(k)) + 1 + IntegerStream.choose(&analysis, allowed: allowed).1
        if k > 0 { size += IntegerStream.size(plan.exceptionRows) + k * 8 }
        return size
    }

    static func encode(_ plan: Plan, into writer: inout ByteWriter, allowed: (IntegerCodecID) -> Bool) -> IntegerCodecID {
        writer.append(UInt8(plan.exponent))
        writer.appendVarint(UInt64(plan.exceptionRows.count))
        let id = IntegerStream.write(plan.digits, into: &writer, allowed: allowed)
        if !plan.exceptionRows.isEmpty {
            IntegerStream.write(plan.exceptionRows, into: &writer)
            for b in plan.exceptionBits { writer.appendUInt64(b) }
        }
        return id
    }

    static func decode(_ reader: inout ByteReader, count: Int) throws(CodecError) -> [Double] {
        let start = reader.offset
        let e = Int(try reader.readByte())
        guard e < powers.count else { throw .corrupt(offset: start, reason: "decimal exponent \(e) out of range") }
        let k = try reader.readCount(limit: count)
        let digits = try IntegerStream.read(&reader, count: count)
        let scale = powers[e]
        var out = digits.map { Double($0) / scale }
        if k > 0 {
            let rows = try IntegerStream.read(&reader, count: k)
            try reader.require(k * 8)
            for r in rows {
                guard r >= 0, r < Int64(count) else { throw .corrupt(offset: start, reason: "exception row \(r) out of range") }
                out[Int(r)] = Double(bitPattern: try reader.readUInt64())
            }
        }
        return out
    }
}
