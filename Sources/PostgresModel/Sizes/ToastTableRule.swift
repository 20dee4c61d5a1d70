import Schema

/// Whether PostgreSQL 15 gives a table a TOAST table (`heapam_relation_needs_toast_table`,
/// access/heap/heapam_handler.c): only when some column is a varlena whose storage is not PLAIN
/// (text, varchar, numeric, json, jsonb all qualify), and then only when the widest row the column
/// types allow could pass `TOAST_TUPLE_THRESHOLD`: a column without a length limit (`text`,
/// `json`, `jsonb`, unconstrained `varchar`, `numeric` or `bit varying`) always gets one, while a table of
/// fixed-width columns, `varchar(n)`, `character(n)`, `numeric(p, s)`, `bit(n)` and `bit varying(n)`
/// gets one only when their maximum sizes
/// (`type_maximum_size`, utils/adt/format_type.c) sum past the threshold.
public enum ToastTableRule {
    /// `type_maximum_size` for a column, or nil when the type has no maximum (text, json, jsonb,
    /// varchar, numeric and bit varying without a modifier, a domain, and other types Chunkwise
    /// does not model).
    static func maximumSize(_ column: ColumnDefinition) -> Int? {
        // A domain's column has the domain's type OID, which type_maximum_size does not know: no
        // maximum, even over varchar(n).
        if column.domain != nil { return nil }
        // character(n) is carried as text; its typmod bounds it as varchar's does.
        if let n = column.blankPaddedLength { return characterMaximum(n) }
        // bit(n) and bit varying(n), carried as text: n bits in bytes behind the varlena header and
        // the 4-byte bit count (`VARBITTOTALLEN`).
        if let n = column.bitLength { return (n + 7) / 8 + 8 }
        // Another type Chunkwise does not model is carried as text; its real width is not known here.
        if column.catalogType != nil && column.type == .text { return nil }
        switch column.type {
        case .varchar(let n?):
            return characterMaximum(n)
        case .numeric(let p?, _):
            // numeric_maximum_size: NumericDigits of DEC_DIGITS (4) decimal digits each, the first
            // two digits possibly taking one each, behind an 8-byte header (varlena + sign/weight).
            return 8 + (p + 2 * 3) / 4 * 2
        default:
            return nil
        }
    }

    /// varchar(n) and char(n): the typmod counts characters, of up to 4 bytes each in the database
    /// encoding (UTF8), behind a 4-byte varlena header.
    static func characterMaximum(_ n: Int) -> Int { n * 4 + 4 }

    /// Whether the table has a TOAST table. PostgreSQL decides at CREATE TABLE and again after
    /// each ALTER TABLE (tablecmds.c `ATRewriteCatalogs` → `AlterTableCreateToastTable`), and never
    /// drops one: a table whose dropped attributes (``DroppedAttribute``) once made it need one
    /// keeps it. (A hypertable's chunks are created with the live columns only.)
    public static func needsToastTable(_ table: TableDefinition) -> Bool {
        if table.hypertable == nil, !table.droppedAttributes.isEmpty {
            if needsToastTable(columns: table.attributesInOrder, attributeCount: table.attributeCount) { return true }
            return needsToastTable(columns: table.columns, attributeCount: table.attributeCount)
        }
        return needsToastTable(columns: table.columns, attributeCount: table.columns.count)
    }

    /// The rule for live `columns` among `attributeCount` attributes: the dropped ones are skipped
    /// but counted in the null bitmap (`heapam_relation_needs_toast_table` uses `BITMAPLEN(natts)`).
    static func needsToastTable(columns: [ColumnDefinition], attributeCount: Int) -> Bool {
        var dataLength = 0
        var unbounded = false
        var toastable = false
        for column in columns {
            let type = column.type
            if let fixed = UnmodelledTypeStorage.fixed(column) {
                dataLength = PageLayout.aligned(dataLength, to: fixed.alignment) + fixed.length
                continue
            }
            dataLength = PageLayout.aligned(dataLength, to: type.typalign)
            if !type.isVarlena {
                dataLength += type.typlen
                continue
            }
            // Every varlena Chunkwise carries has EXTENDED or MAIN storage unless SET STORAGE PLAIN.
            if column.storage != .plain { toastable = true }
            if let max = maximumSize(column) { dataLength += max } else { unbounded = true }
        }
        guard toastable else { return false }
        if unbounded { return true }
        let bitmap = (attributeCount + 7) / 8
        let tupleLength = PageLayout.maxAligned(HeapTupleLayout.headerSize + bitmap) + PageLayout.maxAligned(dataLength)
        return tupleLength > Toast.tupleThreshold
    }
}
