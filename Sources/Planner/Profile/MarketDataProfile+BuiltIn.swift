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
    /// futures files in ../shared/data/real (pooled per-file values, see docs/PLANNER.md), on the
    /// fixed-UTC futures calendar of CLI.md.
    public static let futures = MarketDataProfile(
        name: "futures",
        source: "built-in: measured on mes_1m_2023q1, es_1m_5m_2026, nq_1m_5m_2023 (../shared/data/real)",
        measuredRows: 123_221, calendar: .futures,
        price: PriceStatistics(level: 4_000, tickerSpread: 0.45, tick: "0.25", minuteStepTicks: 2.9, activeHoursFactor: 2.6, wickTicks: 2.1),
        volume: VolumeStatistics(medianPerMinute: 95, logSigma: 1.05, activeHoursFactor: 8.5, nullFraction: 0),
        createdAt: CreatedAtStatistics(lagMinMicros: 1_010_000, lagMaxMicros: 2_990_000, microsecondPrecision: true, nullFraction: 0),
        coverage: [:], observedIntervals: ["1m", "5m"], observedTickers: 3)

    /// US equities: statistics measured on equities_1m_numeric14_4 (../shared/data/real), on the
    /// fixed-UTC cash-session calendar of CLI.md.
    public static let equities = MarketDataProfile(
        name: "equities",
        source: "built-in: measured on equities_1m_numeric14_4 (../shared/data/real)",
        measuredRows: 37_840, calendar: .equities,
        price: PriceStatistics(level: 60, tickerSpread: 0.9, tick: "0.01", minuteStepTicks: 4.0, activeHoursFactor: 1, wickTicks: 1.5),
        volume: VolumeStatistics(medianPerMinute: 900, logSigma: 1.3, activeHoursFactor: 1, nullFraction: 0),
        createdAt: CreatedAtStatistics(lagMinMicros: 1_010_000, lagMaxMicros: 2_990_000, microsecondPrecision: true, nullFraction: 0),
        coverage: [:], observedIntervals: ["1m"], observedTickers: 12)

    /// Crypto: no crypto export is in ../shared/data/real, so this is the futures statistics on a
    /// 24 × 7 calendar with a higher price level and a finer tick (BTC-like: 0.01 on ~60,000).
    /// docs/PLANNER.md says so; measure your own export with `chunkwise profile` for real numbers.
    public static let crypto = MarketDataProfile(
        name: "crypto",
        source: "built-in: futures statistics on a 24x7 calendar (no crypto file in ../shared/data/real)",
        measuredRows: 0, calendar: .crypto,
        price: PriceStatistics(level: 60_000, tickerSpread: 1.5, tick: "0.01", minuteStepTicks: 900, activeHoursFactor: 1.5, wickTicks: 400),
        volume: VolumeStatistics(medianPerMinute: 95, logSigma: 1.05, activeHoursFactor: 2, nullFraction: 0),
        createdAt: CreatedAtStatistics(lagMinMicros: 1_010_000, lagMaxMicros: 2_990_000, microsecondPrecision: true, nullFraction: 0),
        coverage: [:], observedIntervals: ["1m"], observedTickers: 0)
}
