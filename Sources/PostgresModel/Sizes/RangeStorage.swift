import Codecs
import Schema
import Storage

/// PostgreSQL 15's built-in range values (`rangetypes.c` `range_serialize`), built from their text:
/// the varlena header, the range type's OID, each finite bound aligned to the subtype (a numeric
/// bound short-headered), and a flags byte last; an empty range is the header, the OID and the
/// flags. Discrete ranges (int4, int8, date) are canonicalised first, so `[5,5)` or `(1,2)` is
/// empty. Measured with `pg_column_size` on the server: `'[2024-01-01,2024-02-01)'::tstzrange` 25
/// bytes, `'[1,10)'::int4range` 17, `'[1.5,2.25]'::numrange` 23, `'empty'::int4range` 9, `'[1,)'` 13.
enum RangeStorage {
    /// Range type → subtype, OID.
    static let ranges: [String: (subtype: String, oid: UInt32)] = [
        "int4range": ("int4", 3904), "int8range": ("int8", 3926), "numrange": ("numeric", 3906),
        "tsrange": ("timestamp", 3908), "tstzrange": ("timestamptz", 3910), "daterange": ("date", 3912),
    ]

    /// The range as PostgreSQL holds it in memory (4-byte header first), or nil when `catalogType`
    /// is not a built-in range or the text is not one of its values.
    static func binary(_ text: String, catalogType: String) -> [UInt8]? {
        guard let range = ranges[catalogType], case .success(let literal) = PGRangeLiteral.parse(text) else { return nil }
        var flags: UInt8 = 0
        var bounds: [[UInt8]] = []
        var alignments: [Int] = []
        if literal.isEmpty {
            flags = 0x01
        } else {
            var lowerInclusive = literal.lowerInclusive, upperInclusive = literal.upperInclusive
            let type = subtypeType(range.subtype)
            var lo: Value?, hi: Value?
            if let l = literal.lower { guard let v = try? Value.parse(l, as: type) else { return nil }; lo = v }
            if let u = literal.upper { guard let v = try? Value.parse(u, as: type) else { return nil }; hi = v }
            // Discrete subtypes: [a, b) after canonicalisation (range_canonical).
            if ["int4", "int8", "date"].contains(range.subtype) {
                if case .int(let v)? = lo, !lowerInclusive { lo = .int(v &+ 1); lowerInclusive = true }
                if case .date(let v)? = lo, !lowerInclusive { lo = .date(v &+ 1); lowerInclusive = true }
                if case .int(let v)? = hi, upperInclusive { hi = .int(v &+ 1); upperInclusive = false }
                if case .date(let v)? = hi, upperInclusive { hi = .date(v &+ 1); upperInclusive = false }
            }
            if let l = lo, let h = hi {
                let order = ValueOrdering.compare(l, h)
                if order > 0 { return nil }  // range lower bound must be less than or equal to range upper bound
                if order == 0 && !(lowerInclusive && upperInclusive) { flags = 0x01 }
            }
            if flags == 0 {
                if lowerInclusive && lo != nil { flags |= 0x02 }
                if upperInclusive && hi != nil { flags |= 0x04 }
                if lo == nil { flags |= 0x08 }
                if hi == nil { flags |= 0x10 }
                for v in [lo, hi] {
                    guard let v else { continue }
                    guard let (bytes, alignment) = boundBytes(v, type: type) else { return nil }
                    bounds.append(bytes)
                    alignments.append(alignment)
                }
            }
        }
        var data: [UInt8] = []
        for (b, a) in zip(bounds, alignments) {
            // Bounds follow the 8-byte header, aligned as datum_write aligns them.
            data += [UInt8](repeating: 0, count: (8 + data.count + a - 1) / a * a - (8 + data.count))
            data += b
        }
        var w = ByteWriter()
        w.u32(UInt32(truncatingIfNeeded: 8 + data.count + 1) << 2)
        w.u32(range.oid)
        return w.bytes + data + [flags]
    }

    static func subtypeType(_ subtype: String) -> PGType {
        switch subtype {
        case "int4": return .int4
        case "int8": return .int8
        case "numeric": return .numeric(precision: nil, scale: nil)
        case "timestamp": return .timestamp
        case "date": return .date
        default: return .timestamptz
        }
    }

    /// A bound's bytes and alignment: fixed-length subtypes by value, numeric with a short header.
    static func boundBytes(_ v: Value, type: PGType) -> ([UInt8], Int)? {
        var column = ColumnVector(type: type)
        guard column.append(v) else { return nil }
        let d = DatumSerialization.serialize(column, at: 0)
        return (d.bytes, d.alignment)
    }
}
