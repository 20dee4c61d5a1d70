import Codecs
import Schema
import Storage

/// PostgreSQL 15's array values (`utils/array.h` `ArrayType`), sized from their text: a 16-byte
/// header (varlena length, `ndim`, `dataoffset`, element type), a length and a lower bound per
/// dimension, a NULL bitmap when an element is NULL (the header then MAXALIGNed with it), and the
/// elements, each padded to the element type's alignment (`construct_md_array`); varlena elements
/// keep 4-byte headers. Measured against `pg_column_size` on the server: `'{1,2,3}'::int4[]` 36
/// bytes, `'{1,NULL,3}'::int4[]` 40, `'{a,bc}'::text[]` 40, `'{}'::int4[]` 16.
enum ArrayStorage {
    /// `typlen` (-1 for varlena), `typalign` and OID of the element types built here.
    static let elements: [String: (length: Int, alignment: Int, oid: UInt32)] = [
        "bool": (1, 1, 16), "char": (1, 1, 18), "int2": (2, 2, 21), "int4": (4, 4, 23), "oid": (4, 4, 26),
        "float4": (4, 4, 700), "date": (4, 4, 1082), "int8": (8, 8, 20), "float8": (8, 8, 701),
        "timestamp": (8, 8, 1114), "timestamptz": (8, 8, 1184), "time": (8, 8, 1083), "money": (8, 8, 790),
        "interval": (16, 8, 1186), "timetz": (12, 8, 1266), "uuid": (16, 1, 2950), "macaddr": (6, 4, 829),
        "text": (-1, 4, 25), "varchar": (-1, 4, 1043), "bpchar": (-1, 4, 1042), "numeric": (-1, 4, 1700), "bytea": (-1, 4, 17),
    ]

    /// The array's size in memory (4-byte header included) for the text of a value of array type
    /// `catalogType` (`_int4`, `_text`, …), or nil when its element type is not one built here or
    /// the text is not an array literal of it.
    static func size(_ text: String, catalogType: String) -> Int? {
        binary(text, catalogType: catalogType)?.count
    }

    /// The array as PostgreSQL holds it in memory (4-byte varlena header first), or nil (see ``size``).
    static func binary(_ text: String, catalogType: String) -> [UInt8]? {
        guard catalogType.hasPrefix("_"), let element = PostgresBuiltinCatalog.shared.types[catalogType]?.element,
              let form = elements[element], case .success(let literal) = PGArrayLiteral.parse(text) else { return nil }
        var data: [UInt8] = []
        var bitmap = [UInt8](repeating: 0, count: (literal.elements.count + 7) / 8)
        for (i, value) in literal.elements.enumerated() {
            guard let value else { continue }
            bitmap[i / 8] |= 1 << UInt8(i % 8)
            guard let bytes = elementBytes(value, element: element, length: form.length) else { return nil }
            data += bytes
            data += [UInt8](repeating: 0, count: alignUp(data.count, form.alignment) - data.count)
        }
        let hasNulls = literal.elements.contains { $0 == nil }
        let dimensions = literal.elements.isEmpty ? [] : literal.lengths
        var header = ByteWriter()
        let fixedPart = 16 + 8 * dimensions.count + (hasNulls ? bitmap.count : 0)
        let offset = maxAlign(fixedPart)
        header.u32(UInt32(truncatingIfNeeded: offset + data.count) << 2)
        header.u32(UInt32(dimensions.count))
        header.u32(hasNulls ? UInt32(offset) : UInt32(0))
        header.u32(form.oid)
        for d in dimensions { header.u32(UInt32(truncatingIfNeeded: d)) }
        for _ in dimensions { header.u32(1) }
        var out = header.bytes
        if hasNulls { out += bitmap }
        out += [UInt8](repeating: 0, count: offset - out.count)
        return out + data
    }

    /// One element as `construct_md_array` lays it down: fixed-length types by value, varlenas
    /// with their 4-byte header.
    static func elementBytes(_ text: String, element: String, length: Int) -> [UInt8]? {
        func varlena(_ payload: [UInt8]) -> [UInt8] { ByteWriter.varlenaHeader(totalSize: 4 + payload.count) + payload }
        switch element {
        case "text", "varchar", "bpchar": return varlena(Array(text.utf8))
        case "bytea": return UnmodelledTypeOrdering.byteaKey(text).map(varlena)
        case "inet", "cidr":
            guard case .success(let value) = PGNetworkLiteral.parse(text, isCidr: element == "cidr") else { return nil }
            return varlena(value.storedBytes)
        case "numeric":
            switch try? NumericValue.parse(text) {
            case .narrow(let n)?: return varlena(DatumSerialization.numericPayload(unscaled: n.unscaled, scale: n.scale))
            case .wide(let w)?: return varlena(DatumSerialization.numericPayload(w))
            case nil: return nil
            }
        case "interval", "timetz", "money", "macaddr":
            return UnmodelledTypeStorage.fixedBinary(text, catalogType: element)
        case "char": return [text.utf8.first ?? 0]
        case "oid":
            guard let v = UInt32(text.trimmingCharacters(in: .whitespaces)) else { return nil }
            var w = ByteWriter(); w.u32(v); return w.bytes
        default:
            guard let type = PGType(sql: element == "timestamp" ? "timestamp without time zone" : element),
                  let value = try? Value.parse(text, as: type) else { return nil }
            var column = ColumnVector(type: type)
            guard column.append(value) else { return nil }
            let bytes = DatumSerialization.serialize(column, at: 0).bytes
            return bytes.count == length ? bytes : nil
        }
    }

    /// The alignment of an array type's values when not short-headered: its element's, at least `int`.
    static func alignment(catalogType: String) -> Int? {
        guard let element = PostgresBuiltinCatalog.shared.types[catalogType]?.element, let form = elements[element] else { return nil }
        return max(4, form.alignment)
    }

    static func maxAlign(_ n: Int) -> Int { alignUp(n, 8) }
    static func alignUp(_ n: Int, _ a: Int) -> Int { (n + a - 1) / a * a }
}
