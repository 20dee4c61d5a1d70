import Foundation
import Schema
import Storage

/// Deterministic synthetic `block_predictions`: one per ticker per trading hour (the table's
/// UNIQUE (ticker_id, hour_start_timestamp)), the prediction made at the 5/7 point of the hour
/// (each hour is seven blocks of 60/7 minutes, REFERENCE.md §1). Prices come from the same
/// one-minute paths as ``MarketDataGenerator`` with the same spec, so references line up with bars.
/// `actual_result` mixes CORRECT / WRONG / PENDING / NULL like ``PredictionGenerator``.
public struct BlockPredictionGenerator: Sendable {
    public var spec: SyntheticDataSpec

    public init(spec: SyntheticDataSpec) {
        self.spec = spec
    }

    /// 5/7 of an hour in µs, rounded down: 42 min 51.428571 s.
    static let predictionOffset: Int64 = 3_600_000_000 * 5 / 7

    public func rows() -> RowSet {
        var random = SeededRandom(seed: spec.seed ^ 0xB10C_B10C_B10C_B10C)
        var out = RowSetBuilder(table: NQPTables.blockPredictions)
        let ids = spec.tickerIDs
        let order = ids.indices.sorted { ids[$0] < ids[$1] }
        // Hour start → first one-minute bar of the hour, per ticker.
        var hourly: [[Int64: (open: Int64, high: Int64, low: Int64, close: Int64)]] = []
        for k in ids.indices {
            let m = MinuteBars(spec: spec, tickerIndex: k)
            var h: [Int64: (open: Int64, high: Int64, low: Int64, close: Int64)] = [:]
            for i in m.starts.indices {
                let start = CivilTime.floorDiv(m.starts[i], 3_600_000_000) * 3_600_000_000
                if var bar = h[start] {
                    bar.high = max(bar.high, m.high[i]); bar.low = min(bar.low, m.low[i]); bar.close = m.close[i]
                    h[start] = bar
                } else {
                    h[start] = (m.open[i], m.high[i], m.low[i], m.close[i])
                }
            }
            hourly.append(h)
        }
        let hours = Set(hourly.flatMap(\.keys)).sorted()
        let tick = spec.tick
        func price(_ ticks: Int64) -> Value {
            // numeric(12,4) prices from tick counts.
            .numeric(PGNumeric(unscaled: ticks * tick.unscaled * PGNumeric.powersOfTen[max(0, 4 - tick.scale)], scale: 4))
        }
        let directions = ["UP", "DOWN", "NEUTRAL"]
        for hour in hours {
            for k in order {
                guard let bar = hourly[k][hour] else { continue }
                let predicted = hour + Self.predictionOffset
                let direction = directions[Int(random.next() % 3)]
                let roll = random.nextUnit()
                let result: String? = roll < 0.5 ? "CORRECT" : roll < 0.8 ? "WRONG" : roll < 0.9 ? "PENDING" : nil
                let counter = random.nextUnit() < 0.2
                out.set("id", .uuid(random.nextUUIDv4()))
                out.set("ticker_id", .uuid(ids[k]))
                out.set("hour_start_timestamp", .timestamp(hour))
                out.set("prediction_timestamp", .timestamp(predicted))
                out.set("prediction", .text(direction))
                out.set("confidence", .numeric(PGNumeric(unscaled: Int64(random.next() % 10_001), scale: 2)))
                out.set("prediction_strength", .text(["weak", "moderate", "strong"][Int(random.next() % 3)]))
                out.set("reference_price", price(bar.open))
                out.set("early_bias", .text(directions[Int(random.next() % 3)]))
                out.set("early_bias_strength", .numeric(PGNumeric(unscaled: Int64(random.next() % 20_000), scale: 4)))
                out.set("has_sustained_counter", .bool(counter))
                if counter { out.set("counter_direction", .text(direction == "UP" ? "DOWN" : "UP")) }
                let blocks = (0..<7).map { _ in PGNumeric(unscaled: Int64((random.nextGaussian() * 100).rounded()), scale: 2).description }
                out.set("block_data", .jsonb(Self.canonical("{\"blocks\": [\(blocks.joined(separator: ", "))], \"count\": 7}")))
                let levels = "{\"high\": \(price(bar.high).text(as: .numeric(precision: 12, scale: 4)) ?? "0"), \"low\": \(price(bar.low).text(as: .numeric(precision: 12, scale: 4)) ?? "0")}"
                out.set("reference_levels", .jsonb(Self.canonical(levels)))
                out.set("deviation_at_5_7", .numeric(PGNumeric(unscaled: Int64((random.nextGaussian() * 20_000).rounded()), scale: 4)))
                out.set("volatility", .numeric(PGNumeric(unscaled: Int64(random.next() % 50_000), scale: 4)))
                if result == "CORRECT" || result == "WRONG" {
                    out.set("blocks_6_7_close", price(bar.close))
                    out.set("verified_at", .timestamp(hour + 3_600_000_000 + Int64(random.next() % 5_000_000)))
                }
                if let result { out.set("actual_result", .text(result)) }
                out.set("metadata", .jsonb("{}"))
                out.set("created_at", .timestamp(predicted + Int64(random.next() % 1_000_000)))
                out.endRow()
            }
        }
        return out.rows
    }

    static func canonical(_ json: String) -> String {
        (try? JSONBText.canonical(json)) ?? json
    }
}
