import Foundation
import Schema
import Storage
import TestSupport
@testable import PostgresModel

/// Reads the calibration measurements and the real CSV files they were taken on.
enum TimescaleDBCalibration {
    struct Entry {
        var file: String
        var interval: String
        var segmentBy: String
        var orderBy: String
        var chunks: Int
        var batches: Int
        var uncompressedTotal: Int
        var beforeTotal: Int
        var after: TimescaleDBRelationSizes
        var detailedAfterTotal: Int
        /// `per_chunk` before/after totals by chunk number (`_hyper_<ht>_<n>_chunk`).
        var perChunk: [Int: (before: Int, after: Int)]
    }

    struct File {
        var name: String
        var csv: String
        var numeric: String
        var entries: [Entry]
    }

    static func load(_ url: URL) throws -> File {
        let data = try Data(contentsOf: url)
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let csv = root["file"] as? String,
              let hts = root["hypertable"] as? [[String: Any]] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        func sizes(_ o: Any?) -> [String: Int] { (o as? [String: Any])?.compactMapValues { $0 as? Int } ?? [:] }
        let entries = hts.map { h -> Entry in
            let s = h["setting"] as? [String: Any] ?? [:]
            let after = sizes(h["compression_stats_after"])
            var perChunk: [Int: (before: Int, after: Int)] = [:]
            for c in h["per_chunk"] as? [[String: Any]] ?? [] {
                guard let name = c["chunk"] as? String, let n = Int(name.split(separator: "_").dropLast().last ?? ""),
                      let before = c["before"] as? Int, let afterTotal = c["after"] as? Int else { continue }
                perChunk[n] = (before, afterTotal)
            }
            return Entry(file: url.lastPathComponent, interval: h["chunk_time_interval"] as? String ?? "",
                         segmentBy: s["segmentby"] as? String ?? "", orderBy: s["orderby"] as? String ?? "",
                         chunks: h["chunks"] as? Int ?? -1, batches: h["compressed_batches"] as? Int ?? -1,
                         uncompressedTotal: sizes(h["uncompressed"])["total"] ?? -1,
                         beforeTotal: sizes(h["compression_stats_before"])["total"] ?? -1,
                         after: TimescaleDBRelationSizes(table: after["table"] ?? -1, index: after["index"] ?? -1, toast: after["toast"] ?? -1),
                         detailedAfterTotal: sizes(h["hypertable_detailed_size_after"])["total"] ?? -1,
                         perChunk: perChunk)
        }
        return File(name: url.lastPathComponent, csv: csv, numeric: root["numeric"] as? String ?? "12,2", entries: entries)
    }

    /// The calibration hypertable: market_data without the PRIMARY KEY on id (TimescaleDB rejects
    /// a unique index lacking the time column), prices as the file's numeric type.
    static func table(numeric: String) -> TableDefinition {
        var t = numeric == "14,4" ? NQPTables.marketDataNumeric14_4 : NQPTables.marketData
        t.indexes.removeAll { $0.origin == .primaryKey }
        return t
    }

    /// A tiny COPY CSV reader for these files (header line, no quoted commas; empty = NULL),
    /// filling each column's typed storage directly.
    static func rows(csv url: URL, table: TableDefinition) throws -> RowSet {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { return RowSet(table: table) }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let positions = table.columns.map { c in header.firstIndex(of: c.name) }
        var values = [[Value]](repeating: [], count: table.columns.count)
        for c in values.indices { values[c].reserveCapacity(lines.count) }
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            for (c, col) in table.columns.enumerated() {
                guard let p = positions[c], p < fields.count, !fields[p].isEmpty else { values[c].append(.null); continue }
                values[c].append(try Value.parse(fields[p], as: col.type))
            }
        }
        let columns = zip(table.columns, values).map { col, vs -> ColumnVector in
            let nulls = vs.map(\.isNull)
            let storage: ColumnVector.Storage
            switch col.type {
            case .uuid: storage = .uuid(UUIDColumn(vs.map { if case .uuid(let u) = $0 { return u } else { return PGUUID(high: 0, low: 0) } }))
            case .numeric:
                let n = vs.map { v -> PGNumeric in if case .numeric(let x) = v { return x } else { return PGNumeric(unscaled: 0, scale: 0) } }
                storage = .numeric(unscaled: n.map(\.unscaled), scales: NumericScales(n.map { Int16($0.scale) }))
            case .int2, .int4, .int8: storage = .int64(vs.map { if case .int(let x) = $0 { return x } else { return 0 } })
            case .timestamptz, .timestamp: storage = .time(vs.map { if case .timestamp(let x) = $0 { return x } else { return 0 } })
            case .varchar, .text: storage = .string(StringColumn(vs.map { if case .text(let x) = $0 { return x } else { return "" } }))
            case .jsonb: storage = .string(StringColumn(vs.map { if case .jsonb(let x) = $0 { return x } else { return "" } }))
            default:
                var v = ColumnVector(type: col.type, capacity: vs.count)
                for x in vs { v.append(x) }
                return v
            }
            return ColumnVector(type: col.type, storage: storage, isNull: nulls)
        }
        return RowSet(table: table, columns: columns)
    }

    /// Chunk numbers as TimescaleDB assigns them: in creation order, i.e. the order in which COPY
    /// (file order) first touches each chunk range.
    static func chunkNumbers(rows: RowSet, timeColumn: Int, interval: Int64) -> [Int64: Int] {
        var numbers: [Int64: Int] = [:]
        guard case .time(let times) = rows.columns[timeColumn].storage else { return numbers }
        for t in times {
            var start = (t / interval) * interval
            if t < 0 && t % interval != 0 { start -= interval }
            if numbers[start] == nil { numbers[start] = numbers.count + 1 }
        }
        return numbers
    }

    static func microseconds(_ interval: String) -> Int64 {
        let parts = interval.split(separator: " ")
        let n = Int64(parts.first ?? "") ?? 1
        return n * 86_400_000_000
    }

    /// One calibration setting predicted with the model.
    static func predict(_ entry: Entry, rows: RowSet) throws -> TimescaleDBSizePrediction {
        let settings = try CompressionSettings(segmentBy: entry.segmentBy, orderBy: entry.orderBy, timeColumn: "timestamp")
        return try TimescaleDBSizePrediction.predict(rows: rows, timeColumn: "timestamp",
                                                     chunkInterval: microseconds(entry.interval),
                                                     compression: settings, version: .calibrated)
    }
}
