/// The output functions of carried types whose input Chunkwise reads (``UnmodelledTypeInput``):
/// a value is stored as the text it was given, and printed as PostgreSQL prints the value it
/// stands for (`10.1/16` in a `cidr` column prints `10.1.0.0/16`, escape-format bytea prints hex,
/// `1h30m` in an `interval` column prints `01:30:00`, `1234.5` in a `money` column `$1,234.50`).
public enum UnmodelledTypeOutput {
    /// The carried types ``text(_:catalogType:)`` prints.
    public static let types: Set<String> = ["inet", "cidr", "bytea", "macaddr", "interval", "money", "oid", "bit", "varbit", "macaddr8",
                                            "timetz", "point", "line", "lseg", "box", "circle"]

    /// `text` (a stored value of `catalogType`) as the type's output function prints it; nil for a
    /// type whose values print as stored, or a text its input would refuse.
    public static func text(_ text: String, catalogType: String) -> String? {
        switch catalogType {
        case "inet", "cidr":
            guard case .success(let value) = PGNetworkLiteral.parse(text, isCidr: catalogType == "cidr") else { return nil }
            return value.text(isCidr: catalogType == "cidr")
        case "bytea":
            guard case .success(let bytes) = PGByteaLiteral.parse(text) else { return nil }
            return PGByteaLiteral.hexText(bytes)
        case "macaddr":
            guard case .success(let octets) = PGMacaddrLiteral.parse(text) else { return nil }
            return PGMacaddrLiteral.text(octets)
        case "interval":
            return PGInterval(text: text)?.description
        case "money":
            guard case .success(let cents) = PGMoneyLiteral.parse(text) else { return nil }
            return PGMoneyLiteral.text(cents)
        case "oid":
            guard case .success(let oid) = PGOidLiteral.parse(text) else { return nil }
            return String(oid)
        case "macaddr8":
            guard case .success(let octets) = PGMacaddr8Literal.parse(text) else { return nil }
            return PGMacaddr8Literal.text(octets)
        case "timetz":
            // `now` stands for the time it is read, which only the server knows.
            guard case .success(let value) = PGTimetzLiteral.parse(text), !value.readsClock else { return nil }
            return value.text
        case _ where PGGeometryLiteral.types.contains(catalogType):
            guard case .success(let value) = PGGeometryLiteral.parse(text, type: catalogType) else { return nil }
            return value.text
        case "bit", "varbit":
            guard case .success(let bits) = PGBitLiteral.parse(text, varying: true, length: nil) else { return nil }
            return PGBitLiteral.text(bits)
        default:
            return nil
        }
    }
}
