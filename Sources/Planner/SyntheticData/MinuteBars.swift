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

    init(spec: SyntheticDataSpec, tickerIndex: Int) {
        var random = SeededRandom(seed: spec.seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(tickerIndex + 1))
        let profile = spec.profile
        let tickValue = max(spec.tick.approximateValue, 1e-12)
        let level = profile.price.level * exp(profile.price.tickerSpread * random.nextGaussian()) * (0.975 + 0.05 * random.nextUnit())
        var price = max(1, Int64(min(level / tickValue, 1e15).rounded()))
        let sigma = max(0, profile.price.minuteStepTicks)
        let activeSigma = sigma * max(0, profile.price.activeHoursFactor)
        let wickSpan = UInt64(max(0, min(1e6, (2 * profile.price.wickTicks).rounded()))) + 1
        let volumeMedian = max(1, profile.volume.medianPerMinute)
        let volumeSigma = max(0, profile.volume.logSigma)
        let volumeActive = max(0, profile.volume.activeHoursFactor)
        let nullFraction = spec.nullVolumeFraction
        spec.calendar.forEachOpenMinute(from: spec.start, to: spec.windowEnd) { t in
            let active = TradingSession.isUSHours(minute: t)
            let step = Int64((random.nextGaussian() * (active ? activeSigma : sigma)).rounded())
            let o = price
            let c = max(1, o + step)
            let h = max(o, c) + Int64(random.next() % wickSpan)
            let l = max(1, min(o, c) - Int64(random.next() % wickSpan))
            let raw = volumeMedian * exp(random.nextGaussian() * volumeSigma) * (active ? volumeActive : 1)
            let v = Int64(min(raw, 1e15).rounded()) + 1
            let isNull = random.nextUnit() < nullFraction
            starts.append(t); open.append(o); high.append(h); low.append(l); close.append(c)
            volume.append(isNull ? nil : v)
            price = c
        }
    }
}
