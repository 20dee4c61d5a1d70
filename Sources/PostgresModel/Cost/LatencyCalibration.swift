import Foundation

/// A `latency_*.json` calibration file (../shared/calibration): the scenario it describes, built
/// only from the file's data shape and relation sizes (never from its times, buffers or plans),
/// and what the server measured, for checking the model.
public struct LatencyCalibration: Sendable {
    /// One measured (query, configuration) entry of the file's `summary`.
    public struct Measurement: Sendable, Hashable {
        public var query: LatencyQuery
        /// The configuration; Q4/Q5 ran once on the plain prediction tables (`"plain"` in the
        /// file) and are listed under every configuration.
        public var config: StorageConfiguration
        public var plan: String
        public var sharedHitBlocks: Int
        public var sharedReadBlocks: Int
        public var rows: Int
        public var planningMs: Double
        public var executionMs: Double
        public var firstRunPlanningMs: Double
        public var firstRunExecutionMs: Double
        /// Indexes the executed plan scanned (`indexes_used`).
        public var indexesUsed: Set<String> = []
    }

    public enum Failure: Error, CustomStringConvertible {
        case malformed(String, String)
        public var description: String {
            switch self { case .malformed(let file, let what): return "\(file): \(what)" }
        }
    }

    public var name: String
    public var scenario: LatencyScenario
    public var measurements: [Measurement]

    /// Reads a calibration file.
    public static func load(_ url: URL) throws -> LatencyCalibration {
        let data = try Data(contentsOf: url)
        return try parse(data, name: url.lastPathComponent)
    }

    // swiftlint:disable:next function_body_length
    public static func parse(_ data: Data, name: String) throws -> LatencyCalibration {
        func fail(_ what: String) -> Failure { .malformed(name, what) }
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw fail("not a JSON object") }
        func dict(_ o: Any?, _ what: String) throws -> [String: Any] {
            guard let d = o as? [String: Any] else { throw fail("missing \(what)") }
            return d
        }
        func num(_ o: Any?) -> Double { (o as? NSNumber)?.doubleValue ?? 0 }
        let dataset = try dict(root["dataset"], "dataset")
        let parameters = try dict(root["parameters"], "parameters")
        let configs = try dict(root["configs"], "configs")
        let server = try dict(root["server"], "server")
        let settings = try dict(server["settings"], "server.settings")
        guard let nowText = parameters["now"] as? String, let now = timestamp(nowText),
              let minText = dataset["min_timestamp"] as? String, let minTs = timestamp(minText),
              let rowsPerIntervalAny = dataset["rows_per_interval"] as? [String: Any] else { throw fail("dataset/parameters incomplete") }
        let rowsPerInterval = rowsPerIntervalAny.mapValues { Int(saturating: num($0)) }
        let totalRows = Double(rowsPerInterval.values.reduce(0, +))
        let tickers = Int(saturating: num(dataset["tickers"]))
        let spanDays = (now - minTs) / 86400
        let md = MarketDataShape(tickers: tickers, rowsPerInterval: rowsPerInterval, spanDays: spanDays)

        // Window row counts: properties of the data (what a plan computes from its calendar).
        let c1 = try dict(configs["C1"], "configs.C1")
        let c1Queries = try dict(c1["queries"], "configs.C1.queries")
        func queryRows(_ q: String) -> Int { Int(saturating: num((c1Queries[q] as? [String: Any])?["rows"])) }
        let q1SQL = ((root["queries"] as? [String: Any])?["Q1"] as? String) ?? ""
        let q1Interval = q1SQL.range(of: "interval = '").map { r in String(q1SQL[r.upperBound...].prefix { $0 != "'" }) } ?? "1m"
        let windows = QueryWindows(q1Interval: q1Interval, q2SeriesRows: queryRows("Q2"),
                                   q3Interval: (parameters["q3_interval"] as? String) ?? "1m", q3SeriesRows: queryRows("Q3"))

        func plainTable(_ key: String) throws -> TableShape {
            let c = try dict(configs[key], "configs.\(key)")
            let rel = try dict(c["relations"], "configs.\(key).relations")
            let heap = try dict(rel["market_data"], "market_data relation")
            let defs = (c["index_defs"] as? [String]) ?? []
            let indexes = defs.compactMap { IndexDefinitionText(parsing: $0) }.map { d -> IndexShape in
                let bytes = num((rel[d.name] as? [String: Any])?["main"])
                return IndexShape.derived(name: d.name, columns: d.columns, method: d.method, pages: Int(bytes / 8192), rows: totalRows, isPartial: d.isPartial)
            }
            return TableShape(name: "market_data", rows: totalRows, heapPages: Int(saturating: num(heap["main"]) / 8192), indexes: indexes)
        }
        let plain001 = try plainTable("C1")
        let plain009 = try plainTable("C2")

        // Hypertable: chunk ranges from the chunk list, rows spread evenly over the time the data covers.
        let c3 = try dict(configs["C3"], "configs.C3")
        let c4 = try dict(configs["C4"], "configs.C4")
        let c3Rel = try dict(c3["relations"], "configs.C3.relations")
        let c4Rel = try dict(c4["relations"], "configs.C4.relations")
        guard let c3List = c3["chunk_list"] as? [[String: Any]], let c4List = c4["chunk_list"] as? [[String: Any]] else { throw fail("chunk_list missing") }
        let chunkDefs = ((c3["index_defs"] as? [String]) ?? []).compactMap { IndexDefinitionText(parsing: $0) }
        struct Range { var start: Double; var end: Double; var compressed: Bool }
        func ranges(_ list: [[String: Any]]) -> [Range] {
            list.compactMap { e in
                guard let s = (e["range_start"] as? String).flatMap(timestamp), let t = (e["range_end"] as? String).flatMap(timestamp) else { return nil }
                return Range(start: (s - now) / 86400, end: (t - now) / 86400, compressed: (e["is_compressed"] as? Bool) ?? false)
            }.sorted { $0.start < $1.start }
        }
        let r3 = ranges(c3List)
        let r4 = ranges(c4List)
        let dataStartDays = (minTs - now) / 86400
        let covered = r3.map { max(0, min($0.end, 0) - max($0.start, dataStartDays)) }
        let coveredTotal = max(covered.reduce(0, +), 1e-9)
        let chunkRows = covered.map { totalRows * $0 / coveredTotal }
        let n3 = Double(max(r3.count, 1))
        let heapRel = try dict(c3Rel["chunk_heaps"], "chunk_heaps")
        let avgRows = totalRows / n3
        func chunkTable(_ i: Int) -> TableShape {
            let share = chunkRows[i] / max(avgRows, 1)
            let heapPages = Int(saturating: (num(heapRel["main"]) / n3 / 8192 * share).rounded(.up))
            let idx = chunkDefs.map { d -> IndexShape in
                let bytes = num((c3Rel[d.name] as? [String: Any])?["main"]) / n3 * share
                return IndexShape.derived(name: "_hyper_1_\(i + 1)_chunk_\(d.name)", columns: d.columns, method: d.method,
                                          pages: max(1, Int(saturating: (bytes / 8192).rounded())), rows: chunkRows[i], isPartial: d.isPartial)
            }
            return TableShape(name: "_hyper_1_\(i + 1)_chunk", rows: chunkRows[i], heapPages: heapPages, indexes: idx)
        }
        let c3Chunks = r3.indices.map { i in
            ChunkShape(rangeStartDays: r3[i].start, rangeEndDays: r3[i].end, table: chunkTable(i), rows: chunkRows[i])
        }
        let hypertable = HypertableShape(chunkIntervalDays: r3.first.map { $0.end - $0.start } ?? 1, chunks: c3Chunks)

        // C4: the same chunks, the compressed ones replaced by their compressed relation.
        let compression = try dict(c4["compression"], "configs.C4.compression")
        let compHeaps = try dict(c4Rel["compressed_chunk_heaps"], "compressed_chunk_heaps")
        let nComp = Double(max(1, Int(saturating: num(compHeaps["relations"]))))
        let compIndexBytes = c4Rel.filter { $0.key.hasPrefix("compressed:") }.reduce(0.0) { $0 + num(($1.value as? [String: Any])?["main"]) }
        let compressedRows = zip(r3, r4).enumerated().reduce(0.0) { acc, e in acc + (e.element.1.compressed ? chunkRows[e.offset] : 0) }
        let batchesTotal = num(compression["compressed_batches"])
        let toastBytes = num(compHeaps["toast_total"])
        let bytesPerValue = toastBytes / max(compressedRows * 10, 1)
        var c4Chunks: [ChunkShape] = []
        for (i, c) in c3Chunks.enumerated() {
            guard i < r4.count, r4[i].compressed else { c4Chunks.append(c); continue }
            let share = chunkRows[i] / max(compressedRows / nComp, 1)
            let batches = Int(saturating: (batchesTotal / nComp * share).rounded())
            let indexPages = max(1, Int(saturating: (compIndexBytes / nComp / 8192).rounded()))
            let comp = CompressedChunkShape(
                batches: max(1, batches), heapPages: max(1, Int(saturating: (num(compHeaps["main"]) / nComp / 8192).rounded())),
                toastPages: Int(saturating: (toastBytes / nComp / 8192).rounded()),
                index: IndexShape.derived(name: "compress_hyper_2_\(i + 1)_chunk_ticker_id_interval__ts_meta_idx",
                                          columns: ["ticker_id", "interval", "timestamp DESC"], pages: indexPages, rows: Double(max(1, batches))),
                compressedBytesPerValue: bytesPerValue)
            var emptied = c
            emptied.table.rows = 0
            emptied.table.heapPages = 1
            emptied.compressed = comp
            c4Chunks.append(emptied)
        }
        let compressedHypertable = HypertableShape(chunkIntervalDays: hypertable.chunkIntervalDays, chunks: c4Chunks)

        // Prediction tables: one row per ticker per hour; indexes as NQP defines them.
        let pt = try dict(root["prediction_tables"], "prediction_tables")
        func predictionTable(_ key: String) throws -> PredictionTableShape {
            let t = try dict(pt[key], "prediction_tables.\(key)")
            let rows = num(t["rows"])
            let heapPages = Int(saturating: num(t["heap_bytes"]) / 8192)
            let span = ((t["max_created_at"] as? String).flatMap(timestamp) ?? now) - ((t["min_created_at"] as? String).flatMap(timestamp) ?? minTs)
            return PredictionTableShape.nqp(key, rows: rows, heapPages: heapPages, tickers: tickers, spanDays: span / 86400)
        }
        let shared = Int(saturating: num(Double((settings["shared_buffers"] as? String)?.split(separator: " ").first ?? "16384") ?? 16384)) * 8192
        let scenario = LatencyScenario(marketData: md, windows: windows, plain001: plain001, plain009: plain009, hypertable: hypertable,
                                       compressedHypertable: compressedHypertable, predictions: try predictionTable("predictions"),
                                       blockPredictions: try predictionTable("block_predictions"), sharedBuffersBytes: shared)

        // What the server measured.
        func indexesUsed(_ q: LatencyQuery, _ c: String) -> Set<String> {
            let entry = c == "plain"
                ? (root["predictions_queries"] as? [String: Any])?[q.rawValue] as? [String: Any]
                : ((configs[c] as? [String: Any])?["queries"] as? [String: Any])?[q.rawValue] as? [String: Any]
            return Set((entry?["indexes_used"] as? [String]) ?? [])
        }
        var measurements: [Measurement] = []
        for e in (root["summary"] as? [[String: Any]]) ?? [] {
            guard let q = (e["query"] as? String).flatMap(LatencyQuery.init(rawValue:)), let cText = e["config"] as? String else { continue }
            let configsFor: [StorageConfiguration] = cText == "plain" ? StorageConfiguration.allCases : [StorageConfiguration(rawValue: cText)].compactMap { $0 }
            for c in configsFor {
                measurements.append(Measurement(query: q, config: c, plan: (e["plan"] as? String) ?? "", sharedHitBlocks: Int(saturating: num(e["shared_hit"])),
                                                sharedReadBlocks: Int(saturating: num(e["shared_read"])), rows: Int(saturating: num(e["rows"])), planningMs: num(e["planning_median_ms"]),
                                                executionMs: num(e["median_ms"]), firstRunPlanningMs: num(e["first_run_planning_ms"]),
                                                firstRunExecutionMs: num(e["first_run_ms"]), indexesUsed: indexesUsed(q, cText)))
            }
        }
        return LatencyCalibration(name: name, scenario: scenario, measurements: measurements)
    }

    /// `2023-03-31 20:59:00+00` (UTC, fractional seconds ignored) as seconds since 1970.
    static func timestamp(_ text: String) -> Double? {
        let parts = text.prefix(19).split(whereSeparator: { "- :".contains($0) }).compactMap { Int($0) }
        guard parts.count == 6 else { return nil }
        var c = DateComponents()
        c.year = parts[0]; c.month = parts[1]; c.day = parts[2]; c.hour = parts[3]; c.minute = parts[4]; c.second = parts[5]
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        return cal.date(from: c)?.timeIntervalSince1970
    }
}

/// `CREATE [UNIQUE] INDEX name ON table USING method (columns) [INCLUDE (…)] [WITH (…)] [WHERE …]`
/// as `pg_indexes.indexdef` prints it.
struct IndexDefinitionText {
    var name: String
    var method: IndexShape.Method
    var columns: [String]
    var isPartial: Bool

    init?(parsing text: String) {
        guard let ir = text.range(of: "INDEX ") else { return nil }
        let afterIndex = text[ir.upperBound...]
        name = String(afterIndex.prefix { $0 != " " })
        guard let ur = text.range(of: "USING ") else { return nil }
        let afterUsing = text[ur.upperBound...]
        method = afterUsing.hasPrefix("brin") ? .brin : .btree
        guard let open = afterUsing.firstIndex(of: "("), let close = afterUsing[open...].firstIndex(of: ")") else { return nil }
        columns = afterUsing[afterUsing.index(after: open)..<close].split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
        }
        isPartial = text.contains(" WHERE ")
    }
}

extension PredictionTableShape {
    /// `predictions` or `block_predictions` with NQP's indexes (REFERENCE.md; block_predictions also
    /// with the `created_at` index the calibration database has), index sizes from the row count.
    public static func nqp(_ table: String, rows: Double, heapPages: Int, tickers: Int, spanDays: Double) -> PredictionTableShape {
        func btree(_ name: String, _ cols: [String], entryBytes: Double, rows r: Double = rows, partial: Bool = false) -> IndexShape {
            let pages = max(1, Int(saturating: (r * entryBytes / (8192 * 0.9)).rounded(.up)) + 1)
            return IndexShape.derived(name: name, columns: cols, pages: pages, rows: r, isPartial: partial)
        }
        var indexes = [btree("\(table)_pkey", ["id"], entryBytes: 28)]
        if table == "block_predictions" {
            indexes += [btree("block_predictions_ticker_id_hour_start_timestamp_key", ["ticker_id", "hour_start_timestamp"], entryBytes: 36),
                        btree("idx_block_predictions_created_at", ["created_at"], entryBytes: 20)]
        } else {
            indexes += [btree("idx_predictions_ticker_timestamp", ["ticker_id", "timestamp DESC"], entryBytes: 36),
                        btree("idx_predictions_timestamp", ["timestamp DESC"], entryBytes: 20),
                        btree("idx_predictions_actual_result", ["actual_result"], entryBytes: 20, rows: rows * 0.9, partial: true),
                        btree("idx_predictions_ticker_result", ["ticker_id", "actual_result"], entryBytes: 36, rows: rows * 0.85, partial: true)]
        }
        return PredictionTableShape(table: TableShape(name: table, rows: rows, heapPages: heapPages, indexes: indexes),
                                    tickers: tickers, spanDays: spanDays)
    }
}
