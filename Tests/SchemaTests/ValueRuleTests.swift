import Testing
import Schema

/// PostgreSQL's value rules as typed errors in Schema (callers match the case, never the text).
@Suite struct ValueRuleTests {
    @Test func exponentNumericsAreNumerics() throws {
        #expect(try PGNumeric.parse("1.5e3") == PGNumeric.parse("1500"))
        #expect(try PGNumeric.parse(" -2E-2 ").description == "-0.02")
        #expect(try PGNumeric.parse("1e3", precision: 6, scale: 2).description == "1000.00")
        #expect(throws: ValueError.numericFieldOverflow(precision: 3, scale: 0)) { try PGNumeric.parse("1e3", precision: 3, scale: 0) }
        #expect(throws: ValueError.invalidSyntax(type: "numeric", text: "1e")) { try PGNumeric.parse("1e") }
    }

    @Test func dateTimeFieldOverflowIsItsOwnError() {
        // datetime.c DTERR_FIELD_OVERFLOW: shaped like a date/time, a field past its range.
        for text in ["2025-02-30 10:00", "2025-01-01 25:00:00", "2025-01-01 10:61"] {
            #expect(throws: ValueError.dateTimeFieldOutOfRange(text: text), "\(text)") { try Value.parse(text, as: .timestamptz) }
        }
        #expect(throws: ValueError.dateTimeFieldOutOfRange(text: "2025-13-01", monthOrDay: true)) { try Value.parse("2025-13-01", as: .timestamptz) }
        #expect(throws: ValueError.dateTimeFieldOutOfRange(text: "2025-13-01", monthOrDay: true)) { try Value.parse("2025-13-01", as: .date) }
        #expect(throws: ValueError.invalidSyntax(type: "timestamp with time zone", text: "soon")) { try Value.parse("soon", as: .timestamptz) }
    }

    /// PostgreSQL 15 (`\set VERBOSITY verbose`, `SELECT '…'::timestamptz`) adds `HINT:  Perhaps you
    /// need a different "datestyle" setting.` when ValidateDate finds a month past 12 or a day past
    /// 31 (DTERR_MD_FIELD_OVERFLOW), and no hint for the other field overflows.
    @Test func monthOrDayOverflowHintsAtDateStyle() {
        let hint = "Perhaps you need a different \"datestyle\" setting."
        /// The error the text is refused with, as the parser throws it.
        func refusal(_ text: String) -> ValueError? {
            do throws(ValueError) { _ = try Value.parse(text, as: .timestamptz) } catch { return error }
            return nil
        }
        for text in ["2024-13-01", "13/01/2024", "2024-01-32", "2024-00-10", "1710054000"] {
            #expect(refusal(text) == .dateTimeFieldOutOfRange(text: text, monthOrDay: true), "\(text)")
            #expect(refusal(text)?.hint == hint, "\(text)")
        }
        for text in ["2024-02-30", "2024-03-10 25:00"] {
            #expect(refusal(text) == .dateTimeFieldOutOfRange(text: text), "\(text)")
            #expect(refusal(text)?.hint == nil, "\(text)")
        }
        #expect(ValueError.invalidSyntax(type: "timestamp with time zone", text: "garbage").hint == nil)
    }
}
