import Schema
import Storage

/// What `chunkwise simulate` reports: the hypertable, its chunks, the policy jobs and the chunks
/// retention dropped, all engine figures (CLI.md "simulate" names the JSON fields).
public struct SimulationReport: Sendable, Codable, Hashable {
    /// `timescaledb_information.hypertables`-like summary, engine bytes.
    public struct HypertableSummary: Sendable, Codable, Hashable {
        public var table: String
        /// µs, or for an integer time column the interval in the column's own integers.
        public var chunkIntervalUs: Int64
        /// true for a hypertable partitioned by an integer column (absent otherwise).
        public var integerTime: Bool?
        public var rows: Int
        public var chunks: Int
        public var compressedChunks: Int
        public var engineBytes: Int
    }

    /// One chunk as `timescaledb_information.chunks` would list it, with the engine's bytes.
    public struct ChunkSummary: Sendable, Codable, Hashable {
        public var name: String
        /// timestamptz text in the session time zone, as TimescaleDB shows `range_start`.
        public var rangeStart: String
        public var rangeEnd: String
        public var rows: Int
        public var isCompressed: Bool
        public var batches: Int
        public var engineBytes: Int
    }

    /// A policy job and what its runs did.
    public struct JobSummary: Sendable, Codable, Hashable {
        /// `compression` or `retention`.
        public var kind: String
        public var runs: Int
        public var chunksAffected: Int
    }

    /// The engine's bytes split as the engine stores them.
    public struct EngineByteSplit: Sendable, Codable, Hashable {
        public var data: Int
        public var metadata: Int
        public var index: Int
        public var total: Int
    }

    public var hypertable: HypertableSummary
    public var chunks: [ChunkSummary]
    public var jobs: [JobSummary]
    public var droppedChunks: Int
    public var engineByteSplit: EngineByteSplit
    /// Where the simulated clock stopped, timestamptz text.
    public var clockEnd: String

    public init(hypertable: HypertableSummary, chunks: [ChunkSummary], jobs: [JobSummary], droppedChunks: Int,
                engineByteSplit: EngineByteSplit, clockEnd: String) {
        self.hypertable = hypertable
        self.chunks = chunks
        self.jobs = jobs
        self.droppedChunks = droppedChunks
        self.engineByteSplit = engineByteSplit
        self.clockEnd = clockEnd
    }

    /// The report of a finished simulation, times shown in `zone`.
    public init(simulation: Simulation, zone: PGTimeZone) {
        let ht = simulation.hypertable
        let info = ht.information
        hypertable = HypertableSummary(table: info.table, chunkIntervalUs: info.chunkIntervalMicroseconds,
                                       integerTime: ht.timeColumnType.isInteger ? true : nil, rows: info.rows,
                                       chunks: info.chunks, compressedChunks: info.compressedChunks, engineBytes: info.bytes.total)
        chunks = ht.chunkInformation(zone: zone).map {
            ChunkSummary(name: $0.name, rangeStart: $0.rangeStartText, rangeEnd: $0.rangeEndText, rows: $0.rows,
                         isCompressed: $0.isCompressed, batches: $0.batches, engineBytes: $0.bytes.total)
        }
        jobs = simulation.jobs.map { JobSummary(kind: $0.kind.rawValue, runs: $0.runs, chunksAffected: $0.chunksAffected) }
        droppedChunks = ht.droppedChunkCount
        engineByteSplit = EngineByteSplit(data: info.bytes.data, metadata: info.bytes.metadata, index: info.bytes.index, total: info.bytes.total)
        clockEnd = simulation.clock.now == Int64.min ? "-infinity" : ht.rangeText(simulation.clock.now, zone: zone)
    }
}

extension SimulationReport: RenderableReport {
    var headline: [String] {
        let h = hypertable, b = engineByteSplit
        return ["hypertable \(h.table): \(h.rows) rows in \(h.chunks) chunks (\(h.compressedChunks) compressed), "
                + "chunk interval \(h.integerTime == true ? String(h.chunkIntervalUs) : ReportNumber.interval(microseconds: h.chunkIntervalUs)), "
                + "clock ends \(clockEnd)",
                "engine bytes: \(b.total) (data \(b.data), metadata \(b.metadata), index \(b.index))"]
    }

    var chunkTable: TextTable {
        TextTable(header: ["chunk", "range_start", "range_end", "rows", "compressed", "batches", "engine_bytes"],
                  rows: chunks.map { [$0.name, $0.rangeStart, $0.rangeEnd, String($0.rows), $0.isCompressed ? "yes" : "no",
                                      String($0.batches), String($0.engineBytes)] },
                  rightAligned: [3, 5, 6])
    }

    var jobTable: TextTable {
        TextTable(header: ["job", "runs", "chunks_affected"],
                  rows: jobs.map { [$0.kind, String($0.runs), String($0.chunksAffected)] }, rightAligned: [1, 2])
    }

    public func tableText() -> String {
        var out = headline.joined(separator: "\n") + "\n\n" + chunkTable.text
        if !jobs.isEmpty { out += "\n" + jobTable.text }
        return out + "\ndropped chunks: \(droppedChunks)"
    }

    public func markdownText() -> String {
        var out = "# Simulation of \(MarkdownText.code(hypertable.table))\n\n" + headline.map { "- " + $0 }.joined(separator: "\n")
        out += "\n- dropped chunks: \(droppedChunks)\n\n## Chunks\n\n" + chunkTable.markdown
        if !jobs.isEmpty { out += "\n## Policy jobs\n\n" + jobTable.markdown }
        return out
    }
}
