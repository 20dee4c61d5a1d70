import Codecs
import Schema

/// Builds one ``CompressedBatch`` from rows of one segment and turns a batch back into rows.
enum BatchCodec {
    /// Rows `positions` of a chunk's rows (one segment, already in orderby order, at most the batch
    /// size limit), read in place: the batch's metadata (columns not yet filled) and each
    /// non-segmentby column after the codec stage, before zstd.
    static func prepare(_ rows: RowSet, positions: [Int], settings: CompressionSettings) -> (batch: CompressedBatch, columns: [PreparedColumn?]) {
        let table = rows.table
        let segmentPositions = settings.segmentBy.compactMap { table.columnIndex($0) }
        let first = positions.first ?? 0, last = positions.last ?? 0
        let segmentValues = segmentPositions.map { rows.columns[$0].value(at: first) }
        let summaries = settings.orderBy.compactMap { key -> CompressedBatch.OrderSummary? in
            guard let c = table.columnIndex(key.column) else { return nil }
            let column = rows.columns[c]
            let whole = summary(column, positions)
            return CompressedBatch.OrderSummary(min: whole.min, max: whole.max,
                                                first: column.value(at: first), last: column.value(at: last))
        }
        let options = settings.encodingOptions
        let columns: [PreparedColumn?] = rows.columns.enumerated().map { c, vector in
            segmentPositions.contains(c) ? nil : ColumnBlockAdapter.prepare(vector, rows: positions, options: options)
        }
        let batch = CompressedBatch(rowCount: positions.count, segmentValues: segmentValues, orderSummaries: summaries,
                                    columns: Array(repeating: nil, count: columns.count))
        return (batch, columns)
    }

    /// The min/max of rows `positions` of a column, as ``BlockIndex/summarize(_:_:)`` of those
    /// rows gathered would give: integer and time columns without NULLs are scanned in place (the
    /// usual orderby column), others gathered first.
    static func summary(_ column: ColumnVector, _ positions: [Int]) -> BlockIndex.Summary {
        switch column.storage {
        case .int64(let a), .time(let a):
            guard !column.hasNulls, let head = positions.first else { break }
            var lo = head, hi = head
            for p in positions {
                if a[p] < a[lo] { lo = p }
                if a[p] > a[hi] { hi = p }
            }
            return BlockIndex.Summary(min: column.value(at: lo), max: column.value(at: hi), hasNulls: false)
        default:
            break
        }
        return BlockIndex.summarize(column.gathering(positions), 0..<positions.count)
    }

    /// The batch's rows, in the order they were compressed.
    static func decode(_ batch: CompressedBatch, table: TableDefinition, settings: CompressionSettings,
                       chunk: String, dictionaries: ChunkDictionaries) throws(HypertableError) -> RowSet {
        var vectors: [ColumnVector] = []
        vectors.reserveCapacity(table.columns.count)
        for c in table.columns.indices {
            vectors.append(try decodeColumn(batch, column: c, table: table, settings: settings, chunk: chunk, dictionaries: dictionaries))
        }
        return RowSet(table: table, columns: vectors)
    }

    /// One column of the batch, in the order it was compressed: decoded (with the chunk's
    /// dictionary for the column when the block needs one), or the segmentby value repeated.
    static func decodeColumn(_ batch: CompressedBatch, column c: Int, table: TableDefinition, settings: CompressionSettings,
                             chunk: String, dictionaries: ChunkDictionaries) throws(HypertableError) -> ColumnVector {
        let definition = table.columns[c]
        if let encoded = batch.columns[c] {
            let dictionary = dictionaries[c]
            if encoded.usesDictionary && dictionary == nil {
                throw .corruptBatch(chunk: chunk, detail: "column \"\(definition.name)\" needs the chunk's zstd dictionary, which is missing")
            }
            let vector: ColumnVector
            do {
                vector = try ColumnBlockAdapter.decode(encoded, type: definition.type, dictionary: encoded.usesDictionary ? dictionary : nil)
            } catch {
                if case .corruptBatch(_, let detail) = error { throw .corruptBatch(chunk: chunk, detail: detail) }
                throw error
            }
            guard vector.count == batch.rowCount else {
                throw .corruptBatch(chunk: chunk, detail: "column \"\(definition.name)\" holds \(vector.count) values for \(batch.rowCount) rows")
            }
            return vector
        }
        guard let s = settings.segmentBy.firstIndex(of: definition.name), s < batch.segmentValues.count else {
            throw .corruptBatch(chunk: chunk, detail: "column \"\(definition.name)\" is missing")
        }
        return ColumnVector(type: definition.type, repeating: batch.segmentValues[s], count: batch.rowCount)
    }
}
