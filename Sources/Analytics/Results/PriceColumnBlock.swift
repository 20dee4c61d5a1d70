import Schema
import Storage

/// `market_data` rows held as the nine typed columns the price functions return: one series of
/// the in-memory store, or one run of an engine segment (a chunk's rows of the series, a decoded
/// batch), built once and shared by every ``PriceRange`` that reads it.
///
/// A class, so a range spanning 31 chunks holds 31 references rather than 31 × 16 arrays.
public final class PriceColumnBlock: ColumnRunView {
    public static let columnNames = ["id", "ticker_id", "timestamp", "open", "high", "low", "close", "volume", "interval"]

    public let ids: [PGUUID]
    public let tickerIDs: [PGUUID]
    /// µs since the Unix epoch.
    public let timestamps: [Int64]
    /// NUMERIC columns as unscaled integers and per-value display scales.
    public let open: [Int64], openScales: [Int16]
    public let high: [Int64], highScales: [Int16]
    public let low: [Int64], lowScales: [Int16]
    public let close: [Int64], closeScales: [Int16]
    /// NULL volumes hold 0 here and true in ``volumeIsNull``.
    public let volumes: [Int64]
    /// Empty when no volume is NULL.
    public let volumeIsNull: [Bool]
    public let intervals: [String]

    public init(ids: [PGUUID], tickerIDs: [PGUUID], timestamps: [Int64], open: [Int64], openScales: [Int16], high: [Int64],
                highScales: [Int16], low: [Int64], lowScales: [Int16], close: [Int64], closeScales: [Int16], volumes: [Int64],
                volumeIsNull: [Bool], intervals: [String]) {
        self.ids = ids
        self.tickerIDs = tickerIDs
        self.timestamps = timestamps
        self.open = open
        self.openScales = openScales
        self.high = high
        self.highScales = highScales
        self.low = low
        self.lowScales = lowScales
        self.close = close
        self.closeScales = closeScales
        self.volumes = volumes
        self.volumeIsNull = volumeIsNull.contains(true) ? volumeIsNull : []
        self.intervals = intervals
    }

    /// Bars in the order given.
    public convenience init(bars: [PriceBar]) {
        self.init(ids: bars.map(\.id), tickerIDs: bars.map(\.tickerID), timestamps: bars.map(\.timestamp),
                  open: bars.map(\.open.unscaled), openScales: bars.map { Int16(clamping: $0.open.scale) },
                  high: bars.map(\.high.unscaled), highScales: bars.map { Int16(clamping: $0.high.scale) },
                  low: bars.map(\.low.unscaled), lowScales: bars.map { Int16(clamping: $0.low.scale) },
                  close: bars.map(\.close.unscaled), closeScales: bars.map { Int16(clamping: $0.close.scale) },
                  volumes: bars.map { $0.volume ?? 0 }, volumeIsNull: bars.map { $0.volume == nil }, intervals: bars.map(\.interval))
    }

    /// Engine columns ``columnNames``; nil unless they are uuid, uuid, a timestamp, four NUMERICs,
    /// an integer and a string column with no NULL outside `volume`.
    public init?(columns c: [ColumnVector]) {
        guard c.count == Self.columnNames.count, case .uuid(let ids) = c[0].storage, case .uuid(let tickers) = c[1].storage,
              case .time(let times) = c[2].storage, case .numeric(let o, let os) = c[3].storage,
              case .numeric(let h, let hs) = c[4].storage, case .numeric(let l, let ls) = c[5].storage,
              case .numeric(let cl, let cs) = c[6].storage, case .int64(let volumes) = c[7].storage,
              case .string(let intervals) = c[8].storage,
              !c.enumerated().contains(where: { $0.offset != 7 && $0.element.hasNulls })
        else { return nil }
        self.ids = ids
        self.tickerIDs = tickers
        self.timestamps = times
        self.open = o
        self.openScales = os
        self.high = h
        self.highScales = hs
        self.low = l
        self.lowScales = ls
        self.close = cl
        self.closeScales = cs
        self.volumes = volumes
        self.volumeIsNull = c[7].isNull
        self.intervals = intervals
    }

    public var count: Int { timestamps.count }

    @inline(__always) public func open(_ row: Int) -> PGNumeric { PGNumeric(unscaled: open[row], scale: Int(openScales[row])) }
    @inline(__always) public func high(_ row: Int) -> PGNumeric { PGNumeric(unscaled: high[row], scale: Int(highScales[row])) }
    @inline(__always) public func low(_ row: Int) -> PGNumeric { PGNumeric(unscaled: low[row], scale: Int(lowScales[row])) }
    @inline(__always) public func close(_ row: Int) -> PGNumeric { PGNumeric(unscaled: close[row], scale: Int(closeScales[row])) }
    @inline(__always) public func volume(_ row: Int) -> Int64? { !volumeIsNull.isEmpty && volumeIsNull[row] ? nil : volumes[row] }

    /// The bar at position `row`.
    public func bar(_ row: Int) -> PriceBar {
        PriceBar(id: ids[row], tickerID: tickerIDs[row], timestamp: timestamps[row], open: open(row), high: high(row),
                 low: low(row), close: close(row), volume: volume(row), interval: intervals[row])
    }
}
