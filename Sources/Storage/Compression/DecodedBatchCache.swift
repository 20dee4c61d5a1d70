import Synchronization

/// A chunk's recently decoded batch columns, in ascending time order, so repeated scans of the
/// same batches (a dashboard refreshing the same window) skip the codecs.
///
/// Shared by copies of the chunk; a chunk whose batches change gets a new, empty cache. Bounded:
/// once it holds ``capacity`` batches it is emptied before the next one is added (a scan touches
/// few batches per chunk, so a simple reset is enough to bound memory).
final class DecodedBatchCache: Sendable {
    /// A batch's columns decoded so far (nil where not yet needed), rows in ascending time order.
    struct Batch: Sendable {
        var times: [Int64]
        /// The compressed positions in ascending time order; nil when the batch already is.
        var order: [Int]?
        var columns: [ColumnVector?]
    }

    /// Batches kept per chunk: 64 × 1,000 rows (TimescaleDB's batch size) of a few columns.
    static let capacity = 64

    private let batches = Mutex<[Int: Batch]>([:])

    init() {}

    func get(_ batch: Int) -> Batch? {
        batches.withLock { $0[batch] }
    }

    func put(_ batch: Int, _ value: Batch) {
        batches.withLock { cached in
            if cached[batch] == nil, cached.count >= Self.capacity { cached.removeAll(keepingCapacity: true) }
            cached[batch] = value
        }
    }
}
