/// A line chart as inline SVG: one line per series over shared x labels (months), each data point
/// a `circle.point` carrying `data-series`, `data-x` and `data-value` so tests and readers can
/// find the numbers behind it.
struct LineChart: Sendable {
    struct Series: Sendable {
        var name: String
        /// `s0` … `s4`: the colour class.
        var colour: String
        var values: [Double]
    }

    var title: String
    var xLabels: [String]
    var series: [Series]
    var unit: ValueScale.Unit

    static let width = 640.0, height = 300.0
    static let left = 72.0, right = 14.0, top = 30.0, bottom = 42.0

    func svg(id: String) -> String {
        let maxValue = series.flatMap(\.values).max() ?? 0
        let scale = ValueScale(maximum: maxValue, unit: unit)
        let plotW = Self.width - Self.left - Self.right, plotH = Self.height - Self.top - Self.bottom
        let n = xLabels.count
        func x(_ i: Int) -> Double { n <= 1 ? Self.left + plotW / 2 : Self.left + plotW * Double(i) / Double(n - 1) }
        func y(_ v: Double) -> Double { Self.top + plotH - scale.position(v, length: plotH) }
        let c = ValueScale.coordinate
        var out = "<svg id=\"\(HTMLText.escape(id))\" class=\"line-chart\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" "
            + "role=\"img\" aria-labelledby=\"\(HTMLText.escape(id))-title\" xmlns=\"http://www.w3.org/2000/svg\">"
        out += "<title id=\"\(HTMLText.escape(id))-title\">\(HTMLText.escape(title))</title>"
        out += "<g class=\"grid\">"
        for t in scale.ticks { out += "<line x1=\"\(c(Self.left))\" x2=\"\(c(Self.left + plotW))\" y1=\"\(c(y(t)))\" y2=\"\(c(y(t)))\"/>" }
        out += "</g><g class=\"axis\">"
        for t in scale.ticks {
            out += "<text x=\"\(c(Self.left - 6))\" y=\"\(c(y(t) + 4))\" text-anchor=\"end\">\(HTMLText.escape(scale.label(t)))</text>"
        }
        let every = max(1, Int((Double(n) / 7).rounded(.up)))
        // Every `every`-th month from the first, and the last unless it would crowd its neighbour.
        for i in 0..<n where i % every == 0 || (i == n - 1 && (n - 1) % every > every / 2) {
            let anchor = n > 1 && i == n - 1 ? "end" : n > 1 && i == 0 ? "start" : "middle"
            out += "<text x=\"\(c(x(i)))\" y=\"\(c(Self.top + plotH + 16))\" text-anchor=\"\(anchor)\">\(HTMLText.escape(xLabels[i]))</text>"
        }
        out += "</g>"
        // Legend along the top.
        var lx = Self.left
        out += "<g class=\"legend\">"
        for s in series {
            out += "<rect class=\"\(s.colour)\" x=\"\(c(lx))\" y=\"8\" width=\"12\" height=\"12\" rx=\"2\"/>"
            out += "<text x=\"\(c(lx + 16))\" y=\"18\">\(HTMLText.escape(s.name))</text>"
            lx += 16 + Double(s.name.count) * 6.2 + 18
        }
        out += "</g>"
        for s in series {
            let points = s.values.prefix(n).enumerated().map { "\(c(x($0.offset))),\(c(y($0.element)))" }
            out += "<g class=\"series\" data-series=\"\(HTMLText.escape(s.name))\">"
            if points.count > 1 { out += "<polyline class=\"line \(s.colour)\" points=\"\(points.joined(separator: " "))\"/>" }
            for (i, v) in s.values.prefix(n).enumerated() {
                out += "<circle class=\"point \(s.colour)\" cx=\"\(c(x(i)))\" cy=\"\(c(y(v)))\" r=\"2.6\" data-series=\"\(HTMLText.escape(s.name))\" "
                    + "data-x=\"\(HTMLText.escape(xLabels[i]))\" data-value=\"\(Int64(v.rounded()))\">"
                    + "<title>\(HTMLText.escape("\(s.name), \(xLabels[i]): \(scale.label(v))"))</title></circle>"
            }
            out += "</g>"
        }
        return out + "</svg>"
    }
}
