import Foundation
import Schema
import Storage
import Testing

/// A two-column-type table small enough to read in a test's head.
let quoteTable = TableDefinition(
    name: "t",
    columns: [
        ColumnDefinition("id", .int4, notNull: true),
        ColumnDefinition("note", .text),
        ColumnDefinition("code", .varchar(10)),
        ColumnDefinition("price", .numeric(precision: 6, scale: 2)),
    ])

@Suite("COPY CSV reader")
struct CopyReaderTests {
    let reader = CopyReader(table: NQPTables.marketData, loadTime: 1_700_000_000_000_000, seed: 7)

    static let header = "id,ticker_id,timestamp,open,high,low,close,volume,interval,source,metadata,created_at\n"
    static let row1 = "500a691a-f0a4-45ba-a177-b0f9fe38ab9a,f1e150c7-2018-e1c4-784e-a4f346d68be5,2008-03-07 13:54:00+00,84.22,84.22,84.2,84.224,100,1m,yfinance,{},2008-03-07 13:55:02.007673+00\n"

    @Test func readsTypedColumnsFromAFullHeader() throws {
        let rows = try reader.read(string: Self.header + Self.row1)
        #expect(rows.count == 1)
        #expect(rows.row(0)[1] == .uuid(try PGUUID.parse("f1e150c7-2018-e1c4-784e-a4f346d68be5")))
        #expect(rows.row(0)[2] == .timestamp(try PGTimestamp.parse("2008-03-07 13:54:00+00")))
        #expect(rows.row(0)[7] == .int(100))
        #expect(rows.row(0)[8] == .text("1m"))
        #expect(rows.row(0)[11] == .timestamp(try PGTimestamp.parse("2008-03-07 13:55:02.007673+00")))
    }

    /// Timestamps in PostgreSQL's other spellings (month names, MM/DD/YYYY, 12-hour clocks, its own
    /// output style) load as COPY loads them: the same instant as the ISO row.
    @Test func timestampsInOtherSpellingsLoad() throws {
        let iso = try reader.read(string: Self.header + Self.row1).row(0)
        for spelling in ["Mar 7 2008 1:54pm", "03/07/2008 13:54:00", "Fri Mar 07 13:54:00 2008 UTC", "20080307 135400", "7 March 2008 13:54 Z"] {
            let row = Self.row1.replacingOccurrences(of: "2008-03-07 13:54:00+00,84.22", with: "\(spelling),84.22")
            #expect(try reader.read(string: Self.header + row).row(0) == iso, "\(spelling)")
        }
    }

    /// A byte-order mark before the header (a spreadsheet's UTF-8 export) is not part of the first
    /// name; PostgreSQL skips the header line whole. Elsewhere it stays data.
    @Test func aByteOrderMarkBeforeTheHeaderIsSkipped() throws {
        let rows = try reader.read(string: "\u{FEFF}" + Self.header + Self.row1)
        let id = try PGUUID.parse("500a691a-f0a4-45ba-a177-b0f9fe38ab9a")
        #expect(rows.count == 1 && rows.row(0)[0] == .uuid(id))
        #expect(throws: CopyError.self) { try reader.read(string: Self.header + "\u{FEFF}" + Self.row1) }
    }

    @Test func roundsNumericsToTheColumnScale() throws {
        let rows = try reader.read(string: Self.header + Self.row1)
        guard case .numeric(let u, let s) = rows.columns[6].storage else { Issue.record("not numeric"); return }
        #expect(u == [8422] && s == [2])  // 84.224 → 84.22
        guard case .numeric(let lu, _) = rows.columns[5].storage else { Issue.record("unexpected shape"); return }
        #expect(lu == [8420])  // 84.2 → 84.20
    }

    @Test func emptyUnquotedFieldIsNullAndQuotedEmptyIsEmptyString() throws {
        let rows = try CopyReader(table: quoteTable).read(string: "id,note,code\n1,,\"\"\n")
        #expect(rows.row(0)[1] == .null)
        #expect(rows.row(0)[2] == .text(""))
    }

    @Test func quotedFieldsHoldDelimitersQuotesAndNewlines() throws {
        let rows = try CopyReader(table: quoteTable).read(string: "id,note\n1,\"a,b \"\"q\"\"\nnext line\"\n2,x\n")
        #expect(rows.row(0)[1] == .text("a,b \"q\"\nnext line"))
        #expect(rows.row(1)[1] == .text("x"))
    }

    @Test func aQuoteMayOpenInsideAField() throws {
        // PostgreSQL's CSV reader treats a quote anywhere in a field as the start of a quoted run.
        let rows = try CopyReader(table: quoteTable).read(string: "id,note\n1,ab\"c,d\"e\n")
        #expect(rows.row(0)[1] == .text("abc,de"))
    }

    @Test func acceptsCRLFLineEndings() throws {
        let rows = try CopyReader(table: quoteTable).read(string: "id,note\r\n1,a\r\n2,b\r\n")
        #expect(rows.count == 2)
        #expect(rows.row(1)[1] == .text("b"))
    }

    @Test func lastLineWithoutNewlineIsARow() throws {
        let rows = try CopyReader(table: quoteTable).read(string: "id,note\n1,a\n2,b")
        #expect(rows.count == 2)
    }

    @Test func endOfDataMarkerStopsTheLoad() throws {
        let rows = try CopyReader(table: quoteTable).read(string: "id,note\n1,a\n\\.\n2,b\n")
        #expect(rows.count == 1)
    }

    @Test func headerOnlyGivesNoRows() throws {
        #expect(try reader.read(string: Self.header).count == 0)
        #expect(try reader.read(string: "").count == 0)
    }

    @Test func headerMayListColumnsInAnyOrder() throws {
        let rows = try CopyReader(table: quoteTable).read(string: "note,id\nhello,3\n")
        #expect(rows.row(0)[0] == .int(3))
        #expect(rows.row(0)[1] == .text("hello"))
    }

    @Test func omittedColumnsTakeTheirDefaults() throws {
        let csv = "ticker_id,timestamp,open,high,low,close,volume,interval\n" +
            "f1e150c7-2018-e1c4-784e-a4f346d68be5,2024-01-01 00:00:00+00,1,2,0.5,1.5,,5m\n"
        let rows = try reader.read(string: csv)
        #expect(rows.row(0)[9] == .text("yfinance"))
        #expect(rows.row(0)[10] == .jsonb("{}"))
        #expect(rows.row(0)[11] == .timestamp(1_700_000_000_000_000))
        guard case .uuid(let u) = rows.row(0)[0] else { Issue.record("id is not a uuid"); return }
        #expect((u.high >> 12) & 0xF == 4)  // version 4
        #expect(u.low >> 62 == 0b10)  // RFC 4122 variant
    }

    @Test func randomUUIDDefaultsAreReproducibleFromTheSeed() throws {
        let csv = "ticker_id,timestamp,open,high,low,close,interval\n" +
            "f1e150c7-2018-e1c4-784e-a4f346d68be5,2024-01-01 00:00:00+00,1,2,0.5,1.5,5m\n" +
            "f1e150c7-2018-e1c4-784e-a4f346d68be5,2024-01-01 00:05:00+00,1,2,0.5,1.5,5m\n"
        let a = try reader.read(string: csv), b = try reader.read(string: csv)
        let c = try CopyReader(table: NQPTables.marketData, loadTime: 0, seed: 8).read(string: csv)
        #expect(a.columns[0] == b.columns[0])
        #expect(a.columns[0] != c.columns[0])
        #expect(a.row(0)[0] != a.row(1)[0])
    }

    @Test func omittedSerialColumnsCountOnAcrossPiecesOfAFile() throws {
        let table = TableDefinition(name: "s", columns: [
            ColumnDefinition("id", .int8, notNull: true, default: .sequence), ColumnDefinition("a", .int4),
        ])
        let csv = "a\n" + (1...3_000).map { "\($0)\n" }.joined()
        var reader = CopyReader(table: table)
        reader.sequenceStart = 41
        let whole = try reader.read(string: csv)
        #expect(whole.row(0)[0] == .int(41) && whole.row(2_999)[0] == .int(3_040))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("serial-\(UUID()).csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var stream = try #require(CopyStream.open(reader: reader, path: path, pieceBytes: 4_096))
        var ids: [Value] = []
        while let piece = try stream.next() { ids += (0..<piece.count).map { piece.row($0)[0] } }
        #expect(ids == (41...3_040).map { Value.int(Int64($0)) })
    }

    @Test func omittedColumnWithExpressionDefaultIsReportedAsNotModelled() {
        let table = TableDefinition(name: "e", columns: [
            ColumnDefinition("a", .int4), ColumnDefinition("b", .int4, default: .expression("a + 1")),
        ])
        #expect(throws: CopyError.self) { try CopyReader(table: table).read(string: "a\n1\n") }
    }

    @Test func jsonbIsStoredInCanonicalForm() throws {
        let csv = "id,ticker_id,timestamp,open,high,low,close,interval,metadata\n" +
            "500a691a-f0a4-45ba-a177-b0f9fe38ab9a,f1e150c7-2018-e1c4-784e-a4f346d68be5,2024-01-01 00:00:00+00,1,1,1,1,1m,\"{\"\"b\"\":1,\"\"a\"\":{\"\"y\"\":2,\"\"x\"\":[1, 2]}}\"\n"
        let rows = try reader.read(string: csv)
        #expect(rows.row(0)[10] == .jsonb("{\"a\": {\"x\": [1, 2], \"y\": 2}, \"b\": 1}"))
    }

    @Test func varcharKeepsCharacterCountsNotBytes() throws {
        // Ten characters, twenty bytes: fits varchar(10).
        let rows = try CopyReader(table: quoteTable).read(string: "id,code\n1,ééééééééé€\n")
        #expect(rows.row(0)[2] == .text("ééééééééé€"))
    }

    @Test func varcharDropsTrailingSpacesPastTheLimit() throws {
        let rows = try CopyReader(table: quoteTable).read(string: "id,code\n1,abcdefghij   \n")
        #expect(rows.row(0)[2] == .text("abcdefghij"))
    }

    @Test func numericsAcceptExponentNotation() throws {
        let rows = try CopyReader(table: quoteTable).read(string: "id,price\n1,1.5e2\n2,-25E-3\n")
        #expect(rows.row(0)[3] == .numeric(PGNumeric(unscaled: 15000, scale: 2)))
        #expect(rows.row(1)[3] == .numeric(PGNumeric(unscaled: -3, scale: 2)))
    }

    @Test func integersAcceptSurroundingSpacesAndSigns() throws {
        let rows = try CopyReader(table: quoteTable).read(string: "id\n +12 \n-2147483648\n")
        #expect(rows.row(0)[0] == .int(12))
        #expect(rows.row(1)[0] == .int(-2_147_483_648))
    }

    /// Records wider than the scanner's first 16 field slots, one after another: each field
    /// lands in its column.
    @Test func readsRecordsOfManyFields() throws {
        let columns = (0..<40).map { ColumnDefinition("c\($0)", .text) }
        let table = TableDefinition(name: "wide", columns: columns)
        let header = columns.map(\.name).joined(separator: ",") + "\n"
        let record = { (r: Int) in (0..<40).map { "\"\(r):\($0)\"" }.joined(separator: ",") + "\n" }
        let rows = try CopyReader(table: table).read(string: header + record(0) + record(1))
        #expect(rows.count == 2)
        #expect(rows.row(0)[39] == .text("0:39") && rows.row(1)[17] == .text("1:17") && rows.row(1)[0] == .text("1:0"))
    }

    @Test func readsFromAFilePath() throws {
        let path = FileManagerPaths.temporary("reader-path.csv")
        try CopyWriter().write(try CopyReader(table: quoteTable).read(string: "id,note\n1,a\n"), toPath: path)
        let rows = try CopyReader(table: quoteTable).read(path: path)
        #expect(rows.row(0)[1] == .text("a"))
    }

    @Test func missingFileIsAnError() {
        do {
            _ = try CopyReader(table: quoteTable).read(path: "/nonexistent/x.csv")
            Issue.record("missing file read")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/x.csv: could not open file \"/nonexistent/x.csv\" for reading: "))
        }
    }
}
