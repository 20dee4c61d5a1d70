import Testing
@testable import Schema

@Suite struct SQLLexerTests {
    func kinds(_ sql: String) throws -> [SQLToken.Kind] {
        try SQLLexer(text: sql, file: "t.sql").tokens().map(\.kind)
    }

    @Test func unquotedIdentifiersFoldToLowerCaseQuotedOnesKeepCase() throws {
        #expect(try kinds("SELECT \"Mixed\", Plain") == [
            .identifier("select", quoted: false), .identifier("Mixed", quoted: true), .symbol(","), .identifier("plain", quoted: false), .end,
        ])
    }

    @Test func nestedBlockCommentsAndLineCommentsAreSkipped() throws {
        #expect(try kinds("/* a /* b */ c */ x -- y\n z") == [.identifier("x", quoted: false), .identifier("z", quoted: false), .end])
    }

    @Test func dollarQuotedBodiesAreOneString() throws {
        #expect(try kinds("$fn$ it's; $$ $fn$") == [.string(" it's; $$ "), .end])
    }

    @Test func doubledQuotesAndEscapeStrings() throws {
        #expect(try kinds("'it''s' E'a\\nb'") == [.string("it's"), .string("a\nb"), .end])
    }

    @Test func tokensCarryLineAndColumn() throws {
        let t = try SQLLexer(text: "a\n  bb", file: "f.sql").tokens()
        #expect(t[1].location == SQLLocation(file: "f.sql", line: 2, column: 3))
    }

    @Test func unterminatedStringIsASyntaxErrorWithItsPosition() {
        #expect(throws: SQLSyntaxError.self) { try SQLLexer(text: "x 'abc", file: "f.sql").tokens() }
    }
}
