import Schema

/// How PostgreSQL 15 stores values of the built-in types Chunkwise carries as text (a column whose
/// ``ColumnDefinition/catalogType`` names a type ``PGType`` does not model): the fixed-length ones
/// at their `pg_type.typlen` and `typalign`, whatever their text (enum labels as their 4-byte
/// OIDs); `bytea`, `inet`, `cidr`, `bit`, `varbit`, built-in ranges and arrays of common element
/// types at the size of their binary form. Other types keep their text's size, an approximation.
public enum UnmodelledTypeStorage {
    /// `typlen` and `typalign` (bytes) of PostgreSQL 15's fixed-length base types that ``PGType``
    /// does not model, as `pg_type` lists them on the server.
    static let fixedLength: [String: (length: Int, alignment: Int)] = [
        "interval": (16, 8), "timetz": (12, 8), "money": (8, 8), "pg_lsn": (8, 8), "xid8": (8, 8),
        "point": (16, 8), "line": (24, 8), "lseg": (32, 8), "box": (32, 8), "circle": (24, 8),
        "macaddr": (6, 4), "macaddr8": (8, 4), "oid": (4, 4), "xid": (4, 4), "cid": (4, 4),
        "regclass": (4, 4), "regtype": (4, 4), "regproc": (4, 4), "regprocedure": (4, 4), "regoper": (4, 4),
        "regoperator": (4, 4), "regconfig": (4, 4), "regdictionary": (4, 4), "regnamespace": (4, 4),
        "regrole": (4, 4), "regcollation": (4, 4), "aclitem": (12, 4), "tid": (6, 2), "char": (1, 1), "name": (64, 1),
    ]

    /// The fixed length and alignment of `column`'s values, when it is carried as text for a
    /// fixed-length type.
    public static func fixed(_ column: ColumnDefinition) -> (length: Int, alignment: Int)? {
        guard column.type == .text, let name = column.catalogType else { return nil }
        // An enum value is its label's pg_enum OID (typlen 4, typalign 'i').
        if column.enumLabels != nil { return (4, 4) }
        return fixedLength[name]
    }

    /// The bytes after the 4-byte varlena header of `text`'s binary form in a column of
    /// `catalogType`, or nil when that type is not one whose form is computed here (or the text is
    /// not its input syntax).
    static func payloadSize(_ text: String, catalogType: String) -> Int? {
        switch catalogType {
        case "bytea": return byteaLength(text)
        case "bit", "varbit":
            // VarBit: the bit count, then the bits packed eight to a byte.
            guard case .success(let bits) = PGBitLiteral.parse(text, varying: true, length: nil) else { return nil }
            return PGBitLiteral.payloadSize(bitCount: bits.count)
        case "inet", "cidr":
            // inet_struct: family and bits bytes, then 4 (IPv4) or 16 (IPv6) address bytes.
            guard case .success(let value) = PGNetworkLiteral.parse(text, isCidr: catalogType == "cidr") else { return nil }
            return value.storedBytes.count
        default:
            // Arrays of the element types ``ArrayStorage`` sizes, built-in ranges: their binary form.
            if let range = RangeStorage.binary(text, catalogType: catalogType) { return range.count - 4 }
            return ArrayStorage.size(text, catalogType: catalogType).map { $0 - 4 }
        }
    }

    /// `byteain`'s output length (hex `\x…` or escape format), or nil when the text is neither.
    static func byteaLength(_ text: String) -> Int? {
        UnmodelledTypeOrdering.byteaKey(text)?.count
    }
}
