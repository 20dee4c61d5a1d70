import Schema
import Storage
import Testing

/// Seeded random tables of awkward text and numbers: whatever the writer writes, the reader reads
/// back to the same rows.
@Suite("COPY CSV write-read round trip")
struct CopyRoundTripPropertyTests {
    static let alphabet: [String] = ["a", "Z", "0", " ", ",", "\"", "\"\"", "\n", "\r", "\r\n", "\\", "\\.", "é", "東", "🚀", "\t", "{", "}"]

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomRowsSurviveWriteThenRead(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var rows = RowSet(table: quoteTable)
        for i in 0..<300 {
            var note: Value = .null
            if random.next() % 5 != 0 {
                let length = Int(random.next() % 8)
                note = .text((0..<length).map { _ in Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))] }.joined())
            }
            let code: Value = random.next() % 4 == 0 ? .null : .text(String(repeating: "\"", count: Int(random.next() % 3)))
            let price: Value = random.next() % 6 == 0 ? .null : .numeric(PGNumeric(unscaled: Int64(random.next() % 199_999) - 99_999, scale: 2))
            rows.append(row: [.int(Int64(i)), note, code, price])
        }
        let bytes = CopyWriter().write(rows)
        #expect(try CopyReader(table: quoteTable).read(bytes: bytes) == rows)
    }

    @Test func singleColumnRowsIncludingTheEndMarkerSurvive() throws {
        let table = TableDefinition(name: "one", columns: [ColumnDefinition("s", .text)])
        var rows = RowSet(table: table)
        for v: Value in [.text("\\."), .null, .text(""), .text("x")] { rows.append(row: [v]) }
        #expect(try CopyReader(table: table).read(bytes: CopyWriter().write(rows)) == rows)
    }
}
