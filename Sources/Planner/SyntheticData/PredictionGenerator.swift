import Foundation
import Schema
import Storage

/// Deterministic synthetic `predictions`: one per ticker every 15 trading minutes, satisfying the
/// table's CHECK constraints (prediction BULLISH/BEARISH/NEUTRAL, confidence 0–100 as numeric(5,2),
/// weighted_score 0–1 as numeric(5,4), total_signals > 0). `actual_result` mixes CORRECT 45 %,
/// WRONG 35 %, PENDING 10 % and NULL 10 % (both undecided forms occur in the NQP data and the
/// analytics functions treat them differently); decided rows get a price change and a
/// verification time 15 minutes later.
public struct PredictionGenerator: Sendable {
    public var spec: SyntheticDataSpec

    public init(spec: SyntheticDataSpec) {
        self.spec = spec
    }

    /// Minutes between two predictions of a ticker.
    public static let everyMinutes = 15

    public func rows() -> RowSet {
        var random = SeededRandom(seed: spec.seed ^ 0x5EED_0F9B_ED1C_7000)
        var out = RowSetBuilder(table: NQPTables.predictions)
        let ids = spec.tickerIDs
        let slots = Self.slots(spec)
        for t in slots {
            for k in ids.indices.sorted(by: { ids[$0] < ids[$1] }) {
                let bullish = Int64(random.next() % 11), bearish = Int64(random.next() % 11), neutral = Int64(random.next() % 4)
                let total = max(1, bullish + bearish + neutral)
                let direction = bullish > bearish ? "BULLISH" : bearish > bullish ? "BEARISH" : "NEUTRAL"
                let roll = random.nextUnit()
                let result: String? = roll < 0.45 ? "CORRECT" : roll < 0.80 ? "WRONG" : roll < 0.90 ? "PENDING" : nil
                let created = t + Int64(random.next() % 2_000_000)
                out.set("id", .uuid(random.nextUUIDv4()))
                out.set("ticker_id", .uuid(ids[k]))
                out.set("timestamp", .timestamp(t))
                out.set("prediction", .text(direction))
                out.set("confidence", .numeric(PGNumeric(unscaled: Int64(random.next() % 10_001), scale: 2)))
                out.set("weighted_score", .numeric(PGNumeric(unscaled: Int64(random.next() % 10_001), scale: 4)))
                out.set("bullish_count", .int(bullish))
                out.set("bearish_count", .int(bearish))
                out.set("total_signals", .int(total))
                if let result {
                    out.set("actual_result", .text(result))
                    if result != "PENDING" {
                        let change = Int64((random.nextGaussian() * 500).rounded())
                        out.set("actual_price_change", .numeric(PGNumeric(unscaled: change, scale: 2)))
                        out.set("verification_timestamp", .timestamp(t + 15 * 60_000_000))
                    }
                }
                out.set("market_status", .text("open"))
                out.set("volatility_level", .text(["low", "medium", "high"][Int(random.next() % 3)]))
                out.set("session", .text(Self.sessionName(t)))
                out.set("metadata", .jsonb("{}"))
                out.set("created_at", .timestamp(created))
                out.set("updated_at", .timestamp(created))
                out.endRow()
            }
        }
        return out.rows
    }

    /// Trading minutes on the 15-minute grid.
    static func slots(_ spec: SyntheticDataSpec) -> [Int64] {
        let step = Int64(everyMinutes) * 60_000_000
        var t = CivilTime.floorDiv(spec.start + step - 1, step) * step
        let end = spec.start + Int64(spec.days) * CivilTime.microsecondsPerDay
        var out: [Int64] = []
        while t < end {
            if spec.session.isOpen(minute: t) { out.append(t) }
            t += step
        }
        return out
    }

    /// The regional session by UTC hour, as NQP labels it.
    static func sessionName(_ t: Int64) -> String {
        let hour = Int((t - CivilTime.floorDiv(t, CivilTime.microsecondsPerDay) * CivilTime.microsecondsPerDay) / 3_600_000_000)
        switch hour {
        case 0..<7: return "asia"
        case 7..<13: return "europe"
        default: return "us"
        }
    }
}
