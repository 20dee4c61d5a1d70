import Foundation
import Schema

/// The statistics of `market_data` that drive its stored size: the session calendar, price
/// levels and their tick, how far prices move per minute, volumes, NULL rates, when rows are
/// written (`created_at`), and the constant columns. `chunkwise plan` draws representative chunks
/// from a profile; `chunkwise generate` writes whole data sets from one.
///
/// Built-in profiles (``futures``, ``equities``, ``crypto``) hold statistics measured on the real
/// files in `../shared/data/real` (docs/PLANNER.md says how); ``measure(_:name:)`` measures one
/// from any export; profiles are Codable (`chunkwise profile --out p.json`).
public struct MarketDataProfile: Sendable, Hashable, Codable {
    public var name: String
    /// Where the statistics come from (a file, or the built-in's sources).
    public var source: String
    /// Rows the statistics were measured on (0 for hand-set values).
    public var measuredRows: Int
    public var calendar: SessionCalendar
    public var price: PriceStatistics
    public var volume: VolumeStatistics
    public var createdAt: CreatedAtStatistics
    /// `random_uuid` (v4 ids), or `null` when the export has no ids.
    public var idKind: String
    /// The most common `source` text (NULL when absent).
    public var sourceText: String?
    /// The most common `metadata` document as text (NULL when absent).
    public var metadataText: String?
    /// Share of calendar bars a series actually has (1 = no gaps), per interval.
    public var coverage: [String: Double]
    /// Intervals, tickers and rows seen in the measured data (for reporting).
    public var observedIntervals: [String]
    public var observedTickers: Int
    /// A team's own columns (outside market_data's), by name: NULL rates and text widths
    /// measured on their export; nil for the built-in profiles and exports of market_data.
    public var columns: [String: ColumnStatistics]?
    /// What measuring found wrong with the export itself (prices its schema rounds to 0, rows out
    /// of time order), one sentence each; `plan --profile` repeats them among its warnings. Nil
    /// (no JSON field) when there is nothing to say, and for the built-in profiles.
    public var warnings: [String]?

    /// Prices: level, spread across tickers, quantum, and movement per one-minute bar.
    public struct PriceStatistics: Sendable, Hashable, Codable {
        /// Median close across the data, in price units.
        public var level: Double
        /// Standard deviation of log(price level) across tickers (0: every ticker at `level`).
        public var tickerSpread: Double
        /// The price quantum as decimal text (`0.25`, `0.01`).
        public var tick: String
        /// Standard deviation of a one-minute close-to-close step, in ticks, outside active hours.
        public var minuteStepTicks: Double
        /// Multiplier of the step inside active hours.
        public var activeHoursFactor: Double
        /// Mean distance of high above max(open, close) (and low below min), in ticks.
        public var wickTicks: Double
        public init(level: Double, tickerSpread: Double, tick: String, minuteStepTicks: Double, activeHoursFactor: Double, wickTicks: Double) {
            self.level = level
            self.tickerSpread = tickerSpread
            self.tick = tick
            self.minuteStepTicks = minuteStepTicks
            self.activeHoursFactor = activeHoursFactor
            self.wickTicks = wickTicks
        }
        enum CodingKeys: String, CodingKey {
            case level, tick
            case tickerSpread = "ticker_spread", minuteStepTicks = "minute_step_ticks"
            case activeHoursFactor = "active_hours_factor", wickTicks = "wick_ticks"
        }
    }

    /// Volumes per one-minute bar: log-normal with a median and a log standard deviation.
    public struct VolumeStatistics: Sendable, Hashable, Codable {
        public var medianPerMinute: Double
        public var logSigma: Double
        public var activeHoursFactor: Double
        public var nullFraction: Double
        public init(medianPerMinute: Double, logSigma: Double, activeHoursFactor: Double, nullFraction: Double) {
            self.medianPerMinute = medianPerMinute
            self.logSigma = logSigma
            self.activeHoursFactor = activeHoursFactor
            self.nullFraction = nullFraction
        }
        enum CodingKeys: String, CodingKey {
            case medianPerMinute = "median_per_minute", logSigma = "log_sigma"
            case activeHoursFactor = "active_hours_factor", nullFraction = "null_fraction"
        }
    }

    /// `created_at` = bar end + a lag drawn uniformly from `[lagMin, lagMax]` µs.
    ///
    /// The lag is nil when it was not measured (an export without a `created_at` column, whose
    /// rows take the column's default, or one whose `created_at` is NULL throughout); the JSON then
    /// leaves `lag_min_us` and `lag_max_us` out, and drawing uses ``defaultLagMicros``.
    public struct CreatedAtStatistics: Sendable, Hashable, Codable {
        public var lagMinMicros: Int64?
        public var lagMaxMicros: Int64?
        /// Whether the export's `created_at` values carry sub-second digits.
        public var microsecondPrecision: Bool
        public var nullFraction: Double
        public init(lagMinMicros: Int64?, lagMaxMicros: Int64?, microsecondPrecision: Bool, nullFraction: Double) {
            self.lagMinMicros = lagMinMicros
            self.lagMaxMicros = lagMaxMicros
            self.microsecondPrecision = microsecondPrecision
            self.nullFraction = nullFraction
        }

        /// The lag drawn when none was measured: the built-in futures profile's (57 ms … 2.94 s
        /// after the bar's end).
        public static let defaultLagMicros: ClosedRange<Int64> = 57_000...2_940_000

        /// Whether both ends of the lag were measured.
        public var lagMeasured: Bool { lagMinMicros != nil && lagMaxMicros != nil }

        /// The lag range rows are drawn from: the measured one (its maximum at least its
        /// minimum), else ``defaultLagMicros``.
        public var lagRangeMicros: ClosedRange<Int64> {
            guard let low = lagMinMicros, let high = lagMaxMicros else { return Self.defaultLagMicros }
            return low...max(low, high)
        }
        enum CodingKeys: String, CodingKey {
            case lagMinMicros = "lag_min_us", lagMaxMicros = "lag_max_us"
            case microsecondPrecision = "microsecond_precision", nullFraction = "null_fraction"
        }
    }

    /// Active (busier) hours in UTC, as minutes of the day: 14:00–21:00, the US cash session.
    public static let activeHoursUTC = (14 * 60)..<(21 * 60)

    public init(name: String, source: String, measuredRows: Int, calendar: SessionCalendar, price: PriceStatistics,
                volume: VolumeStatistics, createdAt: CreatedAtStatistics, idKind: String = "random_uuid",
                sourceText: String? = "yfinance", metadataText: String? = "{}", coverage: [String: Double] = [:],
                observedIntervals: [String] = [], observedTickers: Int = 0, columns: [String: ColumnStatistics]? = nil) {
        self.name = name
        self.source = source
        self.measuredRows = measuredRows
        self.calendar = calendar
        self.price = price
        self.volume = volume
        self.createdAt = createdAt
        self.idKind = idKind
        self.sourceText = sourceText
        self.metadataText = metadataText
        self.coverage = coverage
        self.observedIntervals = observedIntervals
        self.observedTickers = observedTickers
        self.columns = columns
    }

    enum CodingKeys: String, CodingKey {
        case name, source, calendar, price, volume, coverage
        case measuredRows = "measured_rows", createdAt = "created_at", idKind = "id_kind"
        case sourceText = "source_text", metadataText = "metadata_text"
        case observedIntervals = "observed_intervals", observedTickers = "observed_tickers"
        case columns, warnings
    }

    /// The tick as an exact NUMERIC (0.25 when the text does not parse).
    public var tick: PGNumeric {
        (try? PGNumeric.parse(price.tick)).flatMap { $0.unscaled > 0 ? $0 : nil } ?? PGNumeric(unscaled: 25, scale: 2)
    }

    /// Share of calendar bars present for `interval` (1 when not measured).
    public func coverage(of interval: String) -> Double { min(1, max(0, coverage[interval] ?? 1)) }

    /// JSON text as `chunkwise profile --out` writes it: the reports' one JSON style (``PlanJSON``),
    /// indented because it is a file people read and edit.
    public func jsonText() throws -> String {
        let encoder = PlanJSON.encoder
        encoder.outputFormatting.insert(.prettyPrinted)
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Reads a profile written by ``jsonText()`` and checks every field (``validate()``): a
    /// `DecodingError` for text that is not a profile, a ``ValidationError`` naming the field out
    /// of range.
    public static func decode(json: Data) throws -> MarketDataProfile {
        let profile = try JSONDecoder().decode(MarketDataProfile.self, from: json)
        try profile.validate()
        return profile
    }
}
