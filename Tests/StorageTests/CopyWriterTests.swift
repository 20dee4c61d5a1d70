import Foundation
import Schema
import Storage
import Testing
import TestSupport

@Suite("COPY CSV writer")
struct CopyWriterTests {
    @Test func quotesOnlyWhatPostgreSQLQuotes() throws {
        var rows = RowSet(table: quoteTable)
        rows.append(row: [.int(1), .text(" lead and trail "), .text(""), .null])
        rows.append(row: [.int(2), .text("a,b"), .text("q\"x"), .numeric(PGNumeric(unscaled: -150, scale: 2))])
        rows.append(row: [.int(3), .text("two\nlines"), .text("cr\rhere"), .numeric(PGNumeric(unscaled: 5, scale: 2))])
        let text = CopyWriter().writeString(rows)
        #expect(text == "id,note,code,price\n1, lead and trail ,\"\",\n2,\"a,b\",\"q\"\"x\",-1.50\n3,\"two\nlines\",\"cr\rhere\",0.05\n")
    }

    @Test func timestampsPrintInTheSessionZone() throws {
        let table = TableDefinition(name: "z", columns: [ColumnDefinition("at", .timestamptz)])
        var rows = RowSet(table: table)
        rows.append(row: [.timestamp(try PGTimestamp.parse("2024-07-01 12:00:00.5+00"))])
        let zone = try #require(PGTimeZone(name: "America/New_York"))
        #expect(CopyWriter(zone: zone).writeString(rows) == "at\n2024-07-01 08:00:00.5-04\n")
        #expect(CopyWriter().writeString(rows) == "at\n2024-07-01 12:00:00.5+00\n")
    }

    @Test func singleColumnEndOfDataMarkerIsQuoted() {
        let table = TableDefinition(name: "one", columns: [ColumnDefinition("s", .text)])
        var rows = RowSet(table: table)
        rows.append(row: [.text("\\.")])
        #expect(CopyWriter().writeString(rows) == "s\n\"\\.\"\n")
    }

    @Test func booleansAndIntegers() {
        let table = TableDefinition(name: "b", columns: [ColumnDefinition("f", .bool), ColumnDefinition("n", .int8)])
        var rows = RowSet(table: table)
        rows.append(row: [.bool(true), .int(Int64.min)])
        rows.append(row: [.bool(false), .null])
        #expect(CopyWriter().writeString(rows) == "f,n\nt,-9223372036854775808\nf,\n")
    }

    @Test func writtenOutputReadsBackToTheSameRows() throws {
        let csv = "id,note,code,price\n1,\"x,\"\"y\"\"\n\",\"\",-0.01\n2,,é€,1234.50\n"
        let rows = try CopyReader(table: quoteTable).read(string: csv)
        #expect(CopyWriter().writeString(rows) == csv)
        #expect(try CopyReader(table: quoteTable).read(string: CopyWriter().writeString(rows)) == rows)
    }

    /// The byte count taken a block at a time is the written text's length, across block edges.
    @Test func byteCountIsTheWrittenLength() {
        var rows = RowSet(table: quoteTable)
        for i in 0..<9_000 {
            rows.append(row: [.int(Int64(i)), .text(i % 7 == 0 ? "a,\"b\"" : "n\(i)"), i % 5 == 0 ? .null : .text(""),
                              .numeric(PGNumeric(unscaled: Int64(i) - 4_500, scale: 2))])
        }
        #expect(CopyWriter().byteCount(rows) == CopyWriter().write(rows).count)
        #expect(CopyWriter().byteCount(RowSet(table: quoteTable)) == CopyWriter().write(RowSet(table: quoteTable)).count)
    }

    /// Every real COPY export reads and writes back byte for byte.
    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared")) func realDataRoundTripsByteForByte() throws {
        _ = try #require(try SharedData.require("data/real"))
        let files = SharedData.realDataFiles
        #expect(!files.isEmpty)
        for url in files {
            let table = url.lastPathComponent.contains("numeric14_4") ? NQPTables.marketDataNumeric14_4 : NQPTables.marketData
            let original = try [UInt8](Data(contentsOf: url))
            let rows = try CopyReader(table: table, loadTime: 0).read(bytes: original, file: url.lastPathComponent)
            #expect(rows.count > 0)
            let written = CopyWriter().write(rows)
            #expect(written.count == original.count, "\(url.lastPathComponent)")
            #expect(written == original, "\(url.lastPathComponent) differs")
        }
    }
}
