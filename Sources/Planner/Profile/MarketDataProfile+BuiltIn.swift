import Schema

extension MarketDataProfile {
    /// The built-in profile names `--profile` accepts.
    public static let builtInNames = ["futures", "equities", "crypto"]

    /// A built-in profile by name (`futures`, `equities`/`equity`, `crypto`).
    public static func builtIn(named name: String) -> MarketDataProfile? {
        switch name.lowercased() {
        case "futures": return futures
        case "equities", "equity": return equities
        case "crypto": return crypto
        default: return nil
        }
    }

    /// The built-in profile of a session.
    public static func builtIn(for session: TradingSession) -> MarketDataProfile {
        switch session {
        case .futures: return futures
        case .equity: return equities
        case .crypto: return crypto
        }
    }

    /// Index futures (ES, NQ, MES): statistics measured by `chunkwise profile` on the three real
    /// futures files in ../shared/data/real, pooled (docs/PLANNER.md): the level is the geometric
    /// mean of the files' medians (MES 4,011, ES 6,787, NQ 16,011) and the spread their log
    /// standard deviation; steps, wicks, volumes and lags are the files' means. On the fixed-UTC
    /// futures calendar of CLI.md (the files follow New York time with DST; their own profiles keep it).
    public static let futures = MarketDataProfile(
        name: "futures",
        source: "built-in: measured on mes_1m_2023q1, es_1m_5m_2026, nq_1m_5m_2023 (../shared/data/real)",
        measuredRows: 123_220, calendar: .futures,
        price: PriceStatistics(level: 7_647, tickerSpread: 0.70, tick: "0.25", minuteStepTicks: 6.3, activeHoursFactor: 2.06, wickTicks: 2.75),
        volume: VolumeStatistics(medianPerMinute: 132, logSigma: 1.02, activeHoursFactor: 11, nullFraction: 0),
        createdAt: CreatedAtStatistics(lagMinMicros: 57_000, lagMaxMicros: 2_940_000, microsecondPrecision: true, nullFraction: 0),
        coverage: [:], observedIntervals: ["1m", "5m"], observedTickers: 3)

    /// US equities: statistics measured on equities_1m_numeric14_4 (../shared/data/real; 12
    /// tickers, median close 169.10, log spread 1.32, one-minute step 0.117 and wick 0.016 in
    /// price units, i.e. 11.7 and 1.6 ticks of 0.01; volume median 1,470 outside and 12.2× that
    /// inside US cash hours), on the fixed-UTC cash-session calendar of CLI.md.
    public static let equities = MarketDataProfile(
        name: "equities",
        source: "built-in: measured on equities_1m_numeric14_4 (../shared/data/real)",
        measuredRows: 37_840, calendar: .equities,
        price: PriceStatistics(level: 169.1, tickerSpread: 1.32, tick: "0.01", minuteStepTicks: 11.7, activeHoursFactor: 1, wickTicks: 1.64),
        volume: VolumeStatistics(medianPerMinute: 1_470, logSigma: 2.04, activeHoursFactor: 12.2, nullFraction: 0),
        createdAt: CreatedAtStatistics(lagMinMicros: 63_000, lagMaxMicros: 2_944_000, microsecondPrecision: true, nullFraction: 0),
        coverage: [:], observedIntervals: ["1m"], observedTickers: 12)

    /// Crypto: no crypto export is in ../shared/data/real, so this is the futures statistics on a
    /// 24 × 7 calendar with a higher price level and a finer tick (BTC-like: 0.01 on ~60,000).
    /// docs/PLANNER.md says so; measure your own export with `chunkwise profile` for real numbers.
    public static let crypto = MarketDataProfile(
        name: "crypto",
        source: "built-in: futures statistics on a 24x7 calendar (no crypto file in ../shared/data/real)",
        measuredRows: 0, calendar: .crypto,
        price: PriceStatistics(level: 60_000, tickerSpread: 1.5, tick: "0.01", minuteStepTicks: 900, activeHoursFactor: 1.5, wickTicks: 400),
        volume: VolumeStatistics(medianPerMinute: 132, logSigma: 1.02, activeHoursFactor: 2, nullFraction: 0),
        createdAt: CreatedAtStatistics(lagMinMicros: 57_000, lagMaxMicros: 2_940_000, microsecondPrecision: true, nullFraction: 0),
        coverage: [:], observedIntervals: ["1m"], observedTickers: 0)
}
