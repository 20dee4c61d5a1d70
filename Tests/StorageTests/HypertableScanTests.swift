import Testing
import Schema
@testable import Storage

@Suite struct HypertableScanTests {
    let day = EngineFixtures.day
    let minute: Int64 = 60_000_000

    func loaded(compressFirst: Bool) throws -> (Hypertable, RowSet) {
        var ht = try EngineFixtures.hypertable()
        let rows = EngineFixtures.minuteRows(start: 0, count: 3 * 1440 * 3)
        try ht.insert(rows)
        if compressFirst { try ht.compressChunk(named: "_hyper_1_1_chunk") }
        return (ht, rows)
    }

    /// The same answer by brute force over the input rows.
    func expected(_ rows: RowSet, time: ClosedRange<Int64>, symbol: String) -> [[Value]] {
        let picked = (0..<rows.count).filter { i in
            guard case .timestamp(let t) = rows.row(i)[0] else { return false }
            return time.contains(t) && rows.row(i)[1] == .text(symbol)
        }
        return EngineFixtures.multiset(rows.gathering(picked))
    }

    @Test(arguments: [false, true])
    func scanReturnsExactlyTheMatchingRows(compressFirst: Bool) throws {
        let (ht, rows) = try loaded(compressFirst: compressFirst)
        for window in [(day - 90 * minute)...(day + 30 * minute), 0...(3 * day), (2 * day + 5)...(2 * day + 5)] {
            let result = try ht.scan(ScanRequest(time: window, equals: [.init("symbol", .text("B"))]))
            #expect(EngineFixtures.multiset(result.rows) == expected(rows, time: window, symbol: "B"))
        }
    }

    @Test func chunksOutsideTheWindowAreExcluded() throws {
        let (ht, _) = try loaded(compressFirst: false)
        let result = try ht.scan(ScanRequest(time: (day + 10 * minute)...(day + 20 * minute)))
        #expect(result.statistics.chunks == 3)
        #expect(result.statistics.chunksExcluded == 2)
        #expect(result.statistics.blocksSkipped > 0)
        #expect(result.rows.count == 11 * 3)
    }

    @Test func compressedBatchesOfOtherSegmentsAreSkipped() throws {
        let (ht, _) = try loaded(compressFirst: true)
        let result = try ht.scan(ScanRequest(time: 0...(day - 1), equals: [.init("symbol", .text("A"))]))
        #expect(result.statistics.batchesRead == 15)
        #expect(result.statistics.batchesSkipped == 30)
        #expect(result.rows.count == 1440)
    }

    @Test func equalityWithNullMatchesNothing() throws {
        let (ht, _) = try loaded(compressFirst: false)
        let result = try ht.scan(ScanRequest(equals: [.init("volume", .null)]))
        #expect(result.rows.count == 0)
    }

    @Test func unknownFilterColumnIsAnError() throws {
        let (ht, _) = try loaded(compressFirst: false)
        #expect(throws: HypertableError.unknownColumn(table: "ticks", column: "nope")) {
            try ht.scan(ScanRequest(equals: [.init("nope", .int(1))]))
        }
    }

    @Test func equalityOnTheSpaceColumnExcludesOtherPartitions() throws {
        var ht = try EngineFixtures.hypertable(space: SpaceDimension(column: "symbol", partitions: 4))
        let rows = EngineFixtures.minuteRows(start: 0, count: 1440 * 8, symbols: ["A", "B", "C", "D", "E", "F", "G", "H"])
        try ht.insert(rows)
        let result = try ht.scan(ScanRequest(equals: [.init("symbol", .text("C"))]))
        let slice = SpaceDimension(column: "symbol", partitions: 4).slice(forHash: SpaceDimension.hash(.text("C")))
        #expect(result.statistics.chunksExcluded == ht.chunks.filter { $0.spaceRange != slice }.count)
        #expect(result.statistics.chunksExcluded > 0)
        #expect(result.rows.count == 1440)
    }
}
