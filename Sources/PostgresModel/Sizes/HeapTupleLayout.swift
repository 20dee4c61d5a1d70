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
    /// `typalign` of the stored type (a fixed-length type carried as text has its own).
    public private(set) var alignment: Int
    /// Whether the stored type is a varlena (false for a fixed-length type carried as text).
    public private(set) var isVarlena: Bool
    /// `typlen` of the stored type: its fixed length, or −1 for a varlena.
    public private(set) var storedLength: Int

    /// Widths of the values in a column vector.
    public init(_ column: ColumnVector) {
        type = column.type
        alignment = column.type.typalign
        isVarlena = column.type.isVarlena
        storedLength = column.type.typlen
        let n = column.count
        width = [Int32](repeating: 0, count: n)
        isShort = [Bool](repeating: false, count: column.type.isVarlena ? n : 0)
        // A varlena's stored width from its in-memory size (short header when it fits).
        func fill(inMemory size: (Int) -> Int) {
            for i in 0..<n {
                let mem = size(i)
                let stored = VarlenaStorage.storedSize(inMemory: mem)
                width[i] = Int32(stored)
                isShort[i] = stored != mem
            }
        }
        switch column.storage {
        case .numeric(let unscaled, let scales):
            fill { NumericStorage.inMemorySize(unscaled: unscaled[$0], scale: Int(scales[$0])) }
        case .wideNumeric(let values):
            fill { NumericStorage.inMemorySize(values[$0]) }
        case .string(let strings) where column.type == .jsonb:
            // jsonb's binary size takes a parse: once per distinct document of a coded column.
            if let codes = strings.codes, let documents = strings.distinctValues {
                var sizes = [Int](repeating: -1, count: documents.count)
                fill { row in
                    let code = Int(codes[row])
                    guard code < documents.count else { return 4 } // a NULL row's code; its width is −1 below
                    if sizes[code] < 0 { sizes[code] = JsonbStorage.dataSize(canonical: documents[code]) }
                    return 4 + sizes[code]
                }
            } else {
                fill { 4 + JsonbStorage.dataSize(canonical: strings[$0]) }
            }
        case .string(let strings):
            fill { 4 + strings[$0].utf8.count }
        default:
            let w = Int32(column.type.typlen)
            for i in 0..<n { width[i] = w }
        }
        for i in 0..<n where column.isNull(at: i) { width[i] = -1 }
    }

    @inline(__always) public func isNull(_ row: Int) -> Bool { width[row] < 0 }

    /// The blanks `bpchar_input` appends to `text` in a `character(length)` column (it counts characters).
    public static func blankPadding(_ text: String, to length: Int) -> Int {
        Swift.max(0, length - text.unicodeScalars.count)
    }

    /// The widths as PostgreSQL stores the values of `definition` when Chunkwise carries them as
    /// text: `character(n)` blank-padded, a fixed-length type (``UnmodelledTypeStorage``) at its
    /// length and alignment, `bytea`/`inet`/`cidr` at their binary size.
    public mutating func store(as definition: ColumnDefinition, column: ColumnVector) {
        if let n = definition.blankPaddedLength { padToCharacters(n, column: column); return }
        guard definition.type == .text, let name = definition.catalogType,
              case .string(let strings) = column.storage else { return }
        if let fixed = UnmodelledTypeStorage.fixed(definition) {
            for i in 0..<column.count where !column.isNull(at: i) { width[i] = Int32(fixed.length) }
            isShort = []
            alignment = fixed.alignment
            isVarlena = false
            storedLength = fixed.length
            return
        }
        // An array of 8-byte elements keeps double alignment when its header is not short.
        if let a = ArrayStorage.alignment(catalogType: name) { alignment = a }
        // A coded column's values repeat: each distinct one is sized once.
        var sizeOfCode: [Int: Int?] = [:]
        let codes = strings.codes
        func payloadSize(_ row: Int) -> Int? {
            guard let codes else { return UnmodelledTypeStorage.payloadSize(strings[row], catalogType: name) }
            let code = Int(codes[row])
            if let known = sizeOfCode[code] { return known }
            let size = UnmodelledTypeStorage.payloadSize(strings[row], catalogType: name)
            sizeOfCode[code] = size
            return size
        }
        for i in 0..<column.count where !column.isNull(at: i) {
            guard let payload = payloadSize(i) else { continue }
            let stored = VarlenaStorage.storedSize(inMemory: 4 + payload)
            width[i] = Int32(stored)
            isShort[i] = stored != 4 + payload
        }
    }

    /// The widths of a `character(n)` column (carried as text) as PostgreSQL stores its values:
    /// blank-padded to `length` characters (`bpchar_input`), so a shorter value takes the spaces too.
    public mutating func padToCharacters(_ length: Int, column: ColumnVector) {
        guard case .string(let strings) = column.storage, type.isVarlena else { return }
        for i in 0..<column.count where !column.isNull(at: i) {
            let text = strings[i]
            let mem = 4 + text.utf8.count + Self.blankPadding(text, to: length)
            let stored = VarlenaStorage.storedSize(inMemory: mem)
            width[i] = Int32(stored)
            isShort[i] = stored != mem
        }
    }
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
            if !(c.isVarlena && c.isShort[row]) { off = PageLayout.aligned(off, to: c.alignment) }
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
    ///
    /// `droppedAttributes` more attributes (``DroppedAttribute``) are NULL in every row: they add no
    /// data but count in `natts`, so every tuple has a null bitmap that covers them too.
    public static func tupleLength(row: Int, columns: [ColumnWidths], droppedAttributes: Int = 0) -> Int {
        let (data, hasNull) = dataSize(row: row, columns: columns)
        return headerLength(columnCount: columns.count + droppedAttributes, hasNull: hasNull || droppedAttributes > 0) + data
    }
}

/// Binary jsonb sizes: the length of the bytes ``JsonbBinary`` encodes (utils/adt/jsonb_util.c
/// `convertToJsonb`), so the widths the heap is laid out with and the bytes pglz compresses agree.
public enum JsonbStorage {
    /// Bytes after the 4-byte varlena header, for a canonical jsonb text.
    public static func dataSize(canonical text: String) -> Int {
        JsonbBinary.encode(canonical: text).count
    }
}
