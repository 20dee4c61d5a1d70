import Schema
import Storage

/// `get_price_range`'s rows, held column-wise: a view of typed columns the store already has
/// (the in-memory series, a chunk's rows, a decoded batch), so a 1,440-row answer copies no row.
///
/// A `RandomAccessCollection` of ``PriceBar`` (each bar is built when read); a client that reads
/// one or two columns of many rows reads them straight from ``forEachRow(_:)`` instead.
///
/// ```swift
/// let range = try analytics.getPriceRange(ticker: nq, interval: "1m", start: a, end: b)
/// var closes: [NumericValue] = []
/// range.forEachRow { columns, row in closes.append(columns.close(row)) }
/// ```
public struct PriceRange: RandomAccessCollection, Sendable, Equatable, CustomStringConvertible {
    /// One run of rows of a ``PriceColumnBlock``; `rows` picks them, ascending by timestamp.
    public struct Columns: Sendable {
        public let block: PriceColumnBlock
        public let rows: ColumnScan.Selection
        /// The range's index of this part's first row (set by ``PriceRange/init(parts:)``).
        var start = 0

        public init(block: PriceColumnBlock, rows: ColumnScan.Selection) {
            self.block = block
            self.rows = rows
        }

        init(block: PriceColumnBlock, rows: ColumnScan.Selection, start: Int) {
            self.block = block
            self.rows = rows
            self.start = start
        }

        @inlinable public var ids: UUIDColumn { block.ids }
        @inlinable public var tickerIDs: UUIDColumn { block.tickerIDs }
        @inlinable public var timestamps: [Int64] { block.timestamps }
        @inlinable public var intervals: StringColumn { block.intervals }

        @inline(__always) public func open(_ row: Int) -> NumericValue { block.open(row) }
        @inline(__always) public func high(_ row: Int) -> NumericValue { block.high(row) }
        @inline(__always) public func low(_ row: Int) -> NumericValue { block.low(row) }
        @inline(__always) public func close(_ row: Int) -> NumericValue { block.close(row) }
        @inline(__always) public func volume(_ row: Int) -> Int64? { block.volume(row) }

        /// The bar at vector position `row`.
        public func bar(_ row: Int) -> PriceBar { block.bar(row) }
    }

    /// The columns a scan must return, in this order, for ``init(scan:)``.
    public static let scannedColumns = PriceColumnBlock.columnNames

    public let parts: [Columns]
    public let count: Int

    public init(parts: [Columns]) {
        var parts = parts
        var n = 0
        for k in parts.indices {
            parts[k].start = n
            n += parts[k].rows.count
        }
        self.parts = parts
        self.count = n
    }

    /// Parts whose ``Columns/start`` are already set, `count` rows in all (no copy of `parts`).
    init(startedParts parts: [Columns], count: Int) {
        self.parts = parts
        self.count = count
    }

    /// No rows.
    public init() { self.init(parts: []) }

    /// The rows of an engine scan of ``scannedColumns``.
    public init(scan: ColumnScan) throws(AnalyticsError) {
        var parts: [Columns] = []
        for part in scan.parts where part.rows.count > 0 {
            guard let block = PriceColumnBlock(columns: part.columns) else {
                throw .invalidData("market_data is not shaped like NQP's (column types differ, or a NOT NULL column the price functions read is NULL)")
            }
            parts.append(Columns(block: block, rows: part.rows))
        }
        self.init(parts: parts)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> PriceBar {
        precondition(position >= 0 && position < count, "PriceRange index out of range")
        if parts.count == 1 { return parts[0].bar(parts[0].rows[position]) }
        var lo = 0, hi = parts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if parts[mid].start <= position { lo = mid } else { hi = mid - 1 }
        }
        return parts[lo].bar(parts[lo].rows[position - parts[lo].start])
    }

    /// Visits every row in order without building a ``PriceBar``: `body(columns, row)` reads
    /// `columns.timestamps[row]`, `columns.close(row)`, … directly.
    @inlinable
    public func forEachRow(_ body: (Columns, Int) throws -> Void) rethrows {
        for part in parts {
            switch part.rows {
            case .range(let r): for row in r { try body(part, row) }
            case .positions(let p): for row in p { try body(part, row) }
            }
        }
    }

    public static func == (a: PriceRange, b: PriceRange) -> Bool { a.elementsEqual(b) }

    public var description: String { "PriceRange(\(Array(self)))" }
}
