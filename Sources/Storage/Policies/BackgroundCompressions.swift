import Dispatch
import Schema
import Synchronization

/// Chunk compressions a replay has started and not yet put back into its hypertable.
///
/// When the compression policy picks a chunk, the replay reads the chunk's rows out
/// (``Hypertable/compressionWork(forChunk:)``) and encodes them on other threads while it
/// goes on inserting later rows, which land in newer chunks. The chunk keeps its rows until the
/// batches are put back (``Hypertable/install(_:)``), and until then counts as compressed for
/// the policies (``isCompressing(_:)``), as it would after a `compress_chunk` in place. The
/// replay settles every compression before anything could see the difference: before rows that
/// may land in such a chunk (``mayHold(time:)``), before another kind of job, and before anyone
/// reads the hypertable. Putting a chunk's batches back touches that chunk alone, so the result
/// does not depend on when each one finishes: it is the hypertable the same compressions done in
/// place give, byte for byte.
struct BackgroundCompressions: Sendable {
    /// One chunk's compression: waiting for a thread, running, or finished.
    ///
    /// A replay that needs a compression still waiting runs it itself instead of blocking, so a
    /// replay on a thread of a busy pool (a test runner, `concurrentPerform`) never waits for a
    /// thread that pool has no room to start.
    final class Ticket: Sendable {
        let chunk: String
        /// The end of the chunk's time slice: rows from here on cannot land in it.
        let end: Int64
        private enum State: Sendable {
            case waiting(ChunkCompressionWork)
            case running
            case finished(ChunkCompressionOutput)
        }
        private let state: Mutex<State>
        private let finished = DispatchSemaphore(value: 0)

        init(_ work: ChunkCompressionWork) {
            self.chunk = work.chunk
            self.end = work.end
            self.state = Mutex(.waiting(work))
        }

        /// Runs the work unless another thread took it already.
        fileprivate func runIfWaiting() {
            let work: ChunkCompressionWork? = state.withLock { current in
                guard case .waiting(let work) = current else { return nil }
                current = .running
                return work
            }
            guard let work else { return }
            let output = work.run()
            state.withLock { $0 = .finished(output) }
            finished.signal()
        }

        /// The output if the encoding has finished, without waiting.
        fileprivate var ready: ChunkCompressionOutput? {
            state.withLock { current in
                if case .finished(let output) = current { return output }
                return nil
            }
        }

        /// The output: run here if no thread has started it, else waited for.
        fileprivate func wait() -> ChunkCompressionOutput? {
            runIfWaiting()
            if let done = ready { return done }
            finished.wait()
            return ready
        }
    }

    /// At most this many compressions wait at once; a further one first settles the oldest, so
    /// the rows held for them stay bounded.
    static let limit = 4

    /// False: every compression runs in place at once, on the caller's thread (the oracle the
    /// tests hold the background path to).
    let inBackground: Bool
    /// Where the encodings run: concurrently, as many at once as the pool has cores (the policy
    /// picks several chunks at a time when the newest rows jump ahead, as a file of a later year does).
    private let queue: DispatchQueue
    /// Started compressions, oldest first.
    private(set) var tickets: [Ticket] = []

    init(inBackground: Bool = true,
         queue: DispatchQueue = DispatchQueue(label: "chunkwise.background-compression", qos: .userInitiated, attributes: .concurrent)) {
        self.inBackground = inBackground
        self.queue = queue
    }

    var isEmpty: Bool { tickets.isEmpty }

    /// Whether `chunk`'s compression has started and not been put back.
    func isCompressing(_ chunk: String) -> Bool {
        tickets.contains { $0.chunk == chunk }
    }

    /// Whether a row at `time` (internal time) could land in a chunk being compressed.
    func mayHold(time: Int64) -> Bool {
        tickets.contains { time < $0.end }
    }

    /// Starts compressing `chunk` of `hypertable` on another thread; what
    /// ``Hypertable/compressChunk(named:)`` would return (whether the chunk changes).
    mutating func start(_ chunk: String, of hypertable: inout Hypertable) throws(HypertableError) -> Bool {
        guard inBackground else { return try hypertable.compressChunk(named: chunk) }
        if isCompressing(chunk) { return false }
        guard let work = try hypertable.compressionWork(forChunk: chunk) else { return false }
        if tickets.count >= Self.limit {
            let oldest = tickets.removeFirst()
            if let output = oldest.wait() { try hypertable.install(output) }
        }
        let ticket = Ticket(work)
        queue.async { ticket.runIfWaiting() }
        tickets.append(ticket)
        return true
    }

    /// Runs `job` at `now`: a compression job starts its chunks here; any other job first waits
    /// for every compression, so it sees the chunks as compressing in place would have left them.
    @discardableResult
    mutating func run(_ job: inout PolicyJob, on hypertable: inout Hypertable, now: Int64, zone: PGTimeZone) throws(HypertableError) -> [String] {
        if job.kind != .compression { try settle(into: &hypertable) }
        return try job.run(on: &hypertable, now: now, zone: zone) { (h: inout Hypertable, name: String) throws(HypertableError) in
            try start(name, of: &h)
        }
    }

    /// Before a statement whose earliest row is at `time`: puts back what has finished, and
    /// waits for every compression when the rows may land in a chunk being compressed.
    mutating func prepareInsert(from time: Int64, into hypertable: inout Hypertable) throws(HypertableError) {
        try installFinished(into: &hypertable)
        if mayHold(time: time) { try settle(into: &hypertable) }
    }

    /// Puts back the compressions that have finished, oldest first, without waiting.
    mutating func installFinished(into hypertable: inout Hypertable) throws(HypertableError) {
        while let first = tickets.first, let output = first.ready {
            tickets.removeFirst()
            try hypertable.install(output)
        }
    }

    /// Waits for every started compression and puts it back.
    mutating func settle(into hypertable: inout Hypertable) throws(HypertableError) {
        while !tickets.isEmpty {
            let ticket = tickets.removeFirst()
            if let output = ticket.wait() { try hypertable.install(output) }
        }
    }
}
