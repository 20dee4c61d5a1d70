import Foundation
import Schema
@testable import Storage
import Testing

/// The parse of an input cut into pieces on several threads (``CopyPieces``) against the
/// sequential parse: same rows, same lines, same errors.
@Suite struct CopyPiecesTests {
    static let table = TableDefinition(name: "notes", columns: [
        ColumnDefinition("id", .int8, notNull: true),
        ColumnDefinition("body", .text),
        ColumnDefinition("kind", .varchar(10)),
    ], checks: [CheckConstraint(name: "notes_kind_check",
                                predicate: .inList(.column("kind"), ["a", "b", "c"].map { .literal(.text($0)) }, negated: false),
                                sql: "CHECK (kind IN ('a', 'b', 'c'))")])

    static func reader(threads: Int, table: TableDefinition = table) -> CopyReader {
        var reader = CopyReader(table: table, loadTime: 0, seed: 1)
        reader.parseThreads = threads
        reader.minimumPieceBytes = 64
        return reader
    }

    /// 400 records whose bodies hold quoted delimiters, line endings and doubled quotes.
    static func text(ending: String, rows: Int = 400) -> String {
        var text = "id,body,kind" + ending
        for i in 0..<rows {
            text += "\(i),\(EngineFixtures.quotedCSVField(i, ending: ending)),\(["a", "b", "c"][i % 3])" + ending
        }
        return text
    }

    static func sequential(_ text: String, table: TableDefinition = table) throws -> CopyLoadResult {
        try reader(threads: 1, table: table).load(bytes: Array(text.utf8))
    }

    static func parallel(_ text: String, threads: Int, table: TableDefinition = table) throws -> CopyLoadResult {
        try reader(threads: threads, table: table).load(bytes: Array(text.utf8))
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func piecesEqualTheSequentialParse(ending: String) throws {
        let text = Self.text(ending: ending)
        let whole = try Self.sequential(text)
        #expect(whole.rows.count == 400)
        for threads in [2, 3, 7] {
            let cut = try Self.parallel(text, threads: threads)
            #expect(cut.rows == whole.rows, "\(threads) threads")
            #expect(cut.lines == whole.lines, "\(threads) threads")
        }
    }

    /// The parallel path is taken (not the sequential fallback) for such an input.
    @Test func thePiecesAreParsedApart() throws {
        let bytes = Array(Self.text(ending: "\n").utf8)
        let result = bytes.withUnsafeBufferPointer { buf in
            CopyPieces(reader: Self.reader(threads: 4), file: "<input>", base: buf.baseAddress!, count: buf.count)
                .load(pieces: 4, minimumPieceBytes: 64)
        }
        let cut = try #require(result)
        #expect(cut.rows == (try Self.sequential(String(decoding: bytes, as: UTF8.self))).rows)
        let ranges = bytes.withUnsafeBufferPointer { CopyPieces.cut($0.baseAddress!, count: $0.count, pieces: 4) }
        #expect(ranges.count == 4)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == bytes.count)
    }

    @Test func endMarkerStopsEveryLaterPiece() throws {
        var text = Self.text(ending: "\n", rows: 100) + "\\.\n"
        text += Self.text(ending: "\n", rows: 300).split(separator: "\n", maxSplits: 1)[1]
        let whole = try Self.sequential(text)
        #expect(whole.rows.count == 100)
        for threads in [2, 5] {
            let cut = try Self.parallel(text, threads: threads)
            #expect(cut.rows == whole.rows)
            #expect(cut.lines == whole.lines)
        }
    }

    /// Errors are the sequential parse's: a bad field, a CHECK violation, an unterminated quote,
    /// each late in the input (in a later piece).
    @Test(arguments: ["12x,body,a\n", "7,fine,z\n", "8,\"open,a\n"])
    func errorsAreTheSequentialParsesErrors(bad: String) throws {
        let text = Self.text(ending: "\n", rows: 300) + bad + "9,after,b\n"
        var expected: CopyError?
        do { _ = try Self.sequential(text) } catch { expected = error as? CopyError }
        let wanted = try #require(expected)
        for threads in [2, 4] {
            #expect(throws: wanted) { _ = try Self.parallel(text, threads: threads) }
        }
    }

    /// An omitted `gen_random_uuid()` column draws one value per row in file order: not cut, same values.
    @Test func randomDefaultsAreDrawnAsInOneParse() throws {
        let table = TableDefinition(name: "notes", columns: [
            ColumnDefinition("uid", .uuid, default: .randomUUID),
            ColumnDefinition("id", .int8, notNull: true),
            ColumnDefinition("body", .text),
            ColumnDefinition("kind", .varchar(10)),
        ])
        let text = Self.text(ending: "\n")
        #expect(try Self.parallel(text, threads: 3, table: table).rows == (try Self.sequential(text, table: table)).rows)
    }

    /// A NUMERIC wider than 18 digits only in a later piece makes the whole column wide, as the
    /// sequential parse's column turns wide on its first wide value.
    @Test func aWideNumericInALaterPieceWidensTheWholeColumn() throws {
        let table = TableDefinition(name: "prices", columns: [
            ColumnDefinition("id", .int8, notNull: true),
            ColumnDefinition("price", .numeric(precision: 30, scale: 2)),
        ])
        var text = "id,price\n"
        for i in 0..<400 { text += i == 350 ? "\(i),123456789012345678901234.5\n" : (i % 7 == 0 ? "\(i),\n" : "\(i),\(i).25\n") }
        let whole = try Self.sequential(text, table: table)
        for threads in [2, 4] {
            #expect(try Self.parallel(text, threads: threads, table: table).rows == whole.rows)
        }
        if case .wideNumeric = whole.rows.columns[1].storage {} else { Issue.record("the sequential parse did not widen the column") }
    }
}
