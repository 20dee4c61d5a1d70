import Testing
import Schema
@testable import Storage

@Suite struct PolicyTests {
    let day = EngineFixtures.day
    let hour = EngineFixtures.hour
    let oneDay = PGInterval(days: 1)

    func twoChunks() throws -> Hypertable {
        var ht = try EngineFixtures.hypertable()
        try ht.insert(EngineFixtures.rows([(5, "A", 1, 1), (day + 5, "A", 1, 1)]))
        return ht
    }

    @Test func aChunkEndingExactlyAtTheCutoffIsCompressed() throws {
        var ht = try twoChunks()
        var job = PolicyJob(id: 1000, kind: .compression, after: oneDay, scheduleInterval: hour, nextStart: 0)
        #expect(try job.run(on: &ht, now: 2 * day, zone: .utc) == ["_hyper_1_1_chunk"])
        #expect(job.chunksAffected == 1 && job.runs == 1)
    }

    @Test func aChunkEndingOneMicrosecondAfterTheCutoffIsNot() throws {
        var ht = try twoChunks()
        var job = PolicyJob(id: 1000, kind: .compression, after: oneDay, scheduleInterval: hour, nextStart: 0)
        #expect(try job.run(on: &ht, now: 2 * day - 1, zone: .utc) == [])
        #expect(job.runs == 1 && job.chunksAffected == 0)
    }

    @Test func retentionDropsAtTheCutoffAndNotBefore() throws {
        var ht = try twoChunks()
        var job = PolicyJob(id: 1001, kind: .retention, after: oneDay, scheduleInterval: day, nextStart: 0)
        #expect(try job.run(on: &ht, now: 2 * day - 1, zone: .utc) == [])
        #expect(try job.run(on: &ht, now: 2 * day, zone: .utc) == ["_hyper_1_1_chunk"])
        #expect(ht.chunks.map(\.name) == ["_hyper_1_2_chunk"])
        #expect(ht.droppedChunkCount == 1)
    }

    @Test func compressionSkipsCompressedChunksButRecompressesPartialOnes() throws {
        var ht = try twoChunks()
        var job = PolicyJob(id: 1000, kind: .compression, after: oneDay, scheduleInterval: hour, nextStart: 0)
        try job.run(on: &ht, now: 2 * day, zone: .utc)
        #expect(try job.run(on: &ht, now: 2 * day + hour, zone: .utc) == [])
        try ht.insert(EngineFixtures.rows([(7, "B", 1, 1)]))
        #expect(try job.run(on: &ht, now: 2 * day + 2 * hour, zone: .utc) == ["_hyper_1_1_chunk"])
        #expect(ht.chunk(named: "_hyper_1_1_chunk")?.isPartial == false)
    }

    @Test func defaultSchedulesFollowTimescaleDB() {
        #expect(PolicyJob.defaultCompressionSchedule(chunkInterval: day, timeType: .timestamptz) == 12 * hour)
        #expect(PolicyJob.defaultCompressionSchedule(chunkInterval: 7 * day, timeType: .timestamptz) == 12 * hour)
        #expect(PolicyJob.defaultCompressionSchedule(chunkInterval: 12 * hour, timeType: .timestamptz) == 6 * hour)
        #expect(PolicyJob.defaultCompressionSchedule(chunkInterval: 100_000, timeType: .int8) == day)
        #expect(PolicyJob.defaultRetentionSchedule == day)
    }

    @Test func simulationRunsJobsWhenDueWhileIngesting() throws {
        var sim = Simulation(hypertable: try EngineFixtures.hypertable())
        try sim.addCompressionPolicy(after: PGInterval(days: 2))
        try sim.addRetentionPolicy(dropAfter: PGInterval(days: 5))
        // Ten days of minute rows for three symbols, fed in reverse to prove the time ordering.
        let rows = EngineFixtures.minuteRows(start: 0, count: 10 * 1440 * 3)
        let summary = try sim.run(rows.gathering(Array((0..<rows.count).reversed())))
        let lastTime = 10 * day - 60_000_000
        #expect(summary.finalTime == lastTime)
        #expect(summary.rowsInserted == rows.count)
        // Runs every 12 h from t = 0 through the last row's time: 0, 12 h, …, 9 d 12 h.
        #expect(sim.jobs[0].runs == 20)
        // Retention at 9 d (last daily run ≤ now) with cutoff 4 d drops days 0–3.
        #expect(sim.jobs[1].runs == 10)
        #expect(sim.hypertable.droppedChunkCount == 4)
        #expect(sim.hypertable.chunks.map(\.timeRange.start) == (4..<10).map { Int64($0) * day })
        // The last compression run at 9 d 12 h has cutoff 7 d 12 h: days 4–6 compressed, 7–9 not.
        #expect(sim.hypertable.chunks.map(\.isCompressed) == [true, true, true, false, false, false])
        #expect(sim.jobs[0].chunksAffected == 7)
        #expect(sim.jobs[1].chunksAffected == 4)
    }

    @Test func rowsArrivingForADroppedRangeCreateANewChunk() throws {
        var ht = try twoChunks()
        ht.dropChunks(olderThan: day)
        try ht.insert(EngineFixtures.rows([(6, "A", 1, 1)]))
        #expect(ht.chunks.map(\.name) == ["_hyper_1_2_chunk", "_hyper_1_3_chunk"])
    }
}

@Suite struct SimulationEdgeTests {
    @Test func noRowsAndNoNowRunsNothing() throws {
        var sim = Simulation(hypertable: try EngineFixtures.hypertable())
        try sim.addCompressionPolicy(after: PGInterval(days: 7))
        _ = try sim.run(RowSet(table: EngineFixtures.ticks))
        #expect(sim.jobs[0].runs == 0)
    }

    @Test func anAbsurdIntervalMakesNothingEligibleInsteadOfOverflowing() throws {
        var ht = try EngineFixtures.hypertable()
        try ht.insert(EngineFixtures.rows([(0, "A", 1, 1)]))
        var job = PolicyJob(id: 1000, kind: .retention, after: PGInterval(months: Int32.max), scheduleInterval: 1, nextStart: 0)
        #expect(try job.run(on: &ht, now: EngineFixtures.day * 10, zone: .utc) == [])
        #expect(ht.chunks.count == 1)
    }
}
