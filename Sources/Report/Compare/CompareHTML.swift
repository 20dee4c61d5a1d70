import Foundation
import Planner

/// The HTML report of `compare --format html`: the compression settings side by side, as one
/// self-contained page: bytes per setting (engine measured, TimescaleDB predicted, uncompressed),
/// bytes per row by column per setting, and the recommendation; a table beside each chart.
public enum CompareHTML {
    static let colours = ["s0", "s1", "s2", "s3", "s4"]

    /// The whole page.
    public static func page(_ report: ComparisonReport, chunkInterval: String) -> String {
        let e = HTMLText.escape
        let names = report.settings.indices.map { "#\($0 + 1)" }
        func label(_ i: Int) -> String {
            let s = report.settings[i]
            return "\(names[i]) " + (s.segmentby.isEmpty ? "(no segmentby)" : s.segmentby) + " / " + s.orderby
        }
        var body = "<header><h1>Compression settings compared</h1>"
        let best = report.settings.indices.min { report.settings[$0].engineBytes < report.settings[$1].engineBytes }
        body += "<p class=\"lede\">\(e(PlanText.count(report.rows))) rows in \(e(PlanText.count(report.settings.first?.chunks ?? 0))) chunks of \(e(chunkInterval)), "
            + "batches of at most \(report.batchSize) rows"
            + (best.map { "; the smallest is \(label($0)) at \(PlanText.bytes(report.settings[$0].engineBytes))" }.map(e) ?? "") + ".</p>"
        body += "</header>"

        // Bytes per setting.
        var groups: [BarChart.Group] = []
        for (i, s) in report.settings.enumerated() {
            var bars = [BarChart.Bar(label: "engine", value: Double(s.engineBytes), colour: "s2")]
            if let p = s.predictedTimescaledb { bars.append(.init(label: "TimescaleDB (predicted)", value: Double(p.afterCompressionTotalBytes), colour: "s1")) }
            groups.append(.init(label: label(i), bars: bars))
        }
        let uncompressed = report.settings.first?.uncompressedBytes ?? 0
        var legend = [("engine (measured)", "s2")]
        if report.settings.contains(where: { $0.predictedTimescaledb != nil }) { legend.append(("TimescaleDB (predicted)", "s1")) }
        let sizeChart = BarChart(title: "Stored bytes per setting", groups: groups,
                                 markers: uncompressed > 0 ? [.init(label: "uncompressed", value: Double(uncompressed))] : [],
                                 unit: .bytes, legend: legend)
        let sizeRows = report.settings.enumerated().map { i, s in
            [names[i], s.segmentby.isEmpty ? "(none)" : s.segmentby, s.orderby, PlanText.count(s.batches), String(format: "%.1f", s.rowsPerBatch),
             PlanText.bytes(s.engineBytes), String(format: "%.2f", s.bytesPerRow), String(format: "%.1fx", s.ratioVsUncompressed),
             s.predictedTimescaledb.map { PlanText.bytes($0.afterCompressionTotalBytes) } ?? "-"].map(e)
        }
        let sizeTable = HTMLText.table(caption: nil, header: ["#", "segmentby", "orderby", "batches", "rows/batch", "engine", "B/row", "vs plain", "TimescaleDB"],
                                       rows: sizeRows, numeric: [3, 4, 5, 6, 7, 8])
        body += HTMLText.figure(id: "sizes", title: "Bytes per setting",
                                explanation: e("The engine's bytes are measured on the data; TimescaleDB's are predicted hypertable_compression_stats; "
                                               + "the dashed line is the same rows uncompressed."),
                                chart: sizeChart.svg(id: "chart-sizes"), table: sizeTable)

        // Bytes per row by column.
        var columnNames: [String] = []
        for s in report.settings { for c in s.columns where !columnNames.contains(c.name) { columnNames.append(c.name) } }
        let columnGroups = columnNames.map { name in
            BarChart.Group(label: name, bars: report.settings.enumerated().compactMap { i, s in
                s.columns.first { $0.name == name }.map { BarChart.Bar(label: names[i], value: $0.bytesPerRow, colour: colours[i % colours.count]) }
            })
        }
        let columnChart = BarChart(title: "Engine bytes per row by column and setting", groups: columnGroups, unit: .count,
                                   legend: names.enumerated().map { ($0.element, colours[$0.offset % colours.count]) })
        var header = ["column"]
        for n in names { header += ["\(n) B/row", "\(n) codec"] }
        let columnRows = columnNames.map { name -> [String] in
            var row = [e(name)]
            for s in report.settings {
                let c = s.columns.first { $0.name == name }
                row += [c.map { String(format: "%.2f", $0.bytesPerRow) } ?? "-", c?.codec ?? "-"].map(e)
            }
            return row
        }
        let columnTable = HTMLText.table(caption: nil, header: header.map(e), rows: columnRows,
                                         numeric: Set(stride(from: 1, to: header.count, by: 2)))
        body += HTMLText.figure(id: "columns", title: "Bytes per row by column",
                                explanation: e("What each column costs per row under each setting, and the codec most of its batches chose; segmentby columns are stored once per batch."),
                                chart: columnChart.svg(id: "chart-columns", valueLabel: { String(format: "%.2f B", $0) }), table: columnTable)

        let r = report.recommendation
        body += "<section class=\"figure\" id=\"recommendation\"><h2>Recommendation</h2><p>segmentby <code>\(e(r.proposed.segmentBy))</code>, "
            + "orderby <code>\(e(r.proposed.orderBy ?? ""))</code> (TimescaleDB's default: segmentby <code>\(e(r.timescaledbDefault.segmentBy))</code>, "
            + "orderby <code>\(e(r.timescaledbDefault.orderBy ?? ""))</code>).</p>"
        if !r.reasons.isEmpty { body += "<ul>" + r.reasons.map { "<li>\(e($0))</li>" }.joined() + "</ul>" }
        let warnings = report.settings.enumerated().flatMap { i, s in s.warnings.map { "\(names[i]): \($0)" } }
        if !warnings.isEmpty { body += "<ul class=\"warnings\">" + warnings.map { "<li>\(e($0))</li>" }.joined() + "</ul>" }
        body += "</section>"
        return HTMLText.page(title: "Compression settings compared", body: body)
    }
}
