import Testing
import Schema
@testable import Storage

/// A segment reader returns what the generic scan returns, in ascending time order, whatever the
/// chunk layout; a first read of a chunk's rows reads them in place, and a run's own view is built
/// once and only for runs a read's time range reaches.
@Suite struct SegmentReaderTests {
    let day = EngineFixtures.day
    let minute: Int64 = 60_000_000

    /// `ts, price, volume` of a run, kept as engine vectors.
    final class TickView: ColumnRunView {
        static let columnNames = ["ts", "price", "volume"]
        let columns: [ColumnVector]
        init?(columns: [ColumnVector]) { self.columns = columns }
    }

    /// A view that refuses a NULL price (as the analytics' view refuses a NULL outside `volume`).
    final class NoNullView: ColumnRunView {
        static let columnNames = ["ts", "price", "volume"]
        let columns: [ColumnVector]
        init?(columns: [ColumnVector]) {
            guard !columns[1].hasNulls else { return nil }
            self.columns = columns
        }
    }

    /// A view that accepts no columns (its types never match).
    final class RefusingView: ColumnRunView {
        static let columnNames = ["ts"]
        init?(columns: [ColumnVector]) { nil }
    }

    typealias Layout = HypertableColumnScanTests.Layout

    func loaded(_ layout: Layout) throws -> Hypertable {
        try #require(HypertableColumnScanTests.built[layout]).get()
    }

    func reader(_ ht: Hypertable) throws -> SegmentReader<TickView> {
        try #require(try SegmentReader<TickView>(hypertable: ht))
    }

    func flattened(_ runs: [SegmentReader<TickView>.Rows]) -> [[Value]] {
        runs.flatMap { run in run.rows.map { i in run.view.columns.map { $0.value(at: i) } } }
    }

    /// The generic scan's rows, as (ts, price, volume) sorted by time.
    func reference(_ ht: Hypertable, _ window: ClosedRange<Int64>, _ symbol: String) throws -> [[Value]] {
        let rows = try ht.scan(ScanRequest(time: window, equals: [.init("symbol", .text(symbol))])).rows
        return (0..<rows.count).map { [rows.columns[0].value(at: $0), rows.columns[2].value(at: $0), rows.columns[3].value(at: $0)] }
            .sorted { ValueOrdering.compare($0[0], $1[0]) < 0 }
    }

    @Test(arguments: Layout.allCases)
    func sameRowsAsTheGenericScanInTimeOrder(layout: Layout) throws {
        let ht = try loaded(layout)
        let reader = try reader(ht)
        #expect(reader.segmentColumnNames == ["symbol"])
        for window in [(day - 90 * minute)...(day + 30 * minute), 0...(3 * day), (2 * day + 5)...(2 * day + 5), Int64.min...Int64.max,
                       (-day)...(-1), (4 * day)...(5 * day)] {
            for symbol in ["A", "B", "C"] {
                let segment = try #require(reader.segment(SegmentKey([.text(symbol)])))
                // Three times: in place, then gathering the runs' views, then from the built views.
                for _ in 0..<3 {
                    #expect(flattened(try reader.runs(segment: segment, time: window)) == (try reference(ht, window, symbol)), "\(layout) \(window) \(symbol)")
                }
            }
        }
        #expect(reader.segment(SegmentKey([.text("Z")])) == nil)
    }

    @Test(arguments: Layout.allCases)
    func newestIsTheLastRowOfTheSegment(layout: Layout) throws {
        let ht = try loaded(layout)
        let reader = try reader(ht)
        for symbol in ["A", "B", "C"] {
            let segment = try #require(reader.segment(SegmentKey([.text(symbol)])))
            let newest = try #require(try reader.newest(segment: segment))
            #expect([newest.view.columns.map { $0.value(at: newest.row) }] == (try reference(ht, Int64.min...Int64.max, symbol).suffix(1)),
                    "\(layout) \(symbol)")
        }
    }

    @Test func aReadBuildsOnlyTheRunsItsRangeReaches() throws {
        let reader = try reader(try loaded(.compressed))
        let a = try #require(reader.segment(SegmentKey([.text("A")])))
        // 1,440 rows of A per one-day chunk in 100-row batches: the first half hour is one batch.
        let rows = try reader.runs(segment: a, time: 0...(30 * minute))
        #expect(rows.reduce(0) { $0 + $1.rows.count } == 31)
        #expect(reader.builtRunCount == 1)
        _ = try reader.newest(segment: a)
        #expect(reader.builtRunCount == 2)
    }

    @Test func theNewestRowOfAChunksRowsIsReadAlone() throws {
        let reader = try reader(try loaded(.uncompressed))
        let b = try #require(reader.segment(SegmentKey([.text("B")])))
        let newest = try #require(try reader.newest(segment: b))
        #expect(newest.view.columns[0].count == 1)
        #expect(newest.view.columns[0].value(at: newest.row) == .timestamp(3 * day - minute))
        #expect(reader.builtRunCount == 0)
        // A first read reads the chunk's rows in place; the second builds the run's view, and
        // neither changes which row is newest.
        _ = try reader.runs(segment: b, time: (2 * day)...(3 * day))
        #expect(reader.builtRunCount == 0)
        _ = try reader.runs(segment: b, time: (2 * day)...(3 * day))
        #expect(reader.builtRunCount == 1)
        let again = try #require(try reader.newest(segment: b))
        #expect(again.view.columns[0].value(at: again.row) == .timestamp(3 * day - minute))
    }

    @Test func aFirstReadReadsTheChunksRowsInPlaceAndAHotReadReturnsTheSameViews() throws {
        let ht = try loaded(.uncompressed)
        let reader = try reader(ht)
        let a = try #require(reader.segment(SegmentKey([.text("A")])))
        let b = try #require(reader.segment(SegmentKey([.text("B")])))
        // In place: one view per chunk over all its rows (every segment's), shared by the segments.
        let first = try reader.runs(segment: a, time: 0...(3 * day))
        #expect(first.count == 3)
        #expect(reader.builtRunCount == 0)
        let chunkRows = ht.chunks[ht.timeOrder[1]].rows.count
        #expect(first[1].view.columns[0].count == chunkRows)
        #expect(chunkRows > first[1].rows.count)
        let ofB = try reader.runs(segment: b, time: day...(day + minute))
        #expect(ofB.first?.view === first[1].view)
        // The second read of a run gathers its own view; later reads return that one.
        let second = try reader.runs(segment: a, time: day...(2 * day)), third = try reader.runs(segment: a, time: day...(2 * day))
        #expect(second[0].view !== first[1].view)
        #expect(second[0].view === third[0].view)
        #expect(second[0].rows.count == 1440)
        #expect(Array(second[1].rows) == [0])
        #expect(flattened(second) == flattened(third))
    }

    @Test func aChunkWhoseColumnsTheViewRefusesIsGatheredRunByRun() throws {
        var ht = try loaded(.uncompressed)
        // A NULL price in B's rows of the second day: a view over that chunk's whole columns is refused.
        try ht.insert(EngineFixtures.rows([(day + 30 * 1_000_000, "B", nil, 1)]))
        let reader = try #require(try SegmentReader<NoNullView>(hypertable: ht))
        let a = try #require(reader.segment(SegmentKey([.text("A")])))
        let window = day...(2 * day - 1)
        let rows = try reader.runs(segment: a, time: window)
        #expect(reader.builtRunCount == 1)
        let values = rows.flatMap { run in run.rows.map { i in run.view.columns.map { $0.value(at: i) } } }
        #expect(values == (try reference(ht, window, "A")))
        #expect(values.count == 1440)
    }

    @Test func concurrentReadersSeeOneViewPerRunAndTheSequentialAnswers() async throws {
        let ht = try loaded(.compressed)
        let expected = try reference(ht, Int64.min...Int64.max, "A")
        let shared = try reader(ht)
        let segment = try #require(shared.segment(SegmentKey([.text("A")])))
        let answers = await withTaskGroup(of: [[Value]]?.self) { group in
            for _ in 0..<8 {
                group.addTask { try? self.flattened(shared.runs(segment: segment, time: Int64.min...Int64.max)) }
            }
            return await group.reduce(into: [[[Value]]?]()) { $0.append($1) }
        }
        #expect(answers.count == 8)
        #expect(expected.count > 1000)
        for answer in answers { #expect(answer == expected) }
        // Every run a read built is kept once: reading again builds nothing new and gives the same views.
        let built = shared.builtRunCount
        let first = try shared.runs(segment: segment, time: Int64.min...Int64.max)
        let second = try shared.runs(segment: segment, time: Int64.min...Int64.max)
        #expect(shared.builtRunCount == built)
        #expect(zip(first, second).allSatisfy { $0.view === $1.view })
    }

    @Test func theReaderIsASnapshot() throws {
        var ht = try loaded(.uncompressed)
        let reader = try reader(ht)
        try ht.insert(EngineFixtures.rows([(3 * day + 5, "A", 1, 1)]))
        let a = try #require(reader.segment(SegmentKey([.text("A")])))
        let newest = try #require(try reader.newest(segment: a))
        #expect(newest.view.columns[0].value(at: newest.row) == .timestamp(3 * day - minute))
    }

    @Test func aViewThatRefusesTheColumnsIsAnError() throws {
        let reader = try #require(try SegmentReader<RefusingView>(hypertable: try loaded(.compressed)))
        let a = try #require(reader.segment(SegmentKey([.text("A")])))
        #expect(throws: HypertableError.invalidView(columns: ["ts"], table: "ticks")) { try reader.runs(segment: a, time: 0...day) }
        let rows = try #require(try SegmentReader<RefusingView>(hypertable: try loaded(.uncompressed)))
        let b = try #require(rows.segment(SegmentKey([.text("B")])))
        #expect(throws: HypertableError.invalidView(columns: ["ts"], table: "ticks")) { try rows.newest(segment: b) }
    }

    @Test func withoutSegmentColumnsThereIsNoReader() throws {
        let ht = try Hypertable(table: EngineFixtures.ticks, options: HypertableOptions(timeColumn: "ts", chunkInterval: day))
        #expect(try SegmentReader<TickView>(hypertable: ht) == nil)
        let narrow = TableDefinition(name: "narrow", columns: [ColumnDefinition("ts", .timestamptz, notNull: true), ColumnDefinition("symbol", .text)])
        let indexed = try Hypertable(table: narrow, options: HypertableOptions(timeColumn: "ts", indexedColumns: ["symbol"]))
        #expect(throws: HypertableError.unknownColumn(table: "narrow", column: "price")) { _ = try SegmentReader<TickView>(hypertable: indexed) }
    }
}
