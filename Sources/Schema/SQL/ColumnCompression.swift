/// A column's `COMPRESSION` clause (`CREATE TABLE … (body text COMPRESSION lz4)`, `ALTER TABLE …
/// ALTER COLUMN … SET COMPRESSION …`) as PostgreSQL 15 checks it (tablecmds.c
/// `GetAttributeCompression`): `default` leaves the column on `default_toast_compression` (pglz);
/// another method needs a toastable type and is `pglz` or `lz4` (access/toast_compression.c
/// `CompressionNameToMethod`; the server is built with lz4, as the PostgreSQL 15 packages are).
enum ColumnCompression {
    /// The method `written` sets on `column` (nil for the default), or PostgreSQL's refusal.
    static func method(_ written: String, for column: ColumnDefinition) -> Result<String?, CatalogDiagnostic> {
        let name = written.lowercased()
        if name == "default" { return .success(nil) }
        // TypeIsToastable: a varlena whose storage is not PLAIN. A type Chunkwise carries as text
        // (not known here to be fixed-length) is let through; an enum is a 4-byte OID.
        let fixed = column.enumLabels != nil || (column.catalogType == nil && !column.type.isVarlena)
        if fixed {
            return .failure(CatalogDiagnostic(severity: .error, message: "column data type \(PostgresBuiltinCatalog.shared.display(column.typeName)) does not support compression",
                                              sqlState: "0A000"))
        }
        guard name == "pglz" || name == "lz4" else {
            return .failure(CatalogDiagnostic(severity: .error, message: "invalid compression method \"\(written)\"", sqlState: "22023"))
        }
        return .success(name)
    }
}
