import Schema
import Storage
import Testing

/// Seeded random byte soup from CSV-significant pieces: the reader either returns rows or throws a
/// located CopyError — never traps.
@Suite("COPY CSV reader fuzzing")
struct CopyReaderFuzzTests {
    static let pieces: [[UInt8]] = [",", "\"", "\"\"", "\n", "\r", "\r\n", "\\.", "1", "-", ".", "e", " ", "é", "{}", "{\"a\":",
                                    "a195767f-12d8-ede4-e262-52f9b971474a", "2024-01-01 00:00:00+00", "99999999999", "1m"].map { Array($0.utf8) }
        + [[0xFF], [0xC3], [0x00]]

    @Test(arguments: [NQPTables.marketData, quoteTable])
    func randomInputNeverTraps(table: TableDefinition) {
        var random = SeededRandom(seed: 2024)
        let header = Array((table.columns.prefix(Int(random.next() % UInt64(table.columns.count)) + 1).map(\.name).joined(separator: ",") + "\n").utf8)
        var outcomes = (rows: 0, errors: 0)
        for _ in 0..<400 {
            var bytes = header
            for _ in 0..<Int(random.next() % 60) { bytes += Self.pieces[Int(random.next() % UInt64(Self.pieces.count))] }
            do {
                _ = try CopyReader(table: table, loadTime: 0).read(bytes: bytes, file: "fuzz.csv")
                outcomes.rows += 1
            } catch {
                #expect(error.line >= 1 && error.file == "fuzz.csv")
                #expect(!error.message.isEmpty)
                outcomes.errors += 1
            }
        }
        #expect(outcomes.rows + outcomes.errors == 400)
    }
}
