import ArgumentParser
import Codecs
import Foundation
import Report
import Schema
import Storage

/// `chunkwise bench codecs`: encode/decode throughput of the column codecs on real batches.
struct BenchCodecsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codecs",
        abstract: "Encode/decode throughput of the column codecs on batches cut from COPY CSV data (one core)."
    )

    @Option(help: "Table whose definition applies.")
    var table: String = "market_data"

    @Option(name: .customLong("data"), parsing: .upToNextOption, help: "PostgreSQL COPY CSV HEADER files.")
    var data: [String]

    @Option(name: .customLong("segmentby"), help: "Columns that split batches (not encoded, as in TimescaleDB).")
    var segmentBy: String = "ticker_id, interval"

    @Option(name: .customLong("orderby"), help: "Row order within a segment.")
    var orderBy: String = "timestamp DESC"

    @Option(name: .customLong("batch-size"), help: "Rows per batch at most.")
    var batchSize: Int = 1000

    @Option(name: .customLong("zstd-level"), help: "zstd level; 0 turns the stage off.")
    var zstdLevel: Int32 = 3

    @Option(help: "Minimum seconds per measurement.")
    var seconds: Double = 1

    @Flag(help: "Print one JSON document.")
    var json = false

    func validate() throws {
        _ = try TableOption.definition(table)
        guard !data.isEmpty else { throw ValidationError("--data needs at least one file") }
        guard (1...32767).contains(batchSize) else { throw ValidationError("--batch-size must be between 1 and 32767") }
        guard (0...22).contains(zstdLevel) else { throw ValidationError("--zstd-level must be between 0 and 22") }
        guard seconds > 0 else { throw ValidationError("--seconds must be positive") }
    }

    func run() throws {
        guard let definition = try? TableOption.definition(table) else { return }
        let reader = CopyReader(table: definition, loadTime: 0, seed: 1)
        var rows = RowSet(table: definition)
        for path in data {
            do {
                let part = try reader.read(path: path)
                rows = rows.count == 0 ? part : rows.appending(part)
            } catch {
                throw CommandFailure(message: error.description)
            }
        }
        let settings: CompressionSettings
        do {
            settings = try CompressionSettings(segmentBy: segmentBy, orderBy: orderBy, timeColumn: "timestamp", batchSizeLimit: batchSize)
            try settings.validate(against: definition)
        } catch {
            throw CommandFailure(message: error.description)
        }
        let blocksByColumn = Self.batchColumns(rows, settings: settings)
        let bench = CodecBenchmark(options: EncodingOptions(zstdLevel: max(1, zstdLevel), useZstd: zstdLevel > 0), minimumSeconds: seconds)
        var results: [CodecBenchmark.Measurement] = []
        for (name, blocks) in blocksByColumn {
            results.append(try bench.measure(name, blocks))
        }
        let all = try bench.measure("all columns", blocksByColumn.flatMap(\.blocks))
        results.append(all)
        if json {
            let items = results.map { m in
                "{\"column\":\"\(m.label)\",\"blocks\":\(m.blocks),\"uncompressed_bytes\":\(m.uncompressedBytes),"
                    + "\"encoded_bytes\":\(m.encodedBytes),\"encode_mb_per_s\":\(Int(m.encodeMBPerSecond.rounded())),"
                    + "\"decode_mb_per_s\":\(Int(m.decodeMBPerSecond.rounded()))}"
            }
            print("{\"rows\":\(rows.count),\"batch_size\":\(batchSize),\"zstd_level\":\(zstdLevel),\"results\":[\(items.joined(separator: ","))]}")
            return
        }
        print("\(rows.count) rows, \(blocksByColumn.first?.blocks.count ?? 0) batches per column, zstd level \(zstdLevel), one thread")
        let header = ["column", "uncompressed", "encoded", "ratio", "encode MB/s", "decode MB/s"]
        let lines = results.map { m in
            [m.label, "\(m.uncompressedBytes)", "\(m.encodedBytes)",
             String(format: "%.1fx", Double(m.uncompressedBytes) / Double(max(1, m.encodedBytes))),
             "\(Int(m.encodeMBPerSecond.rounded()))", "\(Int(m.decodeMBPerSecond.rounded()))"]
        }
        for line in TextTable(header: header, rows: lines, rightAligned: Set(1..<header.count)).lines { print(line) }
    }

    /// Each non-segmentby column cut into batches the way compression cuts them (segment, then
    /// orderby, at most `batchSizeLimit` rows), without chunking by time.
    static func batchColumns(_ rows: RowSet, settings: CompressionSettings) -> [(name: String, blocks: [ColumnBlock])] {
        let order = ChunkCompressor.compressionOrder(of: rows, settings: settings)
        let segment = settings.segmentBy.compactMap { rows.table.columnIndex($0) }
        var batches: [[Int]] = []
        var current: [Int] = []
        for i in order {
            if let last = current.last {
                let same = segment.allSatisfy { rows.columns[$0].compareRows(last, i) == 0 }
                if !same || current.count >= settings.batchSizeLimit {
                    batches.append(current)
                    current = []
                }
            }
            current.append(i)
        }
        if !current.isEmpty { batches.append(current) }
        return rows.table.columns.indices.filter { !segment.contains($0) }.map { c in
            (rows.table.columns[c].name, batches.map { ColumnBlockAdapter.block(rows.columns[c].gathering($0)) })
        }
    }
}
