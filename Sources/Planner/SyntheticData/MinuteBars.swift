import Foundation
import Schema
import Storage

/// One ticker's one-minute OHLCV path over a session calendar: the source every longer bar and
/// every prediction is derived from.
///
/// Model (chosen to look like the MES/ES/NQ files, documented in docs/INGEST.md): prices in ticks,
/// a random walk whose step is N(0, 1.2 ticks), doubled in US cash hours (14:00–20:59 UTC); open =
/// previous close; high/low 0–3 ticks beyond max/min(open, close); volume log-normal (median 400,
/// σ 1.0, 4× in US hours), NULL with the spec's probability.
struct MinuteBars {
    var starts: [Int64] = []
    /// Prices in ticks.
    var open: [Int64] = [], high: [Int64] = [], low: [Int64] = [], close: [Int64] = []
    /// nil is a NULL volume.
    var volume: [Int64?] = []

    init(spec: SyntheticDataSpec, tickerIndex: Int) {
        var random = SeededRandom(seed: spec.seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(tickerIndex + 1))
        let tickValue = spec.tick.approximateValue
        // A start between 3900 and 4100 index points, as in the shared synthetic set.
        var price = Int64(((3900 + 200 * random.nextUnit()) / tickValue).rounded())
        let minTicks = Int64(1)
        let minute: Int64 = 60_000_000
        let first = spec.start - ((spec.start % minute) + minute) % minute
        let end = spec.start + Int64(spec.days) * CivilTime.microsecondsPerDay
        var t = first
        while t < end {
            defer { t += minute }
            guard t >= spec.start, spec.session.isOpen(minute: t) else { continue }
            let us = TradingSession.isUSHours(minute: t)
            let step = Int64((random.nextGaussian() * (us ? 2.4 : 1.2)).rounded())
            let o = price
            let c = max(minTicks, o + step)
            let h = max(o, c) + Int64(random.next() % 4)
            let l = max(minTicks, min(o, c) - Int64(random.next() % 4))
            let v = Int64((400 * exp(random.nextGaussian()) * (us ? 4 : 1)).rounded()) + 1
            let isNull = random.nextUnit() < spec.nullVolumeFraction
            starts.append(t); open.append(o); high.append(h); low.append(l); close.append(c)
            volume.append(isNull ? nil : v)
            price = c
        }
    }
}
