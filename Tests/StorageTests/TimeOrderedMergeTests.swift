import Foundation
import Schema
@testable import Storage
import Testing

/// ``TimeOrderedMerge`` gives the whole read's stable order by time, and the multi-file streamed
/// replay gives the whole read's simulation, whatever order the files come in.
@Suite struct TimeOrderedMergeTests {
    static let day = EngineFixtures.day
    static let table = TableDefinition(name: "events", columns: [
        ColumnDefinition("t", .int8, notNull: true),
        ColumnDefinition("tag", .int8),
    ])

    /// Rows `(t, tag)` as pieces of the sizes given (the last piece takes the rest).
    static func pieces(_ values: [(Int64, Int64)], sizes: [Int]) -> [RowSet] {
        var out: [RowSet] = []
        var i = 0
        for (k, size) in sizes.enumerated() where i < values.count {
            let n = k == sizes.count - 1 ? values.count - i : min(size, values.count - i)
            var set = RowSet(table: table)
            for (t, tag) in values[i..<(i + n)] { set.append(row: [.int(t), .int(tag)]) }
            out.append(set)
            i += n
        }
        return out
    }

    static func merged(_ inputs: [[RowSet]]) throws -> [RowSet] {
        var queues = inputs
        var merge = TimeOrderedMerge(inputs: inputs.indices.map { k in { queues[k].isEmpty ? nil : queues[k].removeFirst() } },
                                     timeColumn: 0, times: { column in (0..<column.count).map { Self.int(column.value(at: $0)) } })
        var out: [RowSet] = []
        while let rows = try merge.next() { out.append(rows) }
        return out
    }

    static func int(_ value: Value) -> Int64 {
        if case .int(let v) = value { return v }
        return -1
    }

    static func pairs(_ rows: RowSet) -> [(Int64, Int64)] {
        (0..<rows.count).map { (Self.int(rows.columns[0].value(at: $0)), Self.int(rows.columns[1].value(at: $0))) }
    }

    /// Stable by time: what ``Simulation/run`` does to the concatenation.
    static func stableSorted(_ values: [(Int64, Int64)]) -> [(Int64, Int64)] {
        values.indices.sorted { values[$0].0 != values[$1].0 ? values[$0].0 < values[$1].0 : $0 < $1 }.map { values[$0] }
    }

    @Test(arguments: 0..<40)
    func mergedOrderIsTheStableSortOfTheConcatenation(seed: UInt64) throws {
        var random = SeededRandom(seed: seed &+ 7)
        func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        let files = 1 + below(5)
        var inputs: [[RowSet]] = []
        var all: [(Int64, Int64)] = []
        for f in 0..<files {
            // Sorted times with many ties, across and within files; tags name the file and row.
            var t = Int64(below(20))
            let values = (0..<below(60)).map { r -> (Int64, Int64) in
                t += Int64(below(3))
                return (t, Int64(f * 1000 + r))
            }
            all += values
            inputs.append(Self.pieces(values, sizes: (0..<8).map { _ in 1 + below(12) }))
        }
        let batches = try Self.merged(inputs)
        // Each batch, stably sorted (as the feed sorts what it is given), continues the merged order.
        let got = batches.flatMap { Self.stableSorted(Self.pairs($0)) }
        let want = Self.stableSorted(all)
        #expect(got.map(\.0) == want.map(\.0))
        #expect(got.map(\.1) == want.map(\.1))
    }

    @Test func aFileThatGoesBackAfterItsRowsWereHandedOnIsOutOfOrder() throws {
        let first = Self.pieces([(1, 0), (2, 1), (0, 2)], sizes: [2, 1])
        let second = Self.pieces([(5, 100)], sizes: [1])
        #expect(throws: SimulationFeed.Failure.outOfOrder) { _ = try Self.merged([first, second]) }
        // A step back into what another file already handed on.
        let a = Self.pieces([(1, 0), (5, 1), (2, 2)], sizes: [2, 1])
        let b = Self.pieces([(2, 100), (9, 101)], sizes: [1, 1])
        #expect(throws: SimulationFeed.Failure.outOfOrder) { _ = try Self.merged([a, b]) }
    }

    @Test func rowsOutOfOrderInsideAPieceThatIsNotHandedOnYetAreSorted() throws {
        let a = Self.pieces([(3, 0), (1, 1), (2, 2), (8, 3)], sizes: [4])
        let b = Self.pieces([(2, 100), (9, 101)], sizes: [1, 1])
        let got = try Self.merged([a, b]).flatMap { Self.stableSorted(Self.pairs($0)) }
        #expect(got.map(\.1) == [1, 2, 100, 0, 3, 101])
    }

    @Test func aNullTimeIsRefused() throws {
        var rows = RowSet(table: Self.table)
        rows.append(row: [.null, .int(1)])
        #expect(throws: SimulationFeed.Failure.refusedRow) { _ = try Self.merged([[rows], Self.pieces([(1, 2)], sizes: [1])]) }
    }

    // MARK: Files

    static func write(_ rows: RowSet, _ name: String) throws -> String {
        let path = FileManagerPaths.temporary(name)
        try CopyWriter(zone: .utc).write(rows, toPath: path)
        return path
    }

    static func streamed(_ paths: [String], into sim: Simulation, now: Int64? = nil) -> (Simulation, Simulation.Summary)? {
        let reader = CopyReader(table: EngineFixtures.ticks, zone: .utc, loadTime: 0, seed: 1)
        return SimulationFeed.streamed(paths: paths, reader: reader, simulation: sim, now: now).map { ($0.simulation, $0.summary) }
    }

    /// `simulate`'s whole read: each file with its position's reader, concatenated, replayed at once.
    static func whole(_ paths: [String], into sim: Simulation, now: Int64? = nil) throws -> (Simulation, Simulation.Summary) {
        let reader = CopyReader(table: EngineFixtures.ticks, zone: .utc, loadTime: 0, seed: 1)
        var rows = RowSet(table: EngineFixtures.ticks)
        for (k, path) in paths.enumerated() { rows.append(contentsOf: try reader.continuing(file: k, after: rows.count).read(path: path)) }
        var sim = sim
        let summary = try sim.run(rows, now: now)
        return (sim, summary)
    }

    /// Ten days of minute rows split into files three ways: by period (given newest first), by
    /// symbol (each file the whole span), and 20 files by symbol and period (more files than get a
    /// pipeline each); with compression, retention and none.
    @Test(arguments: ["periods", "symbols", "many"])
    func filesGivenInAnyOrderStreamAsTheWholeReadReplays(split: String) throws {
        let symbols = ["A", "B", "C", "D", "E"]
        let rows = EngineFixtures.minuteRows(start: 0, count: symbols.count * 1440 * 10, symbols: symbols)
        let times = (0..<rows.count).map { rows.columns[0].value(at: $0) }
        let names = (0..<rows.count).map { rows.columns[1].value(at: $0) }
        var groups: [[Int]]
        switch split {
        case "periods":
            groups = (0..<3).reversed().map { p in (0..<rows.count).filter { r in
                guard case .timestamp(let t) = times[r] else { return false }
                return Int(t / (4 * Self.day)) == p
            } }
        case "symbols":
            groups = symbols.map { s in (0..<rows.count).filter { names[$0] == .text(s) } }
        default:
            groups = (0..<20).map { g in (0..<rows.count).filter { r in
                guard case .timestamp(let t) = times[r], case .text(let s) = names[r] else { return false }
                return (symbols.firstIndex(of: s)! * 4 + Int(t / (3 * Self.day))) == g
            } }
        }
        let paths = try groups.enumerated().map { try Self.write(rows.gathering($0.element), "merge-\(split)-\($0.offset)") }
        defer { for p in paths { try? FileManager.default.removeItem(atPath: p) } }
        for (compress, retain) in [(Int32(2), Int32?.none), (nil, nil), (1, 4)] {
            let (s, sSummary) = try #require(Self.streamed(paths, into: try SimulationFeedTests.simulation(compressAfter: compress, retainDays: retain)))
            let (w, wSummary) = try Self.whole(paths, into: try SimulationFeedTests.simulation(compressAfter: compress, retainDays: retain))
            #expect(sSummary == wSummary)
            try SimulationFeedTests.expectSame(s, w)
        }
    }

    /// Two exports that overlap by a day, the second with other volumes, under `ON CONFLICT DO
    /// UPDATE`: each file is its own statements, so the second file's rows replace the first's
    /// (they failed as a second update in one statement); streamed and whole reads agree; a key
    /// repeated inside one file still cannot be updated twice.
    @Test func overlappingFilesUnderDoUpdateTakeTheLaterFilesRows() throws {
        let all = EngineFixtures.minuteRows(start: 0, count: 3 * 1440 * 4)
        let first = all.rows(0..<(3 * 1440 * 3)), overlap = 3 * 1440
        var second = all.rows((3 * 1440 * 2)..<all.count)
        second = RowSet(table: second.table, columns: second.columns.enumerated().map { c, column in
            c == 3 ? ColumnVector(type: .int8, storage: .int64((0..<second.count).map { Int64(5_000 + $0) })) : column
        })
        let a = try Self.write(first, "upsert-a"), b = try Self.write(second, "upsert-b")
        defer { for p in [a, b] { try? FileManager.default.removeItem(atPath: p) } }
        let reader = CopyReader(table: EngineFixtures.ticks, zone: .utc, loadTime: 0, seed: 1)
        for compress in [Int32(1), nil] {
            let fed = try #require(SimulationFeed.streamed(paths: [a, b], reader: reader, simulation: try SimulationFeedTests.simulation(compressAfter: compress),
                                                           now: nil, onConflict: .update()))
            var rows = try reader.continuing(file: 0, after: 0).read(path: a)
            rows.append(contentsOf: try reader.continuing(file: 1, after: rows.count).read(path: b))
            var whole = try SimulationFeedTests.simulation(compressAfter: compress)
            let statements = (0..<rows.count).map { Int32($0 < first.count ? 0 : 1) }
            let summary = try whole.run(rows, onConflict: .update(), statements: statements)
            #expect(fed.summary == summary)
            #expect(summary.rowsInserted == all.count)
            try SimulationFeedTests.expectSame(fed.simulation, whole)
            // Every row of the overlapping day carries the second file's volume.
            let h = whole.hypertable
            let stored = try h.chunks.flatMap { chunk in
                let rows = try #require(try h.rows(ofChunk: chunk.name))
                return (0..<rows.count).map { rows.row($0) }
            }
            let volumes = stored.filter { if case .timestamp(let t) = $0[0] { return t >= 2 * Self.day && t < 3 * Self.day } else { return false } }
                .map { row -> Int64 in if case .int(let v) = row[3] { return v } else { return -1 } }
            #expect(volumes.count == overlap && volumes.allSatisfy { $0 >= 5_000 })
        }
        // One file holding a key twice: one statement, as on the server.
        var twice = first
        twice.append(contentsOf: first.rows(0..<1))
        var sim = try SimulationFeedTests.simulation(compressAfter: nil)
        #expect(throws: HypertableError.self) { _ = try sim.run(twice, onConflict: .update(), statements: Array(repeating: 0, count: twice.count)) }
    }

    @Test func filesThatAreNotEachInTimeOrderFallBackToTheWholeRead() throws {
        // Newest first, over several pieces (the file is a few MiB); the other file has other symbols.
        let rows = EngineFixtures.minuteRows(start: 0, count: 3 * 1440 * 30)
        let reversed = rows.gathering(Array((0..<rows.count).reversed()))
        let other = EngineFixtures.minuteRows(start: 0, count: 2 * 1440 * 2, symbols: ["X", "Y"])
        let a = try Self.write(reversed, "merge-reversed-a"), b = try Self.write(other, "merge-reversed-b")
        defer { for p in [a, b] { try? FileManager.default.removeItem(atPath: p) } }
        #expect(try FileManager.default.attributesOfItem(atPath: a)[.size] as? Int ?? 0 > 2 << 20)
        #expect(Self.streamed([a, b], into: try SimulationFeedTests.simulation()) == nil)
        // The same files in time order stream, and the whole read takes them as they are.
        let c = try Self.write(rows, "merge-ordered-a")
        defer { try? FileManager.default.removeItem(atPath: c) }
        #expect(Self.streamed([c, b], into: try SimulationFeedTests.simulation()) != nil)
        _ = try Self.whole([a, b], into: try SimulationFeedTests.simulation())
    }

    @Test func anOmittedSerialColumnAcrossFilesIsReadWhole() throws {
        let table = TableDefinition(name: "ticks", columns: [
            ColumnDefinition("n", .int8, notNull: true, default: .sequence),
            ColumnDefinition("ts", .timestamptz, notNull: true),
        ])
        let a = FileManagerPaths.temporary("merge-serial-a"), b = FileManagerPaths.temporary("merge-serial-b")
        try "ts\n2024-01-01 00:00:00+00\n".write(toFile: a, atomically: true, encoding: .utf8)
        try "ts\n2024-01-02 00:00:00+00\n".write(toFile: b, atomically: true, encoding: .utf8)
        defer { for p in [a, b] { try? FileManager.default.removeItem(atPath: p) } }
        let ht = try Hypertable(table: table, options: HypertableOptions(timeColumn: "ts", chunkInterval: Self.day))
        let reader = CopyReader(table: table, zone: .utc, loadTime: 0, seed: 1)
        // The second file's value is 2 after the first file's row: only the whole read knows it.
        #expect(SimulationFeed.streamed(paths: [a, b], reader: reader, simulation: Simulation(hypertable: ht), now: nil) == nil)
        #expect(SimulationFeed.streamed(paths: [a], reader: reader, simulation: Simulation(hypertable: ht), now: nil) != nil)
    }

    @Test func piecesAreSmallForSmallFilesAndShareABudgetAcrossManyFiles() {
        #expect(SimulationFeed.pieceBytes(fileSize: 3 << 20, files: 1) == 512 << 10)
        #expect(SimulationFeed.pieceBytes(fileSize: 40 << 20, files: 1) == 640 << 10)
        #expect(SimulationFeed.pieceBytes(fileSize: 200 << 20, files: 1) == 3200 << 10)
        #expect(SimulationFeed.pieceBytes(fileSize: 1 << 30, files: 1) == 8 << 20)
        #expect(SimulationFeed.pieceBytes(fileSize: 1 << 30, files: 32) == 2 << 20)
        #expect(SimulationFeed.pieceBytes(fileSize: 1 << 30, files: 1000) == 256 << 10)
    }
}
