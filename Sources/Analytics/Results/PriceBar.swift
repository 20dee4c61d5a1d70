import Schema

/// One `market_data` row as the price functions return it.
public struct PriceBar: Sendable, Hashable {
    public var id: PGUUID
    public var tickerID: PGUUID
    /// µs since the Unix epoch.
    public var timestamp: Int64
    /// Prices of either width: an unconstrained `numeric` column may hold more than 18 digits.
    public var open: NumericValue
    public var high: NumericValue
    public var low: NumericValue
    public var close: NumericValue
    /// NULL volume is nil (the column is nullable).
    public var volume: Int64?
    public var interval: String

    public init(id: PGUUID, tickerID: PGUUID, timestamp: Int64, open: NumericValue, high: NumericValue, low: NumericValue,
                close: NumericValue, volume: Int64?, interval: String) {
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

    /// A bar whose prices have at most 18 digits each.
    public init(id: PGUUID, tickerID: PGUUID, timestamp: Int64, open: PGNumeric, high: PGNumeric, low: PGNumeric,
                close: PGNumeric, volume: Int64?, interval: String) {
        self.init(id: id, tickerID: tickerID, timestamp: timestamp, open: .narrow(open), high: .narrow(high), low: .narrow(low),
                  close: .narrow(close), volume: volume, interval: interval)
    }
}
