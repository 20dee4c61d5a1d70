import Foundation
import Schema
import Storage

/// One ticker's one-minute OHLCV path over a session calendar: the source every longer bar and
/// every prediction is derived from.
///
/// Model (statistics from the spec's ``MarketDataProfile``, docs/PLANNER.md): prices in ticks, a
/// random walk whose step is N(0, σ) ticks, σ scaled by the profile's factor in active hours
/// (14:00–20:59 UTC); the ticker's level is the profile's level spread log-normally across
/// tickers; open = previous close; high/low 0–2w ticks beyond max/min(open, close) (w the
/// profile's mean wick); volume log-normal around the profile's median (its factor in active
/// hours), NULL with the spec's probability.
struct MinuteBars {
    var starts: [Int64] = []
    /// Prices in ticks.
    var open: [Int64] = [], high: [Int64] = [], low: [Int64] = [], close: [Int64] = []
    /// nil is a NULL volume.
    var volume: [Int64?] = []

    /// One minute of the path: its start (µs), prices in ticks, nil volume for NULL.
    struct Minute {
        var start: Int64
        var open: Int64, high: Int64, low: Int64, close: Int64
        var volume: Int64?
    }

    /// The whole path held in arrays (what ``forEachMinute(spec:tickerIndex:_:)`` streams).
    init(spec: SyntheticDataSpec, tickerIndex: Int) {
        Self.forEachMinute(spec: spec, tickerIndex: tickerIndex) { m in
            starts.append(m.start); open.append(m.open); high.append(m.high); low.append(m.low); close.append(m.close)
            volume.append(m.volume)
        }
    }

    /// The ticker's minutes in time order, one at a time, so a long calendar costs time but no
    /// memory beyond what `body` keeps.
    static func forEachMinute(spec: SyntheticDataSpec, tickerIndex: Int, _ body: (Minute) -> Void) {
        var random = SeededRandom(seed: spec.seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(tickerIndex + 1))
        let profile = spec.profile
        let tickValue = max(spec.tick.approximateValue, 1e-12)
        // Levels are stratified over tickers: ticker k sits at the van der Corput quantile of k, so
        // the first 2^j − 1 tickers always cover the distribution evenly (plan's samples are such
        // prefixes) and the tickers 2^(j−1) … 2^j − 1 are its odd 2^j-quantiles.
        let quantile = Self.vanDerCorput(tickerIndex + 1)
        let level = profile.price.level * exp(profile.price.tickerSpread * Self.normalQuantile(quantile)) * (0.975 + 0.05 * random.nextUnit())
        var price = Int64(Self.clamped((level / tickValue).rounded(), to: 1...Double(Self.maxTicks - 1)))
        let sigma = Self.clamped(profile.price.minuteStepTicks, to: 0...Double(Self.maxTicks))
        let activeSigma = sigma * Self.clamped(profile.price.activeHoursFactor, to: 0...1e6)
        let wickSpan = UInt64(Self.clamped((2 * profile.price.wickTicks).rounded(), to: 0...1e6)) + 1
        let volumeMedian = Self.clamped(profile.volume.medianPerMinute, to: 1...Self.maxMinuteVolume)
        let volumeSigma = Self.clamped(profile.volume.logSigma, to: 0...100)
        let volumeActive = Self.clamped(profile.volume.activeHoursFactor, to: 0...1e6)
        let nullFraction = spec.nullVolumeFraction
        spec.calendar.forEachOpenMinute(from: spec.start, to: spec.windowEnd) { t in
            let active = TradingSession.isUSHours(minute: t)
            let step = Self.ticks((random.nextGaussian() * (active ? activeSigma : sigma)).rounded())
            let o = price
            // |o| and |step| are at most maxTicks (< Int64.max / 4): these sums cannot overflow.
            let c = min(Self.maxTicks, max(1, o + step))
            let h = min(Self.maxTicks, max(o, c) + Int64(random.next() % wickSpan))
            let l = max(1, min(o, c) - Int64(random.next() % wickSpan))
            let raw = volumeMedian * exp(random.nextGaussian() * volumeSigma) * (active ? volumeActive : 1)
            let v = Int64(raw.isNaN ? 0 : min(raw, Self.maxMinuteVolume).rounded()) + 1
            let isNull = random.nextUnit() < nullFraction
            body(Minute(start: t, open: o, high: h, low: l, close: c, volume: isNull ? nil : v))
            price = c
        }
    }

    /// The largest price the generator draws, in ticks: 18 digits, what a profile reads
    /// (docs/PLANNER.md); far enough below `Int64.max` that a price plus a step cannot overflow.
    static let maxTicks: Int64 = 999_999_999_999_999_999
    /// The largest one-minute volume drawn: a month of minutes summed into a `1M` bar stays
    /// below `Int64.max` (44,640 × 10¹³ < 9.2 × 10¹⁸).
    static let maxMinuteVolume = 1e13

    /// `x` within `range`; NaN goes to the lower bound (a profile's statistic that is not a number
    /// draws as its smallest value rather than trapping on conversion).
    static func clamped(_ x: Double, to range: ClosedRange<Double>) -> Double {
        x.isNaN ? range.lowerBound : min(range.upperBound, max(range.lowerBound, x))
    }

    /// A rounded step in ticks as an integer, clamped to ±``maxTicks`` (a Gaussian draw times a
    /// huge σ is beyond `Int64`, and converting it would trap).
    static func ticks(_ x: Double) -> Int64 {
        Int64(clamped(x, to: -Double(maxTicks)...Double(maxTicks)))
    }

    /// The base-2 van der Corput sequence: 1 → 0.5, 2 → 0.25, 3 → 0.75, 4 → 0.125 …
    static func vanDerCorput(_ n: Int) -> Double {
        var n = n, result = 0.0, denominator = 1.0
        while n > 0 {
            denominator *= 2
            result += Double(n & 1) / denominator
            n >>= 1
        }
        return result
    }

    /// The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9).
    static func normalQuantile(_ p: Double) -> Double {
        let q = min(max(p, 1e-12), 1 - 1e-12)
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        if q < 0.02425 {
            let r = (-2 * log(q)).squareRoot()
            return (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1)
        }
        if q > 1 - 0.02425 {
            let r = (-2 * log(1 - q)).squareRoot()
            return -(((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1)
        }
        let r = q - 0.5, t = r * r
        return (((((a[0] * t + a[1]) * t + a[2]) * t + a[3]) * t + a[4]) * t + a[5]) * r / (((((b[0] * t + b[1]) * t + b[2]) * t + b[3]) * t + b[4]) * t + 1)
    }
}
