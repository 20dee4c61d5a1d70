import Schema

/// Values of types Chunkwise carries as text as TimescaleDB's compressed data holds them.
extension UnmodelledTypeStorage {
    /// Whether TimescaleDB compresses `column` with ARRAY rather than DICTIONARY although Chunkwise
    /// carries it as text: types without a default hash operator class (`money`, `point`, …).
    static func lacksHash(_ column: ColumnDefinition) -> Bool {
        guard column.type == .text, let name = column.catalogType else { return false }
        return ["money", "point", "line", "lseg", "box", "circle", "aclitem", "bit", "varbit"].contains(name)
    }

    /// One value of `column` as PostgreSQL holds it in a tuple or array: a fixed-length type's
    /// binary form (interval, money, timetz, macaddr, macaddr8, oid, point, line, lseg, box, circle
    /// built from their text; another one's text cut or padded to its length),
    /// `bytea`/`inet`/`cidr`/`bit`/`varbit` as varlenas of their binary form; nil for a column that
    /// is not carried as text for one of these types.
    static func datum(_ text: String, column: ColumnDefinition) -> SerializedDatum? {
        guard column.type == .text, let name = column.catalogType else { return nil }
        if let labels = column.enumLabels {
            // The label's OID, by value: a fresh database numbers a new type's labels from 16384
            // on (the type and its array type first), in the order CREATE TYPE lists them.
            let oid = UInt32(16_386 + (labels.firstIndex(of: text) ?? 0))
            return SerializedDatum(bytes: (0..<4).map { UInt8(truncatingIfNeeded: oid >> (8 * $0)) }, alignment: 4)
        }
        if let fixed = fixedLength[name] {
            var bytes = fixedBinary(text, catalogType: name) ?? Array(text.utf8)
            if bytes.count != fixed.length { bytes = Array((bytes + [UInt8](repeating: 0, count: fixed.length)).prefix(fixed.length)) }
            return SerializedDatum(bytes: bytes, alignment: fixed.alignment)
        }
        switch name {
        case "bytea":
            guard let b = UnmodelledTypeOrdering.byteaKey(text) else { return nil }
            return DatumSerialization.varlena(payload: b)
        case _ where RangeStorage.ranges[name] != nil:
            guard let b = RangeStorage.binary(text, catalogType: name) else { return nil }
            return DatumSerialization.varlena(payload: Array(b.dropFirst(4)), typeAlignment: name == "int4range" || name == "daterange" ? 4 : 8)
        case _ where name.hasPrefix("_"):
            // An array: its binary form, short-headered when it fits.
            guard let b = ArrayStorage.binary(text, catalogType: name) else { return nil }
            return DatumSerialization.varlena(payload: Array(b.dropFirst(4)), typeAlignment: ArrayStorage.alignment(catalogType: name) ?? 4)
        case "inet", "cidr":
            guard case .success(let value) = PGNetworkLiteral.parse(text, isCidr: name == "cidr") else { return nil }
            return DatumSerialization.varlena(payload: value.storedBytes)
        case "bit", "varbit":
            // VarBit: the bit count (int32), then the bits packed eight to a byte, first bit highest.
            guard case .success(let bits) = PGBitLiteral.parse(text, varying: true, length: nil) else { return nil }
            var payload = (0..<4).map { UInt8(truncatingIfNeeded: UInt32(bits.count) >> (8 * $0)) }
            for start in stride(from: 0, to: bits.count, by: 8) {
                var byte: UInt8 = 0
                for k in 0..<8 where start + k < bits.count && bits[start + k] { byte |= 0x80 >> UInt8(k) }
                payload.append(byte)
            }
            return DatumSerialization.varlena(payload: payload, typeAlignment: 4)
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
        case "oid":
            guard case .success(let oid) = PGOidLiteral.parse(text) else { return nil }
            return le(UInt64(oid), 4)
        case "macaddr8":
            return try? PGMacaddr8Literal.parse(text).get()
        case _ where PGGeometryLiteral.types.contains(catalogType):
            // Point, LINE, LSEG, BOX, CIRCLE: their float8 fields in order.
            return try? PGGeometryLiteral.parse(text, type: catalogType).get().storedBytes
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
