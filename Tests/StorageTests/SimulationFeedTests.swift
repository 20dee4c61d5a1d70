import Foundation
import Schema
@testable import Storage
import Testing

/// The streamed replay (``CopyStream`` pieces into a ``SimulationFeed``) against the whole-read
/// replay (``CopyReader`` + ``Simulation/run``): same chunks, rows, batches, jobs and bytes.
@Suite struct SimulationFeedTests {
    static let day = EngineFixtures.day

    /// Ten days of minute rows for three symbols, written as COPY CSV to a scratch file.
    static func file(_ name: String, rows: RowSet) throws -> String {
        let path = FileManagerPaths.temporary(name)
        try CopyWriter(zone: .utc).write(rows, toPath: path)
        return path
    }

    static func simulation(compressAfter: Int32? = 2, retainDays: Int32? = nil) throws -> Simulation {
        var sim = Simulation(hypertable: try EngineFixtures.hypertable())
        if let compressAfter { try sim.addCompressionPolicy(after: PGInterval(months: 0, days: compressAfter, microseconds: 0)) }
        if let retainDays { try sim.addRetentionPolicy(dropAfter: PGInterval(months: 0, days: retainDays, microseconds: 0)) }
        return sim
    }

    static func streamed(_ path: String, into sim: Simulation, now: Int64? = nil, onConflict: ConflictAction = .error,
                         pieceBytes: Int, threshold: Int) throws -> (Simulation, Simulation.Summary) {
        let reader = CopyReader(table: EngineFixtures.ticks, zone: .utc, loadTime: 0, seed: 1)
        var stream = try #require(CopyStream.open(reader: reader, path: path, pieceBytes: pieceBytes))
        var feed = SimulationFeed(simulation: sim, now: now, onConflict: onConflict)
        feed.insertThreshold = threshold
        while let rows = try stream.next() { try feed.add(rows) }
        let summary = try feed.finish()
        return (feed.simulation, summary)
    }

    static func whole(_ path: String, into sim: Simulation, now: Int64? = nil, onConflict: ConflictAction = .error) throws -> (Simulation, Simulation.Summary) {
        let rows = try CopyReader(table: EngineFixtures.ticks, zone: .utc, loadTime: 0, seed: 1).read(path: path)
        var sim = sim
        let summary = try sim.run(rows, now: now, onConflict: onConflict)
        return (sim, summary)
    }

    /// Everything a report shows, and every stored row and batch.
    static func expectSame(_ a: Simulation, _ b: Simulation) throws {
        #expect(a.hypertable.chunkInformation() == b.hypertable.chunkInformation())
        #expect(a.jobs == b.jobs)
        #expect(a.clock.now == b.clock.now)
        #expect(a.hypertable.droppedChunkCount == b.hypertable.droppedChunkCount)
        #expect(a.hypertable.chunks.map(\.name) == b.hypertable.chunks.map(\.name))
        for (x, y) in zip(a.hypertable.chunks, b.hypertable.chunks) {
            #expect(x.rows == y.rows, "uncompressed rows of \(x.name)")
            #expect(x.batches == y.batches, "batches of \(x.name)")
            #expect(x.bytesBeforeCompression == y.bytesBeforeCompression)
        }
    }

    @Test(arguments: [(4096, 100), (1 << 16, 1 << 16), (333, 7)])
    func streamedEqualsWhole(pieceBytes: Int, threshold: Int) throws {
        let rows = EngineFixtures.minuteRows(start: 0, count: 3 * 1440 * 10)
        let path = try Self.file("feed-\(pieceBytes)", rows: rows)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for (compress, retain) in [(Int32(2), Int32?.none), (nil, nil), (1, 4)] {
            let (s, sSummary) = try Self.streamed(path, into: try Self.simulation(compressAfter: compress, retainDays: retain),
                                                  pieceBytes: pieceBytes, threshold: threshold)
            let (w, wSummary) = try Self.whole(path, into: try Self.simulation(compressAfter: compress, retainDays: retain))
            #expect(sSummary == wSummary)
            try Self.expectSame(s, w)
        }
    }

    @Test func streamedEqualsWholeWithNowAndConflicts() throws {
        // Every row twice (the second copy of a key is a conflict), in time order.
        let once = EngineFixtures.minuteRows(start: 0, count: 3 * 1440 * 3)
        let twice = once.gathering((0..<once.count).flatMap { [$0, $0] })
        let path = try Self.file("feed-dup", rows: twice)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let now = 9 * Self.day
        let (s, sSummary) = try Self.streamed(path, into: try Self.simulation(), now: now, onConflict: .nothing,
                                              pieceBytes: 5000, threshold: 50)
        let (w, wSummary) = try Self.whole(path, into: try Self.simulation(), now: now, onConflict: .nothing)
        #expect(sSummary == wSummary)
        #expect(sSummary.rowsSkipped == once.count)
        try Self.expectSame(s, w)
        // DO UPDATE: statements stay whole, so a key twice in one is refused in both replays.
        let update = ConflictAction.update(target: nil)
        #expect(throws: SimulationFeed.Failure.self) {
            _ = try Self.streamed(path, into: try Self.simulation(), onConflict: update, pieceBytes: 5000, threshold: 50)
        }
        #expect(throws: HypertableError.self) { _ = try Self.whole(path, into: try Self.simulation(), onConflict: update) }
    }

    @Test func rowsOutOfTimeOrderAreRefused() throws {
        let rows = EngineFixtures.minuteRows(start: 0, count: 3 * 1440 * 4)
        let path = try Self.file("feed-reversed", rows: rows.gathering(Array((0..<rows.count).reversed())))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: SimulationFeed.Failure.outOfOrder) {
            _ = try Self.streamed(path, into: try Self.simulation(), pieceBytes: 4096, threshold: 100)
        }
    }

    @Test func rowsShuffledWithinAPieceStillStream() throws {
        // Pairs of rows swapped: out of order only inside a piece, before any job needs them.
        let rows = EngineFixtures.minuteRows(start: 0, count: 3 * 1440 * 4)
        let swapped = rows.gathering((0..<rows.count).map { $0 % 2 == 0 ? min($0 + 1, rows.count - 1) : $0 - 1 })
        let path = try Self.file("feed-swapped", rows: swapped)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (s, sSummary) = try Self.streamed(path, into: try Self.simulation(), pieceBytes: 1 << 20, threshold: 1 << 20)
        let (w, wSummary) = try Self.whole(path, into: try Self.simulation())
        #expect(sSummary == wSummary)
        try Self.expectSame(s, w)
    }
}

/// ``CopyStream`` pieces put together are the whole read, for awkward CSV.
@Suite struct CopyStreamTests {
    static let table = TableDefinition(name: "notes", columns: [
        ColumnDefinition("id", .int8, notNull: true),
        ColumnDefinition("body", .text),
    ])

    /// Streams over these texts written to temporary files (removed afterwards).
    static func withStreams<T>(_ texts: [String], table: TableDefinition = table, pieceBytes: Int,
                               _ body: ([CopyStream]) throws -> T) throws -> T {
        let paths = texts.indices.map { FileManagerPaths.temporary("stream-\(pieceBytes)-\($0)-\(texts[$0].utf8.count)") }
        for (path, text) in zip(paths, texts) { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
        defer { for p in paths { try? FileManager.default.removeItem(atPath: p) } }
        return try body(try paths.map { try #require(CopyStream.open(reader: CopyReader(table: table), path: $0, pieceBytes: pieceBytes)) })
    }

    /// Every row set `next` gives until nil, joined.
    static func collected(_ table: TableDefinition = table, _ next: () throws -> RowSet?) throws -> RowSet {
        var all = RowSet(table: table)
        while let rows = try next() { all.append(contentsOf: rows) }
        return all
    }

    static func pieces(_ text: String, pieceBytes: Int) throws -> RowSet {
        try withStreams([text], pieceBytes: pieceBytes) { streams in
            var stream = streams[0]
            return try collected { try stream.next() }
        }
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func piecesEqualWholeRead(ending: String) throws {
        var text = "id,body" + ending
        for i in 0..<400 {
            text += "\(i),\(EngineFixtures.quotedCSVField(i, ending: ending))" + ending
        }
        let whole = try CopyReader(table: Self.table).read(string: text)
        #expect(whole.count == 400)
        for size in [16, 100, 4097] {
            let streamed = try Self.pieces(text, pieceBytes: size)
            #expect(streamed == whole, "piece size \(size)")
        }
    }

    @Test func pipelineGivesTheStreamsPiecesInOrder() throws {
        var paths: [String] = []
        var expected = RowSet(table: Self.table)
        for f in 0..<3 {
            var text = "body,id\n"
            for i in 0..<500 { text += "\"r\n\(f)-\(i)\",\(f * 1000 + i)\n" }
            let path = FileManagerPaths.temporary("pipeline-\(f)")
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            paths.append(path)
            expected.append(contentsOf: try CopyReader(table: Self.table).read(string: text))
        }
        defer { for p in paths { try? FileManager.default.removeItem(atPath: p) } }
        let streams = try paths.map { try #require(CopyStream.open(reader: CopyReader(table: Self.table), path: $0, pieceBytes: 300)) }
        let pipeline = CopyPipeline(streams: streams)
        var all = RowSet(table: Self.table)
        while let rows = try pipeline.next() { all.append(contentsOf: rows) }
        #expect(all == expected)
        #expect(try pipeline.next() == nil)
    }

    @Test func endMarkerStopsTheStream() throws {
        var text = "id,body\n"
        for i in 0..<300 { text += "\(i),row \(i)\n" }
        text += "\\.\nnot,data,at,all\n"
        for i in 0..<300 { text += "\(i),after\n" }
        let streamed = try Self.pieces(text, pieceBytes: 64)
        #expect(streamed.count == 300)
        #expect(streamed == (try CopyReader(table: Self.table).read(string: text)))
    }

    @Test func errorsNameTheFilesLine() throws {
        var text = "id,body\n"
        for i in 0..<300 { text += "\(i),\"multi\nline\"\n" }
        text += "oops,x\n"
        let path = FileManagerPaths.temporary("stream-error")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = #expect(throws: CopyError.self) { _ = try CopyReader(table: Self.table).read(path: path) }
        var stream = try #require(CopyStream.open(reader: CopyReader(table: Self.table), path: path, pieceBytes: 100))
        var streamed: CopyError?
        do { while try stream.next() != nil {} } catch { streamed = error }
        #expect(whole?.line == 602)
        #expect(streamed != nil)
        #expect(streamed == whole)
    }

    /// Every row a pipeline over these files gives, in order.
    static func piped(_ texts: [String], table: TableDefinition = table, pieceBytes: Int = 4_096) throws -> RowSet {
        try withStreams(texts, table: table, pieceBytes: pieceBytes) { streams in
            let pipeline = CopyPipeline(streams: streams)
            defer { pipeline.cancel() }
            return try collected(table) { try pipeline.next() }
        }
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func pipelinePiecesParsedOutOfOrderEqualTheWholeRead(ending: String) throws {
        // Many pieces, quoted fields spanning lines: later pieces are parsed on other threads from
        // line 1 and put back in order.
        var text = "id,body" + ending
        for i in 0..<3_000 { text += "\(i),\(EngineFixtures.quotedCSVField(i, ending: ending))" + ending }
        let whole = try CopyReader(table: Self.table).read(string: text)
        #expect(try Self.piped([text]) == whole)
    }

    @Test func aPipelineErrorNamesTheLineTheWholeReadNames() throws {
        var text = "id,body\n"
        for i in 0..<3_000 { text += "\(i),\"multi\nline \(i)\"\n" }
        text += "oops,x\n"
        for i in 0..<500 { text += "\(i),after\n" }
        let whole = #expect(throws: CopyError.self) { _ = try CopyReader(table: Self.table).read(string: text) }
        let piped = #expect(throws: CopyError.self) { _ = try Self.piped([text]) }
        #expect(whole?.line == 6_002)
        #expect(piped?.line == whole?.line && piped?.field == whole?.field && piped?.kind == whole?.kind)
    }

    @Test func anEndMarkerEndsItsFileAndTheNextFileIsRead() throws {
        var first = "id,body\n"
        for i in 0..<2_000 { first += "\(i),row \(i)\n" }
        first += "\\.\nnot,data,at,all\n"
        for i in 0..<2_000 { first += "x\(i),after the marker\n" }
        var second = "body,id\n"
        for i in 0..<2_000 { second += "second \(i),\(i)\n" }
        var expected = try CopyReader(table: Self.table).read(string: first)
        #expect(expected.count == 2_000)
        expected.append(contentsOf: try CopyReader(table: Self.table).read(string: second))
        #expect(try Self.piped([first, second]) == expected)
    }

    @Test func omittedDefaultsThatCountRowsArePipedInOrder() throws {
        let table = TableDefinition(name: "t", columns: [ColumnDefinition("uid", .uuid, default: .randomUUID), ColumnDefinition("body", .text)])
        var text = "body\n"
        for i in 0..<3_000 { text += "row \(i)\n" }
        let whole = try CopyReader(table: table).read(string: text)
        #expect(try Self.piped([text], table: table) == whole)
    }
}
