import Dispatch
import Foundation
import Synchronization

/// Reads and parses the pieces of ``CopyStream``s on a thread of its own, at most `depth` pieces
/// ahead of the consumer, so parsing (one core) overlaps with whatever the consumer does with the
/// rows (routing, indexing, compressing: the other core). Pieces come out in file order, exactly
/// as the streams give them; an error ends the sequence.
///
/// ```swift
/// let pipeline = CopyPipeline(streams: streams)
/// while let rows = try pipeline.next() { … }
/// ```
public final class CopyPipeline: Sendable {
    private enum Item: Sendable {
        case rows(RowSet, bytes: Int)
        case failure(CopyError)
        case end
    }

    private let queue = Mutex<(items: [Item], cancelled: Bool)>(([], false))
    /// Counts free places ahead (the producer waits on it) and ready items (the consumer waits on it).
    private let free: DispatchSemaphore
    private let ready = DispatchSemaphore(value: 0)
    /// Bytes of the files parsed and handed out so far.
    private let consumed = Mutex(0)

    public init(streams: [CopyStream], depth: Int = 2) {
        // Starts at 0 and is signalled up: libdispatch traps when a semaphore is freed with a value
        // below the one it was created with, which a pipeline dropped mid-file would be.
        free = DispatchSemaphore(value: 0)
        for _ in 0..<max(depth, 1) { free.signal() }
        Thread.detachNewThread { [self] in self.produce(streams) }
    }

    /// Stops the reading thread (a consumer that gives up before the end calls this).
    public func cancel() {
        queue.withLock { $0.cancelled = true }
        free.signal()
    }

    private func produce(_ streams: [CopyStream]) {
        var done = 0
        for var stream in streams {
            while true {
                free.wait()
                if queue.withLock({ $0.cancelled }) { return }
                let item: Item
                do {
                    guard let rows = try stream.next() else { free.signal(); break }
                    item = .rows(rows, bytes: done + stream.bytesRead)
                } catch {
                    put(.failure(error))
                    return
                }
                put(item)
            }
            done += stream.fileSize
        }
        free.wait()
        put(.end)
    }

    private func put(_ item: Item) {
        queue.withLock { $0.items.append(item) }
        ready.signal()
    }

    /// The next piece's rows, nil after the last piece of the last stream.
    public func next() throws(CopyError) -> RowSet? {
        ready.wait()
        let item = queue.withLock { $0.items.removeFirst() }
        switch item {
        case .rows(let rows, let bytes):
            consumed.withLock { $0 = bytes }
            free.signal()
            return rows
        case .failure(let error):
            // Kept at the front: every later call ends the same way.
            queue.withLock { $0.items.insert(item, at: 0) }
            ready.signal()
            throw error
        case .end:
            queue.withLock { $0.items.insert(item, at: 0) }
            ready.signal()
            return nil
        }
    }

    /// Bytes of the input handed out so far (for progress).
    public var bytesConsumed: Int { consumed.withLock { $0 } }
}
