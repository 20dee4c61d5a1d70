import Testing
import Schema
@testable import Storage

@Suite struct HypertableInsertTests {
    let day = EngineFixtures.day

    @Test func chunksAreCreatedOnDemandAndNamedInCreationOrder() throws {
        var ht = try EngineFixtures.hypertable()
        try ht.insert(EngineFixtures.rows([(3 * day + 5, "A", 1, 1), (day, "A", 1, 1), (3 * day + 6, "B", 1, 1)]))
        #expect(ht.chunks.map(\.name) == ["_hyper_1_1_chunk", "_hyper_1_2_chunk"])
        #expect(ht.chunks.map(\.timeRange.start) == [3 * day, day])
        #expect(ht.chunks.map(\.rowCount) == [2, 1])
    }

    @Test func everyRowLandsInExactlyOneChunkThatContainsIt() throws {
        var ht = try EngineFixtures.hypertable(interval: 6 * EngineFixtures.hour, space: SpaceDimension(column: "symbol", partitions: 3))
        let rows = EngineFixtures.minuteRows(start: -day, count: 9_000, symbols: ["A", "B", "C", "D", "E"])
        try ht.insert(rows)
        #expect(ht.rowCount == rows.count)
        var all = RowSet(table: ht.table)
        for chunk in ht.chunks {
            for i in 0..<chunk.rows.count {
                guard case .timestamp(let t) = chunk.rows.columns[0].value(at: i) else { Issue.record("time not a timestamp"); continue }
                #expect(chunk.timeRange.contains(t))
                #expect(chunk.spaceRange?.contains(SpaceDimension.hash(chunk.rows.columns[1].value(at: i))) == true)
            }
            all = all.count == 0 ? chunk.rows : all.appending(chunk.rows)
        }
        #expect(EngineFixtures.multiset(all) == EngineFixtures.multiset(rows))
        let perSlice = Dictionary(grouping: ht.chunks, by: \.timeRange).values.map(\.count)
        #expect(perSlice.allSatisfy { $0 <= 3 })
    }

    @Test func uniqueViolationRejectsTheWholeInsert() throws {
        var ht = try EngineFixtures.hypertable()
        try ht.insert(EngineFixtures.rows([(10, "A", 1, 1)]))
        #expect(throws: HypertableError.self) {
            try ht.insert(EngineFixtures.rows([(20, "A", 1, 1), (2 * day, "B", 1, 1), (10, "A", 2, 2)]))
        }
        #expect(ht.rowCount == 1)
        #expect(ht.chunks.count == 1)
    }

    @Test func uniqueViolationIsWordedLikePostgreSQL() throws {
        var ht = try EngineFixtures.hypertable()
        try ht.insert(EngineFixtures.rows([(0, "A", 1, 1)]))
        do {
            try ht.insert(EngineFixtures.rows([(0, "A", 1, 1)]))
            Issue.record("the duplicate was accepted")
        } catch {
            #expect(error.description.hasPrefix("duplicate key value violates unique constraint \"ticks_symbol_ts_key\""))
            #expect(error.description.contains("Key (symbol, ts)=(A, 1970-01-01 00:00:00+00) already exists."))
        }
    }

    @Test func duplicateWithinOneInsertIsAViolation() throws {
        var ht = try EngineFixtures.hypertable()
        #expect(throws: HypertableError.self) {
            try ht.insert(EngineFixtures.rows([(10, "A", 1, 1), (10, "A", 2, 2)]))
        }
        #expect(ht.rowCount == 0)
    }

    @Test func onConflictDoNothingSkipsConflictingRows() throws {
        var ht = try EngineFixtures.hypertable()
        try ht.insert(EngineFixtures.rows([(10, "A", 1, 1)]))
        let outcome = try ht.insert(EngineFixtures.rows([(10, "A", 2, 2), (11, "A", 3, 3)]), onConflict: .nothing)
        #expect(outcome.inserted == 1 && outcome.skipped == 1)
        #expect(ht.rowCount == 2)
    }

    @Test func onConflictDoUpdateReplacesTheRowEvenInACompressedChunk() throws {
        var ht = try EngineFixtures.hypertable()
        try ht.insert(EngineFixtures.rows([(10, "A", 1, 1), (11, "A", 1, 1)]))
        try ht.compressChunk(named: "_hyper_1_1_chunk")
        let outcome = try ht.insert(EngineFixtures.rows([(10, "A", 999, 7)]), onConflict: .update())
        #expect(outcome.updated == 1 && outcome.inserted == 0)
        let rows = try #require(try ht.rows(ofChunk: "_hyper_1_1_chunk"))
        #expect(rows.count == 2)
        let updated = (0..<rows.count).map { rows.row($0) }.first { $0[0] == .timestamp(10) }
        #expect(updated?[3] == .int(7))
    }

    @Test func nullsInAUniqueKeyNeverConflict() throws {
        let table = TableDefinition(name: "t", columns: [ColumnDefinition("ts", .timestamptz), ColumnDefinition("k", .int8)],
                                    indexes: [IndexDefinition(name: "t_k_ts_key", table: "t", keys: [.init(column: "k"), .init(column: "ts")], unique: true)])
        var ht = try Hypertable(table: table, options: HypertableOptions(timeColumn: "ts"))
        var rows = RowSet(table: table)
        rows.append(row: [.timestamp(5), .null])
        rows.append(row: [.timestamp(5), .null])
        try ht.insert(rows)
        #expect(ht.rowCount == 2)
    }

    @Test func nullTimeIsRejected() throws {
        var ht = try EngineFixtures.hypertable()
        var rows = RowSet(table: EngineFixtures.ticks)
        rows.append(row: [.null, .text("A"), .null, .null])
        #expect(throws: HypertableError.nullTime(column: "ts", row: 0)) { try ht.insert(rows) }
    }

    @Test func uniqueConstraintsWithoutTheTimeColumnAreDroppedWithAWarning() throws {
        let ht = try Hypertable(table: NQPTables.marketData, options: HypertableOptions(timeColumn: "timestamp"))
        #expect(ht.droppedConstraints.map(\.name) == ["market_data_pkey"])
        #expect(ht.table.uniqueIndexes.map(\.name) == ["market_data_ticker_id_timestamp_interval_key"])
        #expect(ht.droppedConstraintWarnings.first?.contains("chunkwise check") == true)
    }

    @Test func retentionDropsOnlyChunksWhoseWholeRangeIsOld() throws {
        var ht = try EngineFixtures.hypertable()
        try ht.insert(EngineFixtures.rows([(0, "A", 1, 1), (day, "A", 1, 1), (2 * day, "A", 1, 1)]))
        #expect(ht.dropChunks(olderThan: 2 * day - 1) == ["_hyper_1_1_chunk"])
        #expect(ht.dropChunks(olderThan: 2 * day) == ["_hyper_1_2_chunk"])
        #expect(ht.chunks.map(\.name) == ["_hyper_1_3_chunk"])
        #expect(ht.droppedChunkCount == 2)
        try ht.insert(EngineFixtures.rows([(5, "B", 1, 1)]))
        #expect(ht.chunks.last?.name == "_hyper_1_4_chunk")
    }

    /// Two unique indexes, (a, ts) and (b, ts): which conflict an insert reports.
    private func twoKeyTable() throws -> (TableDefinition, Hypertable) {
        let table = TableDefinition(name: "t", columns: [ColumnDefinition("ts", .timestamptz), ColumnDefinition("a", .int8), ColumnDefinition("b", .int8)],
                                    indexes: [IndexDefinition(name: "t_a_ts_key", table: "t", keys: [.init(column: "a"), .init(column: "ts")], unique: true),
                                              IndexDefinition(name: "t_b_ts_key", table: "t", keys: [.init(column: "b"), .init(column: "ts")], unique: true)])
        return (table, try Hypertable(table: table, options: HypertableOptions(timeColumn: "ts")))
    }

    private func rowSet(_ table: TableDefinition, _ rows: [[Value]]) -> RowSet {
        var set = RowSet(table: table)
        for row in rows { set.append(row: row) }
        return set
    }

    private func violation(_ insert: () throws -> Void) -> UniqueViolation? {
        do { try insert() } catch let error as HypertableError {
            if case .uniqueViolation(let v) = error { return v }
        } catch {}
        return nil
    }

    @Test func theEarliestConflictingRowIsReportedWhicheverIndexItBreaks() throws {
        var (table, ht) = try twoKeyTable()
        var rows = RowSet(table: table)
        for (t, a, b) in [(1, 1, 1), (2, 2, 2), (1, 9, 1), (1, 1, 7)] as [(Int64, Int64, Int64)] {
            rows.append(row: [.timestamp(t), .int(a), .int(b)])
        }
        // Row 2 repeats row 0's (b, ts), row 3 its (a, ts): row 2 comes first although its index is the second.
        let v = violation { try ht.insert(rows) }
        #expect(v?.constraint == "t_b_ts_key" && v?.incomingRow == 2)
        #expect(ht.rowCount == 0)
        // One row breaking both: the first index.
        var both = RowSet(table: table)
        both.append(row: [.timestamp(5), .int(1), .int(1)])
        both.append(row: [.timestamp(5), .int(1), .int(1)])
        let w = violation { try ht.insert(both) }
        #expect(w?.constraint == "t_a_ts_key" && w?.incomingRow == 1)
        // Against a chunk's rows: the earlier incoming row, even when its index is the second.
        try ht.insert(rowSet(table, [[.timestamp(10), .int(1), .int(1)]]))
        let x = violation { try ht.insert(rowSet(table, [[.timestamp(11), .int(3), .int(3)], [.timestamp(10), .int(4), .int(1)],
                                                                        [.timestamp(10), .int(1), .int(5)]])) }
        #expect(x?.constraint == "t_b_ts_key" && x?.incomingRow == 1)
        #expect(ht.rowCount == 1)
    }

    @Test func aConflictBeforeANullTimeIsReportedAndANullTimeBeforeAConflict() throws {
        var (table, ht) = try twoKeyTable()
        let conflictFirst = rowSet(table, [[.timestamp(1), .int(1), .int(1)], [.timestamp(1), .int(1), .int(2)], [.null, .int(5), .int(5)]])
        #expect(violation { try ht.insert(conflictFirst) }?.incomingRow == 1)
        let nullFirst = rowSet(table, [[.timestamp(1), .int(1), .int(1)], [.null, .int(5), .int(5)], [.timestamp(1), .int(1), .int(2)]])
        #expect(throws: HypertableError.nullTime(column: "ts", row: 1)) { try ht.insert(nullFirst) }
        #expect(ht.rowCount == 0)
    }

    @Test func aDuplicateOfACompressedRowIsAViolation() throws {
        var ht = try EngineFixtures.hypertable()
        try ht.insert(EngineFixtures.rows([(10, "A", 1, 1), (11, "A", 1, 1)]))
        try ht.compressChunk(named: "_hyper_1_1_chunk")
        #expect(throws: HypertableError.self) { try ht.insert(EngineFixtures.rows([(12, "A", 1, 1), (11, "A", 2, 2)])) }
        #expect(ht.rowCount == 2)
        try ht.insert(EngineFixtures.rows([(12, "A", 1, 1)]))
        #expect(ht.rowCount == 3)
    }
}
