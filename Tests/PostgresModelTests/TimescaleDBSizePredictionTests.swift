import Foundation
import Testing
import Schema
import Storage
import TestSupport
@testable import PostgresModel

@Suite("TimescaleDB size prediction API")
struct TimescaleDBSizePredictionTests {
    /// market_data without its PK (as on a hypertable): `n` one-minute bars from 2023-01-02 00:00 UTC,
    /// random v4 ids, created_at one minute later with microsecond jitter.
    static func bars(_ n: Int) -> RowSet {
        var table = NQPTables.marketData
        table.indexes.removeAll { $0.origin == .primaryKey }
        var rows = RowSet(table: table, capacity: n)
        var g = SeededGenerator(seed: 11)
        let ticker = PGUUID(high: 0xA195_767F_12D8_EDE4, low: 0xE262_52F9_B971_474A)
        let start: Int64 = 1_672_617_600_000_000
        for i in 0..<n {
            let t = start + Int64(i) * 60_000_000
            let price = PGNumeric(unscaled: 388_500 + Int64(g.next() % 400), scale: 2)
            rows.append(row: [
                .uuid(PGUUID(high: g.next(), low: g.next())), .uuid(ticker), .timestamp(t),
                .numeric(price), .numeric(price), .numeric(price), .numeric(price),
                .int(Int64(g.next() % 5000)), .text("1m"), .text("yfinance"), .jsonb("{}"),
                .timestamp(t + 60_000_000 + Int64(g.next() % 2_000_000)),
            ])
        }
        return rows
    }

    static let day: Int64 = 86_400_000_000

    @Test("rows fall into epoch-aligned chunks and batches hold at most 1000 rows per segment")
    func chunksAndBatches() throws {
        let settings = try CompressionSettings(segmentBy: "ticker_id, interval", orderBy: "timestamp DESC", timeColumn: "timestamp")
        let p = try TimescaleDBSizePrediction.predict(rows: Self.bars(3000), timeColumn: "timestamp",
                                                      chunkInterval: Self.day, compression: settings)
        // 3000 minutes from midnight: 1440 + 1440 + 120 rows.
        #expect(p.chunks.map(\.rows) == [1440, 1440, 120])
        #expect(p.compressedBatches == 2 + 2 + 1)
        #expect(p.chunks.first?.rangeStart == 1_672_617_600_000_000)
    }

    @Test("the default (time DESC) index: added unless create_default_indexes is off or a one-attribute time index exists")
    func defaultTimeIndex() throws {
        let rows = Self.bars(3000)
        func indexBytes(_ indexes: [IndexDefinition], createDefault: Bool = true) throws -> Int {
            try TimescaleDBSizePrediction.predict(rows: rows, timeColumn: "timestamp", chunkInterval: Self.day, compression: nil,
                                                  indexes: indexes, createDefaultIndexes: createDefault).uncompressed.index
        }
        let none = try indexBytes([])
        #expect(none > 0)  // the default index alone
        #expect(try indexBytes([], createDefault: false) == 0)
        // src/indexing.c: an index of exactly one attribute, the time column, stands in for it (a partial one too).
        let partial = IndexDefinition(name: "p", table: "market_data", keys: [.init(column: "timestamp", descending: false)],
                                      predicateSQL: "volume > 0")
        #expect(try indexBytes([partial]) == indexBytes([partial], createDefault: false))
        let covering = IndexDefinition(name: "c", table: "market_data", keys: [.init(column: "timestamp", descending: false)], include: ["volume"])
        let withDefault = try indexBytes([covering]), without = try indexBytes([covering], createDefault: false)
        #expect(withDefault > without)
    }

    @Test("the per-column breakdown shows random ids and jittered created_at dominating")
    func breakdownExplainsSize() throws {
        let settings = try CompressionSettings(segmentBy: "ticker_id, interval", orderBy: "timestamp DESC", timeColumn: "timestamp")
        let p = try TimescaleDBSizePrediction.predict(rows: Self.bars(3000), timeColumn: "timestamp",
                                                      chunkInterval: Self.day, compression: settings)
        #expect(p.columns.first?.column == "id")
        let bytes = Dictionary(uniqueKeysWithValues: p.columns.map { ($0.column, $0.storedBytes) })
        #expect((bytes["created_at"] ?? 0) > 10 * (bytes["timestamp"] ?? 0))
        #expect(bytes["ticker_id"] == nil)  // segmentby: stored uncompressed once per batch
    }

    @Test("compression shrinks the hypertable and leaves one metapage per emptied index")
    func afterIsSmallerAndEmptiedChunksKeepIndexMetapages() throws {
        let settings = try CompressionSettings(segmentBy: "ticker_id", orderBy: "timestamp DESC", timeColumn: "timestamp")
        let p = try TimescaleDBSizePrediction.predict(rows: Self.bars(3000), timeColumn: "timestamp",
                                                      chunkInterval: Self.day, compression: settings)
        #expect(p.compressionStatsAfter.total < p.compressionStatsBefore.total / 3)
        // 4 hypertable indexes, each a metapage, plus the empty TOAST's index.
        #expect(p.chunks.first?.emptied == TimescaleDBRelationSizes(table: 0, index: 4 * 8192, toast: 8192))
        #expect(p.detailedSizeAfter.total == p.compressionStatsAfter.total + 4 * (4 * 8192 + 8192))
    }

    @Test("without compression settings only the uncompressed hypertable is predicted")
    func uncompressedOnly() throws {
        let p = try TimescaleDBSizePrediction.predict(rows: Self.bars(500), timeColumn: "timestamp",
                                                      chunkInterval: Self.day, compression: nil)
        #expect(p.compressedBatches == 0)
        #expect(p.compressionStatsAfter.total == 0)
        #expect(p.uncompressed.total == p.compressionStatsBefore.total + 4 * 8192 + 8192)
    }

    @Test("an unknown segmentby column is reported like PostgreSQL does")
    func unknownColumn() throws {
        let settings = try CompressionSettings(segmentBy: "symbol", orderBy: "timestamp", timeColumn: "timestamp")
        #expect(throws: TimescaleDBModelError.unknownColumn("symbol")) {
            _ = try TimescaleDBSizePrediction.predict(rows: Self.bars(10), timeColumn: "timestamp",
                                                      chunkInterval: Self.day, compression: settings)
        }
    }

    @Test("a NULL time value is rejected as the NOT NULL time dimension would")
    func nullTime() {
        var rows = Self.bars(3)
        var values = rows.row(0)
        values[2] = .null
        rows.append(row: values)
        #expect(throws: TimescaleDBModelError.nullTime(column: "timestamp", table: "market_data")) {
            _ = try TimescaleDBSizePrediction.predict(rows: rows, timeColumn: "timestamp", chunkInterval: Self.day, compression: nil)
        }
    }

    @Test("a malformed orderby is rejected")
    func malformedOrderBy() {
        #expect(throws: HypertableError.self) {
            _ = try CompressionSettings(segmentBy: "", orderBy: "timestamp SIDEWAYS", timeColumn: "timestamp")
        }
    }

    @Test("the compare summary uses the CLI's JSON field names")
    func compareSummaryFields() throws {
        let settings = try CompressionSettings(segmentBy: "ticker_id", orderBy: "timestamp DESC", timeColumn: "timestamp")
        let p = try TimescaleDBSizePrediction.predict(rows: Self.bars(100), timeColumn: "timestamp",
                                                      chunkInterval: Self.day, compression: settings)
        let json = String(decoding: try JSONEncoder().encode(p.compareSummary), as: UTF8.self)
        for key in ["before_compression_total_bytes", "after_compression_table_bytes", "after_compression_index_bytes",
                    "after_compression_toast_bytes", "after_compression_total_bytes", "compressed_batches",
                    "columns", "stored_bytes", "compressed_bytes", "algorithm"] {
            #expect(json.contains("\"\(key)\""))
        }
    }
}

@Suite("TimescaleDB version switch")
struct TimescaleDBVersionTests {
    @Test("versions parse from 2-part and 3-part text and order numerically")
    func parsing() {
        #expect(TimescaleDBVersion("2.16") == TimescaleDBVersion(2, 16))
        #expect(TimescaleDBVersion("2.28.3") == .calibrated)
        #expect(TimescaleDBVersion("2.9")! < TimescaleDBVersion("2.10")!)
        #expect(TimescaleDBVersion("two") == nil)
    }

    @Test("bool compression is BOOL from 2.20, dictionary before; uuid is UUID from 2.23; json (no equality operator) ARRAY, jsonb DICTIONARY")
    func algorithmDefaults() {
        #expect(CompressionAlgorithm.default(for: .bool, version: TimescaleDBVersion(2, 19)) == .dictionary)
        #expect(CompressionAlgorithm.default(for: .bool, version: TimescaleDBVersion(2, 20)) == .bool)
        #expect(CompressionAlgorithm.default(for: .uuid, version: TimescaleDBVersion(2, 22)) == .dictionary)
        #expect(CompressionAlgorithm.default(for: .uuid, version: TimescaleDBVersion(2, 23)) == .uuid)
        #expect(CompressionAlgorithm.default(for: .numeric(precision: 12, scale: 2), version: .calibrated) == .array)
        #expect(CompressionAlgorithm.default(for: .json, version: .calibrated) == .array)
        #expect(CompressionAlgorithm.default(for: .jsonb, version: .calibrated) == .dictionary)
    }

    @Test("2.16 rows carry _ts_meta_sequence_num; 2.28 rows carry first/last per orderby column")
    func metadataColumns() throws {
        let settings = try CompressionSettings(segmentBy: "ticker_id", orderBy: "timestamp DESC", timeColumn: "timestamp")
        let rows = TimescaleDBSizePredictionTests.bars(10)
        func count(_ v: TimescaleDBVersion) -> Int {
            CompressedChunkLayout(table: rows.table, settings: settings, version: v).fixedAttributes(rows: rows, batch: Array(0..<10)).count
        }
        // count + ticker_id + min/max (+ seq) (+ first/last) (+ interval minmax before blooms)
        #expect(count(TimescaleDBVersion(2, 16)) == 1 + 1 + 2 + 1 + 2)
        #expect(count(TimescaleDBVersion(2, 20)) == 1 + 1 + 2)
        #expect(count(TimescaleDBVersion(2, 28)) == 1 + 1 + 4)
    }
}
