import PostgresModel
import Codecs
import Schema
import Storage

/// Runs the same rows through several compression settings on the engine and measures each:
/// the library behind `chunkwise compare`.
///
/// ```swift
/// let rows = try CopyReader(table: NQPTables.marketData).read(path: "nq.csv")
/// let report = try CompressionComparison(table: NQPTables.marketData, chunkInterval: 86_400_000_000)
///     .run(rows: rows, rawCopyBytes: 3_000_000, settings: [CompressionSettingText(segmentBy: "ticker_id, interval")])
/// print(report.settings[0].engineBytes)
/// ```
/// Sizes are engine bytes, counted from what the engine stores (never predicted); speeds are
/// the calling thread's CPU time through the whole engine path (sort, batch, convert, encode;
/// decode back to column vectors), so they are lower than the codecs' own (`chunkwise bench codecs`).
public struct CompressionComparison: Sendable {
    public var table: TableDefinition
    public var timeColumn: String
    public var chunkInterval: Int64
    /// TimescaleDB 2.28 `TARGET_COMPRESSED_BATCH_SIZE` = 1000 by default.
    public var batchSize: Int
    public var zstdLevel: Int32
    /// Whether chunk compression trains per-column zstd dictionaries (settings may override it).
    public var zstdDictionary: ZstdDictionaryMode
    /// The TimescaleDB release whose sizes `predicted_timescaledb` predicts; nil skips the prediction.
    public var timescaledbVersion: TimescaleDBVersion?

    public init(table: TableDefinition, timeColumn: String = "timestamp", chunkInterval: Int64 = 86_400_000_000,
                batchSize: Int = CompressionSettings.defaultBatchSizeLimit, zstdLevel: Int32 = 3,
                zstdDictionary: ZstdDictionaryMode = .off, timescaledbVersion: TimescaleDBVersion? = .calibrated) {
        self.zstdDictionary = zstdDictionary
        self.timescaledbVersion = timescaledbVersion
        self.table = table
        self.timeColumn = timeColumn
        self.chunkInterval = chunkInterval
        self.batchSize = batchSize
        self.zstdLevel = zstdLevel
    }

    public func run(rows: RowSet, rawCopyBytes: Int, settings: [CompressionSettingText]) throws(ComparisonError) -> ComparisonReport {
        var base: Hypertable
        do {
            base = try Hypertable(table: table, options: HypertableOptions(timeColumn: timeColumn, chunkInterval: chunkInterval))
            _ = try base.insert(rows)
        } catch HypertableError.uniqueViolation(let violation) {
            throw .duplicateKey(violation)
        } catch {
            throw .engine(error.description)
        }
        var results: [SettingResult] = []
        for text in settings {
            var result = try measure(text, base: base, rows: rows.count, rawCopyBytes: rawCopyBytes)
            result.predictedTimescaledb = try predictTimescaleDB(text, rows: rows)
            results.append(result)
        }
        let cardinalities = Self.cardinalities(base)
        let recommendation = CompressionRecommendation.make(table: base.table, timeColumn: timeColumn, rows: rows.count,
                                                            chunks: base.chunks.count, batchSize: batchSize,
                                                            cardinalities: cardinalities, measured: results)
        return ComparisonReport(rows: rows.count, rawCopyBytes: rawCopyBytes, chunkIntervalMicroseconds: chunkInterval,
                                integerTime: table.column(timeColumn)?.type.isInteger == true ? true : nil,
                                batchSize: batchSize, zstdLevel: zstdLevel, zstdDictionary: zstdDictionary.rawValue,
                                settings: results, recommendation: recommendation)
    }

    func measure(_ text: CompressionSettingText, base: Hypertable, rows: Int, rawCopyBytes: Int) throws(ComparisonError) -> SettingResult {
        let settings = try text.resolved(table: table, timeColumn: timeColumn, batchSize: batchSize, zstdLevel: zstdLevel,
                                         zstdDictionary: zstdDictionary)
        var h = base
        var compressTime = 0.0
        var decompressTime = 0.0
        do {
            try h.enableCompression(settings)
            let start = CodecBenchmark.threadSeconds()
            for chunk in h.chunks { try h.compressChunk(named: chunk.name) }
            compressTime = CodecBenchmark.threadSeconds() - start
            let back = CodecBenchmark.threadSeconds()
            for chunk in h.chunks { _ = try h.rows(ofChunk: chunk.name) }
            decompressTime = CodecBenchmark.threadSeconds() - back
        } catch {
            throw .engine(error.description)
        }
        let columns = h.table.columns
        var bytes = [Int](repeating: 0, count: columns.count)
        var counts = [[String: Int]](repeating: [:], count: columns.count)
        var dictionaryBytes = [Int](repeating: 0, count: columns.count)
        var dictionaryCounts = [Int](repeating: 0, count: columns.count)
        var metadata = 0
        var data = 0
        var uncompressed = 0
        var batches = 0
        var segments = 0
        let segmentPositions = settings.segmentBy.compactMap { h.table.columnIndex($0) }
        for chunk in h.chunks {
            uncompressed += chunk.bytesBeforeCompression?.data ?? 0
            var keys = Set<[Value]>()
            for c in columns.indices where chunk.zstdDictionaries[c] != nil {
                let stored = chunk.zstdDictionaries.storedBytes(ofColumn: c)
                dictionaryBytes[c] += stored
                dictionaryCounts[c] += 1
                bytes[c] += stored
                data += stored
            }
            for batch in chunk.batches {
                batches += 1
                keys.insert(batch.segmentValues)
                let size = EngineBytes.batch(batch)
                metadata += size.metadata
                data += size.data
                for (c, stored) in batch.columns.enumerated() {
                    if let stored {
                        bytes[c] += stored.bytes.count
                        counts[c][stored.codec, default: 0] += 1
                    }
                }
                // A segmentby value is counted in its column's bytes, not again in the metadata
                // (the columns and the metadata add up to the engine bytes).
                for (k, c) in segmentPositions.enumerated() where k < batch.segmentValues.count {
                    let width = EngineBytes.width(of: batch.segmentValues[k])
                    bytes[c] += width
                    metadata -= width
                    data += width
                    counts[c]["segmentby", default: 0] += 1
                }
            }
            segments += keys.count
        }
        let plainWidths = Self.plainWidths(base)
        let engine = data + metadata
        let perRow = { (b: Int) in rows == 0 ? 0 : Double(b) / Double(rows) }
        let columnResults = columns.indices.map { c in
            ColumnResult(name: columns[c].name,
                         codec: counts[c].max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? "-",
                         engineBytes: bytes[c], bytesPerRow: perRow(bytes[c]),
                         zstdDictionaryBytes: dictionaryBytes[c], zstdDictionaries: dictionaryCounts[c],
                         uncompressedBytes: plainWidths[c], codecCounts: counts[c])
        }
        let perSegment = segments == 0 ? 0 : Double(rows) / Double(segments)
        var warnings: [String] = []
        if segments > 0 && perSegment < Double(batchSize) / 10 {
            warnings.append("segments average \(Int(perSegment.rounded())) rows per chunk, far below the batch size \(batchSize): "
                + "batches stay small, per-batch overhead dominates, and TimescaleDB's compressed chunks can come out bigger "
                + "than uncompressed ones; segment by fewer or lower-cardinality columns, or use longer chunks")
        }
        let mb = { (b: Int, s: Double) -> Double in s > 0 ? Double(b) / s / 1e6 : 0 }
        return SettingResult(
            segmentby: settings.segmentBy.joined(separator: ", "),
            orderby: settings.orderBy.map(\.description).joined(separator: ", "),
            chunks: h.chunks.count, batches: batches,
            rowsPerBatch: batches == 0 ? 0 : Double(rows) / Double(batches),
            zstdDictionary: settings.zstdDictionary.rawValue, zstdDictionaryBytes: dictionaryBytes.reduce(0, +),
            engineBytes: engine, metadataBytes: metadata, bytesPerRow: perRow(engine),
            ratioVsCopyText: engine == 0 ? 0 : Double(rawCopyBytes) / Double(engine),
            ratioVsUncompressed: engine == 0 ? 0 : Double(uncompressed) / Double(engine),
            uncompressedBytes: uncompressed,
            compressMBPerSecond: mb(uncompressed, compressTime), decompressMBPerSecond: mb(uncompressed, decompressTime),
            rowsPerSegmentPerChunk: perSegment, columns: columnResults, warnings: warnings, predictedTimescaledb: nil)
    }

    /// TimescaleDB's own `hypertable_compression_stats` for these rows under this setting. A
    /// hypertable cannot keep a unique index that lacks the time column (TimescaleDB rejects it),
    /// so such indexes are left out, as on the calibration servers.
    func predictTimescaleDB(_ text: CompressionSettingText, rows: RowSet) throws(ComparisonError) -> TimescaleDBCompareSummary? {
        guard let version = timescaledbVersion else { return nil }
        let settings = try text.resolved(table: table, timeColumn: timeColumn, batchSize: batchSize, zstdLevel: zstdLevel)
        let indexes = table.indexes.filter { !$0.unique || $0.keyColumns.contains(timeColumn) }
            + (table.hypertable?.defaultSpaceIndexes ?? [])
        do {
            return try TimescaleDBSizePrediction.predict(rows: rows, timeColumn: timeColumn, chunkInterval: chunkInterval,
                                                         compression: settings, version: version, indexes: indexes,
                                                         createDefaultIndexes: table.hypertable?.hasDefaultTimeIndex ?? true).compareSummary
        } catch {
            throw .engine(error.description)
        }
    }

    static func plainWidths(_ h: Hypertable) -> [Int] {
        var widths = [Int](repeating: 0, count: h.table.columns.count)
        for chunk in h.chunks {
            for (c, column) in chunk.rows.columns.enumerated() { widths[c] += EngineBytes.width(of: column) }
        }
        return widths
    }

    static func cardinalities(_ h: Hypertable) -> [ColumnCardinality] {
        h.table.columns.indices.map { c in
            var all = ColumnDistinctValues()
            var perChunk = 0
            for chunk in h.chunks { perChunk += all.add(chunk.rows.columns[c]) }
            return ColumnCardinality(name: h.table.columns[c].name, distinct: all.count,
                                     distinctPerChunk: h.chunks.isEmpty ? 0 : Double(perChunk) / Double(h.chunks.count))
        }
    }
}
