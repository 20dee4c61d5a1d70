import Schema
import Storage

/// `market_data` rows held as the nine typed columns the price functions return: one series of
/// the in-memory store, or one run of an engine segment (a chunk's rows of the series, a decoded
/// batch), built once and shared by every ``PriceRange`` that reads it.
///
/// A class, so a range spanning 31 chunks holds 31 references rather than 31 × 16 arrays.
public final class PriceColumnBlock: ColumnRunView {
    public static let columnNames = ["id", "ticker_id", "timestamp", "open", "high", "low", "close", "volume", "interval"]

    public let ids: UUIDColumn
    public let tickerIDs: UUIDColumn
    /// µs since the Unix epoch.
    public let timestamps: [Int64]
    public let open: PriceColumn, high: PriceColumn, low: PriceColumn, close: PriceColumn
    /// NULL volumes hold 0 here and true in ``volumeIsNull``.
    public let volumes: [Int64]
    /// Empty when no volume is NULL.
    public let volumeIsNull: [Bool]
    public let intervals: StringColumn

    public init(ids: UUIDColumn, tickerIDs: UUIDColumn, timestamps: [Int64], open: PriceColumn, high: PriceColumn, low: PriceColumn,
                close: PriceColumn, volumes: [Int64], volumeIsNull: [Bool], intervals: StringColumn) {
        self.ids = ids
        self.tickerIDs = tickerIDs
        self.timestamps = timestamps
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volumes = volumes
        self.volumeIsNull = volumeIsNull.contains(true) ? volumeIsNull : []
        self.intervals = intervals
    }

    /// Bars in the order given.
    public convenience init(bars: [PriceBar]) {
        self.init(ids: UUIDColumn(bars.map(\.id)), tickerIDs: UUIDColumn(bars.map(\.tickerID)), timestamps: bars.map(\.timestamp),
                  open: PriceColumn(bars.map(\.open)), high: PriceColumn(bars.map(\.high)), low: PriceColumn(bars.map(\.low)),
                  close: PriceColumn(bars.map(\.close)), volumes: bars.map { $0.volume ?? 0 },
                  volumeIsNull: bars.map { $0.volume == nil }, intervals: StringColumn(bars.map(\.interval)))
    }

    /// Which of ``columnNames`` `c` holds in a type the block cannot read, or with a NULL where the
    /// functions' columns have none: `close` for a text close, with its type.
    public static func unreadableColumns(_ c: [ColumnVector]) -> [String] {
        guard c.count == columnNames.count else { return columnNames }
        func ok(_ k: Int) -> Bool {
            guard k == 7 || !c[k].hasNulls else { return false }
            switch k {
            case 0, 1: if case .uuid = c[k].storage { return true }
            case 2: if case .time = c[k].storage { return true }
            case 3, 4, 5, 6: return PriceColumn(c[k]) != nil
            case 7: if case .int64 = c[k].storage { return true }
            default: if case .string = c[k].storage { return true }
            }
            return false
        }
        return columnNames.indices.filter { !ok($0) }.map { "\(columnNames[$0]) (\(c[$0].type.sqlName))" }
    }

    /// Engine columns ``columnNames``; nil unless they are uuid, uuid, a timestamp, four NUMERICs
    /// (of either width), an integer and a string column with no NULL outside `volume`.
    public init?(columns c: [ColumnVector]) {
        guard c.count == Self.columnNames.count, case .uuid(let ids) = c[0].storage, case .uuid(let tickers) = c[1].storage,
              case .time(let times) = c[2].storage, let o = PriceColumn(c[3]), let h = PriceColumn(c[4]),
              let l = PriceColumn(c[5]), let cl = PriceColumn(c[6]), case .int64(let volumes) = c[7].storage,
              case .string(let intervals) = c[8].storage,
              !c.enumerated().contains(where: { $0.offset != 7 && $0.element.hasNulls })
        else { return nil }
        self.ids = ids
        self.tickerIDs = tickers
        self.timestamps = times
        self.open = o
        self.high = h
        self.low = l
        self.close = cl
        self.volumes = volumes
        self.volumeIsNull = c[7].isNull
        self.intervals = intervals
    }

    public var count: Int { timestamps.count }

    @inline(__always) public func open(_ row: Int) -> NumericValue { open[row] }
    @inline(__always) public func high(_ row: Int) -> NumericValue { high[row] }
    @inline(__always) public func low(_ row: Int) -> NumericValue { low[row] }
    @inline(__always) public func close(_ row: Int) -> NumericValue { close[row] }
    @inline(__always) public func volume(_ row: Int) -> Int64? { !volumeIsNull.isEmpty && volumeIsNull[row] ? nil : volumes[row] }

    /// The bar at position `row`.
    public func bar(_ row: Int) -> PriceBar {
        PriceBar(id: ids[row], tickerID: tickerIDs[row], timestamp: timestamps[row], open: open(row), high: high(row),
                 low: low(row), close: close(row), volume: volume(row), interval: intervals[row])
    }
}
