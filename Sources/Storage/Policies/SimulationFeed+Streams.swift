/// Feeding a simulation from files read in pieces: what `simulate` and the benchmark suite run.
extension SimulationFeed {
    /// `simulation` fed from `paths` (COPY CSV, read with `reader`), each file streamed in pieces
    /// read and parsed on other threads a piece or two ahead of routing, indexing and the policies
    /// (``CopyPipeline``), so memory holds the chunks and a few pieces of a file, not the files.
    ///
    /// Nil when a file does not stream (a pipe, standard input) or the feed stopped (a refused
    /// value, rows out of time order, a key conflict): the caller then replays the whole input
    /// with ``Simulation/run(_:now:onConflict:progress:)``, which gives the same result, or the
    /// error of the whole input. `progress` hears the bytes consumed and the files' total.
    public static func streamed(paths: [String], reader: CopyReader, simulation: Simulation, now: Int64?,
                                onConflict: ConflictAction = .error,
                                progress: ((_ bytesRead: Int, _ totalBytes: Int) -> Void)? = nil)
        -> (simulation: Simulation, summary: Simulation.Summary)? {
        var streams: [CopyStream] = []
        for (k, path) in paths.enumerated() {
            // The sequence of an omitted serial column cannot count on here (rows unknown until
            // read); its repeats meet the primary key and send the load to the whole-read path.
            guard let stream = CopyStream.open(reader: reader.continuing(file: k, after: 0), path: path) else { return nil }
            streams.append(stream)
        }
        var feed = SimulationFeed(simulation: simulation, now: now, onConflict: onConflict)
        let total = streams.reduce(0) { $0 + $1.fileSize }
        let pipeline = CopyPipeline(streams: streams)
        do {
            while let rows = try pipeline.next() {
                try feed.add(rows)
                progress?(pipeline.bytesConsumed, total)
            }
            let summary = try feed.finish()
            return (feed.simulation, summary)
        } catch {
            pipeline.cancel()
            return nil
        }
    }
}
