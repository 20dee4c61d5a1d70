import Foundation
import Schema

extension MarketDataProfile {
    /// A profile statistic outside what the generator and the size models can use, named by its
    /// JSON path (`price.level`, `coverage.1m`, `calendar.open_ranges[2].end`) with the allowed range.
    public struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The field's JSON path in a profile file.
        public var field: String
        /// What the field holds, as text.
        public var value: String
        /// What it may hold.
        public var allowed: String
        public init(field: String, value: String, allowed: String) {
            self.field = field
            self.value = value
            self.allowed = allowed
        }
        public var description: String { "\(field) is \(value); allowed: \(allowed)" }
    }

    /// The largest price level, in price units, and the most ticks a level may span: prices are
    /// drawn as whole ticks of at most 18 digits (docs/PLANNER.md).
    public static let maximumLevel = 1e15
    public static let maximumTicks = 1e18
    /// The longest created_at lag either way, 10¹⁷ µs: plan times stay within ±5.8 × 10¹⁷ µs, so a
    /// time plus a lag plus the lag's spread stays far inside Int64.
    public static let maximumLagMicros: Int64 = 100_000_000_000_000_000

    /// A profile measured from data, its statistics brought into the ranges ``validate()`` allows:
    /// the data said what it said (a volume column of zeros outside US hours makes the active-hours
    /// factor huge), and a plan from it should run with the nearest usable value, not refuse.
    public func clampedToUsableRanges() -> MarketDataProfile {
        func clamp(_ x: Double, _ lo: Double, _ hi: Double) -> Double { x.isNaN ? lo : min(hi, max(lo, x)) }
        var p = self
        if let tick = try? PGNumeric.parse(p.price.tick), tick.unscaled > 0 {
            p.price.level = clamp(p.price.level, tick.approximateValue, min(Self.maximumLevel, Self.maximumTicks * tick.approximateValue))
        }
        p.price.tickerSpread = clamp(p.price.tickerSpread, 0, 10)
        p.price.minuteStepTicks = clamp(p.price.minuteStepTicks, 0, Self.maximumTicks)
        p.price.activeHoursFactor = clamp(p.price.activeHoursFactor, 0, 1_000)
        p.price.wickTicks = clamp(p.price.wickTicks, 0, Self.maximumTicks)
        p.volume.medianPerMinute = clamp(p.volume.medianPerMinute, 0, 1e12)
        p.volume.logSigma = clamp(p.volume.logSigma, 0, 10)
        p.volume.activeHoursFactor = clamp(p.volume.activeHoursFactor, 0, 1_000)
        p.volume.nullFraction = clamp(p.volume.nullFraction, 0, 1)
        if let low = p.createdAt.lagMinMicros, let high = p.createdAt.lagMaxMicros {
            let clampedLow = min(Self.maximumLagMicros, max(-Self.maximumLagMicros, low))
            p.createdAt.lagMinMicros = clampedLow
            p.createdAt.lagMaxMicros = min(Self.maximumLagMicros, max(clampedLow, high))
        }
        p.createdAt.nullFraction = clamp(p.createdAt.nullFraction, 0, 1)
        for (key, share) in p.coverage { p.coverage[key] = clamp(share, 1e-9, 1) }
        return p
    }

    /// Checks every field against the range the generator and the models can use (docs/PLANNER.md
    /// "Profile validation"); the first field out of range is thrown.
    public func validate() throws(ValidationError) {
        func number(_ x: Double) -> String { x.isNaN ? "NaN" : "\(x)" }
        func check(_ field: String, _ x: Double, _ ok: Bool, _ allowed: String) throws(ValidationError) {
            guard x.isFinite, ok else { throw ValidationError(field: field, value: number(x), allowed: allowed) }
        }
        try check("measured_rows", Double(measuredRows), measuredRows >= 0, "0 or more")
        try check("observed_tickers", Double(observedTickers), observedTickers >= 0, "0 or more")

        // Calendar.
        guard PGTimeZone(name: calendar.zone) != nil else {
            throw ValidationError(field: "calendar.zone", value: "\"\(calendar.zone)\"", allowed: "UTC or an IANA zone name (America/New_York)")
        }
        guard !calendar.openRanges.isEmpty else {
            throw ValidationError(field: "calendar.open_ranges", value: "empty", allowed: "at least one range of open minutes")
        }
        let week = SessionCalendar.minutesPerWeek
        for (i, r) in calendar.openRanges.enumerated() {
            try check("calendar.open_ranges[\(i)].start", Double(r.start), (0..<week).contains(r.start), "0 … \(week - 1) (minutes from Sunday 00:00)")
            try check("calendar.open_ranges[\(i)].end", Double(r.end), r.end > r.start && r.end <= week, "\(r.start + 1) … \(week) (after start, within the week)")
        }
        if let a = calendar.activeDays {
            try check("calendar.active_days.anchor_day", Double(a.anchorDay), abs(a.anchorDay) <= 1_000_000, "−1,000,000 … 1,000,000 (days since 1970-01-01)")
            try check("calendar.active_days.period_days", Double(a.periodDays), (1...36_600).contains(a.periodDays), "1 … 36,600")
            try check("calendar.active_days.window_days", Double(a.windowDays), (1...a.periodDays).contains(a.windowDays), "1 … period_days (\(a.periodDays))")
            try check("calendar.active_days.observed_days", Double(a.observedDays), a.observedDays >= 0, "0 or more")
            try check("calendar.active_days.session_days", Double(a.sessionDays), a.sessionDays >= 0, "0 or more")
        }

        // Prices.
        let tickText = price.tick
        guard let tick = try? PGNumeric.parse(tickText), tick.isFinite, tick.unscaled > 0, tick.scale >= 0, tick.scale <= 18 else {
            throw ValidationError(field: "price.tick", value: "\"\(tickText)\"", allowed: "a positive decimal of at most 18 decimal places (\"0.25\", \"0.01\")")
        }
        try check("price.level", price.level, price.level > 0 && price.level <= Self.maximumLevel, "more than 0, at most 1e15 (price units)")
        let tickValue = tick.approximateValue
        try check("price.level", price.level, price.level / tickValue <= Self.maximumTicks,
                  "at most 1e18 ticks of \(tickText) (prices are drawn as whole ticks of at most 18 digits)")
        try check("price.ticker_spread", price.tickerSpread, (0...10).contains(price.tickerSpread), "0 … 10 (standard deviation of log level)")
        try check("price.minute_step_ticks", price.minuteStepTicks, (0...Self.maximumTicks).contains(price.minuteStepTicks), "0 … 1e18 ticks")
        try check("price.active_hours_factor", price.activeHoursFactor, (0...1_000).contains(price.activeHoursFactor), "0 … 1000")
        try check("price.wick_ticks", price.wickTicks, (0...Self.maximumTicks).contains(price.wickTicks), "0 … 1e18 ticks")

        // Volumes.
        try check("volume.median_per_minute", volume.medianPerMinute, (0...1e12).contains(volume.medianPerMinute), "0 … 1e12")
        try check("volume.log_sigma", volume.logSigma, (0...10).contains(volume.logSigma), "0 … 10")
        try check("volume.active_hours_factor", volume.activeHoursFactor, (0...1_000).contains(volume.activeHoursFactor), "0 … 1000")
        try check("volume.null_fraction", volume.nullFraction, (0...1).contains(volume.nullFraction), "0 … 1")

        // created_at: a backfill loads bars years after their time (or a default stamps them long
        // before), so the lag may be long; the bound keeps a bar's time plus its lag a timestamp.
        // Both ends are given or neither (a lag that was not measured).
        let lag = Self.maximumLagMicros
        switch (createdAt.lagMinMicros, createdAt.lagMaxMicros) {
        case (let low?, let high?):
            try check("created_at.lag_min_us", Double(low), abs(low) <= lag, "−\(lag) … \(lag) µs (about 3,000 years)")
            try check("created_at.lag_max_us", Double(high), high >= low && high <= lag, "lag_min_us (\(low)) … \(lag) µs")
        case (nil, nil): break
        case (nil, let high?):
            throw ValidationError(field: "created_at.lag_min_us", value: "missing", allowed: "given with lag_max_us (\(high)), or both left out")
        case (let low?, nil):
            throw ValidationError(field: "created_at.lag_max_us", value: "missing", allowed: "given with lag_min_us (\(low)), or both left out")
        }
        try check("created_at.null_fraction", createdAt.nullFraction, (0...1).contains(createdAt.nullFraction), "0 … 1")

        guard ["random_uuid", "null"].contains(idKind) else {
            throw ValidationError(field: "id_kind", value: "\"\(idKind)\"", allowed: "\"random_uuid\" or \"null\"")
        }
        for key in coverage.keys.sorted() {
            guard BarInterval(name: key) != nil else {
                throw ValidationError(field: "coverage", value: "a key \"\(key)\"", allowed: "interval names (\(BarInterval.supportedList))")
            }
            let c = coverage[key]!
            try check("coverage.\(key)", c, c > 0 && c <= 1, "more than 0, at most 1 (share of calendar bars present)")
        }
        for (i, name) in observedIntervals.enumerated() where BarInterval(name: name) == nil {
            throw ValidationError(field: "observed_intervals[\(i)]", value: "\"\(name)\"", allowed: BarInterval.supportedList)
        }
        for name in (columns ?? [:]).keys.sorted() {
            let c = columns![name]!
            try check("columns.\(name).null_fraction", c.nullFraction, (0...1).contains(c.nullFraction), "0 … 1")
            if let w = c.averageBytes { try check("columns.\(name).average_bytes", w, w >= 0 && w <= 1_000_000_000, "0 … 1,000,000,000") }
        }
    }
}
