import Testing
@testable import Schema

@Suite struct ValueTextTests {
    @Test func uuidForms() throws {
        let u = try PGUUID.parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")
        #expect(u.description == "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
        #expect(try PGUUID.parse("{a0eebc999c0b4ef8bb6d6bb9bd380a11}") == u)
        #expect(try PGUUID.parse("a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11") == u)
        #expect(throws: ValueError.invalidSyntax(type: "uuid", text: "a0eebc99")) { try PGUUID.parse("a0eebc99") }
    }

    @Test func varcharLengthLimit() throws {
        #expect(try Value.parse("1m", as: .varchar(10)) == .text("1m"))
        #expect(throws: ValueError.valueTooLong(type: "character varying(10)")) { try Value.parse("12345678901", as: .varchar(10)) }
        // Trailing blanks beyond the limit are cut, as PostgreSQL does.
        #expect(try Value.parse("1m          ", as: .varchar(10)) == .text("1m        "))
    }

    @Test func integerRanges() throws {
        #expect(try Value.parse("32767", as: .int2) == .int(32767))
        #expect(throws: ValueError.outOfRange(type: "smallint", text: "32768")) { try Value.parse("32768", as: .int2) }
        #expect(throws: ValueError.invalidSyntax(type: "bigint", text: "1.5")) { try Value.parse("1.5", as: .int8) }
    }

    @Test func jsonbCanonicalForm() throws {
        #expect(try JSONBText.canonical("{}") == "{}")
        #expect(try JSONBText.canonical(#"{"bb":1,"a":[1,2.50,1e2],"bb":true}"#) == #"{"a": [1, 2.50, 100], "bb": true}"#)
        #expect(try JSONBText.canonical(#" {"x" : "\u00e9\n"} "#) == #"{"x": "é\n"}"#)
        #expect(throws: ValueError.self) { try JSONBText.canonical("{") }
        // Keys are equal only when their bytes are: "é" precomposed (2 bytes) and decomposed
        // (3 bytes) are two keys, as on PostgreSQL 15, shorter first.
        #expect(try JSONBText.canonical("{\"e\u{301}\":1,\"é\":2,\"e\u{301}\":3}") == "{\"é\": 2, \"e\u{301}\": 3}")
        #expect(try JSONBText.canonical(#"{"b":{"y":1,"x":2,"y":3},"a":[{"k":1,"k":2}]}"#) == #"{"a": [{"k": 2}], "b": {"x": 2, "y": 3}}"#)
        #expect(try JSONBText.canonical(#"["\u001f\u0041\/", -0.0, 1.5e-3, 0e9]"#) == #"["\u001fA/", 0.0, 0.0015, 0]"#)
    }

    /// json checks an escape's hex digits only: an unpaired surrogate passes, as on PostgreSQL 15;
    /// jsonb decodes it and refuses.
    @Test func jsonTakesUnpairedSurrogatesThatJsonbRefuses() throws {
        #expect(try JSONBText.validated(#""\ud83d""#) == #""\ud83d""#)
        #expect(throws: ValueError.self) { try JSONBText.canonical(#""\ud83d""#) }
        #expect(throws: ValueError.self) { try JSONBText.validated(#""\ud83""#) }
    }

    @Test func jsonKeepsItsTextAndAcceptsZeroEscapes() throws {
        #expect(PGType(sql: "json") == .json)
        #expect(PGType(sql: "JSONB") == .jsonb)
        let typed = #" {"b":1, "a" : 2, "b":[1e2]} "#
        #expect(try Value.parse(typed, as: .json) == .jsonb(typed))
        #expect(try Value.parse(#""\u0000""#, as: .json) == .jsonb(#""\u0000""#))
        let zero = ValueError.invalidJSON(JSONRefusal(detail: #"\u0000 cannot be converted to text."#,
                                                      context: #"JSON data, line 1: "\u0000..."#, isUnsupportedEscape: true))
        #expect(throws: zero) { try Value.parse(#""\u0000""#, as: .jsonb) }
        #expect(zero.sqlState == "22P05")
        #expect(zero.description == #"unsupported Unicode escape sequence (\u0000 cannot be converted to text.)"#)
        let trailing = ValueError.invalidJSON(JSONRefusal(detail: #"Expected end of input, but found "2"."#,
                                                          context: "JSON data, line 1: [1] 2", isUnsupportedEscape: false))
        #expect(throws: trailing) { try Value.parse("[1] 2", as: .json) }
        #expect(trailing.sqlState == "22P02")
        // Nesting far past the readers' limit is refused without exhausting a worker's stack.
        let deep = String(repeating: "[", count: 100_000) + "x"
        #expect(throws: ValueError.self) { try Value.parse(deep, as: .json) }
        #expect(throws: ValueError.self) { try Value.parse(deep, as: .jsonb) }
        let refusal = JSONRefusal.find(in: String(repeating: "[", count: 3000) + "x", unescaping: false)
        #expect(refusal?.detail == #"Token "x" is invalid."#)
    }

    @Test func checkConstraintsUseThreeValuedLogic() {
        let check = NQPTables.marketData.checks[0]
        #expect(check.name == "market_data_interval_check")
        #expect(check.predicate.truth { _ in .text("1m") }.passesCheck)
        #expect(!check.predicate.truth { _ in .text("2m") }.passesCheck)
        #expect(check.predicate.truth { _ in .null }.passesCheck)
    }

    @Test func generatedConstraintNames() {
        #expect(TableDefinition.generatedName(table: "market_data", columns: ["ticker_id", "timestamp", "interval"], suffix: "key")
                == "market_data_ticker_id_timestamp_interval_key")
    }
}
