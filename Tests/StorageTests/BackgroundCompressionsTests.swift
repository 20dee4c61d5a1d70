import Foundation
import Synchronization
import Schema
@testable import Storage
import Testing

/// The compression policy's encoding on a thread of its own (``BackgroundCompressions``) against
/// every compression done in place at once: the same hypertable, jobs and summary.
@Suite struct BackgroundCompressionsTests {
    static let day = EngineFixtures.day

    static func simulation(compressAfter days: Int32?, retainDays: Int32? = nil, inBackground: Bool,
                           schedule: Int64? = nil) throws -> Simulation {
        var sim = Simulation(hypertable: try EngineFixtures.hypertable())
        sim.compressesInBackground = inBackground
        if let days { try sim.addCompressionPolicy(after: PGInterval(months: 0, days: days, microseconds: 0), schedule: schedule) }
        if let retainDays { try sim.addRetentionPolicy(dropAfter: PGInterval(months: 0, days: retainDays, microseconds: 0)) }
        return sim
    }

    /// Rows of `days` days, three symbols a minute, in the order `order` gives.
    static func rows(days: Int, order: (Int) -> [Int] = { Array(0..<$0) }) -> RowSet {
        let rows = EngineFixtures.minuteRows(start: 0, count: 3 * 1440 * days)
        return rows.gathering(order(rows.count))
    }

    /// Runs both ways through ``Simulation/run`` and expects the same outcome.
    static func expectSameRun(_ rows: RowSet, compressAfter: Int32?, retainDays: Int32? = nil, now: Int64? = nil,
                              onConflict: ConflictAction = .error, schedule: Int64? = nil) throws {
        var inPlace = try simulation(compressAfter: compressAfter, retainDays: retainDays, inBackground: false, schedule: schedule)
        var background = try simulation(compressAfter: compressAfter, retainDays: retainDays, inBackground: true, schedule: schedule)
        let a = try inPlace.run(rows, now: now, onConflict: onConflict)
        let b = try background.run(rows, now: now, onConflict: onConflict)
        #expect(a == b)
        try SimulationFeedTests.expectSame(background, inPlace)
        #expect(background.hypertable.chunks.contains { $0.isCompressed } == (compressAfter != nil))
    }

    @Test func policiesGiveTheSameHypertable() throws {
        let rows = Self.rows(days: 12)
        try Self.expectSameRun(rows, compressAfter: 2)
        try Self.expectSameRun(rows, compressAfter: 1, retainDays: 5)
        try Self.expectSameRun(rows, compressAfter: 3, now: 20 * Self.day)
        // A schedule of an hour: many compressions start while earlier ones still run.
        try Self.expectSameRun(rows, compressAfter: 0, schedule: 3_600_000_000)
    }

    @Test func rowsLandingInAChunkBeingCompressed() throws {
        // A negative `compress_after` compresses the chunk rows are still arriving in: each later
        // statement lands in a chunk whose compression started, which must be put back first,
        // and the next run recompresses the partial chunk.
        var sim = try Self.simulation(compressAfter: nil, inBackground: true)
        try sim.addCompressionPolicy(after: PGInterval(months: 0, days: -1, microseconds: 0), schedule: 4 * 3_600_000_000)
        var oracle = sim
        oracle.compressesInBackground = false
        let rows = Self.rows(days: 6)
        let a = try oracle.run(rows)
        let b = try sim.run(rows)
        #expect(a == b)
        try SimulationFeedTests.expectSame(sim, oracle)
        #expect(sim.hypertable.chunks.contains { $0.isPartial })
    }

    @Test func rowsOutOfOrderAndConflicts() throws {
        // Reversed input is sorted before the replay; every key twice skips the second copies.
        try Self.expectSameRun(Self.rows(days: 8) { Array((0..<$0).reversed()) }, compressAfter: 2)
        let twice = Self.rows(days: 5) { n in (0..<n).flatMap { [$0, $0] } }
        try Self.expectSameRun(twice, compressAfter: 1, retainDays: 4, onConflict: .nothing)
    }

    @Test func theFeedGivesTheSameHypertable() throws {
        let rows = Self.rows(days: 10)
        let path = try SimulationFeedTests.file("background-feed", rows: rows)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for (compress, retain) in [(Int32(2), Int32?.none), (1, 4), (-1, nil)] {
            let (b, bSummary) = try SimulationFeedTests.streamed(
                path, into: try Self.simulation(compressAfter: compress, retainDays: retain, inBackground: true),
                pieceBytes: 3000, threshold: 40)
            let (a, aSummary) = try SimulationFeedTests.streamed(
                path, into: try Self.simulation(compressAfter: compress, retainDays: retain, inBackground: false),
                pieceBytes: 3000, threshold: 40)
            #expect(aSummary == bSummary)
            try SimulationFeedTests.expectSame(b, a)
        }
    }

    @Test func startedCompressionsCountAsCompressedUntilSettled() throws {
        var ht = try EngineFixtures.hypertable()
        _ = try ht.insert(EngineFixtures.minuteRows(start: 0, count: 3 * 1440 * 6))
        var oracle = ht
        for chunk in oracle.chunks { try oracle.compressChunk(named: chunk.name) }
        var compressions = BackgroundCompressions()
        let names = ht.chunks.map(\.name)
        for name in names { #expect(try compressions.start(name, of: &ht)) }
        // Started once: a second start is not a change, as compressing a compressed chunk is not.
        #expect(try compressions.start(names[names.count - 1], of: &ht) == false)
        #expect(compressions.tickets.count <= BackgroundCompressions.limit)
        #expect(compressions.isCompressing(names[names.count - 1]))
        #expect(compressions.mayHold(time: 5 * Self.day))
        #expect(!compressions.mayHold(time: 6 * Self.day))
        let job = PolicyJob(id: 1000, kind: .compression, after: PGInterval(days: 0), scheduleInterval: Self.day, nextStart: 0)
        #expect(job.firstCandidateEnd(ht, compressing: compressions) == nil)
        try compressions.settle(into: &ht)
        #expect(compressions.isEmpty)
        #expect(ht.chunks.allSatisfy { $0.isCompressed && $0.rows.count == 0 })
        for (x, y) in zip(ht.chunks, oracle.chunks) {
            #expect(x.batches == y.batches)
            #expect(x.bytesBeforeCompression == y.bytesBeforeCompression)
        }
    }

    @Test func aCompressionNoThreadStartedRunsWhereItIsNeeded() throws {
        // The queue never runs anything: settling must do every encoding itself, not wait.
        let stalled = DispatchQueue(label: "stalled")
        stalled.suspend()
        defer { stalled.resume() }
        var ht = try EngineFixtures.hypertable()
        _ = try ht.insert(EngineFixtures.minuteRows(start: 0, count: 3 * 1440 * 3))
        var oracle = ht
        for chunk in oracle.chunks { try oracle.compressChunk(named: chunk.name) }
        var compressions = BackgroundCompressions(queue: stalled)
        for chunk in ht.chunks { #expect(try compressions.start(chunk.name, of: &ht)) }
        try compressions.installFinished(into: &ht)
        #expect(!compressions.isEmpty)
        try compressions.settle(into: &ht)
        for (x, y) in zip(ht.chunks, oracle.chunks) { #expect(x.batches == y.batches) }
    }

    @Test func replaysOnEveryThreadOfABusyPoolFinish() throws {
        // More replays than cores, each waiting on its compressions from a pool thread.
        let rows = Self.rows(days: 6)
        var expected = try Self.simulation(compressAfter: 1, inBackground: false)
        _ = try expected.run(rows)
        let want = expected.hypertable.chunks.map(\.batches)
        let got = Mutex<[[[CompressedBatch]]]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            guard var sim = try? Self.simulation(compressAfter: 1, inBackground: true), (try? sim.run(rows)) != nil else { return }
            let batches = sim.hypertable.chunks.map(\.batches)
            got.withLock { $0.append(batches) }
        }
        let all = got.withLock { $0 }
        #expect(all.count == 8)
        for batches in all { #expect(batches == want) }
    }

    @Test func aChunkChangedMeanwhileIsCompressedFromWhatItHolds() throws {
        var ht = try EngineFixtures.hypertable()
        _ = try ht.insert(EngineFixtures.minuteRows(start: 0, count: 3 * 1440))
        let name = ht.chunks[0].name
        let work = try #require(try ht.compressionWork(forChunk: name))
        // More rows reach the chunk after its rows were read out.
        _ = try ht.insert(EngineFixtures.minuteRows(start: 30_000_000, count: 30, symbols: ["D"]))
        var oracle = ht
        try oracle.compressChunk(named: name)
        #expect(try ht.install(work.run()))
        #expect(ht.chunks[0].batches == oracle.chunks[0].batches)
        #expect(ht.chunks[0].rowCount == 3 * 1440 + 30)
        // A chunk dropped meanwhile is not brought back.
        var dropped = try EngineFixtures.hypertable()
        _ = try dropped.insert(EngineFixtures.minuteRows(start: 0, count: 300))
        let gone = try #require(try dropped.compressionWork(forChunk: dropped.chunks[0].name))
        _ = dropped.dropChunks(olderThan: Self.day)
        #expect(try dropped.install(gone.run()) == false)
        #expect(dropped.chunks.isEmpty)
    }
}
