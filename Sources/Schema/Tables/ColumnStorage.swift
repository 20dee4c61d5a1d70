/// A column's storage strategy (`attstorage`, catalog/pg_type.h `TYPSTORAGE_*`), as `ALTER TABLE …
/// ALTER COLUMN … SET STORAGE` sets it: whether TOAST may compress the value and move it out of
/// line (access/heap/heaptoast.c `heap_toast_insert_or_update`, access/common/toast_helper.c).
public enum ColumnStorage: String, Sendable, Hashable {
    /// Neither compressed nor moved out of line; a table of only such columns gets no TOAST table.
    case plain
    /// Moved out of line uncompressed.
    case external
    /// Compressed first, then moved out of line if still too wide (text's, varchar's, jsonb's default).
    case extended
    /// Compressed; moved out of line only as a last resort (numeric's default).
    case main
}
