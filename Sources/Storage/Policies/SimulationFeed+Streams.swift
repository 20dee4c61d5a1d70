import Schema

/// Feeding a simulation from files read in pieces: what `simulate` and the benchmark suite run.
extension SimulationFeed {
    /// Above this many files each is parsed on the feeding thread as it is needed, not on a
    /// ``CopyPipeline`` of its own (a reading thread and pieces ahead per file).
    static let pipelinedFileLimit = 16

    /// `simulation` fed from `paths` (COPY CSV, read with `reader`), so memory holds the chunks and
    /// a few pieces of each file, not the files.
    ///
    /// One file is streamed in pieces read and parsed on other threads a piece or two ahead of
    /// routing, indexing and the policies (``CopyPipeline``). Several files, each in time order,
    /// are merged by time (``TimeOrderedMerge``) in any order they are given (a file a year, an
    /// export per ticker): the rows come in the order the whole read's stable sort gives.
    ///
    /// Nil when a file does not stream (a pipe, standard input), when several files meet an
    /// omitted serial column (its sequence counts on across files, so a file's values depend on
    /// the rows of the files before it), or when the feed stopped (a refused value, rows out of
    /// time order, a key conflict): the caller then replays the whole input with
    /// ``Simulation/run(_:now:onConflict:progress:)``, which gives the same result, or the error of
    /// the whole input. `progress` hears the bytes consumed and the files' total.
    public static func streamed(paths: [String], reader: CopyReader, simulation: Simulation, now: Int64?,
                                onConflict: ConflictAction = .error,
                                progress: ((_ bytesRead: Int, _ totalBytes: Int) -> Void)? = nil)
        -> (simulation: Simulation, summary: Simulation.Summary)? {
        if paths.count > 1, reader.table.columns.contains(where: { $0.defaultValue == .sequence }) { return nil }
        var streams: [CopyStream] = []
        for (k, path) in paths.enumerated() {
            // Each file's random defaults are seeded by its position, as the whole read seeds them.
            guard var stream = CopyStream.open(reader: reader.continuing(file: k, after: 0), path: path) else { return nil }
            stream.pieceBytes = pieceBytes(fileSize: stream.fileSize, files: paths.count)
            streams.append(stream)
        }
        var feed = SimulationFeed(simulation: simulation, now: now, onConflict: onConflict)
        let total = streams.reduce(0) { $0 + $1.fileSize }
        // Rows, and under `ON CONFLICT DO UPDATE` with several files the file of each (its statement).
        let next: () throws -> (rows: RowSet, statements: [Int32]?)?
        let consumed: () -> Int
        let pipelines: [CopyPipeline]
        if streams.count == 1 {
            let pipeline = CopyPipeline(streams: streams)
            pipelines = [pipeline]
            next = { try pipeline.next().map { ($0, nil) } }
            consumed = { pipeline.bytesConsumed }
        } else {
            let inputs: [() throws -> RowSet?]
            if streams.count <= pipelinedFileLimit {
                // Every pipeline holds its pieces ahead at once: one each beyond a few files (one
                // each for three files took 15 % off the real exports' uncompressed ingest).
                let files = streams.map { CopyPipeline(streams: [$0], depth: streams.count > 4 ? 1 : 2) }
                pipelines = files
                inputs = files.map { p in { try p.next() } }
                consumed = { files.reduce(0) { $0 + $1.bytesConsumed } }
            } else {
                let files = SequentialStreams(streams)
                pipelines = []
                inputs = streams.indices.map { k in { try files.next(k) } }
                consumed = { files.bytesRead }
            }
            let ht = simulation.hypertable
            var isUpdate = false
            if case .update = onConflict { isUpdate = true }
            var merge = TimeOrderedMerge(inputs: inputs, timeColumn: ht.timeColumnIndex, times: ht.internalTimes, tracksInputs: isUpdate)
            next = {
                guard let rows = try merge.next() else { return nil }
                return (rows, isUpdate ? merge.lastInputs : nil)
            }
        }
        do {
            while let (rows, statements) = try next() {
                try feed.add(rows, statements: statements)
                progress?(consumed(), total)
            }
            let summary = try feed.finish()
            return (feed.simulation, summary)
        } catch {
            for p in pipelines { p.cancel() }
            return nil
        }
    }

    /// Bytes per piece: a sixty-fourth of the file, from 512 KiB to 8 MiB, and a share of 64 MiB
    /// when many files each hold pieces waiting. Small pieces for a small file: the header's piece
    /// is parsed before any other can start, and the pieces in flight are memory its few rows
    /// would otherwise carry (a 66 MB file with 8 MiB pieces: 105 MB peak, 79 MB with 1 MiB ones,
    /// and faster). Large ones for a large file, where a piece's fixed costs (new dictionaries
    /// and interners, a dispatch) show: 1 MiB pieces of a 518 MB file took a quarter longer.
    static func pieceBytes(fileSize: Int, files: Int) -> Int {
        let own = min(max(fileSize / 64, 512 << 10), 8 << 20)
        return files > 1 ? min(own, max((64 << 20) / files, 256 << 10)) : own
    }

    /// Files parsed piece by piece on the calling thread, for merges of more files than get a
    /// pipeline each.
    private final class SequentialStreams {
        private var streams: [CopyStream]
        init(_ streams: [CopyStream]) { self.streams = streams }
        func next(_ k: Int) throws -> RowSet? { try streams[k].next() }
        var bytesRead: Int { streams.reduce(0) { $0 + $1.bytesRead } }
    }
}
