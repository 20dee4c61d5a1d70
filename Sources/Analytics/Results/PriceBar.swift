import Schema

/// One `market_data` row as the price functions return it.
public struct PriceBar: Sendable, Hashable {
    public var id: PGUUID
    public var tickerID: PGUUID
    /// µs since the Unix epoch.
    public var timestamp: Int64
    public var open: PGNumeric
    public var high: PGNumeric
    public var low: PGNumeric
    public var close: PGNumeric
    /// NULL volume is nil (the column is nullable).
    public var volume: Int64?
    public var interval: String

    public init(id: PGUUID, tickerID: PGUUID, timestamp: Int64, open: PGNumeric, high: PGNumeric, low: PGNumeric,
                close: PGNumeric, volume: Int64?, interval: String) {
        self.id = id
        self.tickerID = tickerID
        self.timestamp = timestamp
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.interval = interval
    }
}
