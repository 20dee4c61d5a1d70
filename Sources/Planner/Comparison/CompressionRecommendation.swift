import Schema

/// Proposes segmentby/orderby from column cardinalities and rows per segment per chunk.
///
/// Baseline: TimescaleDB's own default (2.28, `compression_settings` defaults when
/// `compress_segmentby` is not given): segment by the leading non-time column of the table's
/// indexes, order by the time column DESC. The proposal keeps adding low-cardinality columns
/// (index columns first, then by fewest distinct values per chunk) while a segment still fills
/// at least half a batch within a chunk; beyond that, batches shrink and per-batch overhead
/// (TimescaleDB: one compressed tuple with metadata and a TOAST pointer per column) dominates.
enum CompressionRecommendation {
    static func make(table: TableDefinition, timeColumn: String, rows: Int, chunks: Int, batchSize: Int,
                     cardinalities: [ColumnCardinality], measured: [SettingResult]) -> Recommendation {
        let indexColumns = table.indexes.flatMap(\.keyColumns).filter { $0 != timeColumn }
        let leading = table.indexes.compactMap { $0.keyColumns.first }.first { $0 != timeColumn }
        let baseline = CompressionSettingText(segmentBy: leading ?? "", orderBy: "\(timeColumn) DESC")

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
        let smallest = measured.indices.min { measured[$0].engineBytes < measured[$1].engineBytes }
        if let s = smallest {
            reasons.append("smallest measured: segmentby '\(measured[s].segmentby)' orderby '\(measured[s].orderby)', \(measured[s].engineBytes) engine bytes")
        }
        return Recommendation(timescaledbDefault: baseline,
                              proposed: CompressionSettingText(segmentBy: chosen.joined(separator: ", "), orderBy: "\(timeColumn) DESC"),
                              smallestMeasured: smallest, reasons: reasons, columnCardinalities: cardinalities)
    }
}
