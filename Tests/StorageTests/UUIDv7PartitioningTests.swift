import Testing
import Schema
@testable import Storage

/// A hypertable partitioned by a UUID column (TimescaleDB 2.23+): rows go to the chunk of the
/// time their UUIDv7 carries. Expectations from TimescaleDB's own test (test/expected/uuid.out).
@Suite struct UUIDv7PartitioningTests {
    static let events = TableDefinition(
        name: "uuid_events",
        columns: [ColumnDefinition("id", .uuid, notNull: true), ColumnDefinition("device", .int4), ColumnDefinition("temp", .float8)],
        indexes: [IndexDefinition(name: "uuid_events_pkey", table: "uuid_events", keys: [.init(column: "id")],
                                  unique: true, origin: .primaryKey)])

    static func rows(_ ids: [String]) throws -> RowSet {
        var set = RowSet(table: events)
        for (k, id) in ids.enumerated() {
            set.append(row: [.uuid(try PGUUID.parse(id)), .int(Int64(k + 1)), .float(Double(k + 1))])
        }
        return set
    }

    static func hypertable(interval: Int64 = EngineFixtures.day) throws -> Hypertable {
        try Hypertable(table: events, options: HypertableOptions(timeColumn: "id", chunkInterval: interval))
    }

    @Test func versionAndTimeAreReadAsTimescaleDBReadsThem() throws {
        let first = try PGUUID.parse("00000000-0000-7000-8000-000000000000")
        #expect(first.isVersion7 && first.version7InternalTime == 0)
        let jan1 = try PGUUID.parse("01942117-de80-7000-8121-f12b2b69dd96")  // 2025-01-01 01:00 PST
        let nine = try PGTimestamp.parse("2025-01-01 09:00:00+00")
        #expect(jan1.isVersion7 && jan1.version7InternalTime == nine)
        let v4 = try PGUUID.parse("a8961135-cd89-4c4b-aa05-79df642407dd")
        let variant0 = try PGUUID.parse("a8961135-cd89-7000-0a05-79df642407dd")
        let v7 = try PGUUID.parse("a8961135-cd89-7000-aa05-79df642407dd")
        #expect(!v4.isVersion7 && !variant0.isVersion7 && v7.isVersion7)
        // Made from a time, read back at the millisecond.
        let t = try PGTimestamp.parse("2024-03-05 06:07:08.123456+00")
        let made = PGUUID(version7At: t, randomBits: (0xFFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF))
        #expect(made.isVersion7 && made.version7InternalTime == t - 456)
        #expect(PGUUID(version7At: -5, randomBits: (0, 0)).version7InternalTime == 0)
    }

    @Test func rowsGoToTheDayTheirUUIDCarries() throws {
        var ht = try Self.hypertable()
        let outcome = try ht.insert(try Self.rows([
            "0194214e-cd00-7000-a9a7-63f1416dab45", "01942117-de80-7000-8121-f12b2b69dd96",
            "0194263e-3a80-7000-8f40-82c987b1bc1f", "01942675-2900-7000-8db1-a98694b18785",
            "01942bd2-7380-7000-9bc4-5f97443907b8", "01942d52-f900-7000-866e-07d6404d53c1",
        ]))
        #expect(outcome.inserted == 6 && outcome.createdChunks.count == 3)
        let info = ht.chunkInformation()
        // Tue Dec 31 16:00 PST … Fri Jan 03 16:00 PST: UTC days, shown as timestamptz.
        #expect(info.map(\.rangeStartText) == ["2025-01-01 00:00:00+00", "2025-01-02 00:00:00+00", "2025-01-03 00:00:00+00"])
        #expect(info.map(\.rangeEndText) == ["2025-01-02 00:00:00+00", "2025-01-03 00:00:00+00", "2025-01-04 00:00:00+00"])
        #expect(info.map(\.rows) == [2, 2, 2])
    }

    @Test func theFirstAndLastTimesAUUIDHolds() throws {
        var ht = try Self.hypertable()
        try ht.insert(try Self.rows(["00000000-0000-7fff-bfff-ffffffffffff", "ffffffff-ffff-7fff-bfff-ffffffffffff"]))
        // constraint_2: id >= '00000000-0000-…' AND id < '00000526-5c00-…'; constraint_5: id >= 'fffffed0-3000-…' only.
        #expect(ht.chunks.map(\.timeRange.start) == [0, 0xFFFF_FED0_3000 * 1000])
        #expect(ht.chunks.map(\.timeRange.end) == [86_400_000_000, Int64.max])
    }

    @Test func aUUIDThatIsNotVersion7IsRefusedWithNothingStored() throws {
        var ht = try Self.hypertable()
        let bad = try PGUUID.parse("a8961135-cd89-4c4b-aa05-79df642407dd")
        let rows = try Self.rows(["01942117-de80-7000-8121-f12b2b69dd96", bad.description])
        #expect(throws: HypertableError.notVersion7UUID(column: "id", row: 1, value: bad)) { try ht.insert(rows) }
        #expect(ht.chunks.isEmpty)
        #expect(HypertableError.notVersion7UUID(column: "id", row: 1, value: bad).description.hasPrefix("a8961135-cd89-4c4b-aa05-79df642407dd is not a version 7 UUID"))
        var simulation = Simulation(hypertable: try Self.hypertable())
        #expect(throws: HypertableError.notVersion7UUID(column: "id", row: 1, value: bad)) { try simulation.run(rows) }
    }

    @Test func policiesCompressAndDropByTheUUIDsTime() throws {
        var ht = try Self.hypertable()
        // Segmented by device, ordered by the UUID (its time): TimescaleDB's default orderby is the dimension DESC.
        try ht.enableCompression(CompressionSettings(segmentBy: "device", orderBy: "id DESC", timeColumn: "id"))
        var simulation = Simulation(hypertable: ht)
        try simulation.addCompressionPolicy(after: PGInterval(days: 2))
        try simulation.addRetentionPolicy(dropAfter: PGInterval(days: 5))
        let start = try PGTimestamp.parse("2025-01-01 00:00:00+00")
        // Ten days, one row an hour, every id a UUIDv7 of its hour.
        var set = RowSet(table: Self.events)
        for h in 0..<240 {
            set.append(row: [.uuid(PGUUID(version7At: start + Int64(h) * EngineFixtures.hour, randomBits: (UInt64(h), UInt64(h) * 7919))),
                             .int(Int64(h % 4)), .float(Double(h))])
        }
        let summary = try simulation.run(set)
        #expect(summary.rowsInserted == 240)
        #expect(simulation.jobs[0].scheduleInterval == PolicyJob.oneDay)  // IS_TIMESTAMP_TYPE excludes uuid: 1 day
        // The last row at day 9 23:00: retention (daily, cutoff now − 5 d) has dropped days 0–3.
        #expect(simulation.hypertable.chunks.map(\.timeRange.start) == (4..<10).map { start + Int64($0) * EngineFixtures.day })
        // The last compression run (daily from the first row) at day 9 00:00 has cutoff day 7: days 4–6 compressed.
        #expect(simulation.hypertable.chunks.map(\.isCompressed) == [true, true, true, false, false, false])
        // A scan by time range sees the rows of the days it names.
        let day5 = start + 5 * EngineFixtures.day
        let scanned = try simulation.hypertable.scan(ScanRequest(time: day5...(day5 + EngineFixtures.day - 1)))
        #expect(scanned.rows.count == 24)
        #expect(scanned.statistics.chunksExcluded == 5)
    }
}
