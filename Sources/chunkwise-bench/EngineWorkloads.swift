import Foundation
import Schema
import Storage

/// The engine's side of the suite: COPY CSV files through `simulate`'s path into a hypertable laid
/// out as migration 008 (1-day chunks, segmentby ticker_id, interval, orderby timestamp DESC), then
/// each chunk compressed and decompressed end to end.
enum EngineWorkloads {
    static let day: Int64 = 86_400_000_000

    struct Ingest {
        var rows: Int
        var wallSeconds: Double
        /// CPU seconds of every thread of the process (parallel ingest shows as more CPU than wall).
        var cpuSeconds: Double
        /// Growth of the resident set's peak over the resident size before the ingest, bytes.
        var peakBytes: Int
        /// Engine bytes (data + metadata + indexes) the hypertable holds at the end.
        var engineBytes: Int
        var hypertable: Hypertable
        /// Whether the files streamed (false: read whole first, their rows out of time order).
        var streamed = true
    }

    struct Compression {
        var chunks: Int
        var rows: Int
        /// Raw column bytes of the chunks before compression (``EngineBytes/data`` of the uncompressed rows).
        var rawBytes: Int
        var compressedBytes: Int
        var compressSeconds: Double
        var decompressSeconds: Double
    }

    static func settings() throws -> CompressionSettings {
        try CompressionSettings(segmentBy: "ticker_id, interval", orderBy: "timestamp DESC", timeColumn: "timestamp")
    }

    static func hypertable(_ table: TableDefinition, compressed: Bool) throws -> Hypertable {
        var h = try Hypertable(table: table, options: HypertableOptions(timeColumn: "timestamp", chunkInterval: day))
        if compressed { try h.enableCompression(settings()) }
        return h
    }

    /// The same layout and policy as `chunkwise simulate` flags (the memory rows run that command
    /// as a process of its own): ``hypertable(_:compressed:)``, and with `compressed` the
    /// ``settings()`` and a 7-day compression policy.
    static func simulateArguments(compressed: Bool) -> [String] {
        ["--table", "market_data", "--chunk-interval", "1 day"]
            + (compressed ? ["--segmentby", "ticker_id, interval", "--orderby", "timestamp DESC", "--compress-after", "7 days"] : [])
    }

    /// Reads `files` (COPY CSV HEADER) and runs them through a simulation; with `compressAfter`,
    /// the compression policy compresses chunks as the simulated clock passes them.
    ///
    /// As `chunkwise simulate` does: each file streamed in pieces, parsed on a second thread a
    /// piece or two ahead of routing, indexing and the policies (``CopyPipeline``,
    /// ``SimulationFeed``), so memory holds the chunks and a piece of the file, not the file.
    /// Input the stream cannot settle alone (rows out of time order) is read whole and replayed,
    /// as `simulate` does; ``Ingest/streamed`` says which path ran.
    static func ingest(_ files: [String], table: TableDefinition, compressAfter: PGInterval?) throws -> Ingest {
        if let streamed = try streamedIngest(files, table: table, compressAfter: compressAfter) { return streamed }
        var whole = try ingest(table: table, compressAfter: compressAfter) { reader in
            var rows = RowSet(table: table)
            for path in files {
                let part = try reader.load(path: path)
                rows = rows.count == 0 ? part.rows : rows.appending(part.rows)
            }
            return rows
        }
        whole.streamed = false
        return whole
    }

    /// The streamed ingest (``SimulationFeed/streamed(paths:reader:simulation:now:onConflict:progress:)``,
    /// as `simulate` runs it), or nil when the feed stopped.
    private static func streamedIngest(_ files: [String], table: TableDefinition, compressAfter: PGInterval?) throws -> Ingest? {
        let reader = CopyReader(table: table, loadTime: 0, seed: 1)
        var simulation = Simulation(hypertable: try hypertable(table, compressed: compressAfter != nil))
        if let compressAfter { try simulation.addCompressionPolicy(after: compressAfter) }
        ProcessStats.resetPeak()
        let before = ProcessStats.residentBytes
        let wall0 = ProcessStats.wall, cpu0 = ProcessStats.processCPU
        guard let fed = SimulationFeed.streamed(paths: files, reader: reader, simulation: simulation, now: nil) else { return nil }
        let wall = ProcessStats.wall - wall0, cpu = ProcessStats.processCPU - cpu0
        let peak = max(0, ProcessStats.peakResidentBytes - before)
        let bytes = fed.simulation.hypertable.chunks.reduce(0) { $0 + EngineBytes.chunk($1).total }
        return Ingest(rows: fed.summary.rowsInserted + fed.summary.rowsSkipped, wallSeconds: wall, cpuSeconds: cpu,
                      peakBytes: peak, engineBytes: bytes, hypertable: fed.simulation.hypertable)
    }

    /// The same from COPY CSV bytes in memory.
    static func ingest(bytes: [UInt8], table: TableDefinition, compressAfter: PGInterval?) throws -> Ingest {
        try ingest(table: table, compressAfter: compressAfter) { try $0.load(bytes: bytes).rows }
    }

    private static func ingest(table: TableDefinition, compressAfter: PGInterval?, read: (CopyReader) throws -> RowSet) throws -> Ingest {
        let reader = CopyReader(table: table, loadTime: 0, seed: 1)
        ProcessStats.resetPeak()
        let before = ProcessStats.residentBytes
        let wall0 = ProcessStats.wall, cpu0 = ProcessStats.processCPU
        let rows = try read(reader)
        var simulation = Simulation(hypertable: try hypertable(table, compressed: compressAfter != nil))
        if let compressAfter { try simulation.addCompressionPolicy(after: compressAfter) }
        _ = try simulation.run(rows)
        let wall = ProcessStats.wall - wall0, cpu = ProcessStats.processCPU - cpu0
        let peak = max(0, ProcessStats.peakResidentBytes - before)
        let bytes = simulation.hypertable.chunks.reduce(0) { $0 + EngineBytes.chunk($1).total }
        return Ingest(rows: rows.count, wallSeconds: wall, cpuSeconds: cpu, peakBytes: peak, engineBytes: bytes,
                      hypertable: simulation.hypertable)
    }

    /// Compresses every chunk of an uncompressed hypertable (`compress_chunk`), then reads every
    /// chunk's rows back out of its batches; thread CPU time of each pass.
    static func compression(of uncompressed: Hypertable) throws -> Compression {
        var h = uncompressed
        try h.enableCompression(settings())
        let names = h.chunks.map(\.name)
        let c0 = ProcessStats.threadCPU
        for name in names { try h.compressChunk(named: name) }
        let compress = ProcessStats.threadCPU - c0
        var rows = 0
        let d0 = ProcessStats.threadCPU
        for name in names { rows += try h.rows(ofChunk: name)?.count ?? 0 }
        let decompress = ProcessStats.threadCPU - d0
        let raw = h.chunks.reduce(0) { $0 + ($1.bytesBeforeCompression?.data ?? 0) }
        let stored = h.chunks.reduce(0) { $0 + EngineBytes.chunk($1).total }
        return Compression(chunks: names.count, rows: rows, rawBytes: raw, compressedBytes: stored,
                           compressSeconds: compress, decompressSeconds: decompress)
    }
}
