import Foundation
import Testing
import TestSupport
@testable import Schema

/// `E'…'` escapes (scan.l's xe state), `U&'…'` / `U&"…"` with `UESCAPE` (parser.c's
/// str_udeunescape) and a leading byte-order mark, as PostgreSQL 15 reads them.
@Suite struct SQLStringEscapeTests {
    func string(_ sql: String) throws -> String {
        let tokens = try SQLLexer(text: sql, file: "t.sql").tokens()
        guard case .string(let s) = tokens[0].kind else { throw SQLSyntaxError(location: tokens[0].location, message: "not a string") }
        return s
    }

    func failure(_ sql: String) -> SQLSyntaxError? {
        do { _ = try SQLLexer(text: sql, file: "t.sql").tokens() } catch { return error }
        return nil
    }

    @Test func extendedEscapesDecodeAsScanLDoes() throws {
        #expect(try string(#"E'metric\x73'"#) == "metrics")
        #expect(try string(#"E'\b\f\n\r\t\v'"#) == "\u{08}\u{0C}\n\r\tv")
        #expect(try string(#"E'\101\1012\x414\xg\x4'"#) == "AA2A4xg\u{04}")
        #expect(try string(#"E'\u00e9\U0001F600\uD83D\uDE00'"#) == "é😀😀")
        #expect(try string(#"E'\xC3\xA9'"#) == "é")
        #expect(try string(#"e'it\'s '' \q'"#) == "it's ' q")
    }

    /// PostgreSQL's messages, and where its cursor points (these columns are the server's for the
    /// same text, which is ASCII so bytes and characters agree).
    @Test func malformedEscapesGivePostgresErrorsAndPositions() {
        let cases: [(String, String, Int)] = [
            (#"x E'\u12'"#, "invalid Unicode escape", 5),
            (#"x E'\uD800'"#, "invalid Unicode surrogate pair at or near \"'\"", 11),
            (#"x E'\uDC00'"#, #"invalid Unicode surrogate pair at or near "\uDC00""#, 5),
            (#"x E'\uD800\u0041'"#, #"invalid Unicode surrogate pair at or near "\u0041""#, 11),
            (#"x E'\U00110000'"#, #"invalid Unicode escape value at or near "\U00110000""#, 5),
            (#"x E'\u0000'"#, #"invalid Unicode escape value at or near "\u0000""#, 5),
            (#"x E'\xff'"#, "invalid byte sequence for encoding \"UTF8\": 0xff", 3),
            (#"x E'\0'"#, "invalid byte sequence for encoding \"UTF8\": 0x00", 3),
            (#"x E'\777'"#, "invalid byte sequence for encoding \"UTF8\": 0xff", 3),
            (#"x U&'\12'"#, "invalid Unicode escape", 6),
            (#"x U&'\D800'"#, "invalid Unicode surrogate pair", 11),
            (#"x U&'\DC00'"#, "invalid Unicode surrogate pair", 6),
            (#"x U&'x\'"#, "invalid Unicode escape", 7),
            (#"x U&'\+110000'"#, "invalid Unicode escape value", 6),
            (#"x U&'x' UESCAPE 'ab'"#, "invalid Unicode escape character at or near \"'ab'\"", 17),
            (#"x U&'x' UESCAPE '+'"#, "invalid Unicode escape character at or near \"'+'\"", 17),
            (#"x U&'x' UESCAPE 1"#, "UESCAPE must be followed by a simple string literal at or near \"1\"", 17),
            (#"x U&"" y"#, "zero-length delimited identifier at or near \"U&\"\"\"", 3),
        ]
        for (sql, message, column) in cases {
            let e = failure(sql)
            #expect(e?.message == message, "\(sql)")
            #expect(e?.location.column == column, "\(sql)")
        }
    }

    /// Truncated and odd input ends in an error or a token, never a trap or a hang.
    @Test func truncatedInputIsAnErrorNotATrap() {
        for sql in ["E'\\u12", "E'\\", "E'\\uD800", "E'\\uD800\\", "E'\\U0010", "E'\\x", "E'\\777777", "U&", "U&'", "U&\"",
                    "U&'\\", "U&'a' UESCAPE", "U&'a' UESCAPE '", "u&'\\D800' UESCAPE '!'", "U&\"a\" UESCAPE U&'!'"] {
            _ = failure(sql)
        }
        #expect(failure("E'\\uD800")?.message == "invalid Unicode surrogate pair at end of input")
        #expect(failure("U&'a' UESCAPE")?.message == "UESCAPE must be followed by a simple string literal at end of input")
        #expect(failure("E'ab\\")?.message.hasPrefix("unterminated quoted string") == true)
    }

    @Test func unicodeStringsAndIdentifiers() throws {
        #expect(try string(#"U&'d\0061t\+000061'"#) == "data")
        #expect(try string(#"u&'d!0061t!+000061!!\' UESCAPE '!'"#) == "data!\\")
        #expect(try string(#"U&'\D800\DC00 it''s'"#) == "𐀀 it's")
        let tokens = try SQLLexer(text: #"CREATE TABLE U&"m\0065trics" (ts int); U&"A!0041" UESCAPE '!' x"#, file: "t.sql").tokens()
        #expect(tokens[2].kind == .identifier("metrics", quoted: true))
        #expect(tokens[8].kind == .identifier("AA", quoted: true))
        #expect(tokens[9].kind == .identifier("x", quoted: false))
        // A `U&` not before a quote is the identifier `u` and the operator `&`.
        #expect(try SQLLexer(text: "U& x", file: "t.sql").tokens().map(\.kind) == [.identifier("u", quoted: false), .symbol("&"), .identifier("x", quoted: false), .end])
        guard case .createTable(let t) = try SQLParser.parse(text: #"CREATE TABLE U&"m\0065trics" (ts timestamptz NOT NULL);"#, file: "t.sql").first?.kind else {
            Issue.record("not a CREATE TABLE"); return
        }
        #expect(t.name == "metrics")
    }

    /// psql drops a byte-order mark opening the file (mainloop.c) and the server counts columns
    /// without it; a second one is an identifier character.
    @Test func leadingByteOrderMarkIsSkipped() throws {
        let tokens = try SQLLexer(text: "\u{FEFF}CREATE TABLE t (a int);", file: "b.sql").tokens()
        #expect(tokens[0].kind == .identifier("create", quoted: false))
        #expect(tokens[0].location.column == 1 && tokens[1].location.column == 8)
        #expect(try SQLLexer(text: "\u{FEFF}", file: "b.sql").tokens().map(\.kind) == [.end])
        // psql: `syntax error at or near ";"` with the cursor at column 11 (`LINE 1: SELECT 1 +;`).
        #expect(try SQLLexer(text: "\u{FEFF}SELECT 1 +;", file: "b.sql").tokens()[3].location.column == 11)
        let twice = try SQLLexer(text: "\u{FEFF}\u{FEFF}SELECT", file: "b.sql").tokens()
        #expect(twice[0].kind == .identifier("\u{FEFF}select", quoted: false))
        let later = try SQLLexer(text: "SELECT 1;\n\u{FEFF}x", file: "b.sql").tokens()
        #expect(later[3].kind == .identifier("\u{FEFF}x", quoted: false))
        guard case .createTable(let t) = try SQLParser.parse(text: "\u{FEFF}CREATE TABLE bomtest (ts timestamptz NOT NULL);", file: "b.sql").first?.kind else {
            Issue.record("not a CREATE TABLE"); return
        }
        #expect(t.name == "bomtest")
    }

    /// The same literals through a PostgreSQL 15 server: the bytes it stores or the error it gives.
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func escapesAgreeWithPostgres() throws {
        let cluster = try PostgresCluster.shared()
        let literals = [
            #"E'metric\x73'"#, #"E'\b\f\n\r\t\v\a\\'"#, #"E'\101\1012\x414\xg\x4'"#, #"E'\u00e9\U0001F600\uD83D\uDE00'"#,
            #"E'\xC3\xA9'"#, #"E'it\'s '' \q'"#, #"E'\u12'"#, #"E'\uD800'"#, #"E'\uDC00'"#, #"E'\uD800\u0041'"#, #"E'\U00110000'"#,
            #"E'\u0000'"#, #"E'\xff'"#, #"E'\0'"#, #"E'\400'"#, #"E'\777'"#, #"E'\3'"#, #"E'\xe2\x82'"#, #"E'\é'"#,
            #"U&'d\0061t\+000061'"#, #"U&'d!0061t!+000061!!\' UESCAPE '!'"#, #"U&'\D800\DC00 it''s'"#, #"U&'\12'"#,
            #"U&'\D800'"#, #"U&'\DC00'"#, #"U&'x\'"#, #"U&'\+110000'"#, #"U&'\0000'"#, #"U&'\\'"#, #"U&'x' UESCAPE 'ab'"#,
            #"U&'x' UESCAPE '+'"#, #"U&'x' UESCAPE ' '"#, #"U&'x' UESCAPE 1"#, #"U&'\+00D800\+00DC00'"#, #"U&'a' UESCAPE E'\\'"#,
        ]
        for literal in literals {
            let out = try cluster.script("SELECT encode(convert_to(\(literal), 'UTF8'), 'hex');\n", file: "escapes.sql")
            let theirs: String
            if let r = out.range(of: "ERROR:  ") {
                theirs = "ERROR " + String(out[r.upperBound...].prefix { $0 != "\n" })
            } else {
                theirs = out.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let ours: String
            do {
                let s = try string(literal)
                ours = s.utf8.map { String(format: "%02x", $0) }.joined()
            } catch {
                ours = "ERROR " + ((error as? SQLSyntaxError)?.message ?? "\(error)")
            }
            #expect(ours == theirs, "\(literal)")
        }
    }
}
