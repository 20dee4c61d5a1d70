import Foundation
import Schema
import Storage
import Testing

@Suite("Unique key conflicts")
struct UniqueKeyMergeTests {
    static let header = "id,ticker_id,timestamp,open,high,low,close,volume,interval\n"
    static let ticker = "a195767f-12d8-ede4-e262-52f9b971474a"

    func bars(_ lines: [(id: Int, minute: Int, interval: String, close: String)]) throws -> RowSet {
        var csv = Self.header
        for l in lines {
            let id = String(format: "00000000-0000-4000-8000-%012d", l.id)
            csv += "\(id),\(Self.ticker),2023-01-02 23:\(String(format: "%02d", l.minute)):00+00,1,1,1,\(l.close),10,\(l.interval)\n"
        }
        return try CopyReader(table: NQPTables.marketData, loadTime: 0).read(string: csv)
    }

    @Test func duplicateKeyIsReportedLikePostgreSQL() throws {
        let existing = try bars([(1, 0, "1m", "1")])
        let incoming = try bars([(2, 1, "1m", "2"), (3, 0, "1m", "3")])
        do {
            _ = try UniqueKeyMerge.merge(existing: existing, incoming: incoming)
            Issue.record("duplicate accepted")
        } catch {
            #expect(error.message == "duplicate key value violates unique constraint \"market_data_ticker_id_timestamp_interval_key\"")
            #expect(error.detail == "Key (ticker_id, \"timestamp\", \"interval\")=(\(Self.ticker), 2023-01-02 23:00:00+00, 1m) already exists.")
            #expect(error.incomingRow == 1)
        }
    }

    @Test func primaryKeyIsCheckedFirst() throws {
        let existing = try bars([(1, 0, "1m", "1")])
        let incoming = try bars([(1, 0, "1m", "2")])
        #expect(throws: UniqueViolation.self) { try UniqueKeyMerge.merge(existing: existing, incoming: incoming) }
        do { _ = try UniqueKeyMerge.merge(existing: existing, incoming: incoming) } catch {
            #expect(error.constraint == "market_data_pkey")
            #expect(error.detail == "Key (id)=(00000000-0000-4000-8000-000000000001) already exists.")
        }
    }

    @Test func duplicatesWithinTheIncomingRowsConflictToo() throws {
        let incoming = try bars([(1, 0, "1m", "1"), (2, 0, "1m", "2")])
        #expect(throws: UniqueViolation.self) { try UniqueKeyMerge.merge(existing: RowSet(table: NQPTables.marketData), incoming: incoming) }
    }

    @Test func sameTimeDifferentIntervalIsNoConflict() throws {
        let merged = try UniqueKeyMerge.merge(existing: try bars([(1, 0, "1m", "1")]), incoming: try bars([(2, 0, "5m", "1")]))
        #expect(merged.rows.count == 2)
    }

    @Test func doNothingKeepsTheExistingRow() throws {
        let existing = try bars([(1, 0, "1m", "1")])
        let incoming = try bars([(2, 0, "1m", "9"), (3, 1, "1m", "2")])
        let merged = try UniqueKeyMerge.merge(existing: existing, incoming: incoming, action: .nothing)
        #expect(merged.rows.count == 2)
        #expect(merged.skipped == [0] && merged.inserted == [1])
        #expect(merged.rows.row(0)[6] == .numeric(PGNumeric(unscaled: 100, scale: 2)))
    }

    @Test func doUpdateReplacesTheExistingRowInPlace() throws {
        let existing = try bars([(1, 0, "1m", "1"), (4, 2, "1m", "4")])
        let incoming = try bars([(2, 0, "1m", "9"), (3, 1, "1m", "2")])
        let merged = try UniqueKeyMerge.merge(existing: existing, incoming: incoming, action: .update())
        #expect(merged.rows.count == 3)
        #expect(merged.updated.count == 1 && merged.updated[0].existing == 0 && merged.updated[0].incoming == 0)
        #expect(merged.rows.row(0)[6] == .numeric(PGNumeric(unscaled: 900, scale: 2)))
        #expect(merged.rows.row(2)[2] == incoming.row(1)[2])
    }

    @Test func doUpdateCannotAffectARowTwice() throws {
        let existing = try bars([(1, 0, "1m", "1")])
        let incoming = try bars([(2, 0, "1m", "9"), (3, 0, "1m", "8")])
        do {
            _ = try UniqueKeyMerge.merge(existing: existing, incoming: incoming, action: .update())
            Issue.record("second update accepted")
        } catch {
            #expect(error.kind == .updateAffectsRowTwice)
            #expect(error.message == "ON CONFLICT DO UPDATE command cannot affect row a second time")
        }
    }

    @Test func nullKeysNeverConflict() throws {
        let table = TableDefinition(name: "n", columns: [ColumnDefinition("k", .int4), ColumnDefinition("v", .text)],
                                    indexes: [IndexDefinition(name: "n_k_key", table: "n", keys: [.init(column: "k")], unique: true, origin: .uniqueConstraint)])
        let rows = try CopyReader(table: table).read(string: "k,v\n,a\n,b\n1,c\n")
        let merged = try UniqueKeyMerge.merge(existing: RowSet(table: table), incoming: rows)
        #expect(merged.rows.count == 3)
    }

    @Test func numericKeysCompareByValue() throws {
        let table = TableDefinition(name: "p", columns: [ColumnDefinition("x", .numeric(precision: nil, scale: nil))],
                                    indexes: [IndexDefinition(name: "p_x_key", table: "p", keys: [.init(column: "x")], unique: true, origin: .uniqueConstraint)])
        let rows = try CopyReader(table: table).read(string: "x\n1.0\n1.00\n")
        do {
            _ = try UniqueKeyMerge.merge(existing: RowSet(table: table), incoming: rows)
            Issue.record("1.0 and 1.00 accepted as distinct")
        } catch {
            #expect(error.detail == "Key (x)=(1.00) already exists.")
        }
    }
}

@Suite("Unique conflicts located in the COPY file")
struct UniqueConflictLocationTests {
    @Test func conflictIsReportedAtTheIncomingRowsLine() throws {
        let csv = "id,ticker_id,timestamp,open,high,low,close,interval\n" +
            "00000000-0000-4000-8000-000000000001,a195767f-12d8-ede4-e262-52f9b971474a,2023-01-02 23:00:00+00,1,1,1,1,1m\n" +
            "00000000-0000-4000-8000-000000000002,a195767f-12d8-ede4-e262-52f9b971474a,2023-01-02 23:00:00+00,1,1,1,1,1m\n"
        let loaded = try CopyReader(table: NQPTables.marketData, loadTime: 0).load(bytes: Array(csv.utf8), file: "d.csv")
        do {
            _ = try UniqueKeyMerge.merge(existing: RowSet(table: NQPTables.marketData), incoming: loaded.rows)
            Issue.record("duplicate accepted")
        } catch {
            let located = CopyError(error, file: "d.csv", line: Int(loaded.lines[error.incomingRow]), table: "market_data")
            #expect(located.description == "d.csv:3: duplicate key value violates unique constraint \"market_data_ticker_id_timestamp_interval_key\"")
        }
    }
}
