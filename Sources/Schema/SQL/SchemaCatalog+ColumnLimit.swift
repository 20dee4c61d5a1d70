extension SchemaCatalog {
    /// PostgreSQL's `MaxHeapAttributeNumber`: a table has at most 1600 columns (htup_details.h).
    static let maxColumns = 1600

    /// `tables can have at most 1600 columns` (54011, ERRCODE_TOO_MANY_COLUMNS), as heap.c
    /// `CheckAttributeNamesTypes` and tablecmds.c `ATExecAddColumn` word it.
    static var tooManyColumns: CatalogDiagnostic {
        CatalogDiagnostic(severity: .error, message: "tables can have at most \(maxColumns) columns", sqlState: "54011")
    }
}
