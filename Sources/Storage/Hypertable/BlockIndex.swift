import Schema

/// A BRIN-style summary of an uncompressed chunk: for every block of `blockSize` consecutive
/// rows, the minimum and maximum of each summarized column.
///
/// Like PostgreSQL's BRIN (one summary per `pages_per_range` heap pages) the summary is lossy:
/// a block whose [min, max] overlaps a predicate must still be read row by row, but a block whose
/// range misses it is skipped without touching its rows. Rows arrive in time order in the usual
/// workload, so the time column's blocks are narrow and prune well.
public struct BlockIndex: Sendable, Equatable {
    /// The min/max of one column over one block; both NULL when every row of the block is NULL.
    public struct Summary: Sendable, Equatable {
        public var min: Value
        public var max: Value
        /// Whether the block holds a NULL in this column.
        public var hasNulls: Bool

        /// Whether a row equal to `value` may be in the block.
        public func mayContain(_ value: Value) -> Bool {
            if value.isNull { return hasNulls }
            if min.isNull { return false }
            return ValueOrdering.compare(min, value) <= 0 && ValueOrdering.compare(value, max) <= 0
        }

        /// Whether a row whose value lies in `lower...upper` may be in the block.
        public func mayOverlap(lower: Value, upper: Value) -> Bool {
            if min.isNull { return false }
            return ValueOrdering.compare(min, upper) <= 0 && ValueOrdering.compare(lower, max) <= 0
        }
    }

    /// Rows per block. 128 mirrors BRIN's default `pages_per_range` as a count of units.
    public let blockSize: Int
    /// The summarized columns, by table column position.
    public let columns: [Int]
    /// `blocks[b][k]` summarizes column `columns[k]` over rows `b*blockSize ..< (b+1)*blockSize`.
    public private(set) var blocks: [[Summary]]

    public init(blockSize: Int, columns: [Int]) {
        precondition(blockSize > 0, "block size must be positive")
        self.blockSize = blockSize
        self.columns = columns
        self.blocks = []
    }

    /// The rows block `b` covers in a chunk of `rowCount` rows.
    public func rows(ofBlock b: Int, rowCount: Int) -> Range<Int> {
        (b * blockSize)..<Swift.min((b + 1) * blockSize, rowCount)
    }

    /// Brings the summaries up to date after rows were appended (rows before `oldCount` were
    /// summarized already; only the last, possibly partial, block and new blocks are recomputed).
    public mutating func extend(rows: RowSet, oldCount: Int) {
        let firstBlock = oldCount / blockSize
        if blocks.count > firstBlock { blocks.removeSubrange(firstBlock...) }
        var b = firstBlock
        while b * blockSize < rows.count {
            let range = self.rows(ofBlock: b, rowCount: rows.count)
            blocks.append(columns.map { Self.summarize(rows.columns[$0], range) })
            b += 1
        }
    }

    /// Summarizes every row from scratch.
    public mutating func rebuild(rows: RowSet) {
        blocks = []
        extend(rows: rows, oldCount: 0)
    }

    static func summarize(_ column: ColumnVector, _ range: Range<Int>) -> Summary {
        if !range.isEmpty, !column.hasNulls {
            switch column.storage {
            case .int64(let a), .time(let a):
                // A plain pass over the integers (the time column of every chunk).
                var lo = range.lowerBound, hi = range.lowerBound
                for i in range {
                    if a[i] < a[lo] { lo = i }
                    if a[i] > a[hi] { hi = i }
                }
                return Summary(min: column.value(at: lo), max: column.value(at: hi), hasNulls: false)
            case .uuid(let d):
                if let codes = d.codes { return summarizeCoded(column, codes, range) }
            case .string(let d):
                if let codes = d.codes { return summarizeCoded(column, codes, range) }
            default: break
            }
        }
        return summarizeByComparison(column, range)
    }

    /// The summary by comparing every row with the least and greatest so far (any column).
    static func summarizeByComparison(_ column: ColumnVector, _ range: Range<Int>) -> Summary {
        var lo: Int?, hi: Int?
        var hasNulls = false
        for i in range {
            if column.isNull(at: i) { hasNulls = true; continue }
            guard let l = lo, let h = hi else { lo = i; hi = i; continue }
            if column.compareRows(i, l) < 0 { lo = i }
            if column.compareRows(i, h) > 0 { hi = i }
        }
        guard let lo, let hi else { return Summary(min: .null, max: .null, hasNulls: hasNulls) }
        return Summary(min: column.value(at: lo), max: column.value(at: hi), hasNulls: hasNulls)
    }

    /// A dictionary-coded column with no NULLs (segment columns: a block holds one or a few
    /// values): one row of each code in the range is compared, not every row.
    private static func summarizeCoded(_ column: ColumnVector, _ codes: [UInt16], _ range: Range<Int>) -> Summary {
        var lo = range.lowerBound, hi = range.lowerBound
        var last = codes[range.lowerBound]
        for i in range where codes[i] != last {
            last = codes[i]
            if column.compareRows(i, lo) < 0 { lo = i }
            if column.compareRows(i, hi) > 0 { hi = i }
        }
        return Summary(min: column.value(at: lo), max: column.value(at: hi), hasNulls: false)
    }
}
