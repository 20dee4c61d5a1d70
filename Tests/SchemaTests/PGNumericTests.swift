import Testing
@testable import Schema

@Suite struct PGNumericTests {
    @Test func printsWithDeclaredScale() throws {
        #expect(try PGNumeric.parse("84.22", precision: 14, scale: 4).description == "84.2200")
        #expect(try PGNumeric.parse("-0.5", precision: 12, scale: 2).description == "-0.50")
        #expect(try PGNumeric.parse("3").description == "3")
        #expect(try PGNumeric.parse(".5").description == "0.5")
    }

    @Test func roundsHalfAwayFromZeroToColumnScale() throws {
        #expect(try PGNumeric.parse("1.005", precision: 12, scale: 2).description == "1.01")
        #expect(try PGNumeric.parse("-1.005", precision: 12, scale: 2).description == "-1.01")
        #expect(try PGNumeric.parse("1.0049", precision: 12, scale: 2).description == "1.00")
    }

    @Test func numericFieldOverflowAtPrecisionLimit() throws {
        #expect(try PGNumeric.parse("9999999999.99", precision: 12, scale: 2).description == "9999999999.99")
        #expect(throws: ValueError.numericFieldOverflow(precision: 12, scale: 2)) {
            try PGNumeric.parse("10000000000.00", precision: 12, scale: 2)
        }
        // Rounding up can overflow too, as in PostgreSQL.
        #expect(throws: ValueError.numericFieldOverflow(precision: 12, scale: 2)) {
            try PGNumeric.parse("9999999999.995", precision: 12, scale: 2)
        }
    }

    @Test func rejectsMalformedText() {
        #expect(throws: ValueError.invalidSyntax(type: "numeric", text: "12a")) { try PGNumeric.parse("12a") }
        #expect(throws: ValueError.invalidSyntax(type: "numeric", text: "")) { try PGNumeric.parse("") }
        #expect(throws: ValueError.invalidSyntax(type: "numeric", text: "1.2.3")) { try PGNumeric.parse("1.2.3") }
    }

    @Test func equalityIsByValue() throws {
        #expect(try PGNumeric.parse("1.0") == PGNumeric.parse("1.00"))
        #expect(try PGNumeric.parse("1.0").hashValue == PGNumeric.parse("1.00").hashValue)
        #expect(try PGNumeric.parse("-2") < PGNumeric.parse("1.5"))
    }
}
