import Schema
import Testing
@testable import Storage

/// The dictionary-coded text column: the same values whatever its representation, and byte
/// (not canonical) equality of text, as PostgreSQL's.
@Suite struct StringColumnTests {
    @Test func repeatedValuesAreCodedAndReadBack() {
        let values = (0..<10_000).map { ["1m", "5m", "1h"][$0 % 3] }
        let column = StringColumn(values)
        #expect(column.isDictionaryCoded)
        #expect(column.distinctValues == ["1m", "5m", "1h"])
        #expect(Array(column) == values)
        #expect(column.rowBytes == 2 * values.count)
    }

    @Test func canonicallyEquivalentTextStaysTwoValues() {
        // "é" as one scalar and as "e" + combining acute: `String ==` calls them equal, PostgreSQL
        // stores and compares their different bytes.
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(composed == decomposed)
        let column = StringColumn([composed, decomposed, composed])
        #expect(column.distinctValues?.count == 2)
        #expect(Array(column[1].utf8) == Array(decomposed.utf8))
        #expect(Array(column[2].utf8) == Array(composed.utf8))
        var other = StringColumn([decomposed])
        other.append(contentsOf: column)
        #expect(other.map { Array($0.utf8) } == [decomposed, composed, decomposed, composed].map { Array($0.utf8) })
    }

    @Test func mostlyDistinctTextTurnsPlainAndKeepsEveryValue() {
        let values = (0..<5_000).map { "row \($0) of free text" }
        var column = StringColumn()
        for v in values { column.append(v) }
        #expect(!column.isDictionaryCoded)
        #expect(column.distinctValues == nil)
        #expect(Array(column) == values)
        // A coded column receiving it turns plain too, keeping its own rows first.
        var coded = StringColumn(repeating: "x", count: 3)
        coded.append(contentsOf: column)
        #expect(Array(coded) == ["x", "x", "x"] + values)
    }

    @Test func manyTickersRepeatedAreCodedInTheChunk() {
        // 5,000 symbols, each on 20 rows: a dictionary pays although it holds thousands of values.
        // A piece decides as its rows come (5,000 distinct first: plain); appended to a chunk's
        // column, whose length is then known, the rows are coded.
        let values = (0..<100_000).map { "T\($0 % 5_000)" }
        let piece = StringColumn(values)
        #expect(!piece.isDictionaryCoded)
        var chunk = StringColumn()
        chunk.append(contentsOf: piece)
        #expect(chunk.isDictionaryCoded)
        #expect(chunk.distinctValues?.count == 5_000)
        #expect(Array(chunk) == values)
    }

    @Test func appendingAcrossDictionariesTranslatesCodes() {
        var a = StringColumn(["1m", "5m"])
        let b = StringColumn(["1h", "5m", "1h", "1d"])
        a.append(b, rows: [3, 0, 1])
        #expect(Array(a) == ["1m", "5m", "1d", "1h", "5m"])
        #expect(a.distinctValues == ["1m", "5m", "1h", "1d"])
        let gathered = a.gathering([4, 0, 2])
        #expect(Array(gathered) == ["5m", "1m", "1d"])
        #expect(gathered == StringColumn(["5m", "1m", "1d"]))
        var shortened = a
        shortened.removeLast(2)
        #expect(Array(shortened) == ["1m", "5m", "1d"])
        #expect(Array(a + b) == Array(a) + Array(b))
    }

    @Test func aRangeOfRowsKeepsItsRepresentation() {
        // Coded: the codes sliced, the dictionary shared; plain (free text): the values sliced,
        // not coded again row by row.
        let coded = StringColumn((0..<3_000).map { ["1m", "5m", "1h"][$0 % 3] })
        let codedSlice = coded.slice(1..<5)
        #expect(codedSlice.isDictionaryCoded && codedSlice.distinctValues == coded.distinctValues)
        #expect(Array(codedSlice) == ["5m", "1h", "1m", "5m"])
        var plain = StringColumn()
        for i in 0..<5_000 { plain.append("row \(i)") }
        let plainSlice = plain.slice(10..<700)
        #expect(!plainSlice.isDictionaryCoded)
        #expect(Array(plainSlice) == (10..<700).map { "row \($0)" })
        // A row set's range takes that path for every coded column, and equals the rows one by one.
        var rows = RowSet(table: EngineFixtures.ticks)
        for i in 0..<3_000 { rows.append(row: [.timestamp(Int64(i)), .text(i % 2 == 0 ? "A" : "row \(i)"), .null, .int(Int64(i))]) }
        let range = rows.rows(100..<900)
        #expect((0..<range.count).allSatisfy { range.row($0) == rows.row(100 + $0) })
    }

    @Test func aColumnVectorOfTextKeepsNullsAndValues() {
        var vector = ColumnVector(type: .text)
        vector.append(.text("a"))
        vector.append(.null)
        vector.append(.text(""))
        vector.append(.text("a"))
        #expect(vector.value(at: 0) == .text("a"))
        #expect(vector.value(at: 1) == .null)
        #expect(vector.value(at: 2) == .text(""))
        #expect(vector.gathering([3, 1]).value(at: 1) == .null)
        let ranks = CompressionSortKeys.denseRanks(vector)
        // "" < "a", NULL last.
        #expect(ranks?.ranks == [1, 2, 0, 1])
        #expect(ranks?.distinct == 3)
    }
}
