import Planner

/// `chunkwise compare`'s report: one line per setting, the predicted TimescaleDB sizes, bytes per
/// row by column, and the recommendation; the same content as markdown; the HTML page with charts.
extension ComparisonReport: RenderableReport {
    public static var formats: [ReportFormat] { [.table, .json, .markdown, .html] }

    /// The chunk interval as PostgreSQL interval text (`1 day`).
    var chunkIntervalText: String {
        integerTime == true ? String(chunkIntervalMicroseconds) : ReportNumber.interval(microseconds: chunkIntervalMicroseconds)
    }

    public func htmlText() -> String? { CompareHTML.page(self, chunkInterval: chunkIntervalText) }

    /// The report's blocks in order: text lines and tables, shared by the table and markdown forms.
    enum Block {
        case line(String)
        case heading(String)
        case blank
        case table(TextTable)
    }

    var blocks: [Block] {
        typealias N = ReportNumber
        var out: [Block] = []
        let chunks = settings.first?.chunks ?? 0
        out.append(.line("\(rows) rows · \(chunks) chunks of \(chunkIntervalText) · batches of ≤\(batchSize) rows · zstd level \(zstdLevel)"
                         + " · zstd dictionary \(zstdDictionary) · COPY text \(N.megabytes(rawCopyBytes))"))
        out.append(.heading("engine bytes (measured, not predicted; zstd dictionaries included)"))
        out.append(.blank)
        let header = ["#", "segmentby", "orderby", "dict", "batches", "rows/batch", "engine bytes", "of which dict", "B/row",
                      "vs COPY", "vs plain", "compress", "decompress"]
        let settingRows = settings.enumerated().map { i, s in
            ["\(i + 1)", s.segmentby.isEmpty ? "(none)" : s.segmentby, s.orderby, s.zstdDictionary, "\(s.batches)",
             N.fixed(s.rowsPerBatch, 1), N.grouped(s.engineBytes), N.grouped(s.zstdDictionaryBytes), N.fixed(s.bytesPerRow, 2),
             N.fixed(s.ratioVsCopyText, 1) + "x", N.fixed(s.ratioVsUncompressed, 1) + "x",
             "\(Int(s.compressMBPerSecond.rounded())) MB/s", "\(Int(s.decompressMBPerSecond.rounded())) MB/s"]
        }
        out.append(.table(TextTable(header: header, rows: settingRows, rightAligned: Set(4..<header.count))))
        let predicted = settings.enumerated().compactMap { i, s in s.predictedTimescaledb.map { (i, $0) } }
        if !predicted.isEmpty {
            out += [.blank, .heading("TimescaleDB (predicted hypertable_compression_stats)")]
            let th = ["#", "before", "after table", "after index", "after toast", "after total", "batches", "ratio"]
            let tr = predicted.map { i, p in
                ["\(i + 1)", N.grouped(p.beforeCompressionTotalBytes), N.grouped(p.afterCompressionTableBytes),
                 N.grouped(p.afterCompressionIndexBytes), N.grouped(p.afterCompressionToastBytes),
                 N.grouped(p.afterCompressionTotalBytes), "\(p.compressedBatches)",
                 N.fixed(Double(p.beforeCompressionTotalBytes) / Double(max(1, p.afterCompressionTotalBytes)), 1) + "x"]
            }
            out.append(.table(TextTable(header: th, rows: tr, rightAligned: Set(1..<th.count))))
            out += [.blank, .heading("TimescaleDB (predicted) stored bytes per row by column")]
            var ch = ["column"]
            for (i, _) in predicted { ch += ["#\(i + 1) B/row", "#\(i + 1) algorithm"] }
            var names: [String] = []
            for (_, p) in predicted { for c in p.columns where !names.contains(c.name) { names.append(c.name) } }
            let rowCount = Double(max(1, rows))
            let cr = names.map { name -> [String] in
                var row = [name]
                for (_, p) in predicted {
                    let c = p.columns.first { $0.name == name }
                    row += [c.map { N.fixed(Double($0.storedBytes) / rowCount, 2) } ?? "-", c?.algorithm ?? "segmentby"]
                }
                return row
            }
            out.append(.table(TextTable(header: ch, rows: cr, rightAligned: Set(stride(from: 1, to: ch.count, by: 2)))))
        }
        // A dictionary column per setting only where some setting stores dictionaries.
        let withDictionaries = settings.contains { $0.zstdDictionaryBytes > 0 }
        let perSetting = withDictionaries ? 3 : 2
        out.append(.blank)
        out.append(.heading("bytes per row by column (codec most batches chose"
                            + "\(withDictionaries ? "; dict B: zstd dictionary bytes, included in B/row" : ""))"))
        var columnHeader = ["column"]
        for i in settings.indices {
            columnHeader += ["#\(i + 1) B/row"] + (withDictionaries ? ["#\(i + 1) dict B"] : []) + ["#\(i + 1) codec"]
        }
        var columnRows: [[String]] = []
        if let first = settings.first {
            for (c, column) in first.columns.enumerated() {
                var row = [column.name]
                for s in settings where c < s.columns.count {
                    row += [N.fixed(s.columns[c].bytesPerRow, 2)]
                        + (withDictionaries ? [s.columns[c].zstdDictionaryBytes == 0 ? "-" : N.grouped(s.columns[c].zstdDictionaryBytes)] : [])
                        + [s.columns[c].codec]
                }
                columnRows.append(row)
            }
            var meta = ["(metadata)*"]
            for s in settings {
                meta += [N.fixed(Double(s.metadataBytes) / Double(max(1, rows)), 2)] + (withDictionaries ? [""] : []) + [""]
            }
            columnRows.append(meta)
        }
        let numeric = Set((1..<columnHeader.count).filter { ($0 - 1) % perSetting != perSetting - 1 })
        out.append(.table(TextTable(header: columnHeader, rows: columnRows, rightAligned: numeric)))
        out.append(.line("* per batch: row count, min/max/first/last of each orderby column (the segmentby values are in their columns' rows)"))
        for (i, s) in settings.enumerated() {
            for w in s.warnings { out.append(.line("WARNING (#\(i + 1)): \(w)")) }
        }
        let r = recommendation
        out.append(.blank)
        let dictionary = r.recommended.zstdDictionary.map { $0 == .off ? "" : " zstd_dictionary \($0.rawValue)" } ?? ""
        out.append(.heading("recommendation (\(r.basis)): segmentby '\(r.recommended.segmentBy)' orderby '\(r.recommended.orderBy ?? "")'\(dictionary)"
                            + "  (TimescaleDB default: segmentby '\(r.timescaledbDefault.segmentBy)' orderby '\(r.timescaledbDefault.orderBy ?? "")')"))
        for reason in r.reasons { out.append(.line("  - \(reason)")) }
        return out
    }

    public func tableText() -> String {
        var lines: [String] = []
        for block in blocks {
            switch block {
            case .line(let text), .heading(let text): lines.append(text)
            case .blank: lines.append("")
            case .table(let table): lines += table.lines
            }
        }
        return lines.joined(separator: "\n")
    }

    public func markdownText() -> String {
        var out = "# Compression settings compared\n"
        for block in blocks {
            switch block {
            case .line(let text): out += "\n" + (text.hasPrefix("  - ") ? String(text.dropFirst(2)) : text) + "\n"
            case .heading(let text): out += "\n## " + text + "\n"
            case .blank: break
            case .table(let table): out += "\n" + table.markdown
            }
        }
        return out
    }
}
