/// One chunk's compression as a value: the chunk's rows (batches decoded and partial rows
/// appended) and the settings, taken out of the hypertable by
/// ``Hypertable/compressionWork(forChunk:)``. ``run()`` touches nothing shared, so it may run on
/// any thread; ``Hypertable/install(_:)`` puts its output back.
struct ChunkCompressionWork: Sendable {
    /// The chunk's name, and the end of its time slice (rows from there on cannot land in it).
    let chunk: String
    let end: Int64
    /// Every row of the chunk, in the order compression reads them.
    let rows: RowSet
    let settings: CompressionSettings
    /// The chunk's uncompressed rows and batches when the rows were read, so an install can tell
    /// whether the chunk changed in between.
    let rowsBefore: Int
    let batchesBefore: Int
    let blockSize: Int
    let blockColumns: [Int]

    /// Measures the rows as they stand (`hypertable_compression_stats` "before") and encodes them.
    func run() -> ChunkCompressionOutput {
        var reference = BlockIndex(blockSize: blockSize, columns: blockColumns)
        reference.rebuild(rows: rows)
        return ChunkCompressionOutput(chunk: chunk, rowsBefore: rowsBefore, batchesBefore: batchesBefore,
                                      bytesBeforeCompression: EngineBytes.uncompressed(rows: rows, blockIndex: reference),
                                      content: ChunkCompressor.compress(rows, settings: settings))
    }
}

/// What ``ChunkCompressionWork/run()`` made of one chunk.
struct ChunkCompressionOutput: Sendable {
    let chunk: String
    let rowsBefore: Int
    let batchesBefore: Int
    let bytesBeforeCompression: EngineBytes
    let content: CompressedChunkContent
}
