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
/// var closes: [PGNumeric] = []
/// range.forEachRow { columns, row in closes.append(columns.close(row)) }
/// ```
public struct PriceRange: RandomAccessCollection, Sendable, Equatable, CustomStringConvertible {
    /// One run of rows from the same typed columns; `rows` picks them, ascending by timestamp.
    public struct Columns: Sendable {
        public let ids: [PGUUID]
        public let tickerIDs: [PGUUID]
        public let timestamps: [Int64]
        public let open: [Int64], openScales: [Int16]
        public let high: [Int64], highScales: [Int16]
        public let low: [Int64], lowScales: [Int16]
        public let close: [Int64], closeScales: [Int16]
        public let volumes: [Int64]
        /// Empty when no volume is NULL.
        public let volumeIsNull: [Bool]
        public let intervals: [String]
        public let rows: ColumnScan.Selection

        @inline(__always) public func open(_ row: Int) -> PGNumeric { PGNumeric(unscaled: open[row], scale: Int(openScales[row])) }
        @inline(__always) public func high(_ row: Int) -> PGNumeric { PGNumeric(unscaled: high[row], scale: Int(highScales[row])) }
        @inline(__always) public func low(_ row: Int) -> PGNumeric { PGNumeric(unscaled: low[row], scale: Int(lowScales[row])) }
        @inline(__always) public func close(_ row: Int) -> PGNumeric { PGNumeric(unscaled: close[row], scale: Int(closeScales[row])) }
        @inline(__always) public func volume(_ row: Int) -> Int64? { !volumeIsNull.isEmpty && volumeIsNull[row] ? nil : volumes[row] }

        /// The bar at vector position `row`.
        public func bar(_ row: Int) -> PriceBar {
            PriceBar(id: ids[row], tickerID: tickerIDs[row], timestamp: timestamps[row], open: open(row), high: high(row),
                     low: low(row), close: close(row), volume: volume(row), interval: intervals[row])
        }

        /// The same columns with other rows.
        func selecting(_ rows: ColumnScan.Selection) -> Columns {
            Columns(ids: ids, tickerIDs: tickerIDs, timestamps: timestamps, open: open, openScales: openScales, high: high,
                    highScales: highScales, low: low, lowScales: lowScales, close: close, closeScales: closeScales,
                    volumes: volumes, volumeIsNull: volumeIsNull, intervals: intervals, rows: rows)
        }
    }

    /// The columns a scan must return, in this order, for ``init(scan:)``.
    public static let scannedColumns = ["id", "ticker_id", "timestamp", "open", "high", "low", "close", "volume", "interval"]

    public let parts: [Columns]
    /// `starts[k]` is the collection index of part k's first row.
    private let starts: [Int]
    public let count: Int

    public init(parts: [Columns]) {
        var starts: [Int] = []
        var n = 0
        for p in parts {
            starts.append(n)
            n += p.rows.count
        }
        self.parts = parts
        self.starts = starts
        self.count = n
    }

    /// No rows.
    public init() { self.init(parts: []) }

    /// The rows of an engine scan of ``scannedColumns``.
    public init(scan: ColumnScan) throws(AnalyticsError) {
        var parts: [Columns] = []
        for part in scan.parts where part.rows.count > 0 {
            let c = part.columns
            guard c.count == Self.scannedColumns.count, case .uuid(let ids) = c[0].storage, case .uuid(let tickers) = c[1].storage,
                  case .time(let times) = c[2].storage, case .numeric(let o, let os) = c[3].storage,
                  case .numeric(let h, let hs) = c[4].storage, case .numeric(let l, let ls) = c[5].storage,
                  case .numeric(let cl, let cs) = c[6].storage, case .int64(let volumes) = c[7].storage,
                  case .string(let intervals) = c[8].storage
            else { throw .invalidData("market_data is not shaped like NQP's (column types differ)") }
            for (k, column) in c.enumerated() where k != 7 && column.hasNulls {
                throw .invalidData("a NOT NULL column the price functions read (\(Self.scannedColumns[k])) is NULL")
            }
            parts.append(Columns(ids: ids, tickerIDs: tickers, timestamps: times, open: o, openScales: os, high: h, highScales: hs,
                                 low: l, lowScales: ls, close: cl, closeScales: cs, volumes: volumes, volumeIsNull: c[7].isNull,
                                 intervals: intervals, rows: part.rows))
        }
        self.init(parts: parts)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> PriceBar {
        precondition(position >= 0 && position < count, "PriceRange index out of range")
        if parts.count == 1 { return parts[0].bar(parts[0].rows[position]) }
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= position { lo = mid } else { hi = mid - 1 }
        }
        return parts[lo].bar(parts[lo].rows[position - starts[lo]])
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
