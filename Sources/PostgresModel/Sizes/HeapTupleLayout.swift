import Schema
import Storage

/// The stored width of every value of one column, computed once per load.
///
/// `width[i]` is the number of bytes row i's value takes inside a tuple (short varlena headers
/// applied), or −1 for NULL. `alignment` is the column's `typalign`; varlenas whose stored form has a
/// 1-byte header are never padded (`att_align_datum`, tupmacs.h), which `isShort` records.
public struct ColumnWidths: Sendable {
    public let type: PGType
    public var width: [Int32]
    public var isShort: [Bool]

    public var alignment: Int { type.typalign }

    /// Widths of the values in a column vector.
    public init(_ column: ColumnVector) {
        type = column.type
        let n = column.count
        width = [Int32](repeating: 0, count: n)
        isShort = [Bool](repeating: false, count: column.type.isVarlena ? n : 0)
        switch column.storage {
        case .numeric(let unscaled, let scales):
            for i in 0..<n {
                let mem = NumericStorage.inMemorySize(unscaled: unscaled[i], scale: Int(scales[i]))
                let stored = VarlenaStorage.storedSize(inMemory: mem)
                width[i] = Int32(stored)
                isShort[i] = stored != mem
            }
        case .string(let strings):
            for i in 0..<n {
                let mem = 4 + (column.type == .jsonb ? JsonbStorage.dataSize(canonical: strings[i]) : strings[i].utf8.count)
                let stored = VarlenaStorage.storedSize(inMemory: mem)
                width[i] = Int32(stored)
                isShort[i] = stored != mem
            }
        default:
            let w = Int32(column.type.typlen)
            for i in 0..<n { width[i] = w }
        }
        for i in 0..<n where column.isNull(at: i) { width[i] = -1 }
    }

    @inline(__always) public func isNull(_ row: Int) -> Bool { width[row] < 0 }
}

/// Lays out attributes the way `heap_compute_data_size` / `heap_fill_tuple` do, for heap tuples
/// and (through `index_form_tuple`) index tuples alike.
public enum HeapTupleLayout {
    /// `SizeofHeapTupleHeader` (htup_details.h).
    public static let headerSize = 23

    /// Data bytes of the given columns of one row, starting at a MAXALIGNed offset.
    @inline(__always)
    public static func dataSize(row: Int, columns: [ColumnWidths]) -> (size: Int, hasNull: Bool) {
        var off = 0
        var hasNull = false
        for c in columns {
            let w = Int(c.width[row])
            if w < 0 { hasNull = true; continue }
            if !(c.type.isVarlena && c.isShort[row]) { off = PageLayout.aligned(off, to: c.alignment) }
            off += w
        }
        return (off, hasNull)
    }

    /// `t_hoff`: MAXALIGN(23 + null bitmap), the bitmap only when the row has a NULL.
    @inline(__always)
    public static func headerLength(columnCount: Int, hasNull: Bool) -> Int {
        PageLayout.maxAligned(headerSize + (hasNull ? (columnCount + 7) / 8 : 0))
    }

    /// `t_len` of a heap tuple (before the page stores it at MAXALIGN(t_len)).
    public static func tupleLength(row: Int, columns: [ColumnWidths]) -> Int {
        let (data, hasNull) = dataSize(row: row, columns: columns)
        return headerLength(columnCount: columns.count, hasNull: hasNull) + data
    }
}

/// Binary jsonb sizes (utils/jsonb.h): what a canonical jsonb text occupies on disk.
public enum JsonbStorage {
    /// Bytes after the 4-byte varlena header. Exact for empty containers (`{}`/`[]` = 4-byte
    /// container header); other documents are estimated from their text (one JEntry per value plus
    /// the text's bytes), which is close for flat objects of short strings.
    public static func dataSize(canonical text: String) -> Int {
        if text == "{}" || text == "[]" { return 4 }
        let bytes = text.utf8.count
        var values = 0
        var inString = false, escaped = false
        for b in text.utf8 {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") { inString = true; values += 1 }
            else if b == UInt8(ascii: ",") { values += 1 }
        }
        return 4 + 4 * max(values, 1) + bytes
    }
}
