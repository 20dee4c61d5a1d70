import Codecs
import Schema
import Storage

/// One value as TimescaleDB's `datum_to_bytes_and_advance` writes it into array and dictionary
/// data: varlenas that fit get a 1-byte short header and no alignment; others keep the 4-byte
/// header and are aligned to their type.
struct SerializedDatum: Sendable, Hashable {
    var bytes: [UInt8]
    /// Alignment applied before the value (1 = none).
    var alignment: Int
}

enum DatumSerialization {
    /// A varlena payload as a short (1-byte header) datum when it fits in 126 bytes of payload
    /// (PostgreSQL VARATT_CAN_MAKE_SHORT), else with a 4-byte header aligned to `typeAlignment`.
    static func varlena(payload: [UInt8], typeAlignment: Int = 4) -> SerializedDatum {
        if payload.count + 1 <= 127 {
            // Short header on little-endian: (len << 1) | 1.
            return SerializedDatum(bytes: [UInt8((payload.count + 1) << 1 | 1)] + payload, alignment: 1)
        }
        var w = ByteWriter()
        w.append(ByteWriter.varlenaHeader(totalSize: payload.count + 4))
        w.append(payload)
        return SerializedDatum(bytes: w.bytes, alignment: typeAlignment)
    }

    /// PostgreSQL's on-disk NUMERIC payload (without the varlena header): the short format's
    /// uint16 header (sign, dscale << 7, 7-bit weight) followed by base-10000 digits with leading
    /// and trailing zero digits stripped (`make_result`), as PostgreSQL 15 numeric.c stores them.
    /// NaN, Infinity and -Infinity are the special header alone: 0xC000, 0xD000, 0xF000.
    static func numericPayload(unscaled: Int64, scale: Int) -> [UInt8] {
        if let special = PGNumeric.special(scale: scale) {
            var w = ByteWriter()
            switch special {
            case .nan: w.u16(0xC000)
            case .infinity: w.u16(0xD000)
            case .negativeInfinity: w.u16(0xF000)
            }
            return w.bytes
        }
        let negative = unscaled < 0
        let dscale = max(0, scale)
        // Align the value to base-10000 digits: pad the scale up to a multiple of 4.
        let fracGroups = (dscale + 3) / 4
        var magnitude = unscaled.magnitude
        var padded = true
        for _ in 0..<(fracGroups * 4 - dscale) {
            let (m, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            if overflow { padded = false; break }
            magnitude = m
        }
        guard padded else {
            // 18 digits padded past UInt64: group them from the decimal digits instead.
            let (groups, weight) = NumericValue.baseTenThousandGroups(digits: NumericValue.digits(of: unscaled), scale: dscale)
            return numericPayload(negative: negative, dscale: dscale, weight: weight, groups: groups)
        }
        var groups: [Int] = []  // least significant first
        while magnitude > 0 {
            groups.append(Int(magnitude % 10000))
            magnitude /= 10000
        }
        while groups.count < fracGroups { groups.append(0) }
        groups.reverse()
        let intGroups = groups.count - fracGroups
        var weight = intGroups - 1
        var start = 0
        while start < groups.count && groups[start] == 0 { start += 1; weight -= 1 }
        var end = groups.count
        while end > start && groups[end - 1] == 0 { end -= 1 }
        return numericPayload(negative: negative, dscale: dscale, weight: weight, groups: groups[start..<end].map { UInt16($0) })
    }

    /// The payload of a wide NUMERIC (more than 18 digits).
    static func numericPayload(_ value: PGWideNumeric) -> [UInt8] {
        let (groups, weight) = value.baseTenThousandGroups
        return numericPayload(negative: value.isNegative, dscale: value.scale, weight: weight, groups: groups)
    }

    /// The header and digits of a finite NUMERIC: the short format when the display scale is ≤ 63
    /// and the weight fits −64…63, the long format otherwise; zero is the short header alone.
    static func numericPayload(negative: Bool, dscale: Int, weight: Int, groups: [UInt16]) -> [UInt8] {
        var w = ByteWriter()
        if groups.isEmpty {
            w.u16(UInt16(0x8000 | ((dscale << 7) & 0x1F80)))
            return w.bytes
        }
        if dscale <= 63 && weight >= -64 && weight <= 63 {
            var header = 0x8000 | (negative ? 0x2000 : 0) | ((dscale << 7) & 0x1F80)
            header |= (weight < 0 ? 0x40 : 0) | (weight & 0x3F)
            w.u16(UInt16(header))
        } else {
            // Long format: uint16 sign|dscale, int16 weight.
            w.u16(UInt16((negative ? 0x4000 : 0) | (dscale & 0x3FFF)))
            w.u16(UInt16(bitPattern: Int16(truncatingIfNeeded: weight)))
        }
        for d in groups { w.u16(d) }
        return w.bytes
    }

    /// The serialized form of one non-NULL value of a column vector.
    static func serialize(_ column: ColumnVector, at i: Int) -> SerializedDatum {
        switch column.storage {
        case .numeric(let u, let s):
            return varlena(payload: numericPayload(unscaled: u[i], scale: Int(s[i])))
        case .wideNumeric(let a):
            switch a[i] {
            case .narrow(let n): return varlena(payload: numericPayload(unscaled: n.unscaled, scale: n.scale))
            case .wide(let w): return varlena(payload: numericPayload(w))
            }
        case .string(let a):
            if column.type == .jsonb { return varlena(payload: jsonbPayload(a[i])) }
            return varlena(payload: Array(a[i].utf8))
        case .uuid(let a):
            return SerializedDatum(bytes: a[i].bytes, alignment: 1)
        case .bool(let a):
            return SerializedDatum(bytes: [a[i] ? 1 : 0], alignment: 1)
        case .int64(let a):
            let width = column.type.typlen > 0 ? column.type.typlen : 8
            var w = ByteWriter(); w.u64(UInt64(bitPattern: a[i]))
            return SerializedDatum(bytes: Array(w.bytes.prefix(width)), alignment: width)
        case .double(let a):
            var w = ByteWriter()
            if column.type == .float4 { w.u32(Float(a[i]).bitPattern) } else { w.u64(a[i].bitPattern) }
            return SerializedDatum(bytes: w.bytes, alignment: w.bytes.count)
        case .time(let a):
            let width = column.type.typlen > 0 ? column.type.typlen : 8
            var w = ByteWriter(); w.u64(UInt64(bitPattern: a[i]))
            return SerializedDatum(bytes: Array(w.bytes.prefix(width)), alignment: width)
        }
    }

    /// A jsonb value's binary form (``JsonbBinary``): TimescaleDB's array and dictionary
    /// compressors copy the datum's stored bytes (datum_serialize.c `datum_to_bytes_and_advance`),
    /// not its text.
    static func jsonbPayload(_ text: String) -> [UInt8] {
        JsonbBinary.encode(canonical: text)
    }
}
