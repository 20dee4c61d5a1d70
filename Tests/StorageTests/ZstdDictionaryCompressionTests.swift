import Testing
import Codecs
import Schema
import TestSupport
@testable import Storage

/// Per-column zstd dictionaries in chunk compression: trained per chunk, used by every decode
/// path, charged to the engine's bytes, and a damaged or missing one is an error.
@Suite struct ZstdDictionaryCompressionTests {
    static let minute: Int64 = 60_000_000

    /// `readings(ts, device text, payload jsonb)`: small JSON documents that differ in a few
    /// digits, the kind of column whose batches repeat each other.
    static let readings = TableDefinition(
        name: "readings",
        columns: [
            ColumnDefinition("ts", .timestamptz, notNull: true),
            ColumnDefinition("device", .text, notNull: true),
            ColumnDefinition("payload", .jsonb),
        ])

    static func readingRows(count: Int) -> RowSet {
        var rows = RowSet(table: readings, capacity: count)
        for i in 0..<count {
            let device = "sensor-\(i % 3)"
            let payload = i % 29 == 0 ? Value.null
                : .jsonb("{\"firmware\": \"2.14.7\", \"site\": \"north-field-\(i % 3)\", \"calibrated\": \"2023-11-02\", "
                         + "\"reading\": \((i * 7919) % 1000), \"unit\": \"kPa\", \"vendor\": \"Acme Instruments\", \"model\": \"PX-200\"}")
            rows.append(row: [.timestamp(Int64(i) * minute), .text(device), payload])
        }
        return rows
    }

    /// Two days of readings in 1-day chunks, segmented by device, compressed in `batchSize`-row batches.
    static func compressedReadings(_ mode: ZstdDictionaryMode, batchSize: Int = 20) throws -> (compressed: Hypertable, plain: Hypertable) {
        var plain = try Hypertable(table: readings, options: HypertableOptions(timeColumn: "ts", chunkInterval: EngineFixtures.day))
        var settings = try CompressionSettings(segmentBy: "device", orderBy: "ts DESC", timeColumn: "ts", batchSizeLimit: batchSize)
        settings.zstdDictionary = mode
        try plain.enableCompression(settings)
        try plain.insert(readingRows(count: 2 * 1440))
        var compressed = plain
        for chunk in compressed.chunks { try compressed.compressChunk(named: chunk.name) }
        return (compressed, plain)
    }

    static func engineBytes(_ ht: Hypertable) -> Int {
        ht.chunks.reduce(0) { $0 + EngineBytes.chunk($1).total }
    }

    @Test func chunksWithDictionariesGiveBackTheirRowsOnEveryReadPath() throws {
        let (compressed, plain) = try Self.compressedReadings(.on)
        #expect(compressed.chunks.allSatisfy { !$0.zstdDictionaries.isEmpty })
        #expect(compressed.chunks.contains { $0.batches.contains { $0.columns.contains { $0?.usesDictionary == true } } })
        for (packed, original) in zip(compressed.chunks, plain.chunks) {
            let back = try #require(try compressed.rows(ofChunk: packed.name))
            #expect(EngineFixtures.multiset(back) == EngineFixtures.multiset(original.rows))
        }
        let window = (300 * Self.minute)...(1700 * Self.minute)
        let request = ScanRequest(time: window, equals: [.init("device", .text("sensor-1"))])
        #expect(EngineFixtures.multiset(try compressed.scan(request).rows) == EngineFixtures.multiset(try plain.scan(request).rows))
        // The column scan decodes through the chunk's DecodedBatchCache; twice to read it back from the cache.
        for _ in 0..<2 {
            let scan = try compressed.scanColumns(time: window, equals: [.init("device", .text("sensor-1"))], columns: ["ts", "payload"])
            let reference = try plain.scanColumns(time: window, equals: [.init("device", .text("sensor-1"))], columns: ["ts", "payload"])
            #expect(Self.values(scan) == Self.values(reference))
        }
    }

    /// `ts, payload` of a run, for the segment reader.
    final class ReadingView: ColumnRunView {
        static let columnNames = ["ts", "payload"]
        let columns: [ColumnVector]
        init?(columns: [ColumnVector]) { self.columns = columns }
    }

    @Test func theSegmentReaderDecodesWithTheDictionaries() throws {
        let (compressed, plain) = try Self.compressedReadings(.on)
        let window = Int64.min...Int64.max
        func rows(_ ht: Hypertable) throws -> [[Value]] {
            let reader = try #require(try SegmentReader<ReadingView>(hypertable: ht))
            let segment = try #require(reader.segment(SegmentKey([.text("sensor-2")])))
            return try reader.runs(segment: segment, time: window).flatMap { run in
                run.rows.map { i in run.view.columns.map { $0.value(at: i) } }
            }
        }
        let back = try rows(compressed)
        #expect(back.count == 960)
        #expect(back == (try rows(plain)))
    }

    static func values(_ scan: ColumnScan) -> [[Value]] {
        scan.parts.flatMap { part in (0..<part.rows.count).map { i in part.columns.map { $0.value(at: part.rows[i]) } } }
    }

    @Test func engineBytesChargeEachDictionaryAndItsChecksumOnce() throws {
        let (compressed, _) = try Self.compressedReadings(.on)
        for chunk in compressed.chunks {
            let batches = chunk.batches.reduce(0) { $0 + EngineBytes.batch($1).data }
            let dictionaries = chunk.zstdDictionaries.byColumn.reduce(0) { $0 + ($1.map { $0.bytes.count + 8 } ?? 0) }
            #expect(dictionaries > 0)
            #expect(EngineBytes.chunk(chunk).data == batches + dictionaries)
        }
    }

    @Test func autoMakesSmallBatchesOfRepetitiveColumnsSmaller() throws {
        let off = Self.engineBytes(try Self.compressedReadings(.off).compressed)
        let auto = try Self.compressedReadings(.auto).compressed
        #expect(auto.chunks.contains { !$0.zstdDictionaries.isEmpty })
        #expect(Self.engineBytes(auto) < off)
    }

    @Test func autoLeavesFullBatchesAsTheyWere() throws {
        let off = try Self.compressedReadings(.off, batchSize: 1000).compressed
        let auto = try Self.compressedReadings(.auto, batchSize: 1000).compressed
        #expect(auto.chunks.allSatisfy { $0.zstdDictionaries.isEmpty })
        #expect(auto.chunks.map(\.batches) == off.chunks.map(\.batches))
    }

    @Test func autoIsNeverLargerThanOffColumnByColumn() throws {
        // Numeric and integer columns in small batches: a dictionary rarely pays, and must not cost.
        func bytes(_ mode: ZstdDictionaryMode) throws -> [Int] {
            var ht = try EngineFixtures.hypertable(compress: false)
            var settings = try CompressionSettings(segmentBy: "symbol", orderBy: "ts DESC", timeColumn: "ts", batchSizeLimit: 40)
            settings.zstdDictionary = mode
            try ht.enableCompression(settings)
            try ht.insert(EngineFixtures.minuteRows(start: 0, count: 3 * 1440))
            for chunk in ht.chunks { try ht.compressChunk(named: chunk.name) }
            return ht.table.columns.indices.map { c in
                ht.chunks.reduce(0) { sum, chunk in
                    sum + chunk.zstdDictionaries.storedBytes(ofColumn: c) + chunk.batches.reduce(0) { $0 + ($1.columns[c]?.bytes.count ?? 0) }
                }
            }
        }
        let off = try bytes(.off), auto = try bytes(.auto)
        for (a, o) in zip(auto, off) { #expect(a <= o) }
    }

    @Test func aDamagedDictionaryIsAnErrorOnEveryReadPath() throws {
        var (compressed, _) = try Self.compressedReadings(.on)
        let chunk = compressed.chunks[0]
        let c = try #require(chunk.zstdDictionaries.byColumn.firstIndex { $0 != nil })
        let intact = try #require(chunk.zstdDictionaries[c])
        var bytes = intact.bytes
        bytes[bytes.count / 2] ^= 0x5A
        var damaged = chunk.zstdDictionaries
        damaged.byColumn[c] = ZstdDictionary(bytes: bytes, checksum: intact.checksum)
        compressed.chunks[0].zstdDictionaries = damaged
        #expect(throws: HypertableError.self) { try compressed.rows(ofChunk: chunk.name) }
        let everything = Int64.min...Int64.max
        #expect(throws: HypertableError.self) { try compressed.scan(ScanRequest(time: everything)) }
        let column = compressed.table.columns[c].name
        #expect(throws: HypertableError.self) {
            try compressed.scanColumns(time: everything, equals: [.init("device", .text("sensor-0"))], columns: ["ts", column])
        }
    }

    @Test func aMissingDictionaryIsAnError() throws {
        var (compressed, _) = try Self.compressedReadings(.on)
        let name = compressed.chunks[0].name
        compressed.chunks[0].zstdDictionaries = .none
        #expect(throws: HypertableError.self) { try compressed.rows(ofChunk: name) }
    }

    @Test func decompressingDropsTheDictionaries() throws {
        var (compressed, plain) = try Self.compressedReadings(.on)
        let name = compressed.chunks[0].name
        try compressed.decompressChunk(named: name)
        #expect(compressed.chunks[0].zstdDictionaries.isEmpty)
        #expect(EngineFixtures.multiset(compressed.chunks[0].rows) == EngineFixtures.multiset(plain.chunks[0].rows))
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared")) func aRealFileRoundTripsWithDictionariesInSmallBatches() throws {
        let url = try #require(try SharedData.require("data/real/nq_1m_5m_2023.csv"))
        let rows = try RealDataEngineTests.load(url)
        var ht = try Hypertable(table: NQPTables.marketData, options: HypertableOptions(timeColumn: "timestamp", chunkInterval: EngineFixtures.day))
        var settings = try CompressionSettings(segmentBy: "", orderBy: "ticker_id, interval, timestamp DESC", timeColumn: "timestamp",
                                               batchSizeLimit: 50)
        settings.zstdDictionary = .on
        try ht.enableCompression(settings)
        try ht.insert(rows)
        // Three days keep the test short in debug builds; every chunk has the same shape.
        for chunk in ht.chunks.prefix(3) {
            let original = chunk.rows
            try ht.compressChunk(named: chunk.name)
            let compressed = try #require(ht.chunk(named: chunk.name))
            #expect(!compressed.zstdDictionaries.isEmpty, "\(chunk.name)")
            let back = try #require(try ht.rows(ofChunk: chunk.name))
            let order = ChunkCompressor.compressionOrder(of: original, settings: settings)
            #expect(back.columns == original.gathering(order).columns, "\(chunk.name)")
        }
    }
}
