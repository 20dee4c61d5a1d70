import Schema

/// Rows of a column-projected scan (``Hypertable/scanColumns(time:equals:columns:)``), as typed
/// columns with no per-row ``Value``: a list of parts, each a selection of rows of some column
/// vectors that the engine already holds (a chunk's uncompressed columns or a decoded batch), so
/// the scan copies no row data.
///
/// Rows are in ascending time order across parts and within each part.
public struct ColumnScan: Sendable {
    /// Which rows of a part's vectors belong to the result, ascending by time: a collection of
    /// vector positions (the `i`-th selected row is at `self[i]`).
    public enum Selection: RandomAccessCollection, Sendable, Equatable {
        case range(Range<Int>)
        case positions(ArraySlice<Int>)

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }

        public var count: Int {
            switch self {
            case .range(let r): return r.count
            case .positions(let p): return p.count
            }
        }

        /// The vector position of the `i`-th selected row.
        @inline(__always)
        public subscript(i: Int) -> Int {
            switch self {
            case .range(let r): return r.lowerBound + i
            case .positions(let p): return p[p.startIndex + i]
            }
        }
    }

    public struct Part: Sendable {
        /// The requested columns, in request order (whole vectors; `rows` picks from them).
        public var columns: [ColumnVector]
        public var rows: Selection
    }

    public var parts: [Part]
    public var statistics: ScanStatistics

    /// Rows over every part.
    public var count: Int { parts.reduce(0) { $0 + $1.rows.count } }
}
