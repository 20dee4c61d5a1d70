import Schema
import Testing
import TestSupport
@testable import Storage

/// The dictionary-coded uuid column: a segment's ids coded, random ids plain, the same values
/// either way.
@Suite struct UUIDColumnTests {
    static func id(_ k: UInt64) -> PGUUID { PGUUID(high: 0x0193_8C05_0000_0000 | k, low: 0xA000_0000_0000_0000 &+ k &* 7) }

    @Test func tickerIDsAreCodedAndReadBack() {
        let values = (0..<20_000).map { Self.id(UInt64($0 % 500)) }
        let column = UUIDColumn(values)
        #expect(column.isDictionaryCoded)
        #expect(column.distinctValues?.count == 500)
        #expect(Array(column) == values)
        #expect(column.rowBytes == 2 * values.count)
        var appended = UUIDColumn()
        var lookup: UUIDColumn.Lookup?
        for v in values { _ = appended.appendReturningCode(v, lookup: &lookup) }
        #expect(appended == column)
        #expect(appended.distinctValues?.count == 500)
    }

    @Test func randomIDsTurnPlain() {
        var random = SeededGenerator(seed: 3)
        let values = (0..<10_000).map { _ in PGUUID(high: random.next(), low: random.next()) }
        let column = UUIDColumn(values)
        #expect(!column.isDictionaryCoded)
        #expect(Array(column) == values)
        var coded = UUIDColumn(repeating: Self.id(1), count: 2)
        coded.append(contentsOf: column)
        #expect(Array(coded) == [Self.id(1), Self.id(1)] + values)
    }

    @Test func gatheringAndAppendingAcrossDictionaries() {
        var a = UUIDColumn([Self.id(1), Self.id(2)])
        let b = UUIDColumn([Self.id(3), Self.id(2), Self.id(3)])
        a.append(b, rows: [2, 1])
        #expect(Array(a) == [Self.id(1), Self.id(2), Self.id(3), Self.id(2)])
        #expect(a.gathering([3, 0]) == [Self.id(2), Self.id(1)])
        var vector = ColumnVector(type: .uuid)
        vector.append(.uuid(Self.id(9)))
        vector.append(.null)
        vector.append(.uuid(Self.id(4)))
        #expect(vector.value(at: 1) == .null)
        #expect(vector.value(at: 2) == .uuid(Self.id(4)))
        #expect(CompressionSortKeys.denseRanks(vector)?.ranks == [1, 2, 0])
    }
}
