import Testing
import Schema
import TestSupport
@testable import Storage

/// A block's min/max read by the typed paths (integers and times in one pass, dictionary-coded
/// columns one row per code) is the summary comparing every row gives.
@Suite struct BlockIndexSummaryTests {
    static func columns(_ rng: inout SeededGenerator, rows n: Int) -> [ColumnVector] {
        let few = Int.random(in: 1...4, using: &rng)
        let ints = (0..<n).map { _ in Int64.random(in: -5...Int64(few * 3), using: &rng) }
        let uuids = (0..<n).map { _ in PGUUID(high: UInt64.random(in: 0...UInt64(few), using: &rng), low: 7) }
        let texts = (0..<n).map { _ in ["1m", "5m", "1h", "1M", "é"][Int.random(in: 0...few, using: &rng)] }
        let nulls = (0..<n).map { _ in Int.random(in: 0...9, using: &rng) == 0 }
        return [
            ColumnVector(type: .int8, storage: .int64(ints)),
            ColumnVector(type: .timestamptz, storage: .time(ints)),
            ColumnVector(type: .date, storage: .time(ints)),
            ColumnVector(type: .uuid, storage: .uuid(UUIDColumn(uuids))),
            ColumnVector(type: .text, storage: .string(StringColumn(texts))),
            ColumnVector(type: .uuid, storage: .uuid(UUIDColumn(uncoded: uuids))),
            ColumnVector(type: .int8, storage: .int64(ints), isNull: nulls),
            ColumnVector(type: .text, storage: .string(StringColumn(texts)), isNull: nulls),
        ]
    }

    @Test func typedSummariesMatchComparingEveryRow() {
        var rng = SeededGenerator(seed: 1205)
        for _ in 0..<300 {
            let n = Int.random(in: 1...300, using: &rng)
            for column in Self.columns(&rng, rows: n) {
                let a = Int.random(in: 0..<n, using: &rng), b = Int.random(in: a...n, using: &rng)
                for range in [0..<n, a..<b] where !range.isEmpty {
                    #expect(BlockIndex.summarize(column, range) == BlockIndex.summarizeByComparison(column, range), "\(column.type.sqlName) \(range)")
                }
            }
        }
    }
}
