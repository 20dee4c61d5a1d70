/// An index row too large for PostgreSQL to store, worded as PostgreSQL words it:
/// `index row requires 8216 bytes, maximum size is 8191` (`index_form_tuple`, any index), or
/// `index row size 2816 exceeds btree version 4 maximum 2704 for index "notes_note"`
/// (nbtutils.c `_bt_check_third_page`) with detail
/// `Index row references tuple (0,2) in relation "notes".`
public struct IndexRowSizeViolation: Error, Sendable, Equatable, CustomStringConvertible {
    /// `INDEX_SIZE_MASK`: the largest index tuple any access method can hold.
    public static let maximumIndexRowSize = 8191
    /// `BTMaxItemSize` of a version 4 B-tree on 8 kB pages: a third of a page, less a heap TID.
    public static let maximumBTreeItemSize = 2704

    /// The index the row was for.
    public var index: String
    /// The table the row was for.
    public var table: String
    /// The index tuple's MAXALIGNed size, as PostgreSQL reports it.
    public var size: Int
    /// Whether the limit broken is the B-tree's (``maximumBTreeItemSize``), else every index's
    /// (``maximumIndexRowSize``).
    public var btree: Bool
    /// The heap tuple the index row points at (block, line pointer offset).
    public var heapBlock: Int
    public var heapOffset: Int
    /// Position of the offending row among the loaded rows (0-based).
    public var row: Int
    /// The index attribute widest in that row, to name a column.
    public var column: String

    public init(index: String, table: String, size: Int, btree: Bool, heapBlock: Int, heapOffset: Int, row: Int, column: String) {
        self.index = index
        self.table = table
        self.size = size
        self.btree = btree
        self.heapBlock = heapBlock
        self.heapOffset = heapOffset
        self.row = row
        self.column = column
    }

    public var message: String {
        btree ? "index row size \(size) exceeds btree version 4 maximum \(Self.maximumBTreeItemSize) for index \"\(index)\""
            : "index row requires \(size) bytes, maximum size is \(Self.maximumIndexRowSize)"
    }

    /// PostgreSQL's DETAIL line (the B-tree check only).
    public var detail: String? {
        btree ? "Index row references tuple (\(heapBlock),\(heapOffset)) in relation \"\(table)\"." : nil
    }

    public var description: String { detail.map { "\(message)\nDETAIL:  \($0)" } ?? message }
}
