import Schema

/// What the size model leaves out of a table's prediction, each said as a warning rather than a
/// refusal of the whole table: indexes it cannot size (hash, GiST, SP-GiST, GIN, expression keys)
/// are left out of the relations, and a column's `COMPRESSION lz4` is sized as pglz (Chunkwise has
/// no LZ4 compressor; lz4 usually compresses less than pglz on text, so TOAST figures for such a
/// column lean small).
public enum SizeModelOmissions {
    /// `table` without the indexes ``RelationSizeModel/unmodelledReason(_:)`` names, and one warning
    /// per thing left out or approximated.
    public static func apply(to table: TableDefinition) -> (table: TableDefinition, warnings: [String]) {
        var kept = table
        var warnings: [String] = []
        kept.indexes = table.indexes.filter { index in
            guard let reason = RelationSizeModel.unmodelledReason(index) else { return true }
            warnings.append("WARNING: index \"\(index.name)\" on \"\(table.name)\" is left out of the sizes (\(reason))")
            return false
        }
        for column in table.columns where column.compression == "lz4" {
            warnings.append("WARNING: column \"\(column.name)\" of \"\(table.name)\" has COMPRESSION lz4: its TOAST compression is "
                            + "modelled as pglz (the default), so compressed sizes of its values are pglz's")
        }
        return (kept, warnings)
    }
}
