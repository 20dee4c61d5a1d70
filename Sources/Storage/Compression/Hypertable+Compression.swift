import Schema

extension Hypertable {
    /// Compresses one chunk (`compress_chunk`): a partial chunk is recompressed, merging its
    /// uncompressed rows with its batches; a fully compressed chunk is left alone.
    /// Returns whether the chunk changed.
    @discardableResult
    public mutating func compressChunk(named name: String) throws(HypertableError) -> Bool {
        guard let work = try compressionWork(forChunk: name) else { return false }
        return try install(work.run())
    }

    /// What compressing a chunk takes, read out of the hypertable so the encoding can run on
    /// another thread (``ChunkCompressionWork/run()``) while this one goes on; nil when the chunk
    /// does not exist or is already fully compressed. ``install(_:)`` puts the result in.
    func compressionWork(forChunk name: String) throws(HypertableError) -> ChunkCompressionWork? {
        guard let settings = compression else {
            throw .invalidCompressionSettings("compression not enabled on hypertable \"\(table.name)\"")
        }
        guard let chunk = chunks.first(where: { $0.name == name }) else { return nil }
        if chunk.isCompressed && chunk.rows.count == 0 { return nil }
        return ChunkCompressionWork(chunk: name, end: chunk.timeRange.end, rows: try allRows(of: chunk, settings: settings), settings: settings,
                                    rowsBefore: chunk.rows.count, batchesBefore: chunk.batches.count,
                                    blockSize: options.blockSize, blockColumns: blockColumns)
    }

    /// Puts a chunk's compressed batches in place of the rows they were made from. A chunk whose
    /// rows or batches changed since ``compressionWork(forChunk:)`` read them is compressed again
    /// from what it holds now, so the result is always the chunk's own. Returns whether a chunk changed.
    @discardableResult
    mutating func install(_ output: ChunkCompressionOutput) throws(HypertableError) -> Bool {
        guard let position = chunks.firstIndex(where: { $0.name == output.chunk }) else { return false }
        var chunk = chunks[position]
        guard chunk.rows.count == output.rowsBefore, chunk.batches.count == output.batchesBefore,
              !(chunk.isCompressed && chunk.rows.count == 0) else {
            return try compressChunk(named: output.chunk)
        }
        chunk.bytesBeforeCompression = output.bytesBeforeCompression
        chunk.zstdDictionaries = output.content.dictionaries
        chunk.batches = output.content.batches
        let keys = batchKeyPositions
        chunk.reindexBatches(keyPositions: keys.positions, timeSummary: keys.timeSummary)
        chunk.replaceRows(RowSet(table: table))
        chunk.isCompressed = true
        chunks[position] = chunk
        return true
    }

    /// Decompresses one chunk (`decompress_chunk`): batches back into uncompressed rows, in batch
    /// order, followed by any partial rows. Returns whether the chunk changed.
    @discardableResult
    public mutating func decompressChunk(named name: String) throws(HypertableError) -> Bool {
        guard let position = chunks.firstIndex(where: { $0.name == name }), chunks[position].isCompressed else { return false }
        guard let settings = compression else { return false }
        var chunk = chunks[position]
        let all = try allRows(of: chunk, settings: settings)
        chunk.batches = []
        chunk.zstdDictionaries = .none
        chunk.reindexBatches(keyPositions: nil, timeSummary: nil)
        chunk.isCompressed = false
        chunk.bytesBeforeCompression = nil
        chunk.replaceRows(all)
        chunks[position] = chunk
        return true
    }

    /// Every row of a chunk: decompressed batches in order, then the uncompressed rows.
    public func rows(ofChunk name: String) throws(HypertableError) -> RowSet? {
        guard let chunk = chunk(named: name) else { return nil }
        guard let settings = compression else { return chunk.rows }
        return try allRows(of: chunk, settings: settings)
    }

    func allRows(of chunk: Chunk, settings: CompressionSettings) throws(HypertableError) -> RowSet {
        if chunk.batches.isEmpty { return chunk.rows.count > 0 ? chunk.rows : RowSet(table: table) }
        let total = chunk.batches.reduce(chunk.rows.count) { $0 + $1.rowCount }
        var decoder = ChunkRowsDecoder(table: table, capacity: total)
        for batch in chunk.batches {
            try decoder.append(batch, settings: settings, chunk: chunk.name, dictionaries: chunk.zstdDictionaries)
        }
        if chunk.rows.count > 0 { decoder.append(chunk.rows) }
        return decoder.rows()
    }
}
