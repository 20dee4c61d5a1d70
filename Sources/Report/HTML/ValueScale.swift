import Foundation
import Planner

/// A chart's value axis: zero to a rounded maximum with four or five round ticks, labelled in the
/// figure's unit (bytes in 1024-based units, milliseconds, or plain counts).
struct ValueScale: Sendable {
    enum Unit: Sendable { case bytes, milliseconds, count }

    let unit: Unit
    /// The axis end (≥ every value shown).
    let top: Double
    let ticks: [Double]

    init(maximum: Double, unit: Unit) {
        self.unit = unit
        let m = maximum.isFinite && maximum > 0 ? maximum : 1
        var base = 1.0
        if unit == .bytes { while m / base >= 1024 { base *= 1024 } }
        let scaled = m / base
        let rough = scaled / 5
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let steps = (scaled / step).rounded(.up)
        top = steps * step * base
        ticks = (0...Int(steps)).map { Double($0) * step * base }
    }

    /// Where `value` falls along an axis of `length` points (clamped to the axis).
    func position(_ value: Double, length: Double) -> Double {
        guard top > 0, value.isFinite else { return 0 }
        return min(max(value / top, 0), 1) * length
    }

    func label(_ value: Double) -> String { Self.label(value, unit: unit) }

    static func label(_ value: Double, unit: Unit) -> String {
        switch unit {
        case .bytes: return ByteCount.text(Int64(value.rounded()))
        case .milliseconds: return milliseconds(value)
        case .count: return PlanText.count(Int(value.rounded()))
        }
    }

    /// `0.42 ms`, `3.1 ms`, `250 ms`: two significant figures below 100 ms.
    /// Trailing zeros are dropped (`2 ms`, `0.5 ms`).
    static func milliseconds(_ v: Double) -> String {
        let digits = v >= 100 ? 0 : v >= 10 ? 1 : v >= 1 ? 2 : 3
        var text = String(format: "%.\(digits)f", v)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text + " ms"
    }

    /// SVG coordinates with one decimal (stable text for snapshots).
    static func coordinate(_ v: Double) -> String { String(format: "%.1f", v) }
}
