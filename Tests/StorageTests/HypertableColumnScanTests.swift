import Testing
import Schema
@testable import Storage

/// The typed column scan returns what the generic scan returns, in ascending time order, however
/// the chunks are laid out, and reads only the segment it is asked for.
@Suite struct HypertableColumnScanTests {
    let day = EngineFixtures.day
    let minute: Int64 = 60_000_000

    enum Layout: CaseIterable { case uncompressed, compressed, partial, unsortedInsert, spacePartitioned }

    /// Each layout is built once for the whole suite (compression in debug builds is slow).
    static let built: [Layout: Result<Hypertable, any Error>] = Dictionary(uniqueKeysWithValues: Layout.allCases.map { layout in
        (layout, Result { try build(layout) })
    })

    func loaded(_ layout: Layout) throws -> Hypertable {
        try #require(Self.built[layout]).get()
    }

    static func build(_ layout: Layout) throws -> Hypertable {
        let day = EngineFixtures.day, minute: Int64 = 60_000_000
        var ht = try EngineFixtures.hypertable(space: layout == .spacePartitioned ? SpaceDimension(column: "symbol", partitions: 2) : nil)
        var rows = EngineFixtures.minuteRows(start: 0, count: 3 * 1440 * 3)
        if layout == .unsortedInsert { rows = rows.gathering(Array((0..<rows.count).reversed())) }
        try ht.insert(rows)
        if layout == .compressed || layout == .partial {
            for chunk in ht.chunks { try ht.compressChunk(named: chunk.name) }
        }
        if layout == .partial {
            // Late rows land beside the batches, interleaved in time with them.
            try ht.insert(EngineFixtures.rows([(30 * minute + 1, "B", 1, 1), (day + 7, "B", 2, nil), (5, "A", 3, 3)]))
        }
        return ht
    }

    /// The generic scan's rows for the same request, as (ts, price, volume) sorted by time.
    func reference(_ ht: Hypertable, _ window: ClosedRange<Int64>, _ symbol: String) throws -> [[Value]] {
        let rows = try ht.scan(ScanRequest(time: window, equals: [.init("symbol", .text(symbol))])).rows
        return (0..<rows.count).map { [rows.columns[0].value(at: $0), rows.columns[2].value(at: $0), rows.columns[3].value(at: $0)] }
            .sorted { ValueOrdering.compare($0[0], $1[0]) < 0 }
    }

    func flattened(_ scan: ColumnScan) -> [[Value]] {
        scan.parts.flatMap { part in (0..<part.rows.count).map { i in part.columns.map { $0.value(at: part.rows[i]) } } }
    }

    @Test(arguments: Layout.allCases)
    func sameRowsAsTheGenericScanInTimeOrder(layout: Layout) throws {
        let ht = try loaded(layout)
        for window in [(day - 90 * minute)...(day + 30 * minute), 0...(3 * day), (2 * day + 5)...(2 * day + 5), Int64.min...Int64.max] {
            for symbol in ["A", "B", "Z"] {
                let scan = try ht.scanColumns(time: window, equals: [.init("symbol", .text(symbol))], columns: ["ts", "price", "volume"])
                #expect(flattened(scan) == (try reference(ht, window, symbol)), "\(layout) \(window) \(symbol)")
            }
        }
    }

    @Test(arguments: Layout.allCases)
    func latestRowIsTheNewestOfTheSegment(layout: Layout) throws {
        let ht = try loaded(layout)
        for symbol in ["A", "B", "C", "Z"] {
            let latest = try ht.latestRow(equals: [.init("symbol", .text(symbol))], columns: ["ts", "price", "volume"])
            #expect(flattened(latest) == (try reference(ht, Int64.min...Int64.max, symbol).suffix(1)), "\(layout) \(symbol)")
        }
    }

    @Test func aRangeDecodesOnlyTheOverlappingBatchesOfTheSegment() throws {
        let ht = try loaded(.compressed)
        let scan = try ht.scanColumns(time: 0...(30 * minute), equals: [.init("symbol", .text("A"))], columns: ["price"])
        #expect(scan.statistics.batchesRead == 1)
        #expect(scan.statistics.chunksExcluded == 2)
        #expect(scan.count == 31)
    }

    @Test func latestRowReadsOneBatchOfTheNewestChunk() throws {
        let ht = try loaded(.compressed)
        let latest = try ht.latestRow(equals: [.init("symbol", .text("C"))], columns: ["ts"])
        #expect(latest.statistics.batchesRead == 1)
        #expect(flattened(latest) == [[.timestamp(3 * day - minute)]])
    }

    @Test func otherFiltersTakeTheGenericPath() throws {
        let ht = try loaded(.partial)
        let scan = try ht.scanColumns(time: 0...day, equals: [.init("volume", .int(3))], columns: ["ts", "symbol"])
        let rows = try ht.scan(ScanRequest(time: 0...day, equals: [.init("volume", .int(3))])).rows
        #expect(scan.count == rows.count)
        #expect(scan.count > 0)
    }

    @Test func updatesKeepTheSegmentIndexCurrent() throws {
        var ht = try loaded(.compressed)
        try ht.insert(EngineFixtures.rows([(10 * minute, "A", 999, 9)]), onConflict: .update(target: nil))
        let scan = try ht.scanColumns(time: (10 * minute)...(10 * minute), equals: [.init("symbol", .text("A"))], columns: ["price"])
        #expect(flattened(scan) == [[.numeric(PGNumeric(unscaled: 999, scale: 2))]])
        #expect(try reference(ht, 0...(3 * day), "A").count == 3 * 1440)
        #expect(flattened(try ht.scanColumns(time: 0...(3 * day), equals: [.init("symbol", .text("A"))], columns: ["ts", "price", "volume"]))
                == (try reference(ht, 0...(3 * day), "A")))
    }
}
