import Dispatch
import Foundation
import Synchronization

/// Reads and parses the pieces of ``CopyStream``s ahead of the consumer, at most `depth` pieces
/// ahead, so parsing overlaps with whatever the consumer does with the rows (routing, indexing,
/// compressing). Pieces come out in file order, exactly as the streams give them; an error ends
/// the sequence.
///
/// A thread of its own reads the files and cuts them into pieces at record terminators. A
/// stream's first piece (the header's) is parsed there; the later ones are parsed on whichever
/// core is free, two at once when the consumer waits, each as a continuation of the header's
/// piece counted from line 1 (as ``CopyPieces`` parses an input held in memory). The consumer
/// puts them back in order: it shifts line numbers by the lines before, stops a file at a `\.`
/// line, and parses a failed piece again at its true line, so an error reads as the sequential
/// parse's. A load whose defaults count rows (an omitted `gen_random_uuid()` or serial column)
/// is parsed piece after piece on the reading thread.
///
/// ```swift
/// let pipeline = CopyPipeline(streams: streams)
/// while let rows = try pipeline.next() { … }
/// ```
public final class CopyPipeline: Sendable {
    /// One piece's outcome, by its position in the whole input.
    private enum Item: Sendable {
        /// Parsed rows; `end` is the continuation the parse left (its line counted from the
        /// piece's first line when `relative`).
        case rows(RowSet, end: CopyLoad.Continuation, stream: Int, relative: Bool, bytes: Int)
        /// A piece that failed, kept to parse again at its true line.
        case failed(CopyStream.Piece, start: CopyLoad.Continuation?, stream: Int, relative: Bool, error: CopyError)
        /// A read that failed (the file, not its contents).
        case failure(CopyError)
        case end
    }

    private struct Produced: Sendable {
        var items: [Int: Item] = [:]
        var cancelled = false
    }

    /// What the consumer has seen (only `next()` touches it; a lock keeps the class `Sendable`).
    private struct Consumed: Sendable {
        var next = 0
        /// The line the next piece of the current stream starts on.
        var line = 1
        /// A stream that reached a `\.` line: its later pieces are not data.
        var endedStream: Int?
        /// The end of the sequence, once reached (every later call ends the same way).
        var finished: CopyError??
    }

    private let produced = Mutex(Produced())
    private let consumedState = Mutex(Consumed())
    private let streams: [CopyStream]
    /// Counts free places ahead (the reader waits on it) and finished pieces (the consumer waits on it).
    private let free: DispatchSemaphore
    private let ready = DispatchSemaphore(value: 0)
    /// Bytes of the files parsed and handed out so far.
    private let consumed = Mutex(0)

    public init(streams: [CopyStream], depth: Int = 2) {
        self.streams = streams
        // Starts at 0 and is signalled up: libdispatch traps when a semaphore is freed with a value
        // below the one it was created with, which a pipeline dropped mid-file would be.
        free = DispatchSemaphore(value: 0)
        for _ in 0..<max(depth, 1) { free.signal() }
        Thread.detachNewThread { [self] in self.produce() }
    }

    /// Stops the reading thread (a consumer that gives up before the end calls this).
    public func cancel() {
        produced.withLock { $0.cancelled = true }
        free.signal()
    }

    private func produce() {
        var index = 0
        var done = 0
        for (s, original) in streams.enumerated() {
            var stream = original
            let reader = stream.reader, file = stream.file
            // Where later pieces start: the header piece's continuation from line 1, once known.
            var later: CopyLoad.Continuation?
            var after: CopyLoad.Continuation?
            while true {
                free.wait()
                if produced.withLock({ $0.cancelled }) { return }
                let piece: CopyStream.Piece?
                do { piece = try stream.cut() } catch {
                    put(index, .failure(error))
                    return
                }
                guard let piece else { free.signal(); break }
                let bytes = done + piece.end
                let i = index
                index += 1
                if let later {
                    DispatchQueue.global().async { [self] in
                        put(i, Self.item(piece, reader: reader, file: file, start: later, stream: s, relative: true, bytes: bytes))
                    }
                    continue
                }
                let item = Self.item(piece, reader: reader, file: file, start: after, stream: s, relative: false, bytes: bytes)
                put(i, item)
                guard case .rows(_, let end, _, _, _) = item else { return }
                if end.ended { break }
                after = end
                if !end.countsRows(in: reader.table) {
                    var start = end
                    start.line = 1
                    later = start
                }
            }
            done += stream.fileSize
        }
        free.wait()
        put(index, .end)
    }

    private static func item(_ piece: CopyStream.Piece, reader: CopyReader, file: String, start: CopyLoad.Continuation?,
                             stream: Int, relative: Bool, bytes: Int) -> Item {
        switch CopyStream.parse(piece, reader: reader, file: file, after: start) {
        case .success(let (rows, end)): return .rows(rows, end: end, stream: stream, relative: relative, bytes: bytes)
        case .failure(let error): return .failed(piece, start: start, stream: stream, relative: relative, error: error)
        }
    }

    private func put(_ index: Int, _ item: Item) {
        produced.withLock { $0.items[index] = item }
        ready.signal()
    }

    /// The next piece's rows, nil after the last piece of the last stream.
    public func next() throws(CopyError) -> RowSet? {
        while true {
            var state = consumedState.withLock { $0 }
            if let finished = state.finished {
                if let error = finished { throw error }
                return nil
            }
            let item = take(state.next)
            state.next += 1
            defer {
                let seen = state
                consumedState.withLock { $0 = seen }
            }
            switch item {
            case .end:
                state.finished = .some(nil)
                return nil
            case .failure(let error):
                state.finished = .some(error)
                throw error
            case .rows(let rows, let end, let stream, let relative, let bytes):
                free.signal()
                if state.endedStream == stream { continue }
                state.line = relative ? state.line + end.line - 1 : end.line
                if end.ended { state.endedStream = stream }
                consumed.withLock { $0 = bytes }
                return rows
            case .failed(let piece, let start, let stream, let relative, let error):
                free.signal()
                if state.endedStream == stream { continue }
                var error = error
                if relative, var start {
                    // Parsed from line 1: again from its true line, for the error's line numbers.
                    start.line = state.line
                    let s = streams[stream]
                    if case .failure(let e) = CopyStream.parse(piece, reader: s.reader, file: s.file, after: start) { error = e }
                }
                state.finished = .some(error)
                throw error
            }
        }
    }

    /// Waits for piece `index` and takes it.
    private func take(_ index: Int) -> Item {
        while true {
            if let item = produced.withLock({ $0.items.removeValue(forKey: index) }) { return item }
            ready.wait()
        }
    }

    /// Bytes of the input handed out so far (for progress).
    public var bytesConsumed: Int { consumed.withLock { $0 } }
}
