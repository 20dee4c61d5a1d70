import Codecs
import Schema

/// A chunk's rows decoded out of its batches into one vector per column, each batch appended in
/// place: what `rows(ofChunk:)`, `decompress_chunk` and recompression read, without a row set per
/// batch and a second copy of every value to concatenate them. Text columns are kept dictionary-
/// coded as they come (``StringColumn``): a batch's strings (``ColumnCodecs/decodeText(_:zstdDictionary:appendingTo:)``)
/// are coded once per batch and appended by code, a text segmentby value once per batch, so a
/// repeated value (an interval, a source, default metadata) costs no `String` per row.
///
/// Batches are decoded in order and each batch's columns in table order, so a damaged chunk
/// reports the same first error as decoding it batch by batch (``BatchCodec/decode(_:table:settings:chunk:dictionaries:)``).
struct ChunkRowsDecoder {
    let table: TableDefinition
    /// Per column: the rows so far, for columns that are not text.
    private var vectors: [ColumnVector?]
    /// Per column: the rows so far of a text column, and their NULL flags (empty while no row is NULL).
    private var texts: [(values: StringColumn, nulls: [Bool])?]

    init(table: TableDefinition, capacity: Int) {
        self.table = table
        vectors = []
        texts = []
        for column in table.columns {
            switch column.type {
            case .varchar, .text, .json, .jsonb:
                var values = StringColumn()
                values.reserveCapacity(capacity)
                vectors.append(nil)
                texts.append((values, []))
            default:
                vectors.append(ColumnVector(type: column.type, capacity: capacity))
                texts.append(nil)
            }
        }
    }

    /// Appends one batch's rows.
    mutating func append(_ batch: CompressedBatch, settings: CompressionSettings, chunk: String,
                         dictionaries: ChunkDictionaries) throws(HypertableError) {
        for c in table.columns.indices {
            if texts[c] != nil, let encoded = batch.columns[c] {
                if try appendText(encoded, of: batch, column: c, chunk: chunk, dictionaries: dictionaries) { continue }
            }
            if texts[c] != nil, batch.columns[c] == nil, appendSegmentText(of: batch, column: c, settings: settings) { continue }
            let vector = try BatchCodec.decodeColumn(batch, column: c, table: table, settings: settings, chunk: chunk,
                                                     dictionaries: dictionaries)
            append(vector, column: c)
        }
    }

    /// Appends rows held uncompressed (a partial chunk's).
    mutating func append(_ rows: RowSet) {
        for c in table.columns.indices { append(rows.columns[c], column: c) }
    }

    /// The rows appended so far.
    func rows() -> RowSet {
        let columns = table.columns.indices.map { c in
            if let text = texts[c] { return ColumnVector(type: table.columns[c].type, storage: .string(text.values), isNull: text.nulls) }
            return vectors[c] ?? ColumnVector(type: table.columns[c].type)
        }
        return RowSet(table: table, columns: columns)
    }

    private mutating func append(_ vector: ColumnVector, column c: Int) {
        if case .uuid(let batch)? = vectors[c]?.storage, batch.isEmpty, case .uuid(let ids) = vector.storage, Self.looksLikeIDs(ids) {
            // The chunk's column starts plain: coding ids that never repeat would hash each one
            // until the dictionary gave up (a third of a small chunk's decoding).
            vectors[c] = ColumnVector(type: vector.type, storage: .uuid(UUIDColumn(uncoded: [])))
        }
        if texts[c] != nil {
            guard case .string(let values) = vector.storage else { return }
            let before = texts[c]?.values.count ?? 0
            texts[c]?.values.append(contentsOf: values)
            appendNulls(vector.isNull, rows: values.count, before: before, column: c)
        } else {
            vectors[c]?.append(contentsOf: vector)
        }
    }

    /// Whether a batch's uuids look like ids rather than keys that repeat (tickers): at least 128
    /// rows, and no repeat among up to 256 of them spread evenly (a few hundred distinct keys
    /// repeat within that many by the birthday bound).
    static func looksLikeIDs(_ ids: UUIDColumn) -> Bool {
        let n = ids.count
        guard n >= 128 else { return false }
        let samples = Swift.min(n, 256), step = n / samples
        var seen = Set<PGUUID>(minimumCapacity: samples)
        for k in 0..<samples where !seen.insert(ids[k * step]).inserted { return false }
        return true
    }

    /// Decodes a text column of a batch into the chunk's strings; false (appending nothing) when
    /// the block is not a text block, for ``BatchCodec/decodeColumn`` to report.
    private mutating func appendText(_ encoded: StoredColumn, of batch: CompressedBatch, column c: Int, chunk: String,
                                     dictionaries: ChunkDictionaries) throws(HypertableError) -> Bool {
        let definition = table.columns[c]
        let dictionary = dictionaries[c]
        if encoded.usesDictionary && dictionary == nil {
            throw .corruptBatch(chunk: chunk, detail: "column \"\(definition.name)\" needs the chunk's zstd dictionary, which is missing")
        }
        let before = texts[c]?.values.count ?? 0
        var values: [String] = []
        values.reserveCapacity(batch.rowCount)
        let nulls: [Bool]?
        do {
            nulls = try ColumnCodecs.decodeText(encoded.bytes, zstdDictionary: encoded.usesDictionary ? dictionary : nil,
                                                appendingTo: &values)
        } catch {
            throw .corruptBatch(chunk: chunk, detail: "\(error)")
        }
        guard let nulls else { return false }
        let added = values.count
        guard added == batch.rowCount else {
            throw .corruptBatch(chunk: chunk, detail: "column \"\(definition.name)\" holds \(added) values for \(batch.rowCount) rows")
        }
        texts[c]?.values.append(contentsOf: StringColumn(values))
        appendNulls(nulls, rows: added, before: before, column: c)
        return true
    }

    /// Appends a text segmentby column's value once per row of the batch, straight into the
    /// chunk's strings (no vector of the batch's rows in between); false, appending nothing, when
    /// the batch has no value for the column, for ``BatchCodec/decodeColumn`` to report.
    private mutating func appendSegmentText(of batch: CompressedBatch, column c: Int, settings: CompressionSettings) -> Bool {
        let definition = table.columns[c]
        guard let s = settings.segmentBy.firstIndex(of: definition.name), s < batch.segmentValues.count else { return false }
        // The value as the column stores it (NULL as an empty string and a NULL flag).
        let one = ColumnVector(type: definition.type, repeating: batch.segmentValues[s], count: 1)
        guard case .string(let single) = one.storage, single.count == 1 else { return false }
        let before = texts[c]?.values.count ?? 0
        texts[c]?.values.append(contentsOf: StringColumn(repeating: single[0], count: batch.rowCount))
        appendNulls(one.hasNulls ? [Bool](repeating: true, count: batch.rowCount) : [], rows: batch.rowCount, before: before, column: c)
        return true
    }

    /// Keeps a text column's NULL flags: empty until a NULL arrives, then one per row.
    private mutating func appendNulls(_ nulls: [Bool], rows: Int, before: Int, column c: Int) {
        let hasNull = nulls.contains(true)
        guard hasNull || !(texts[c]?.nulls.isEmpty ?? true) else { return }
        if texts[c]?.nulls.isEmpty ?? false { texts[c]?.nulls = Array(repeating: false, count: before) }
        if hasNull {
            texts[c]?.nulls.append(contentsOf: nulls)
        } else {
            texts[c]?.nulls.append(contentsOf: repeatElement(false, count: rows))
        }
    }
}
