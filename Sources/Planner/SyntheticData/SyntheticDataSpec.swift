import Schema

/// What to generate: the generator's whole input, so the same spec always gives the same bytes.
public struct SyntheticDataSpec: Sendable, Hashable {
    /// Tickers `SYN1` … `SYN<n>`, ids `md5('SYN<n>')::uuid` as in the team's SQL-made data set.
    public var tickers: Int
    /// Bar intervals to emit (``BarInterval/all``); longer bars aggregate the 1m ones.
    public var intervals: [String]
    /// Calendar days from ``start``.
    public var days: Int
    /// Exclusive end (µs) overriding ``days`` (a chunk's window, for `plan`'s samples).
    public var end: Int64?
    /// First instant, µs since the Unix epoch (UTC midnight usually).
    public var start: Int64
    public var session: TradingSession
    /// When bars exist (default: the session's built-in calendar).
    public var calendar: SessionCalendar
    /// Price, volume and timing statistics bars are drawn from (default: the session's built-in profile).
    public var profile: MarketDataProfile
    public var seed: UInt64
    /// Price quantum (0.25 index points for ES/NQ futures); overrides the profile's.
    public var tick: PGNumeric
    /// Share of bars whose volume is NULL (as missing volumes appear in vendor data); overrides the profile's.
    public var nullVolumeFraction: Double

    public init(tickers: Int = 2, intervals: [String] = ["1m", "5m"], days: Int = 5, start: Int64 = 1_704_067_200_000_000,
                session: TradingSession = .futures, seed: UInt64 = 1, tick: PGNumeric? = nil,
                nullVolumeFraction: Double? = nil, profile: MarketDataProfile? = nil, calendar: SessionCalendar? = nil) {
        self.profile = profile ?? MarketDataProfile.builtIn(for: session)
        self.calendar = calendar ?? (profile?.calendar ?? session.calendar)
        self.tickers = tickers
        self.intervals = intervals
        self.days = days
        self.end = nil
        self.start = start
        self.session = session
        self.seed = seed
        self.tick = tick ?? self.profile.tick
        self.nullVolumeFraction = nullVolumeFraction ?? self.profile.volume.nullFraction
    }

    /// The exclusive end of the generated window (µs).
    public var windowEnd: Int64 { end ?? start &+ Int64(days) &* CivilTime.microsecondsPerDay }

    /// The minutes the generator walks (every ticker's calendar minute by minute), counted over
    /// every minute of the window, open or not: an upper bound of its time. Saturates at Int.max.
    public var minuteSteps: Int {
        let minutes = max(0, (windowEnd - start) / 60_000_000)
        let (steps, overflow) = Int(minutes).multipliedReportingOverflow(by: max(1, tickers))
        return overflow ? Int.max : steps
    }

    /// At most how many market_data rows the spec gives (every bucket of every interval that the
    /// window touches, for every ticker, as if the market never closed). Saturates at Int.max.
    public var maximumRows: Int {
        let span = max(0, windowEnd - start)
        var perTicker = 0
        for name in intervals {
            guard let bars = BarInterval(name: name) else { continue }
            let (sum, overflow) = perTicker.addingReportingOverflow(Int(span / bars.nominalMicroseconds) + 2)
            perTicker = overflow ? Int.max : sum
        }
        let (rows, overflow) = perTicker.multipliedReportingOverflow(by: max(1, tickers))
        return overflow ? Int.max : rows
    }

    /// `SYN1`… names.
    public var symbols: [String] { (1...max(1, tickers)).map { "SYN\($0)" } }

    /// The ticker ids, `md5(symbol)::uuid`.
    public var tickerIDs: [PGUUID] { symbols.map { MD5.uuid(of: $0) } }
}
