/// The input functions of types Chunkwise stores no values of, as far as migrations meet them in
/// literals (`DEFAULT '…'`, `x <> ''`): `inet`/`cidr` (`inet_in`) and arrays (`array_in`). nil
/// when the text is accepted or the type is not one of these.
public enum UnmodelledTypeInput {
    static func refusal(_ text: String, typeName: String, catalog: PostgresBuiltinCatalog) -> String? {
        switch typeName {
        case "inet", "cidr":
            return isAddress(text) ? nil : "invalid input syntax for type \(typeName): \"\(text)\""
        default:
            guard typeName.hasPrefix("_"), catalog.types[typeName]?.element != nil else { return nil }
            let trimmed = text.drop { $0 == " " }
            return trimmed.first == "{" || trimmed.first == "[" ? nil : "malformed array literal: \"\(text)\""
        }
    }

    /// IPv4 `a.b.c.d[/n]` or IPv6 `h:h:…[/n]` (with `::`), as `inet_in` reads them.
    public static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let host = parts.first, !host.isEmpty else { return false }
        let isV6 = host.contains(":")
        if parts.count == 2 {
            guard let bits = Int(parts[1]), bits >= 0, bits <= (isV6 ? 128 : 32) else { return false }
        }
        if isV6 {
            let groups = host.split(separator: ":", omittingEmptySubsequences: false)
            guard groups.count >= 3, groups.count <= 8 || host.contains("::") else { return false }
            return groups.allSatisfy { $0.count <= 4 && $0.allSatisfy(\.isHexDigit) }
        }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        return octets.allSatisfy { o in !o.isEmpty && o.count <= 3 && o.allSatisfy(\.isNumber) && (Int(o) ?? 256) <= 255 }
    }
}
