import Schema
import Storage
import Testing

/// The error a load raises; a load that returns rows instead is a test failure. Either way nothing
/// is returned to store: `read` gives back a RowSet only when every row passed.
func copyError(_ table: TableDefinition, _ csv: String, file: String = "x.csv") -> CopyError? {
    do {
        let rows = try CopyReader(table: table, loadTime: 0).read(string: csv, file: file)
        Issue.record("load succeeded with \(rows.count) rows")
        return nil
    } catch {
        return error
    }
}

@Suite("COPY CSV reader errors")
struct CopyReaderErrorTests {
    static let md = NQPTables.marketData
    static let header = "ticker_id,timestamp,open,high,low,close,volume,interval\n"
    static let good = "f1e150c7-2018-e1c4-784e-a4f346d68be5,2024-01-01 00:00:00+00,1.00,2.00,0.50,1.50,10,1m\n"

    @Test func numericOverflowNamesFileLineFieldAndColumn() throws {
        let bad = "f1e150c7-2018-e1c4-784e-a4f346d68be5,2024-01-01 00:01:00+00,12345678901.00,2,1,1,10,1m\n"
        let e = try #require(copyError(Self.md, Self.header + Self.good + bad, file: "mes.csv"))
        #expect(e.line == 3 && e.field == 3 && e.column == "open")
        #expect(e.description == "mes.csv:3:3: column \"open\": numeric field overflow")
        #expect(e.valueDetail == "A field with precision 12, scale 2 must round to an absolute value less than 10^10.")
    }

    @Test func roundingUpIntoTheLimitIsAnOverflow() throws {
        // 9999999999.995 rounds to 10000000000.00, which needs 11 integer digits.
        let bad = "f1e150c7-2018-e1c4-784e-a4f346d68be5,2024-01-01 00:01:00+00,9999999999.995,2,1,1,10,1m\n"
        let e = try #require(copyError(Self.md, Self.header + bad))
        #expect(e.message == "numeric field overflow")
    }

    @Test func valueTooLongForVarchar() throws {
        let bad = "f1e150c7-2018-e1c4-784e-a4f346d68be5,2024-01-01 00:01:00+00,1,2,1,1,10,12345678901\n"
        let e = try #require(copyError(Self.md, Self.header + bad))
        #expect(e.line == 2 && e.field == 8 && e.column == "interval")
        #expect(e.message == "value too long for type character varying(10)")
    }

    @Test func invalidUUID() throws {
        let bad = "f1e150c7-2018-e1c4-784e,2024-01-01 00:01:00+00,1,2,1,1,10,1m\n"
        let e = try #require(copyError(Self.md, Self.header + bad))
        #expect(e.field == 1 && e.column == "ticker_id")
        #expect(e.message == "invalid input syntax for type uuid: \"f1e150c7-2018-e1c4-784e\"")
    }

    @Test func invalidTimestamp() throws {
        let bad = "f1e150c7-2018-e1c4-784e-a4f346d68be5,2024-13-01 00:01:00+00,1,2,1,1,10,1m\n"
        let e = try #require(copyError(Self.md, Self.header + bad))
        #expect(e.field == 2 && e.message == "date/time field value out of range: \"2024-13-01 00:01:00+00\"")
    }

    @Test func timestampSyntax() throws {
        // (`2024/01/01` is a timestamp to PostgreSQL, and loads: CopyReaderTests.timestampsInOtherSpellingsLoad.)
        let bad = "f1e150c7-2018-e1c4-784e-a4f346d68be5,2024/01/01 noon,1,2,1,1,10,1m\n"
        let e = try #require(copyError(Self.md, Self.header + bad))
        #expect(e.message == "invalid input syntax for type timestamp with time zone: \"2024/01/01 noon\"")
    }

    @Test func malformedExponentIsASyntaxError() throws {
        let e = try #require(copyError(quoteTable, "id,price\n1,1e0x\n"))
        #expect(e.message == "invalid input syntax for type numeric: \"1e0x\"")
    }

    @Test func integerOutOfRange() throws {
        let bad = "f1e150c7-2018-e1c4-784e-a4f346d68be5,2024-01-01 00:01:00+00,1,2,1,1,9223372036854775808,1m\n"
        let e = try #require(copyError(Self.md, Self.header + bad))
        #expect(e.field == 7 && e.column == "volume")
        #expect(e.message == "value \"9223372036854775808\" is out of range for type bigint")
    }

    @Test func integerSyntax() throws {
        let e = try #require(copyError(quoteTable, "id\n12a\n"))
        #expect(e.message == "invalid input syntax for type integer: \"12a\"")
        #expect(e.line == 2 && e.field == 1)
    }

    @Test func invalidJSON() throws {
        let csv = "ticker_id,timestamp,open,high,low,close,interval,metadata\n" +
            "f1e150c7-2018-e1c4-784e-a4f346d68be5,2024-01-01 00:01:00+00,1,2,1,1,1m,{bad\n"
        let e = try #require(copyError(Self.md, csv))
        #expect(e.field == 8 && e.column == "metadata")
        #expect(e.message.hasPrefix("invalid input syntax for type json"))
    }

    @Test func notNullViolationNamesColumnAndRow() throws {
        let bad = "f1e150c7-2018-e1c4-784e-a4f346d68be5,2024-01-01 00:01:00+00,1,2,,1,10,1m\n"
        let e = try #require(copyError(Self.md, Self.header + Self.good + bad))
        #expect(e.line == 3 && e.column == "low" && e.field == nil)
        #expect(e.message == "null value in column \"low\" of relation \"market_data\" violates not-null constraint")
        #expect(e.detail?.hasPrefix("Failing row contains (") == true)
    }

    @Test func omittedNotNullColumnWithoutDefaultFailsTheFirstRow() throws {
        let e = try #require(copyError(quoteTable, "note\nhello\n"))
        #expect(e.line == 2 && e.column == "id" && e.kind == .notNull)
    }

    @Test func checkViolationNamesTheConstraint() throws {
        let bad = "f1e150c7-2018-e1c4-784e-a4f346d68be5,2024-01-01 00:01:00+00,1,2,1,1,10,2m\n"
        let e = try #require(copyError(Self.md, Self.header + Self.good + Self.good + bad))
        #expect(e.line == 4 && e.field == nil)
        #expect(e.message == "new row for relation \"market_data\" violates check constraint \"market_data_interval_check\"")
    }

    @Test func earlierCheckViolationWinsOverALaterSyntaxError() throws {
        let check = "f1e150c7-2018-e1c4-784e-a4f346d68be5,2024-01-01 00:01:00+00,1,2,1,1,10,2m\n"
        let syntax = "nope,2024-01-01 00:01:00+00,1,2,1,1,10,1m\n"
        let e = try #require(copyError(Self.md, Self.header + check + syntax))
        #expect(e.kind == .checkViolation(constraint: "market_data_interval_check"))
        #expect(e.line == 2)
    }

    @Test func valueErrorInARowComesBeforeItsNotNullViolation() throws {
        let bad = "f1e150c7-2018-e1c4-784e-a4f346d68be5,2024-01-01 00:01:00+00,,x,1,1,10,1m\n"
        let e = try #require(copyError(Self.md, Self.header + bad))
        #expect(e.column == "high" && e.message.hasPrefix("invalid input syntax for type numeric"))
    }

    @Test func unknownHeaderColumn() throws {
        let e = try #require(copyError(quoteTable, "id,colour\n1,red\n"))
        #expect(e.line == 1 && e.field == 2 && e.column == "colour")
        #expect(e.message == "column \"colour\" of relation \"t\" does not exist")
    }

    @Test func duplicateHeaderColumn() throws {
        let e = try #require(copyError(quoteTable, "id,note,id\n1,a,1\n"))
        #expect(e.field == 3 && e.message == "column \"id\" specified more than once")
    }

    @Test func unterminatedQuotedFieldPointsAtWhereTheQuoteOpened() throws {
        let e = try #require(copyError(quoteTable, "id,note\n1,a\n2,\"open\nstill open\n"))
        #expect(e.line == 3 && e.field == 2 && e.column == "note")
        #expect(e.message == "unterminated CSV quoted field")
    }

    @Test func extraData() throws {
        let e = try #require(copyError(quoteTable, "id,note\n1,a,b\n"))
        #expect(e.line == 2 && e.field == 3)
        #expect(e.message == "extra data after last expected column")
    }

    /// A record with more fields than the scanner first makes room for (16): the extra field is
    /// still found where it is, with the quoted fields after it read whole.
    @Test func extraDataPastManyFields() throws {
        let fields = (3...40).map { $0 % 2 == 0 ? "\"f,\($0)\"" : "f\($0)" }.joined(separator: ",")
        let e = try #require(copyError(quoteTable, "id,note\n1,a\n2,b," + fields + "\n"))
        #expect(e.line == 3 && e.field == 3)
        #expect(e.message == "extra data after last expected column")
    }

    @Test func missingData() throws {
        let e = try #require(copyError(quoteTable, "id,note,code\n1,a\n"))
        #expect(e.line == 2 && e.field == 3 && e.column == "code")
        #expect(e.message == "missing data for column \"code\"")
    }

    @Test func blankLineIsMissingData() throws {
        let e = try #require(copyError(quoteTable, "id,note\n1,a\n\n2,b\n"))
        #expect(e.line == 3 && e.message == "missing data for column \"note\"")
    }

    @Test func multiLineQuotedFieldsKeepLaterLineNumbers() throws {
        let csv = "id,note\n1,\"one\ntwo\nthree\"\n2,\"x\ny\"\n3,ok\nbad,z\n"
        let e = try #require(copyError(quoteTable, csv))
        #expect(e.line == 8 && e.field == 1 && e.column == "id")
    }

    @Test func unquotedCarriageReturnInALFFile() throws {
        let e = try #require(copyError(quoteTable, "id,note\n1,a\rb\n"))
        #expect(e.message == "unquoted carriage return found in data")
        #expect(e.line == 2)
    }

    @Test func checkCompareTextByteWiseNotByCanonicalEquivalence() throws {
        // "é" precomposed passes IN ('é'); the decomposed spelling is other bytes, so PostgreSQL refuses it.
        let table = TableDefinition(name: "c", columns: [ColumnDefinition("s", .text)],
                                    checks: [CheckConstraint(name: "c_s_check", predicate: .inList(.column("s"), [.literal(.text("\u{E9}"))], negated: false),
                                                             sql: "CHECK (s IN ('é'))")])
        let e = try #require(copyError(table, "s\n\u{E9}\ne\u{301}\n"))
        #expect(e.line == 3 && e.kind == .checkViolation(constraint: "c_s_check"))
    }

    @Test func invalidUTF8InText() throws {
        let bytes = Array("id,note\n1,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        do {
            _ = try CopyReader(table: quoteTable).read(bytes: bytes, file: "u.csv")
            Issue.record("invalid UTF-8 accepted")
        } catch {
            #expect(error.kind == .invalidUTF8(bytes: "0xc3 0x28"))
            #expect(error.message == "invalid byte sequence for encoding \"UTF8\": 0xc3 0x28")
            #expect(error.line == 2 && error.field == 2)
        }
    }
}
