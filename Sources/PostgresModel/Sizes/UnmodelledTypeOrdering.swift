import Schema
import Storage

/// The order PostgreSQL 15's default btree operator classes give values of types Chunkwise carries
/// as text, as a column the B-tree model can sort by (``BTreeKeys``): `interval` by its span
/// (`interval_cmp_value`: months as 30 days), `money` by its amount, `timetz` by its UTC time then
/// its zone (`timetz_cmp`), `bytea` by its bytes then length, `macaddr` and `macaddr8` by their
/// bytes, `inet` and `cidr` by family, then network, bits and address (close to `network_cmp`), an
/// enum by its labels' sort order. The text's own byte order is kept for other types, and for a
/// column any of whose values does not parse.
enum UnmodelledTypeOrdering {
    static func column(_ definition: ColumnDefinition, values: ColumnVector) -> ColumnVector? {
        guard definition.type == .text, let name = definition.catalogType, case .string(let strings) = values.storage else { return nil }
        guard let key = sortKey(definition, catalogType: name) else { return nil }
        var keys: [String] = []
        keys.reserveCapacity(values.count)
        for i in 0..<values.count {
            if values.isNull(at: i) { keys.append(""); continue }
            guard let k = key(strings[i]) else { return nil }
            // Each byte as the scalar of its value: UTF-8 order of those scalars is the bytes' order.
            keys.append(String(String.UnicodeScalarView(k.map { Unicode.Scalar($0) })))
        }
        return ColumnVector(type: .text, storage: .string(StringColumn(keys)), isNull: (0..<values.count).map(values.isNull(at:)))
    }

    /// The sort key of one value of a column carried as `catalogType`, or nil for a type whose
    /// text order is kept.
    static func sortKey(_ definition: ColumnDefinition, catalogType name: String) -> ((String) -> [UInt8]?)? {
        if let labels = definition.enumLabels {
            // enum_cmp: by the labels' sort order, not their text.
            var position: [String: Int] = [:]
            for (i, l) in labels.enumerated() where position[l] == nil { position[l] = i }
            return { position[$0].map { [UInt8(truncatingIfNeeded: $0 >> 8), UInt8(truncatingIfNeeded: $0)] } }
        }
        switch name {
        case "interval": return { PGInterval(text: $0).flatMap(spanKey) }
        case "money": return moneyKey
        case "timetz": return timetzKey
        case "bytea": return byteaKey
        case "macaddr": return macaddrKey
        case "macaddr8": return { try? PGMacaddr8Literal.parse($0).get() }
        case "inet": return { inetKey($0) }
        case "cidr": return { inetKey($0, cidr: true) }
        default: return nil
        }
    }

    /// A signed 64-bit number as 8 bytes that sort as the numbers do.
    static func orderedBytes(_ v: Int64) -> [UInt8] {
        let u = UInt64(bitPattern: v) ^ (1 << 63)
        return (0..<8).map { UInt8(truncatingIfNeeded: u >> (56 - 8 * $0)) }
    }

    static func spanKey(_ i: PGInterval) -> [UInt8] {
        // 128-bit span as PostgreSQL computes it; pinned to 64 bits (past ±292,000 years).
        let day: Int64 = 86_400_000_000
        let span = (Int64(i.months) * 30 + Int64(i.days)).multipliedReportingOverflow(by: day)
        let total = span.overflow ? nil : span.partialValue.addingReportingOverflow(i.microseconds)
        let pinned = total.map { $0.overflow ? (i.microseconds < 0 ? Int64.min : Int64.max) : $0.partialValue }
            ?? ((Int64(i.months) * 30 + Int64(i.days)) < 0 ? Int64.min : Int64.max)
        return orderedBytes(pinned)
    }

    /// The amount `cash_in` reads (``PGMoneyLiteral``), in cents.
    static func moneyKey(_ text: String) -> [UInt8]? {
        guard case .success(let cents) = PGMoneyLiteral.parse(text) else { return nil }
        return orderedBytes(cents)
    }

    /// The value `timetz_in` reads (``PGTimetzLiteral``): its UTC time first, then its zone
    /// (seconds west), as `timetz_cmp` compares.
    static func timetzKey(_ text: String) -> [UInt8]? {
        guard case .success(let value) = PGTimetzLiteral.parse(text) else { return nil }
        return orderedBytes(value.utcMicroseconds) + orderedBytes(Int64(value.zone))
    }

    /// The bytes of a `bytea` text (`byteain`), which compare as `byteacmp` compares.
    static func byteaKey(_ text: String) -> [UInt8]? {
        try? PGByteaLiteral.parse(text).get()
    }

    /// The six octets `macaddr_in` reads (any of its groupings), which compare as `macaddr_cmp` does.
    static func macaddrKey(_ text: String) -> [UInt8]? {
        try? PGMacaddrLiteral.parse(text).get()
    }

    /// Family (IPv4 first), the network masked to its bits, the bits, then the whole address:
    /// `network_cmp`'s order (a shorter prefix that the other shares sorts first).
    static func inetKey(_ text: String, cidr: Bool = false) -> [UInt8]? {
        guard case .success(let value) = PGNetworkLiteral.parse(text, isCidr: cidr) else { return nil }
        var network = value.address
        for k in 0..<network.count {
            let keep = max(0, min(8, value.bits - 8 * k))
            network[k] &= keep == 8 ? 0xFF : UInt8(truncatingIfNeeded: 0xFF << (8 - keep))
        }
        return [value.family] + network + [UInt8(value.bits)] + value.address
    }
}
