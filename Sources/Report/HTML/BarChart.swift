/// A horizontal bar chart as inline SVG. Bars come in groups (a query with one bar per
/// configuration, or one bar per relation); a group may carry its own marker (a latency target)
/// and the chart may carry markers across every group (a memory budget). Each bar is a
/// `rect.bar` with `data-label`, `data-group` and `data-value`; each marker a `g.marker` with
/// `data-label` and `data-value`.
struct BarChart: Sendable {
    struct Bar: Sendable {
        var label: String
        var value: Double
        var colour: String
    }

    struct Marker: Sendable {
        var label: String
        var value: Double
        /// Drawn in the warning colour (a target the bars miss).
        var bad: Bool = false
    }

    struct Group: Sendable {
        var label: String
        var bars: [Bar]
        var marker: Marker? = nil
    }

    var title: String
    var groups: [Group]
    var markers: [Marker] = []
    var unit: ValueScale.Unit
    /// Legend entries (name, colour) when bars in a group differ by colour.
    var legend: [(String, String)] = []

    static let width = 640.0
    static let labelWidth = 190.0, right = 84.0, barHeight = 16.0, barGap = 4.0, groupGap = 10.0

    /// The chart; `valueLabel` overrides the unit's labels for the values written at the bars' ends and on the axis.
    func svg(id: String, valueLabel: ((Double) -> String)? = nil) -> String {
        let values = groups.flatMap { $0.bars.map(\.value) } + groups.compactMap { $0.marker?.value } + markers.map(\.value)
        let scale = ValueScale(maximum: values.max() ?? 0, unit: unit)
        let text = valueLabel ?? scale.label
        let c = ValueScale.coordinate
        let top = (legend.isEmpty ? 10.0 : 30.0) + 14 * Double(markers.count)
        let plotW = Self.width - Self.labelWidth - Self.right
        var rowsHeight = 0.0
        for g in groups { rowsHeight += Double(g.bars.count) * (Self.barHeight + Self.barGap) + Self.groupGap }
        let height = top + rowsHeight + 24
        func x(_ v: Double) -> Double { Self.labelWidth + scale.position(v, length: plotW) }

        var out = "<svg id=\"\(HTMLText.escape(id))\" class=\"bar-chart\" viewBox=\"0 0 \(Int(Self.width)) \(Int(height.rounded(.up)))\" "
            + "role=\"img\" aria-labelledby=\"\(HTMLText.escape(id))-title\" xmlns=\"http://www.w3.org/2000/svg\">"
        out += "<title id=\"\(HTMLText.escape(id))-title\">\(HTMLText.escape(title))</title>"
        let axisY = top + rowsHeight
        out += "<g class=\"grid\">"
        for t in scale.ticks { out += "<line x1=\"\(c(x(t)))\" x2=\"\(c(x(t)))\" y1=\"\(c(top - 4))\" y2=\"\(c(axisY))\"/>" }
        out += "</g><g class=\"axis\">"
        for t in scale.ticks {
            out += "<text x=\"\(c(x(t)))\" y=\"\(c(axisY + 14))\" text-anchor=\"middle\">\(HTMLText.escape(text(t)))</text>"
        }
        out += "</g>"
        if !legend.isEmpty {
            var lx = Self.labelWidth
            out += "<g class=\"legend\">"
            for (name, colour) in legend {
                out += "<rect class=\"\(colour)\" x=\"\(c(lx))\" y=\"8\" width=\"12\" height=\"12\" rx=\"2\"/>"
                out += "<text x=\"\(c(lx + 16))\" y=\"18\">\(HTMLText.escape(name))</text>"
                lx += 16 + Double(name.count) * 6.2 + 18
            }
            out += "</g>"
        }
        var y = top
        for g in groups {
            let groupTop = y
            out += "<g class=\"group\" data-group=\"\(HTMLText.escape(g.label))\">"
            out += "<text x=\"\(c(Self.labelWidth - 8))\" y=\"\(c(y + Self.barHeight - 4))\" text-anchor=\"end\">"
                + "<title>\(HTMLText.escape(g.label))</title>\(HTMLText.escape(Self.shortened(g.label, 27)))</text>"
            for b in g.bars {
                let w = max(x(b.value) - Self.labelWidth, b.value > 0 ? 1 : 0)
                out += "<rect class=\"bar \(b.colour)\" x=\"\(c(Self.labelWidth))\" y=\"\(c(y))\" width=\"\(c(w))\" height=\"\(c(Self.barHeight))\" "
                    + "data-group=\"\(HTMLText.escape(g.label))\" data-label=\"\(HTMLText.escape(b.label))\" data-value=\"\(Self.dataValue(b.value, unit))\">"
                    + "<title>\(HTMLText.escape("\(g.label) · \(b.label): \(text(b.value))"))</title></rect>"
                out += "<text x=\"\(c(Self.labelWidth + w + 4))\" y=\"\(c(y + Self.barHeight - 4))\">\(HTMLText.escape(text(b.value)))</text>"
                y += Self.barHeight + Self.barGap
            }
            if let m = g.marker {
                out += marker(m, x: x(m.value), from: groupTop - 2, to: y - Self.barGap + 2, labelled: false)
            }
            out += "</g>"
            y += Self.groupGap
        }
        // Marker labels one above the other, so markers at the same value stay readable.
        for (i, m) in markers.enumerated() {
            out += marker(m, x: x(m.value), from: top - 14 * Double(markers.count - i), to: axisY, labelled: true)
        }
        return out + "</svg>"
    }

    private func marker(_ m: Marker, x: Double, from: Double, to: Double, labelled: Bool) -> String {
        let c = ValueScale.coordinate
        var out = "<g class=\"marker\(m.bad ? " bad" : "")\" data-label=\"\(HTMLText.escape(m.label))\" data-value=\"\(Self.dataValue(m.value, unit))\">"
        out += "<title>\(HTMLText.escape("\(m.label): \(ValueScale.label(m.value, unit: unit))"))</title>"
        out += "<line x1=\"\(c(x))\" x2=\"\(c(x))\" y1=\"\(c(from))\" y2=\"\(c(to))\"/>"
        if labelled {
            let anchor = x > Self.width - Self.right - 60 ? "end" : "start"
            out += "<text x=\"\(c(anchor == "end" ? x - 3 : x + 3))\" y=\"\(c(from + 9))\" text-anchor=\"\(anchor)\">\(HTMLText.escape(m.label))</text>"
        }
        return out + "</g>"
    }

    static func dataValue(_ v: Double, _ unit: ValueScale.Unit) -> String {
        unit == .bytes ? String(Int64(v.rounded())) : String(format: "%.3f", v)
    }

    static func shortened(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }
}
