import Foundation
import Planner

/// Human tables for `chunkwise compare`: one line per setting, then bytes per row by column.
enum ComparisonTable {
    static func render(_ report: ComparisonReport, chunkInterval: String) -> String {
        var out: [String] = []
        let chunks = report.settings.first?.chunks ?? 0
        out.append("\(report.rows) rows · \(chunks) chunks of \(chunkInterval) · batches of ≤\(report.batchSize) rows · zstd level \(report.zstdLevel)"
                   + " · zstd dictionary \(report.zstdDictionary) · COPY text \(megabytes(report.rawCopyBytes))")
        out.append("engine bytes (measured, not predicted; zstd dictionaries included)")
        out.append("")
        let header = ["#", "segmentby", "orderby", "dict", "batches", "rows/batch", "engine bytes", "of which dict", "B/row",
                      "vs COPY", "vs plain", "compress", "decompress"]
        var rows: [[String]] = []
        for (i, s) in report.settings.enumerated() {
            rows.append(["\(i + 1)", s.segmentby.isEmpty ? "(none)" : s.segmentby, s.orderby, s.zstdDictionary, "\(s.batches)",
                         fixed(s.rowsPerBatch, 1), grouped(s.engineBytes), grouped(s.zstdDictionaryBytes), fixed(s.bytesPerRow, 2),
                         fixed(s.ratioVsCopyText, 1) + "x", fixed(s.ratioVsUncompressed, 1) + "x",
                         "\(Int(s.compressMBPerSecond.rounded())) MB/s", "\(Int(s.decompressMBPerSecond.rounded())) MB/s"])
        }
        out += table(header, rows, rightAligned: Set(4..<header.count))
        let predicted = report.settings.enumerated().compactMap { i, s in s.predictedTimescaledb.map { (i, $0) } }
        if !predicted.isEmpty {
            out.append("")
            out.append("TimescaleDB (predicted hypertable_compression_stats)")
            let th = ["#", "before", "after table", "after index", "after toast", "after total", "batches", "ratio"]
            let tr = predicted.map { i, p in
                ["\(i + 1)", grouped(p.beforeCompressionTotalBytes), grouped(p.afterCompressionTableBytes),
                 grouped(p.afterCompressionIndexBytes), grouped(p.afterCompressionToastBytes),
                 grouped(p.afterCompressionTotalBytes), "\(p.compressedBatches)",
                 fixed(Double(p.beforeCompressionTotalBytes) / Double(max(1, p.afterCompressionTotalBytes)), 1) + "x"]
            }
            out += table(th, tr, rightAligned: Set(1..<th.count))
            out.append("")
            out.append("TimescaleDB (predicted) stored bytes per row by column")
            var ch = ["column"]
            for (i, _) in predicted { ch += ["#\(i + 1) B/row", "#\(i + 1) algorithm"] }
            var names: [String] = []
            for (_, p) in predicted { for c in p.columns where !names.contains(c.name) { names.append(c.name) } }
            let rowCount = Double(max(1, report.rows))
            let cr = names.map { name -> [String] in
                var row = [name]
                for (_, p) in predicted {
                    let c = p.columns.first { $0.name == name }
                    row += [c.map { fixed(Double($0.storedBytes) / rowCount, 2) } ?? "-", c?.algorithm ?? "segmentby"]
                }
                return row
            }
            out += table(ch, cr, rightAligned: Set(stride(from: 1, to: ch.count, by: 2)))
        }
        out.append("")
        // A dictionary column per setting only where some setting stores dictionaries.
        let withDictionaries = report.settings.contains { $0.zstdDictionaryBytes > 0 }
        let perSetting = withDictionaries ? 3 : 2
        out.append("bytes per row by column (codec most batches chose\(withDictionaries ? "; dict B: zstd dictionary bytes, included in B/row" : ""))")
        var columnHeader = ["column"]
        for i in report.settings.indices {
            columnHeader += ["#\(i + 1) B/row"] + (withDictionaries ? ["#\(i + 1) dict B"] : []) + ["#\(i + 1) codec"]
        }
        var columnRows: [[String]] = []
        if let first = report.settings.first {
            for (c, column) in first.columns.enumerated() {
                var row = [column.name]
                for s in report.settings where c < s.columns.count {
                    row += [fixed(s.columns[c].bytesPerRow, 2)]
                        + (withDictionaries ? [s.columns[c].zstdDictionaryBytes == 0 ? "-" : grouped(s.columns[c].zstdDictionaryBytes)] : [])
                        + [s.columns[c].codec]
                }
                columnRows.append(row)
            }
            var meta = ["(metadata)*"]
            for s in report.settings {
                meta += [fixed(Double(s.metadataBytes) / Double(max(1, report.rows)), 2)] + (withDictionaries ? [""] : []) + [""]
            }
            columnRows.append(meta)
        }
        let numeric = Set((1..<columnHeader.count).filter { ($0 - 1) % perSetting != perSetting - 1 })
        out += table(columnHeader, columnRows, rightAligned: numeric)
        out.append("* per batch: row count, segmentby values, min/max/first/last of each orderby column")
        for (i, s) in report.settings.enumerated() {
            for w in s.warnings { out.append("WARNING (#\(i + 1)): \(w)") }
        }
        out.append("")
        let r = report.recommendation
        out.append("recommendation (\(r.basis)): segmentby '\(r.recommended.segmentBy)' orderby '\(r.recommended.orderBy ?? "")'"
                   + "  (TimescaleDB default: segmentby '\(r.timescaledbDefault.segmentBy)' orderby '\(r.timescaledbDefault.orderBy ?? "")')")
        for reason in r.reasons { out.append("  - \(reason)") }
        return out.joined(separator: "\n")
    }

    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            var text = cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line)
    }

    static func fixed(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }

    static func grouped(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    static func megabytes(_ n: Int) -> String { String(format: "%.2f MB", Double(n) / 1e6) }
}
