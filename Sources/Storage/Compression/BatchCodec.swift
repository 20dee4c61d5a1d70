import Codecs
import Schema

/// Builds one ``CompressedBatch`` from rows of one segment and turns a batch back into rows.
enum BatchCodec {
    /// `rows` hold one segment's rows already in orderby order, at most the batch size limit.
    static func encode(_ rows: RowSet, settings: CompressionSettings) -> CompressedBatch {
        let table = rows.table
        let segmentPositions = settings.segmentBy.compactMap { table.columnIndex($0) }
        let segmentValues = segmentPositions.map { rows.columns[$0].value(at: 0) }
        let summaries = settings.orderBy.compactMap { key -> CompressedBatch.OrderSummary? in
            guard let c = table.columnIndex(key.column) else { return nil }
            let column = rows.columns[c]
            let whole = BlockIndex.summarize(column, 0..<rows.count)
            return CompressedBatch.OrderSummary(min: whole.min, max: whole.max,
                                                first: column.value(at: 0), last: column.value(at: rows.count - 1))
        }
        let options = EncodingOptions(zstdLevel: max(settings.zstdLevel, 1), useZstd: settings.zstdLevel > 0)
        let columns: [StoredColumn?] = rows.columns.enumerated().map { c, vector in
            segmentPositions.contains(c) ? nil : ColumnBlockAdapter.encode(vector, options: options)
        }
        return CompressedBatch(rowCount: rows.count, segmentValues: segmentValues, orderSummaries: summaries, columns: columns)
    }

    /// The batch's rows, in the order they were compressed.
    static func decode(_ batch: CompressedBatch, table: TableDefinition, settings: CompressionSettings,
                       chunk: String) throws(HypertableError) -> RowSet {
        var vectors: [ColumnVector] = []
        vectors.reserveCapacity(table.columns.count)
        for (c, definition) in table.columns.enumerated() {
            if let encoded = batch.columns[c] {
                let vector: ColumnVector
                do {
                    vector = try ColumnBlockAdapter.decode(encoded, type: definition.type)
                } catch {
                    if case .corruptBatch(_, let detail) = error { throw .corruptBatch(chunk: chunk, detail: detail) }
                    throw error
                }
                guard vector.count == batch.rowCount else {
                    throw .corruptBatch(chunk: chunk, detail: "column \"\(definition.name)\" holds \(vector.count) values for \(batch.rowCount) rows")
                }
                vectors.append(vector)
            } else {
                guard let s = settings.segmentBy.firstIndex(of: definition.name), s < batch.segmentValues.count else {
                    throw .corruptBatch(chunk: chunk, detail: "column \"\(definition.name)\" is missing")
                }
                var vector = ColumnVector(type: definition.type, capacity: batch.rowCount)
                let value = batch.segmentValues[s]
                for _ in 0..<batch.rowCount { vector.append(value) }
                vectors.append(vector)
            }
        }
        return RowSet(table: table, columns: vectors)
    }
}
