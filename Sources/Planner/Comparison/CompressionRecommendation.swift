import Schema
import Storage

/// Proposes segmentby/orderby from column cardinalities and rows per segment per chunk.
///
/// Baseline: TimescaleDB's own default when `compress_segmentby` is not given
/// (``TimescaleSegmentByDefault``: the first column of the unique, then the other indexes),
/// and the orderby it then picks (``TimescaleOrderByDefault``). The proposal keeps adding low-cardinality columns
/// (index columns first, then by fewest distinct values per chunk) while a segment still fills
/// at least half a batch within a chunk; beyond that, batches shrink and per-batch overhead
/// (TimescaleDB: one compressed tuple with metadata and a TOAST pointer per column) dominates.
enum CompressionRecommendation {
    static func make(table: TableDefinition, timeColumn: String, rows: Int, chunks: Int, batchSize: Int,
                     cardinalities: [ColumnCardinality], measured: [SettingResult]) -> Recommendation {
        let indexColumns = table.indexes.flatMap(\.keyColumns).filter { $0 != timeColumn }
        // The hypertable keeps only unique indexes holding the time column (TimescaleDB refuses the others).
        var hypertableTable = table
        hypertableTable.indexes = table.indexes.filter { !$0.unique || $0.keyColumns.contains(timeColumn) }
        let leading = TimescaleSegmentByDefault.column(of: hypertableTable, partitioning: [timeColumn])
        let baseline = CompressionSettingText(segmentBy: leading ?? "",
                                              orderBy: CompressionSettingText.defaultOrderBy(table: hypertableTable, segmentBy: leading ?? "",
                                                                                             timeColumn: timeColumn) ?? "\(timeColumn) DESC")

        let byName = Dictionary(cardinalities.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let rowsPerChunk = chunks == 0 ? 0 : Double(rows) / Double(chunks)
        // Columns a user would filter by: low cardinality and not a measurement.
        let measurementTypes: (PGType) -> Bool = { t in
            switch t {
            case .float4, .float8, .numeric: return true
            default: return t.isTimeType
            }
        }
        var candidates: [String] = []
        for name in indexColumns where !candidates.contains(name) {
            if let t = table.column(name)?.type, !measurementTypes(t) { candidates.append(name) }
        }
        let others = table.columns.filter { column in
            guard !candidates.contains(column.name), column.name != timeColumn, !measurementTypes(column.type),
                  let c = byName[column.name] else { return false }
            return c.distinct > 1 && Double(c.distinct) * 100 <= Double(rows)
        }.sorted { (byName[$0.name]?.distinctPerChunk ?? 0) < (byName[$1.name]?.distinctPerChunk ?? 0) }
        candidates += others.map(\.name)

        var chosen: [String] = []
        var segmentsPerChunk = 1.0
        var reasons: [String] = []
        for name in candidates {
            guard let c = byName[name] else { continue }
            let next = segmentsPerChunk * max(1, c.distinctPerChunk)
            let perSegment = rowsPerChunk / next
            if perSegment >= Double(batchSize) / 2 {
                chosen.append(name)
                segmentsPerChunk = next
                reasons.append("\(name): \(String(format: "%.1f", c.distinctPerChunk)) distinct per chunk, segments keep ~\(Int(perSegment.rounded())) rows per chunk")
            } else {
                reasons.append("not \(name): \(String(format: "%.1f", c.distinctPerChunk)) distinct per chunk would leave ~\(Int(perSegment.rounded())) rows per segment, under half a batch (\(batchSize))")
            }
        }
        if rowsPerChunk < Double(batchSize) / 2 {
            reasons.append("chunks hold ~\(Int(rowsPerChunk.rounded())) rows, under half a batch: a longer chunk interval fills batches better")
        }
        let proposed = CompressionSettingText(segmentBy: chosen.joined(separator: ", "), orderBy: "\(timeColumn) DESC")
        // Rank on what the user will get: TimescaleDB's predicted bytes when every setting has a
        // prediction (the target is TimescaleDB), the engine's own bytes otherwise (labelled so).
        let predicted = measured.allSatisfy { $0.predictedTimescaledb != nil } && !measured.isEmpty
        func targetBytes(_ r: SettingResult) -> Int { predicted ? (r.predictedTimescaledb?.afterCompressionTotalBytes ?? r.engineBytes) : r.engineBytes }
        let basis = predicted ? "predicted TimescaleDB bytes" : "engine bytes"
        // Ties on the basis go to the smaller engine bytes, then to the earlier setting.
        let smallest = measured.indices.min {
            (targetBytes(measured[$0]), measured[$0].engineBytes, $0) < (targetBytes(measured[$1]), measured[$1].engineBytes, $1)
        }
        let smallestByEngine = measured.indices.min { (measured[$0].engineBytes, $0) < (measured[$1].engineBytes, $1) }
        var recommended = proposed
        if let s = smallest {
            let r = measured[s]
            reasons.append("smallest measured (\(basis)): segmentby '\(r.segmentby)' orderby '\(r.orderby)'"
                           + (r.zstdDictionary == "off" ? "" : " zstd_dictionary \(r.zstdDictionary)") + ", \(targetBytes(r)) bytes")
            let tied = measured.indices.filter { $0 != s && targetBytes(measured[$0]) == targetBytes(r) }
            if predicted, !tied.isEmpty {
                reasons.append("settings #\(tied.map { String($0 + 1) }.joined(separator: ", #")) are predicted at the same TimescaleDB bytes: "
                               + "the engine's own bytes (\(r.engineBytes)) break the tie")
            }
            if predicted, let e = smallestByEngine, e != s {
                let x = measured[e]
                reasons.append("the engine's own bytes favour segmentby '\(x.segmentby)' orderby '\(x.orderby)' (\(x.engineBytes) engine bytes "
                               + "vs \(r.engineBytes)), but TimescaleDB is predicted to store it in \(targetBytes(x)) bytes, "
                               + "\(targetBytes(x) - targetBytes(r)) more than the recommended setting")
            }
            let proposedIndex = measured.firstIndex { $0.segmentby == proposed.segmentBy && $0.orderby == (proposed.orderBy ?? "") }
            if let p = proposedIndex, p != s {
                reasons.append("the cardinality proposal (segmentby '\(proposed.segmentBy)') was measured at \(targetBytes(measured[p])) bytes "
                               + "(\(basis)), more than the smallest: recommending the smallest measured setting")
                recommended = CompressionSettingText(segmentBy: r.segmentby, orderBy: r.orderby, zstdDictionary: Self.namedDictionary(r))
            } else if proposedIndex == nil {
                reasons.append("the cardinality proposal (segmentby '\(proposed.segmentBy)') was not among the measured settings: "
                               + "compare it to see its bytes; until then the smallest measured setting is recommended")
                recommended = CompressionSettingText(segmentBy: r.segmentby, orderBy: r.orderby, zstdDictionary: Self.namedDictionary(r))
            }
        }
        // The smallest setting recommended as proposed still names its dictionary mode.
        if let s = smallest, recommended.zstdDictionary == nil, recommended.segmentBy == measured[s].segmentby,
           (recommended.orderBy ?? "") == measured[s].orderby {
            recommended.zstdDictionary = Self.namedDictionary(measured[s])
        }
        var out = Recommendation(timescaledbDefault: baseline, proposed: proposed, smallestMeasured: smallest, reasons: reasons,
                                 columnCardinalities: cardinalities)
        out.recommended = recommended
        out.basis = basis
        out.smallestByEngine = smallestByEngine
        return out
    }

    /// A measured setting's dictionary mode for its recommendation: nil for `off`, the default
    /// (the JSON then keeps its fields as before).
    static func namedDictionary(_ r: SettingResult) -> ZstdDictionaryMode? {
        let mode = ZstdDictionaryMode(rawValue: r.zstdDictionary)
        return mode == .off ? nil : mode
    }
}
