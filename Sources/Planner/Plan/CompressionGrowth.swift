/// The plan's warning when the compression settings make the compressed chunks larger than they
/// were (TimescaleDB's compression stats report `after_compression_total_bytes` above `before_…`):
/// a segmentby column with about one row per value (an id, a unique key) leaves batches of a row
/// or two, each carrying its own compressed-row and per-column overhead. The figures were shown
/// without a word, as if compressing still saved space.
enum CompressionGrowth {
    /// The warning, or nil when compression shrinks the chunks (or compressed nothing).
    static func warning(before: Int, after: Int, batches: Int, rowsPerChunkBatchLimit: Int, segmentBy: [String]) -> String? {
        guard before > 0, after > before else { return nil }
        let segment = segmentBy.isEmpty ? "no segmentby" : "segmentby " + segmentBy.map { "\"\($0)\"" }.joined(separator: ", ")
        return "compression makes the compressed chunks larger, \(ByteCount.text(before)) → \(ByteCount.text(after)) "
            + "(\(MigrationWriter.grouped(batches)) batches of at most \(rowsPerChunkBatchLimit) rows, \(segment)): a segmentby column with few rows per value "
            + "leaves batches too small to compress; segment by a column whose values repeat (a device, a symbol)"
    }
}
