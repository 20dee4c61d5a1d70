/// A `regclass` constant (`'public.s'::regclass`, or an untyped literal passed to a `regclass`
/// parameter such as `nextval('s')`): `regclassin` looks the name up when the expression is
/// parsed, so `CREATE TABLE t (id bigint DEFAULT nextval('nosuch_seq'))` fails on PostgreSQL 15
/// with `relation "nosuch_seq" does not exist` (42P01), while naming a table passes (the type
/// of relation is checked only when `nextval` runs).
enum RegclassConstant {
    /// Schemas whose relations the migrations do not define (the system catalogs, TimescaleDB's
    /// own): names in them are not judged.
    static let systemSchemas: Set<String> = ["pg_catalog", "information_schema", "pg_toast"]

    /// Throws ``ExpressionError/undefinedRelation(_:)`` when `text` names a relation the
    /// migrations did not create. Numeric text (an OID) and system relations pass unjudged.
    static func check(_ text: String, relationExists: (String) -> Bool) throws(ExpressionError) {
        let trimmed = text.trimmingCharacters(in: " ")
        if trimmed.isEmpty || trimmed == "-" || trimmed.allSatisfy(\.isNumber) { return }
        let parts = QuotedIdentifier.nameParts(ofRegclass: trimmed)
        guard let name = parts.last, !name.isEmpty, parts.count <= 3 else { return }
        if parts.count >= 2 {
            let schema = parts[parts.count - 2]
            if systemSchemas.contains(schema) || schema.hasPrefix("_timescaledb") || schema.hasPrefix("timescaledb") { return }
        } else if name.hasPrefix("pg_") {
            return
        }
        if !relationExists(name) { throw .undefinedRelation(parts.joined(separator: ".")) }
    }
}
