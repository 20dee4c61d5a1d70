import Foundation
import Planner

/// Renders capacity plans for people: one screen of text (`table`), markdown, and a
/// self-contained HTML page. Figures come from ``CapacityPlan``; nothing is computed here.
public enum PlanText {
    /// The plain table's row label: NQP's migration 001 indexes by default, the table's own
    /// indexes when `--migrations` define it.
    static func plainTableLabel(_ p: CapacityPlan) -> String {
        p.scenario["migrations"] == nil ? "plain table (001 indexes)" : "plain table (its indexes)"
    }

    static func bytes(_ b: Int) -> String { ByteCount.text(b) }

    /// `1 shape`, `3 shapes`: a count with its noun in the number it takes.
    static func counted(_ n: Int, _ noun: String) -> String {
        n == 1 ? "1 \(noun)" : "\(count(n)) \(noun)s"
    }

    static func count(_ n: Int) -> String {
        let f = NumberFormatter()
        f.numberStyle = .decimal
        f.groupingSeparator = ","
        return f.string(from: NSNumber(value: n)) ?? String(n)
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "-" }
        return String(format: "%.0f %%", 100 * Double(part) / Double(whole))
    }

    static func pad(_ s: String, _ w: Int, right: Bool = false) -> String {
        s.count >= w ? s : (right ? String(repeating: " ", count: w - s.count) + s : s + String(repeating: " ", count: w - s.count))
    }

    /// The one-screen answer.
    public static func table(_ p: CapacityPlan) -> String {
        let s = p.scenario
        var lines: [String] = []
        lines.append("chunkwise plan: \(s["table"] ?? "market_data"), \(s["tickers"] ?? "?") \(s["tickers"] == "1" ? "ticker" : "tickers") × \(s["intervals"] ?? "") bars, "
                     + "\(s["session"] ?? "") session, profile \(s["profile"] ?? "")")
        lines.append("  \(s["start"] ?? "") → \(s["end"] ?? "") (now \(s["now"] ?? "")), chunks of \(s["chunk_interval"] ?? "")"
                     + (s["compress_after"].map { ", compress after \($0)" } ?? ", no compression")
                     + (s["retain"].map { ", drop after \($0)" } ?? ", no retention"))
        lines.append("")
        lines.append("At now: \(count(p.rows)) rows in \(Self.counted(p.chunks, "chunk")), \(count(p.compressedChunks)) compressed"
                     + (p.droppedChunks > 0 ? ", \(count(p.droppedChunks)) dropped by retention" : ""))
        lines.append("")
        let z = p.sizes
        var rows: [(String, String, String)] = [
            (plainTableLabel(p), bytes(z.plain.totalBytes), "PostgreSQL 15, every row, no retention"),
        ]
        if let n = z.plain009 { rows.append(("plain table + 009 indexes", bytes(n.totalBytes), "covering, BRIN, partial interval")) }
        rows.append(("hypertable, uncompressed", bytes(z.hypertableUncompressed.totalBytes), "TimescaleDB, after retention"))
        let saved = z.compressionStats.beforeCompressionTotalBytes > 0
            ? "compressed chunks \(bytes(z.compressionStats.beforeCompressionTotalBytes)) → \(bytes(z.compressionStats.afterCompressionTotalBytes))"
            : p.chunks == 0 && p.droppedChunks > 0 ? "every chunk dropped by retention"
            : p.compressedChunks == 0 && p.scenario["compress_after"].map({ $0 != "none" }) == true ? "no chunk compressed yet" : "nothing compressed"
        rows.append(("hypertable, as policies leave it", bytes(z.hypertable.totalBytes), saved))
        rows.append(("engine bytes (Chunkwise store)", bytes(z.engineBytes), "measured on sampled chunks"))
        lines.append("Storage" + String(repeating: " ", count: 34) + "size  note")
        for (a, b, c) in rows { lines.append("  " + pad(a, 33) + pad(b, 10, right: true) + "  " + c) }
        lines.append("")
        if !p.continuousAggregates.isEmpty {
            let total = p.continuousAggregates.reduce(0) { $0 + $1.totalBytes }
            lines.append("Continuous aggregates (each its own hypertable, on top of the storage above: \(bytes(total)))")
            for a in p.continuousAggregates {
                let grouped = a.groupBy.isEmpty ? "" : " by " + a.groupBy.joined(separator: ", ")
                lines.append("  " + pad(a.name, 31) + pad(bytes(a.totalBytes), 12, right: true)
                             + "  \(count(a.rows)) rows in \(Self.counted(a.chunks, "chunk")) of \(a.chunkInterval)")
                for note in ["\(a.bucketWidth) buckets\(grouped)"] + a.notes { lines.append("      " + note) }
            }
            lines.append("")
        }

        if !p.timeline.isEmpty {
            lines.append("Growth (month end)      rows       plain   hypertable   chunks")
            let step = max(1, Int((Double(p.timeline.count) / 6).rounded(.up)))
            var shown = Set<Int>()
            for i in stride(from: step - 1, to: p.timeline.count, by: step) { shown.insert(i) }
            shown.insert(p.timeline.count - 1)
            if let peak = p.timeline.indices.max(by: { p.timeline[$0].hypertableBytes < p.timeline[$1].hypertableBytes }) { shown.insert(peak) }
            for i in shown.sorted() {
                let m = p.timeline[i]
                lines.append("  " + pad(m.month, 9) + pad(count(m.rows), 14, right: true) + pad(bytes(m.plainBytes), 12, right: true)
                             + pad(bytes(m.hypertableBytes), 13, right: true) + pad(count(m.chunks), 9, right: true))
            }
            if let st = p.steadyState {
                lines.append("  peak \(bytes(st.peakHypertableBytes)) in \(st.peakMonth)"
                             + (st.reached ? "; retention holds it steady at about \(bytes(st.hypertableBytes))" : "; retention has not started dropping within the horizon"))
            }
            lines.append("")
        }

        let m = p.memory
        lines.append("Memory: newest chunk \(bytes(m.activeChunkBytes)) against \(bytes(m.budgetBytes)) (25 % of memory): "
                     + (m.fits ? "fits" : "DOES NOT FIT") + (m.fitsSharedBuffers ? ", fits shared_buffers" : ", larger than shared_buffers"))
        lines.append("  chunk interval: \(m.recommendedChunkInterval) (\(m.reason))")

        if !p.latency.isEmpty {
            lines.append("")
            lines.append(latencyTable(p))
        }
        if !p.targets.isEmpty {
            lines.append("")
            lines.append("Roadmap targets")
            for t in p.targets {
                lines.append("  " + pad(t.query, 4) + pad(String(format: "%.1f ms", t.predictedMs), 11, right: true) + " vs "
                             + pad(String(format: "%.0f ms", t.targetMs), 7) + " \(t.verdict) (\(t.config))" + (t.change == nil ? "" : ":"))
                if let change = t.change { lines.append("      " + change) }
            }
        }
        if !p.warnings.isEmpty {
            lines.append("")
            lines.append(contentsOf: p.warnings.map { "! " + $0.replacingOccurrences(of: "WARNING: ", with: "") })
        }
        lines.append("")
        lines.append("Method: exact calendar; \(Self.counted(p.method.sampledChunks, "sampled chunk")) (\(Self.counted(p.method.chunkShapes, "shape"))) "
                     + "through the engine and the TimescaleDB/PostgreSQL models; \(String(format: "%.2f", p.method.seconds)) s. --json for every figure.")
        return lines.flatMap { wrap($0) }.joined(separator: "\n")
    }

    /// Width the one-screen answer keeps to; longer lines wrap at spaces with a hanging indent.
    static let screenWidth = 100

    /// `line` cut at spaces into lines of at most ``screenWidth`` characters, continuation lines
    /// indented four spaces past the first line's indent (a word longer than the width stays whole).
    /// Table rows (runs of spaces inside the text) are left as they are.
    static func wrap(_ line: String) -> [String] {
        guard line.count > screenWidth else { return [line] }
        let lead = line.prefix { $0 == " " }
        let body = line.dropFirst(lead.count)
        guard !body.contains("  ") else { return [line] }
        let indent = String(lead) + "    "
        var out: [String] = []
        var current = String(lead)
        var empty = true
        for word in body.split(separator: " ") {
            if !empty && current.count + 1 + word.count > screenWidth {
                out.append(current)
                current = indent + word
            } else {
                current += (empty ? "" : " ") + word
            }
            empty = false
        }
        out.append(current)
        return out
    }

    /// A predicted plan (`Limit>Custom Scan (ChunkAppend)>Index Scan`, `…>[24x(…) + 7xIndex Scan]`)
    /// in a few words: how rows are found and, over chunks, how many chunks each way.
    static func planPhrase(_ plan: String) -> String {
        func access(_ text: Substring, short: Bool) -> String {
            let kind: String
            if text.contains("ColumnarScan") || text.contains("DecompressChunk") { return "decompressed" }
            if text.contains("Bitmap") { kind = "bitmap" }
            else if text.contains("Index Only Scan") { kind = "index-only" }
            else if text.contains("Index Scan") { kind = "index" }
            else if text.contains("Seq Scan") { kind = "seq" }
            else { return "scan" }
            return short ? kind : kind + " scan"
        }
        var top: [String] = []
        if plan.hasPrefix("Limit") { top.append("first row") }
        if plan.contains("Aggregate") { top.append("aggregate") }
        if plan.contains("Sort") && !plan.contains("ColumnarScan") { top.append("sort") }
        let tops = top.isEmpty ? "" : ", " + top.joined(separator: ", ")
        let appendKind = plan.contains("ChunkAppend") ? "ChunkAppend" : (plan.contains("Append") ? "Append" : nil)
        guard let appendKind else { return access(plan[...], short: false) + tops }
        // Parts like `24x(…)` or `7xIndex Scan`, split at ` + ` inside the appended list.
        var parts: [String] = []
        for piece in plan.components(separatedBy: " + ") {
            if let r = piece.range(of: #"\d+x"#, options: .regularExpression) {
                parts.append("\(piece[r].dropLast()) \(access(piece[r.upperBound...], short: true))")
            }
        }
        if parts.isEmpty {
            let tail = plan.components(separatedBy: appendKind).last ?? plan
            return "\(appendKind), \(access(tail[...], short: false))" + tops
        }
        return "\(appendKind): " + parts.joined(separator: " + ") + tops
    }


    static func latencyTable(_ p: CapacityPlan) -> String {
        let configs = Array(Set(p.latency.map(\.config))).sorted()
        let queries = Array(Set(p.latency.map(\.query))).sorted()
        let names = ["Q1": "latest price", "Q2": "24 h of 1m bars", "Q3": "30 d of 1h bars", "Q4": "prediction accuracy", "Q5": "block predictions"]
        var lines = ["Latency ms, hot (plan+exec)" + configs.map { pad($0, configs.count > 2 ? 8 : 11, right: true) }.joined() + "   plan on \(configs.last ?? "")"]
        for q in queries {
            var line = "  " + pad(q + " " + (names[q] ?? ""), 25)
            for c in configs {
                let f = p.latency.first { $0.query == q && $0.config == c }
                line += pad(f.map { String(format: "%.2f", $0.executionMs + $0.planningMs) } ?? "-", configs.count > 2 ? 8 : 11, right: true)
            }
            if let last = configs.last, let f = p.latency.first(where: { $0.query == q && $0.config == last }) {
                line += "   " + planPhrase(f.plan)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// The flag names `--vary` arguments vary (`chunk-interval=1 day,7 days` → `chunk_interval`).
    static func variedKeys(_ varied: [String]) -> [String] {
        varied.map { String($0.split(separator: "=").first ?? "").replacingOccurrences(of: "-", with: "_") }
    }

    /// The side-by-side table's header and one row of cells per scenario (table and markdown).
    static func sideBySideCells(_ plans: [CapacityPlan], keys: [String]) -> (header: [String], rows: [[String]]) {
        let header = ["scenario", "rows", "chunks", "plain", "hypertable", "uncompr.", "engine", "new chunk", "fits"]
        let rows = plans.map { p in
            [keys.map { k in "\(k)=\(p.scenario[k] ?? p.scenario[k.replacingOccurrences(of: "_", with: "-")] ?? "?")" }.joined(separator: " "),
             count(p.rows), count(p.chunks), bytes(p.sizes.plain.totalBytes), bytes(p.sizes.hypertable.totalBytes),
             bytes(p.sizes.hypertableUncompressed.totalBytes), bytes(p.sizes.engineBytes), bytes(p.memory.activeChunkBytes),
             p.memory.fits ? "yes" : "no"]
        }
        return (header, rows)
    }

    /// Several scenarios (`--vary`) side by side.
    public static func sideBySide(_ plans: [CapacityPlan], varied: [String]) -> String {
        let keys = variedKeys(varied)
        var lines = ["chunkwise plan: \(plans.count) scenarios (varying \(keys.joined(separator: ", ")))", ""]
        // Columns as wide as their widest cell, two spaces apart, so the table stays one screen wide.
        let (header, rows) = sideBySideCells(plans, keys: keys)
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        for cells in [header] + rows {
            lines.append(cells.indices.map { c in c == 0 ? pad(cells[c], widths[c]) : "  " + pad(cells[c], widths[c], right: true) }.joined())
        }
        if let first = plans.first {
            lines.append("")
            lines.append(contentsOf: wrap("recommended chunk interval: \(first.memory.recommendedChunkInterval) (\(first.memory.reason))"))
        }
        return lines.joined(separator: "\n")
    }

    /// Markdown: with several scenarios (`--vary`), a side-by-side table first, then each
    /// scenario's sections.
    public static func markdown(_ plans: [CapacityPlan], varied: [String]) -> String {
        guard plans.count > 1 || !varied.isEmpty else { return markdown(plans) }
        let keys = variedKeys(varied)
        let (header, rows) = sideBySideCells(plans, keys: keys)
        var out = "# Capacity plans: \(plans.count) scenarios (varying \(keys.joined(separator: ", ")))\n\n"
        out += "| " + header.joined(separator: " | ") + " |\n|---" + String(repeating: "|---:", count: header.count - 1) + "|\n"
        for cells in rows { out += "| " + cells.map(markdownCell).joined(separator: " | ") + " |\n" }
        if let first = plans.first {
            out += "\nRecommended chunk interval: \(first.memory.recommendedChunkInterval) (\(first.memory.reason)).\n"
        }
        return out + "\n" + markdown(plans, labels: rows.map { $0[0] })
    }

    /// A table cell's text with the characters that would break a markdown table escaped.
    static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// Each plan's sections, one after the other; `labels` (the varied flags' values) name each
    /// plan in its heading.
    public static func markdown(_ plans: [CapacityPlan], labels: [String] = []) -> String {
        plans.enumerated().map { k, p in
            let label = k < labels.count ? " (\(labels[k]))" : ""
            var out = "# Capacity plan: \(p.scenario["table"] ?? "")\(label)\n\n| input | value |\n|---|---|\n"
            for k in p.scenario.keys.sorted() { out += "| \(k) | \(p.scenario[k] ?? "") |\n" }
            out += "\n| figure | value |\n|---|---:|\n"
            out += "| rows | \(count(p.rows)) |\n| chunks | \(count(p.chunks)) |\n| compressed chunks | \(count(p.compressedChunks)) |\n"
            out += "| dropped chunks | \(count(p.droppedChunks)) |\n"
            out += "| plain table | \(bytes(p.sizes.plain.totalBytes)) |\n"
            if let n = p.sizes.plain009 { out += "| plain + 009 | \(bytes(n.totalBytes)) |\n" }
            out += "| hypertable uncompressed | \(bytes(p.sizes.hypertableUncompressed.totalBytes)) |\n"
            out += "| hypertable | \(bytes(p.sizes.hypertable.totalBytes)) |\n| engine bytes | \(bytes(p.sizes.engineBytes)) |\n"
            if !p.continuousAggregates.isEmpty {
                out += "\n| continuous aggregate | buckets | rows | chunks | size |\n|---|---|---:|---:|---:|\n"
                for a in p.continuousAggregates {
                    let buckets = a.bucketWidth + (a.groupBy.isEmpty ? "" : " by " + a.groupBy.joined(separator: ", "))
                    out += "| \(a.name) | \(buckets) | \(count(a.rows)) | \(count(a.chunks)) of \(a.chunkInterval) | \(bytes(a.totalBytes)) |\n"
                }
            }
            out += "\n| month | rows | plain | hypertable | chunks |\n|---|---:|---:|---:|---:|\n"
            for m in p.timeline { out += "| \(m.month) | \(count(m.rows)) | \(bytes(m.plainBytes)) | \(bytes(m.hypertableBytes)) | \(m.chunks) |\n" }
            if let st = p.steadyState {
                out += "\nPeak \(bytes(st.peakHypertableBytes)) in \(st.peakMonth); "
                    + (st.reached ? "retention holds the hypertable at about \(bytes(st.hypertableBytes))." : "retention has not reached a steady state.") + "\n"
            }
            // The sections the table and HTML reports have: memory, latency, targets, warnings.
            let m = p.memory
            out += "\n## Memory\n\n| figure | value |\n|---|---|\n"
            out += "| newest chunk | \(bytes(m.activeChunkBytes)) |\n| memory budget | \(bytes(m.budgetBytes)) |\n"
            out += "| shared_buffers | \(bytes(m.sharedBuffersBytes)) |\n| fits | \(m.fits ? "yes" : "no") |\n"
            out += "| fits shared_buffers | \(m.fitsSharedBuffers ? "yes" : "no") |\n| recommended chunk interval | \(m.recommendedChunkInterval) |\n"
            out += "\n\(m.reason)\n"
            if !p.latency.isEmpty {
                out += "\n## Latency (ms, hot: planning + execution; predicted for the calibration machine)\n\n| query | config | ms | first run ms | rows | plan |\n|---|---|---:|---:|---:|---|\n"
                for l in p.latency {
                    out += "| \(l.query) | \(l.config) | \(String(format: "%.3f", l.planningMs + l.executionMs)) | \(String(format: "%.3f", l.firstRunMs)) | \(count(l.rows)) | \(l.plan) |\n"
                }
            }
            if !p.targets.isEmpty {
                out += "\n## Targets\n\n| query | target ms | predicted ms | config | verdict |\n|---|---:|---:|---|---|\n"
                for t in p.targets {
                    out += "| \(t.query) | \(String(format: "%g", t.targetMs)) | \(String(format: "%.3f", t.predictedMs)) | \(t.config) | \(t.verdict) |\n"
                }
            }
            if !p.warnings.isEmpty {
                out += "\n## Warnings\n\n" + p.warnings.map { "- " + $0 }.joined(separator: "\n") + "\n"
            }
            return out
        }.joined(separator: "\n")
    }

    /// The self-contained HTML report (see ``PlanHTML``).
    public static func html(_ plans: [CapacityPlan]) -> String { PlanHTML.page(plans) }
}
