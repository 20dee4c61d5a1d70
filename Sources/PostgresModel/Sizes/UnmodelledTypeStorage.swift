import Schema

/// How PostgreSQL 15 stores values of the built-in types Chunkwise carries as text (a column whose
/// ``ColumnDefinition/catalogType`` names a type ``PGType`` does not model): the fixed-length ones
/// at their `pg_type.typlen` and `typalign`, whatever their text; `bytea`, `inet` and `cidr` at the
/// size of their binary form. Other types keep their text's size, an approximation.
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
        return fixedLength[name]
    }

    /// The bytes after the 4-byte varlena header of `text`'s binary form in a column of
    /// `catalogType`, or nil when that type is not one whose form is computed here (or the text is
    /// not its input syntax).
    static func payloadSize(_ text: String, catalogType: String) -> Int? {
        switch catalogType {
        case "bytea": return byteaLength(text)
        case "inet", "cidr":
            // inet_struct: family and bits bytes, then 4 (IPv4) or 16 (IPv6) address bytes.
            guard UnmodelledTypeInput.isAddress(text) else { return nil }
            return 2 + (text.contains(":") ? 16 : 4)
        default: return nil
        }
    }

    /// `byteain`'s output length: `\x` then two hex digits a byte (whitespace between pairs
    /// allowed), or the escape format (`\\` and `\ooo` one byte each, any other byte itself).
    static func byteaLength(_ text: String) -> Int? {
        let b = Array(text.utf8)
        if b.count >= 2, b[0] == UInt8(ascii: "\\"), b[1] == UInt8(ascii: "x") {
            let digits = b[2...].filter { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
            guard digits.count % 2 == 0, digits.allSatisfy({ Character(UnicodeScalar($0)).isHexDigit }) else { return nil }
            return digits.count / 2
        }
        var n = 0, i = 0
        while i < b.count {
            if b[i] != UInt8(ascii: "\\") { n += 1; i += 1; continue }
            if i + 1 < b.count, b[i + 1] == UInt8(ascii: "\\") { n += 1; i += 2; continue }
            guard i + 3 < b.count, (b[(i + 1)...(i + 3)]).allSatisfy({ $0 >= 0x30 && $0 <= 0x37 }), b[i + 1] <= 0x33 else { return nil }
            n += 1
            i += 4
        }
        return n
    }
}

extension UnmodelledTypeStorage {
    /// Whether TimescaleDB compresses `column` with ARRAY rather than DICTIONARY although Chunkwise
    /// carries it as text: types without a default hash operator class (`money`, `point`, …).
    static func lacksHash(_ column: ColumnDefinition) -> Bool {
        guard column.type == .text, let name = column.catalogType else { return false }
        return ["money", "point", "line", "lseg", "box", "circle", "aclitem"].contains(name)
    }

    /// One value of `column` as PostgreSQL holds it in a tuple or array: a fixed-length type's
    /// binary form (interval, money, timetz, macaddr built from their text; another one's text cut
    /// or padded to its length), `bytea`/`inet`/`cidr` as varlenas of their binary form; nil for a
    /// column that is not carried as text for one of these types.
    static func datum(_ text: String, column: ColumnDefinition) -> SerializedDatum? {
        guard column.type == .text, let name = column.catalogType else { return nil }
        if let fixed = fixedLength[name] {
            var bytes = fixedBinary(text, catalogType: name) ?? Array(text.utf8)
            if bytes.count != fixed.length { bytes = Array((bytes + [UInt8](repeating: 0, count: fixed.length)).prefix(fixed.length)) }
            return SerializedDatum(bytes: bytes, alignment: fixed.alignment)
        }
        switch name {
        case "bytea":
            guard let b = UnmodelledTypeOrdering.byteaKey(text) else { return nil }
            return DatumSerialization.varlena(payload: b)
        case "inet", "cidr":
            guard let key = UnmodelledTypeOrdering.inetKey(text) else { return nil }
            // family, bits, address (inet_struct), from the ordering key's parts.
            let address = Array(key.suffix(key[0] == 2 ? 4 : 16))
            return DatumSerialization.varlena(payload: [key[0], key[key.count - address.count - 1]] + address)
        default: return nil
        }
    }

    /// Little-endian binary forms of the fixed-length types whose text Chunkwise can read.
    static func fixedBinary(_ text: String, catalogType: String) -> [UInt8]? {
        func le(_ v: UInt64, _ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        switch catalogType {
        case "interval":
            // Interval: time (int64 µs), day (int32), month (int32).
            guard let i = PGInterval(text: text) else { return nil }
            return le(UInt64(bitPattern: i.microseconds), 8) + le(UInt64(UInt32(bitPattern: i.days)), 4) + le(UInt64(UInt32(bitPattern: i.months)), 4)
        case "money", "timetz", "macaddr":
            // The ordering keys hold the same numbers big-endian (sign bit flipped).
            let key: [UInt8]?
            switch catalogType {
            case "money": key = UnmodelledTypeOrdering.moneyKey(text)
            case "timetz": key = UnmodelledTypeOrdering.timetzKey(text)
            default: return UnmodelledTypeOrdering.macaddrKey(text)
            }
            guard let key else { return nil }
            func number(_ at: Int) -> UInt64 { key[at..<at + 8].reduce(0) { $0 << 8 | UInt64($1) } ^ (1 << 63) }
            if catalogType == "money" { return le(number(0), 8) }
            // TimeTzADT: time (int64 µs, local) and zone (int32 seconds west).
            let zone = Int64(bitPattern: number(8))
            let local = Int64(bitPattern: number(0)) &- zone &* 1_000_000
            return le(UInt64(bitPattern: local), 8) + le(UInt64(UInt32(truncatingIfNeeded: zone)), 4)
        default: return nil
        }
    }
}
