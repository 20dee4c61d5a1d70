/// Whether chunk compression trains a zstd dictionary per column (an engine option; TimescaleDB
/// has no zstd stage and no dictionaries).
///
/// A dictionary is trained per column per chunk on that chunk's encoded column blocks (the bytes
/// the zstd stage sees), stored once with the chunk and charged to its column's bytes. It pays
/// when a column's blocks are many, small and alike: small batches from a small batch size limit,
/// or segments that hold few rows per chunk (segmentby on a high-cardinality column).
public enum ZstdDictionaryMode: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// No dictionaries (the default: on the real market data `auto` saved at most 0.03 % and
    /// cost most of compression's time at small batches, see docs/CODECS.md).
    case off
    /// Train for every column that has enough material and compress every zstd frame with it
    /// (blocks that zstd does not shrink stay plain); for measuring what a dictionary does.
    case on
    /// Train only when the chunk's batches average fewer than
    /// ``ZstdDictionaryMode/autoRowsPerBatchThreshold`` rows, choose per block between zstd with
    /// and without the dictionary, and keep the dictionary only for a column whose total bytes,
    /// dictionary included, come out smaller than without it. Never larger than `off`.
    case auto

    /// Average rows per batch in a chunk below which `auto` trains: a quarter of TimescaleDB's
    /// 1000-row `TARGET_COMPRESSED_BATCH_SIZE`. On the real market data (docs/CODECS.md) forced
    /// dictionaries gained nothing with 1000-row batches, so `auto` does not spend training time there.
    public static let autoRowsPerBatchThreshold = 250.0

    public var description: String { rawValue }
}
