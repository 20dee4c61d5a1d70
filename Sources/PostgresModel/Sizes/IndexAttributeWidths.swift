import Schema
import Storage

/// The widths of the values an index tuple holds, as `index_form_tuple` (access/common/indextuple.c,
/// `TOAST_INDEX_HACK`) forms them from a heap row: a value the heap moved out of line is fetched
/// back whole, and a varlena whose in-memory size (4-byte header) exceeds ``compressionTarget`` is
/// compressed in line with pglz (`toast_compress_datum`), kept compressed when that saves more than
/// 2 bytes. So an index holds a 3,000-byte compressible text in a few dozen bytes, and a 2,800-byte
/// random one whole, however the heap stored either.
enum IndexAttributeWidths {
    /// `TOAST_INDEX_TARGET`: `MaxHeapTupleSize / 16` on 8 kB pages.
    static let compressionTarget = 510

    /// `widths` (the heap's widths before TOAST, in table column order) with the values of
    /// `columns` compressed where `index_form_tuple` compresses them. Values carried as text are
    /// compressed as the bytes PostgreSQL stores (``RelationSizeModel/storedBytes(_:column:)``);
    /// other varlenas are kept whole.
    static func widths(_ widths: [ColumnWidths], rows: RowSet, columns: Set<Int>) -> [ColumnWidths] {
        var out = widths
        for c in columns.sorted() where c < out.count && out[c].isVarlena {
            guard case .string(let strings) = rows.columns[c].storage else { continue }
            let definition = rows.table.columns[c]
            for r in 0..<rows.count where !out[c].isNull(r) {
                let stored = Int(out[c].width[r])
                let inMemory = out[c].isShort[r] ? stored + 3 : stored
                guard inMemory > compressionTarget,
                      let z = Toast.compressedDatumSize(payload: RelationSizeModel.storedBytes(strings[r], column: definition)) else { continue }
                out[c].width[r] = Int32(z)
                out[c].isShort[r] = false
            }
        }
        return out
    }
}
