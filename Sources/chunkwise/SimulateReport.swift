import Foundation
import Schema
import Storage

/// What `simulate` prints: the CLI.md JSON document or a human summary.
struct SimulateReport: Encodable {
    struct HypertableSummary: Encodable {
        var table: String
        var chunkIntervalUs: Int64
        var rows: Int
        var chunks: Int
        var compressedChunks: Int
        var engineBytes: Int

        enum CodingKeys: String, CodingKey {
            case table, rows, chunks
            case chunkIntervalUs = "chunk_interval_us"
            case compressedChunks = "compressed_chunks"
            case engineBytes = "engine_bytes"
        }
    }

    struct ChunkSummary: Encodable {
        var name: String
        var rangeStart: String
        var rangeEnd: String
        var rows: Int
        var isCompressed: Bool
        var batches: Int
        var engineBytes: Int

        enum CodingKeys: String, CodingKey {
            case name, rows, batches
            case rangeStart = "range_start"
            case rangeEnd = "range_end"
            case isCompressed = "is_compressed"
            case engineBytes = "engine_bytes"
        }
    }

    struct JobSummary: Encodable {
        var kind: String
        var runs: Int
        var chunksAffected: Int

        enum CodingKeys: String, CodingKey {
            case kind, runs
            case chunksAffected = "chunks_affected"
        }
    }

    var hypertable: HypertableSummary
    var chunks: [ChunkSummary]
    var jobs: [JobSummary]
    var droppedChunks: Int
    /// Not in the JSON: the human summary's extra detail.
    var bytes: EngineBytes
    var clockEnd: String

    enum CodingKeys: String, CodingKey {
        case hypertable, chunks, jobs
        case droppedChunks = "dropped_chunks"
    }

    init(simulation: Simulation, zone: PGTimeZone) {
        let ht = simulation.hypertable
        let info = ht.information
        hypertable = HypertableSummary(table: info.table, chunkIntervalUs: info.chunkIntervalMicroseconds, rows: info.rows,
                                       chunks: info.chunks, compressedChunks: info.compressedChunks, engineBytes: info.bytes.total)
        chunks = ht.chunkInformation(zone: zone).map {
            ChunkSummary(name: $0.name, rangeStart: $0.rangeStartText, rangeEnd: $0.rangeEndText, rows: $0.rows,
                         isCompressed: $0.isCompressed, batches: $0.batches, engineBytes: $0.bytes.total)
        }
        jobs = simulation.jobs.map { JobSummary(kind: $0.kind.rawValue, runs: $0.runs, chunksAffected: $0.chunksAffected) }
        droppedChunks = ht.droppedChunkCount
        bytes = info.bytes
        clockEnd = simulation.clock.now == Int64.min ? "-infinity" : ht.rangeText(simulation.clock.now, zone: zone)
    }

    func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    func humanText() -> String {
        var out = "hypertable \(hypertable.table): \(hypertable.rows) rows in \(hypertable.chunks) chunks "
        out += "(\(hypertable.compressedChunks) compressed), chunk interval \(Self.intervalText(hypertable.chunkIntervalUs)), clock ends \(clockEnd)\n"
        out += "engine bytes: \(bytes.total) (data \(bytes.data), metadata \(bytes.metadata), index \(bytes.index))\n\n"
        let header = ["chunk", "range_start", "range_end", "rows", "compressed", "batches", "engine_bytes"]
        let body = chunks.map { [$0.name, $0.rangeStart, $0.rangeEnd, String($0.rows), $0.isCompressed ? "yes" : "no",
                                 String($0.batches), String($0.engineBytes)] }
        out += Self.table(header: header, rows: body, rightAligned: [3, 5, 6])
        if !jobs.isEmpty {
            out += "\n" + Self.table(header: ["job", "runs", "chunks_affected"],
                                     rows: jobs.map { [$0.kind, String($0.runs), String($0.chunksAffected)] }, rightAligned: [1, 2])
        }
        out += "\ndropped chunks: \(droppedChunks)"
        return out
    }

    /// `1 day`, `7 days`, `12:00:00`: PostgreSQL interval text for a chunk interval in µs.
    static func intervalText(_ us: Int64) -> String {
        let day: Int64 = 86_400_000_000
        if us % day == 0, let days = Int32(exactly: us / day) { return PGInterval(days: days).description }
        return PGInterval(microseconds: us).description
    }

    static func table(header: [String], rows: [[String]], rightAligned: Set<Int>) -> String {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return rightAligned.contains(i) ? pad + c : c + pad
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        return line(header) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }
}
