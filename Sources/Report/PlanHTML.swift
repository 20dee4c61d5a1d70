import Foundation
import Planner
import PostgresModel

/// The HTML report of `plan --format html`: one self-contained page with an SVG chart and a table
/// beside it for each part of the plan (storage over time, storage by tier, bytes per relation,
/// memory fit, latency against targets). Several scenarios (`--vary`) get a side-by-side section
/// first, then one part per scenario. Figures come from ``CapacityPlan``; nothing is computed here
/// beyond picking and labelling them.
public enum PlanHTML {
    /// The whole page for one or more plans.
    public static func page(_ plans: [CapacityPlan]) -> String {
        let names = scenarioNames(plans)
        var body = ""
        let table = plans.first?.scenario["table"] ?? "market_data"
        if plans.count > 1 {
            body += "<header><h1>Capacity plans: \(HTMLText.escape(table)), \(plans.count) scenarios</h1>"
            body += "<p class=\"lede\">Scenarios differ in \(HTMLText.escape(differingKeys(plans).joined(separator: ", "))); each has its own section below.</p></header>"
            body += comparison(plans, names: names)
        }
        for (i, p) in plans.enumerated() {
            body += article(p, prefix: plans.count > 1 ? "p\(i + 1)-" : "", name: plans.count > 1 ? names[i] : nil)
        }
        return HTMLText.page(title: "Capacity plan: \(table)", body: body)
    }

    // MARK: one plan

    static func article(_ p: CapacityPlan, prefix: String, name: String?) -> String {
        let s = p.scenario
        let e = HTMLText.escape
        var out = "<article class=\"plan\" id=\"\(prefix)plan\">"
        out += "<header>"
        let title = "Capacity plan: \(s["table"] ?? "market_data")" + (name.map { " (\($0))" } ?? "")
        out += name == nil ? "<h1>\(e(title))</h1>" : "<h2>\(e(title))</h2>"
        out += "<p class=\"lede\">\(e(lede(p)))</p>"
        out += cards(p)
        out += "<dl class=\"inputs\">"
        for k in s.keys.sorted() { out += "<div><dt>\(e(k.replacingOccurrences(of: "_", with: " ")))</dt><dd>\(e(s[k] ?? ""))</dd></div>" }
        out += "</dl>"
        var toc: [(String, String)] = []
        if !p.timeline.isEmpty { toc.append(("storage-timeline", "Storage over time")) }
        toc.append(("storage-tiers", "Storage by tier"))
        if !p.continuousAggregates.isEmpty { toc.append(("continuous-aggregates", "Continuous aggregates")) }
        if !p.sizes.plain.relations.isEmpty { toc.append(("relations", "Bytes per relation")) }
        if !p.columnBytes.isEmpty { toc.append(("columns", "Bytes per column")) }
        toc.append(("memory", "Memory fit"))
        if !p.latency.isEmpty || !p.targets.isEmpty { toc.append(("latency", "Latency")) }
        out += "<nav class=\"toc\">" + toc.map { "<a href=\"#\(prefix)\($0.0)\">\(e($0.1))</a>" }.joined() + "</nav>"
        out += "</header>"

        if !p.timeline.isEmpty { out += timeline(p, prefix: prefix) }
        out += tiers(p, prefix: prefix)
        if !p.continuousAggregates.isEmpty { out += continuousAggregates(p, prefix: prefix) }
        if !p.sizes.plain.relations.isEmpty { out += relations(p, prefix: prefix) }
        if !p.columnBytes.isEmpty { out += columns(p, prefix: prefix) }
        out += memory(p, prefix: prefix)
        if !p.latency.isEmpty || !p.targets.isEmpty { out += latency(p, prefix: prefix) }
        if !p.warnings.isEmpty {
            out += "<section class=\"warnings\"><h2>Warnings</h2><ul>"
            out += p.warnings.map { "<li>\(e($0.replacingOccurrences(of: "WARNING: ", with: "")))</li>" }.joined()
            out += "</ul></section>"
        }
        out += "<section class=\"method\"><h2>Method</h2><p class=\"muted\">Exact bar calendar; \(PlanText.counted(p.method.sampledChunks, "sampled chunk")) "
            + "(\(PlanText.counted(p.method.chunkShapes, "shape")), \(e(PlanText.counted(p.method.sampleRows, "row")))) through the engine and the "
            + "TimescaleDB/PostgreSQL size models in \(String(format: "%.2f", p.method.seconds)) s. Sizes are bytes as PostgreSQL's "
            + "size functions would report them; 1 KiB = 1024 bytes.</p>"
        if !p.method.notes.isEmpty { out += "<ul class=\"muted\">" + p.method.notes.map { "<li>\(e($0))</li>" }.joined() + "</ul>" }
        out += "</section>"
        return out + "</article>"
    }

    /// The plan in one sentence.
    static func lede(_ p: CapacityPlan) -> String {
        let s = p.scenario
        var text = "At \(s["now"] ?? "now"): \(PlanText.count(p.rows)) rows in \(PlanText.counted(p.chunks, "chunk"))"
        text += p.compressedChunks > 0 ? " (\(PlanText.count(p.compressedChunks)) compressed)" : ""
        text += p.droppedChunks > 0 ? ", \(PlanText.count(p.droppedChunks)) already dropped by retention" : ""
        text += ". The hypertable takes \(PlanText.bytes(p.sizes.hypertable.totalBytes)) against \(PlanText.bytes(p.sizes.plain.totalBytes)) as a plain table"
        text += "; the newest chunk (\(PlanText.bytes(p.memory.activeChunkBytes))) "
        text += p.memory.fits ? "fits the memory budget." : "does NOT fit the memory budget."
        return text
    }

    static func cards(_ p: CapacityPlan) -> String {
        let e = HTMLText.escape
        var cards: [(String, String)] = [
            (PlanText.count(p.rows), "rows at now"),
            (PlanText.count(p.chunks), "chunks (\(PlanText.count(p.compressedChunks)) compressed, \(PlanText.count(p.droppedChunks)) dropped)"),
            (PlanText.bytes(p.sizes.hypertable.totalBytes), "hypertable as the policies leave it"),
            (PlanText.bytes(p.sizes.plain.totalBytes), "plain table, same rows, no retention"),
            (PlanText.bytes(p.sizes.engineBytes), "Chunkwise engine bytes"),
        ]
        if let st = p.steadyState { cards.append((PlanText.bytes(st.peakHypertableBytes), "peak hypertable (\(st.peakMonth))")) }
        var out = "<div class=\"cards\">"
        for (v, l) in cards { out += "<div class=\"card\"><b>\(e(v))</b><span>\(e(l))</span></div>" }
        let fit = p.memory.fits
        out += "<div class=\"card\"><b class=\"\(fit ? "verdict-ok" : "verdict-bad")\">\(fit ? "fits" : "does not fit")</b>"
            + "<span>newest chunk vs 25 % of memory; chunk interval \(e(p.memory.recommendedChunkInterval))</span></div>"
        return out + "</div>"
    }

    static func timeline(_ p: CapacityPlan, prefix: String) -> String {
        let months = p.timeline
        let chart = LineChart(
            title: "Storage at each month's end by tier: plain table, hypertable chunks uncompressed, compressed chunks, dropped by retention",
            xLabels: months.map(\.month),
            series: [
                .init(name: "plain table", colour: "s0", values: months.map { Double($0.plainBytes) }),
                .init(name: "hypertable, uncompressed", colour: "s3", values: months.map { Double($0.uncompressedBytes) }),
                .init(name: "compressed", colour: "s2", values: months.map { Double($0.compressedBytes) }),
                .init(name: "dropped by retention", colour: "s4", values: months.map { Double($0.droppedBytes) }),
            ],
            unit: .bytes)
        let rows = months.map { m in
            [m.month, PlanText.count(m.rows), PlanText.count(m.chunks), PlanText.count(m.compressedChunks),
             PlanText.bytes(m.plainBytes), PlanText.bytes(m.uncompressedBytes), PlanText.bytes(m.compressedBytes), PlanText.bytes(m.droppedBytes),
             PlanText.bytes(m.hypertableBytes), PlanText.bytes(m.engineBytes)].map(HTMLText.escape)
        }
        let table = HTMLText.table(caption: "At each month's end", header: ["month", "rows", "chunks", "compr.", "plain", "uncompr.", "compressed",
                                                                         "dropped", "hypertable", "engine"],
                                   rows: rows, numeric: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        var explain = "The plain table keeps every row. The hypertable is split by tier: chunks not (yet) compressed, compressed chunks, "
            + "and the bytes retention has dropped so far (uncompressed + compressed = the hypertable as the policies leave it)."
        if let st = p.steadyState {
            explain += st.reached
                ? " Retention starts dropping chunks within the horizon: the hypertable peaks at \(PlanText.bytes(st.peakHypertableBytes)) in \(st.peakMonth) and holds at about \(PlanText.bytes(st.hypertableBytes))."
                : " Retention has not dropped a chunk within the horizon; the hypertable peaks at \(PlanText.bytes(st.peakHypertableBytes)) in \(st.peakMonth)."
        }
        if p.droppedChunks > 0 { explain += " \(PlanText.count(p.droppedChunks)) chunks are dropped by retention at now." }
        return HTMLText.figure(id: prefix + "storage-timeline", title: "Storage over time", explanation: HTMLText.escape(explain),
                               chart: chart.svg(id: prefix + "chart-storage-timeline"), table: table)
    }

    static func tiers(_ p: CapacityPlan, prefix: String) -> String {
        let z = p.sizes
        var items: [(String, Int, String, String)] = [(PlanText.plainTableLabel(p), z.plain.totalBytes, "s0", "PostgreSQL 15, every row")]
        if let n = z.plain009 { items.append(("plain table + 009 indexes", n.totalBytes, "s0", "covering, BRIN, partial indexes")) }
        items.append(("hypertable, uncompressed", z.hypertableUncompressed.totalBytes, "s3", "after retention, nothing compressed"))
        items.append(("hypertable, as policies leave it", z.hypertable.totalBytes, "s1", "compression and retention at now"))
        if z.compressionStats.compressedChunks > 0 {
            items.append(("compressed chunks, before", z.compressionStats.beforeCompressionTotalBytes, "s4", "\(PlanText.count(z.compressionStats.compressedChunks)) chunks"))
            items.append(("compressed chunks, after", z.compressionStats.afterCompressionTotalBytes, "s2", "\(PlanText.count(z.compressionStats.compressedBatches)) batches"))
        }
        items.append(("Chunkwise engine", z.engineBytes, "s2", "measured on sampled chunks"))
        let chart = BarChart(title: "Storage at now by tier",
                             groups: items.map { .init(label: $0.0, bars: [.init(label: $0.0, value: Double($0.1), colour: $0.2)]) },
                             unit: .bytes)
        var rows = items.map { [$0.0, PlanText.bytes($0.1), PlanText.count($0.1), $0.3].map(HTMLText.escape) }
        for (label, v) in [("hypertable: table", z.hypertable.tableBytes), ("hypertable: indexes", z.hypertable.indexBytes),
                           ("hypertable: TOAST", z.hypertable.toastBytes)] {
            rows.append([label, PlanText.bytes(v), PlanText.count(v), "hypertable_detailed_size"].map(HTMLText.escape))
        }
        let table = HTMLText.table(caption: nil, header: ["tier", "size", "bytes", "note"], rows: rows, numeric: [1, 2])
        let saved = z.compressionStats.beforeCompressionTotalBytes > 0
            ? " Compression turns \(PlanText.bytes(z.compressionStats.beforeCompressionTotalBytes)) into \(PlanText.bytes(z.compressionStats.afterCompressionTotalBytes))."
            : " No chunk is compressed at now."
        return HTMLText.figure(id: prefix + "storage-tiers", title: "Storage by tier at now",
                               explanation: HTMLText.escape("The same rows stored each way." + saved),
                               chart: chart.svg(id: prefix + "chart-storage-tiers"), table: table)
    }

    static func relations(_ p: CapacityPlan, prefix: String) -> String {
        var rels = p.sizes.plain.relations.map { ($0, false) }
        if let n = p.sizes.plain009 {
            let known = Set(rels.map(\.0.name))
            rels += n.relations.filter { !known.contains($0.name) }.map { ($0, true) }
        }
        func colour(_ kind: String) -> String {
            switch RelationSize.Kind(rawValue: kind) {
            case .btree?, .brin?: return "s1"
            case .toast?: return "s3"
            case .heap?, nil: return "s0"
            }
        }
        func total(_ r: RelationSize) -> Int { r.totalBytes }
        let chart = BarChart(title: "Bytes per relation of the plain table",
                             groups: rels.map { r, extra in
                                 .init(label: r.name + (extra ? " (009)" : ""), bars: [.init(label: r.kind.rawValue, value: Double(total(r)), colour: colour(r.kind.rawValue))])
                             },
                             unit: .bytes,
                             legend: Array(Set(rels.map { $0.0.kind.rawValue })).sorted().map { ($0, colour($0)) })
        let rows = rels.map { r, extra in
            [r.name + (extra ? " (009)" : ""), r.kind.rawValue, PlanText.bytes(r.mainBytes), PlanText.bytes(r.fsmBytes), PlanText.bytes(r.vmBytes),
             PlanText.bytes(total(r))].map(HTMLText.escape)
        }
        let table = HTMLText.table(caption: nil, header: ["relation", "kind", "main", "fsm", "vm", "total"], rows: rows, numeric: [2, 3, 4, 5])
        return HTMLText.figure(id: prefix + "relations", title: "Bytes per relation (plain table)",
                               explanation: HTMLText.escape("Heap, TOAST and each index of the plain table with every row, main fork plus free-space and visibility maps"
                                                            + (p.sizes.plain009 == nil ? "." : "; (009) marks the indexes migration 009 adds.")),
                               chart: chart.svg(id: prefix + "chart-relations"), table: table)
    }

    static func columns(_ p: CapacityPlan, prefix: String) -> String {
        let cols = p.columnBytes
        let compressed = cols.contains { $0.timescaledbCompressedBytes > 0 || $0.engineCompressedBytes > 0 }
        var legend: [(String, String)] = [("uncompressed values", "s0")]
        if compressed { legend += [("engine, compressed chunks", "s2"), ("TimescaleDB, compressed chunks", "s1")] }
        let chart = BarChart(
            title: "Bytes per column in the hypertable's chunks at now: plain values, the engine's and TimescaleDB's compressed bytes",
            groups: cols.map { c in
                var bars: [BarChart.Bar] = [.init(label: "uncompressed values", value: Double(c.uncompressedBytes), colour: "s0")]
                if compressed {
                    bars.append(.init(label: "engine, compressed chunks", value: Double(c.engineCompressedBytes), colour: "s2"))
                    bars.append(.init(label: "TimescaleDB, compressed chunks", value: Double(c.timescaledbCompressedBytes), colour: "s1"))
                }
                return .init(label: c.column, bars: bars)
            },
            unit: .bytes, legend: legend)
        let rows = cols.map { c in
            [c.column, PlanText.bytes(c.uncompressedBytes), PlanText.bytes(c.engineBytes), PlanText.bytes(c.engineCompressedBytes),
             PlanText.bytes(c.timescaledbCompressedBytes)].map(HTMLText.escape)
        }
        let table = HTMLText.table(caption: nil, header: ["column", "uncompressed", "engine (as policies leave it)", "engine, compressed chunks",
                                                          "TimescaleDB, compressed chunks"], rows: rows, numeric: [1, 2, 3, 4])
        let explain = "Each column's values in the chunks kept at now: their plain width, the Chunkwise engine's bytes as the policies leave the chunks, "
            + (compressed
               ? "and, for the chunks compressed at now, the engine's encoded bytes beside TimescaleDB's compressed datums after TOAST "
                 + "(segmentby columns are stored once per batch in TimescaleDB's compressed rows and show no datum bytes)."
               : "(no chunk is compressed at now, so there are no compressed bytes to compare).")
        return HTMLText.figure(id: prefix + "columns", title: "Bytes per column", explanation: HTMLText.escape(explain),
                               chart: chart.svg(id: prefix + "chart-columns"), table: table)
    }

    /// Each continuous aggregate's materialized hypertable: storage on top of the table's.
    static func continuousAggregates(_ p: CapacityPlan, prefix: String) -> String {
        let e = HTMLText.escape
        let aggregates = p.continuousAggregates
        let chart = BarChart(title: "Continuous aggregates, as their policies leave them",
                             groups: aggregates.map { a in
                                 .init(label: a.name, bars: [.init(label: "table", value: Double(a.tableBytes), colour: "s0"),
                                                             .init(label: "indexes", value: Double(a.indexBytes), colour: "s1")])
                             },
                             markers: [], unit: .bytes)
        let rows = aggregates.map { a in
            [e(a.name), e(a.bucketWidth + (a.groupBy.isEmpty ? "" : " by " + a.groupBy.joined(separator: ", "))), e(PlanText.count(a.rows)),
             e("\(PlanText.count(a.chunks)) of \(a.chunkInterval)"), e(PlanText.bytes(a.totalBytes)), e(a.notes.joined(separator: "; "))]
        }
        let table = HTMLText.table(caption: "Materialized hypertables at now",
                                   header: ["aggregate", "buckets", "rows", "chunks", "total", "assumes"], rows: rows, numeric: [2, 4])
        let total = aggregates.reduce(0) { $0 + $1.totalBytes }
        let explain = "Each continuous aggregate stores one row per bucket and group in a hypertable of its own (chunks 10 times the table's, "
            + "an index on the bucket and one per grouping column): \(PlanText.bytes(total)) on top of the table's storage above."
        return HTMLText.figure(id: prefix + "continuous-aggregates", title: "Continuous aggregates", explanation: e(explain),
                               chart: chart.svg(id: prefix + "chart-continuous-aggregates"), table: table)
    }

    static func memory(_ p: CapacityPlan, prefix: String) -> String {
        let m = p.memory
        var groups: [BarChart.Group] = [.init(label: "newest chunk (plan)", bars: [.init(label: "newest chunk", value: Double(m.activeChunkBytes),
                                                                                          colour: m.fits ? "s2" : "s4")])]
        for c in m.candidates {
            groups.append(.init(label: "chunks of \(c.chunkInterval)", bars: [.init(label: c.chunkInterval, value: Double(c.activeChunkBytes),
                                                                                   colour: c.fits ? "s0" : "s4")]))
        }
        let chart = BarChart(title: "Newest chunk against the memory budget", groups: groups,
                             markers: [.init(label: "budget (25 % of memory)", value: Double(m.budgetBytes), bad: !m.fits),
                                       .init(label: "shared_buffers", value: Double(m.sharedBuffersBytes))],
                             unit: .bytes)
        var rows = [["the plan's newest chunk", PlanText.bytes(m.activeChunkBytes), "-", fitCell(m.fits)]]
        for c in m.candidates {
            let mark = c.chunkInterval == m.recommendedChunkInterval ? " (recommended)" : ""
            rows.append([HTMLText.escape(c.chunkInterval + mark), HTMLText.escape(PlanText.bytes(c.activeChunkBytes)),
                         HTMLText.escape(PlanText.count(c.chunks)), fitCell(c.fits)])
        }
        let table = HTMLText.table(caption: "Budget \(PlanText.bytes(m.budgetBytes)), shared_buffers \(PlanText.bytes(m.sharedBuffersBytes))",
                                   header: ["chunk interval", "newest chunk", "chunks", "fits"], rows: rows, numeric: [1, 2])
        let explain = "The newest chunk with its indexes, uncompressed, is what inserts and recent queries touch; TimescaleDB's guidance is that it fits in 25 % of memory. "
            + "It is \(PlanText.bytes(m.activeChunkBytes)) against \(PlanText.bytes(m.budgetBytes)): \(m.fits ? "it fits" : "it does not fit")"
            + (m.fitsSharedBuffers ? ", and it fits shared_buffers." : ", and it is larger than shared_buffers.")
            + " Recommended chunk interval: \(m.recommendedChunkInterval) (\(m.reason))."
        return HTMLText.figure(id: prefix + "memory", title: "Memory fit", explanation: HTMLText.escape(explain),
                               chart: chart.svg(id: prefix + "chart-memory"), table: table)
    }

    static func fitCell(_ fits: Bool) -> String { fits ? "<span class=\"verdict-ok\">yes</span>" : "<span class=\"verdict-bad\">no</span>" }

    static func latency(_ p: CapacityPlan, prefix: String) -> String {
        let configs = ordered(p.latency.map(\.config))
        let queries = ordered(p.latency.map(\.query) + p.targets.map(\.query))
        let colours = ["s0", "s1", "s2", "s3", "s4"]
        func colour(_ config: String) -> String { colours[(configs.firstIndex(of: config) ?? 0) % colours.count] }
        var groups: [BarChart.Group] = []
        for q in queries {
            let bars = p.latency.filter { $0.query == q }.map {
                BarChart.Bar(label: $0.config, value: $0.executionMs + $0.planningMs, colour: colour($0.config))
            }
            let target = p.targets.first { $0.query == q }
            let marker = target.map { t in BarChart.Marker(label: "target \(q)", value: t.targetMs, bad: t.predictedMs > t.targetMs) }
            if bars.isEmpty, let t = target {
                groups.append(.init(label: q, bars: [.init(label: t.config, value: t.predictedMs, colour: colour(t.config))], marker: marker))
            } else {
                groups.append(.init(label: q, bars: bars, marker: marker))
            }
        }
        let chart = BarChart(title: "Predicted latency of each query per configuration, against the roadmap targets", groups: groups,
                             unit: .milliseconds, legend: configs.map { ($0, colour($0)) })
        var rows: [[String]] = []
        for f in p.latency {
            let t = p.targets.first { $0.query == f.query }
            rows.append([f.query, f.config, f.plan, ValueScale.milliseconds(f.executionMs + f.planningMs), ValueScale.milliseconds(f.firstRunMs),
                         PlanText.count(f.sharedHitBlocks + f.sharedReadBlocks), t.map { ValueScale.milliseconds($0.targetMs) } ?? "-"].map(HTMLText.escape))
        }
        var table = HTMLText.table(caption: "Per query and configuration", header: ["query", "config", "plan", "warm", "first run", "blocks", "target"],
                                   rows: rows, numeric: [3, 4, 5, 6])
        if !p.targets.isEmpty {
            let trows = p.targets.map { t in
                [HTMLText.escape(t.query), HTMLText.escape(ValueScale.milliseconds(t.predictedMs)), HTMLText.escape(ValueScale.milliseconds(t.targetMs)),
                 "<span class=\"\(t.predictedMs <= t.targetMs ? "verdict-ok" : "verdict-bad")\">\(HTMLText.escape(t.verdict))</span>",
                 HTMLText.escape(t.config), HTMLText.escape(t.change ?? "")]
            }
            table += HTMLText.table(caption: "Roadmap targets", header: ["query", "predicted", "target", "verdict", "config", "change"],
                                    rows: trows, numeric: [1, 2])
        }
        return HTMLText.figure(id: prefix + "latency", title: "Latency against targets",
                               explanation: HTMLText.escape("Predicted warm latency (execution plus planning) of each query under each storage configuration; "
                                                            + "the dashed line in a query's group is its roadmap target, red when the prediction misses it."),
                               chart: chart.svg(id: prefix + "chart-latency"), table: "<div class=\"tables\">\(table)</div>")
    }

    /// Distinct values in first-seen order.
    static func ordered(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    // MARK: several plans

    /// Scenario keys whose values differ between the plans, in key order.
    static func differingKeys(_ plans: [CapacityPlan]) -> [String] {
        let keys = Set(plans.flatMap { $0.scenario.keys }).sorted()
        return keys.filter { k in Set(plans.map { $0.scenario[k] ?? "" }).count > 1 }
    }

    static func scenarioNames(_ plans: [CapacityPlan]) -> [String] {
        let keys = differingKeys(plans)
        return plans.enumerated().map { i, p in
            keys.isEmpty ? "scenario \(i + 1)" : keys.map { "\($0)=\(p.scenario[$0] ?? "-")" }.joined(separator: " ")
        }
    }

    static func comparison(_ plans: [CapacityPlan], names: [String]) -> String {
        let chart = BarChart(
            title: "Hypertable, plain table and newest chunk per scenario",
            groups: zip(names, plans).map { name, p in
                .init(label: name, bars: [.init(label: "hypertable", value: Double(p.sizes.hypertable.totalBytes), colour: "s1"),
                                          .init(label: "plain table", value: Double(p.sizes.plain.totalBytes), colour: "s0"),
                                          .init(label: "newest chunk", value: Double(p.memory.activeChunkBytes), colour: p.memory.fits ? "s2" : "s4")])
            },
            unit: .bytes,
            legend: [("hypertable", "s1"), ("plain table", "s0"), ("newest chunk", "s2")])
        let rows = zip(names, plans).map { name, p in
            [HTMLText.escape(name), HTMLText.escape(PlanText.count(p.rows)), HTMLText.escape(PlanText.count(p.chunks)),
             HTMLText.escape(PlanText.bytes(p.sizes.plain.totalBytes)), HTMLText.escape(PlanText.bytes(p.sizes.hypertable.totalBytes)),
             HTMLText.escape(PlanText.bytes(p.sizes.engineBytes)), HTMLText.escape(PlanText.bytes(p.memory.activeChunkBytes)), fitCell(p.memory.fits)]
        }
        let table = HTMLText.table(caption: nil, header: ["scenario", "rows", "chunks", "plain", "hypertable", "engine", "newest chunk", "fits"],
                                   rows: rows, numeric: [1, 2, 3, 4, 5, 6])
        return HTMLText.figure(id: "comparison", title: "Scenarios side by side",
                               explanation: "Each scenario at its own now: storage and the newest chunk's size against its memory budget.",
                               chart: chart.svg(id: "chart-comparison"), table: table)
    }
}
