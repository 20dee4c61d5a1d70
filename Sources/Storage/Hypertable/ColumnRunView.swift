/// A caller's typed, read-only form of rows a ``SegmentReader`` hands out: a segment's *run* (its
/// uncompressed rows in one chunk, or one of its compressed batches) in ascending time order, or a
/// chunk's whole uncompressed rows in storage order.
///
/// A ``SegmentReader`` builds each view once and hands the same object to every later read: one
/// per compressed batch (its decoded columns), one per chunk over the chunk's whole uncompressed
/// rows (every segment's first reads pick their rows from it by position), and one per run of a
/// chunk's rows read twice (gathered in time order). A consumer that reads the same few columns
/// over and over (the analytics functions read nine columns of `market_data`) keeps them as plain
/// typed arrays in its view, so a read that spans many chunks costs one reference per chunk
/// instead of one per column.
///
/// ```swift
/// final class Closes: ColumnRunView {
///     static let columnNames = ["timestamp", "close"]
///     let close: [Int64]
///     init?(columns: [ColumnVector]) {
///         guard case .numeric(let c, _) = columns[1].storage else { return nil }
///         close = c
///     }
/// }
/// ```
public protocol ColumnRunView: AnyObject, Sendable {
    /// The columns ``init(columns:)`` receives, in this order.
    static var columnNames: [String] { get }

    /// A view over `columns`, ``columnNames`` in that order, all of one length (a batch's rows in
    /// ascending time order, or a chunk's rows in storage order). Nil when the columns are not of
    /// the types the view reads.
    init?(columns: [ColumnVector])

    /// The names of `columns` the view cannot read (for the refusal's message); all of them unless
    /// the view says which.
    static func unreadableColumns(_ columns: [ColumnVector]) -> [String]
}

extension ColumnRunView {
    public static func unreadableColumns(_ columns: [ColumnVector]) -> [String] { columnNames }
}
