import Server
import Testing

/// `PGRST100` worded as PostgREST 12 words it (`QueryParams.mapError`: the Parsec position in the
/// message, its messages in the details). The expected texts are PostgREST's own doctests and
/// answers of PostgREST 12 servers.
@Suite struct ParseErrorTextTests {
    static func error(_ key: String, _ value: String) -> (message: String, details: String?)? {
        do { _ = try TableQuery(items: [(key, value)]); return nil } catch {
            guard error.code == "PGRST100" else { return nil }
            return (error.message, error.details)
        }
    }

    @Test(arguments: [
        // pOpExpr (PostgREST's doctests and answers).
        ("fts().value", 5, #"unexpected ")" expecting operator (eq, gt, ...)"#),
        ("eq().value", 4, #"unexpected ")" expecting operator (eq, gt, ...)"#),
        ("is().value", 3, #"unexpected "(" expecting operator (eq, gt, ...)"#),
        ("in().value", 3, #"unexpected "(" expecting operator (eq, gt, ...)"#),
        ("is.not.null", 5, #"unexpected "o" expecting null or trilean value (unknown, true, false)"#),
        ("is.22", 4, #"unexpected "2" expecting null or trilean value (unknown, true, false)"#),
        ("foo.x", 1, #"unexpected "f" expecting "not" or operator (eq, gt, ...)"#),
        ("not.foo.x", 5, #"unexpected "f" expecting operator (eq, gt, ...)"#),
        ("eqx.x", 3, #"unexpected "x" expecting operator (eq, gt, ...)"#),
        ("between.1", 1, #"unexpected "b" expecting "not" or operator (eq, gt, ...)"#),
        ("eq", 3, "unexpected end of input expecting operator (eq, gt, ...)"),
        ("in.1,2", 4, #"unexpected "1" expecting "(""#),
        ("in.(1,2", 8, #"unexpected end of input expecting "," or ")""#),
    ])
    func filters(value: String, column: Int, details: String) throws {
        let e = try #require(Self.error("close", value))
        #expect(e.message == "\"failed to parse filter (\(value))\" (line 1, column \(column))")
        #expect(e.details == details)
    }

    @Test(arguments: [
        ("id.ac", 4, #"unexpected "c" expecting "asc", "desc", "nullsfirst" or "nullslast""#),
        ("id.descc", 8, #"unexpected 'c' expecting delimiter (.), "," or end of input"#),
        ("id.nulsfist", 4, #"unexpected "n" expecting "asc", "desc", "nullsfirst" or "nullslast""#),
        ("id.nullslasttt", 13, #"unexpected 't' expecting "," or end of input"#),
        ("id.smth34", 4, #"unexpected "s" expecting "asc", "desc", "nullsfirst" or "nullslast""#),
        ("id.asc.nlsfst", 8, #"unexpected "l" expecting "nullsfirst" or "nullslast""#),
        ("id.asc.nullslasttt", 17, #"unexpected 't' expecting "," or end of input"#),
        ("id.asc.smth34", 8, #"unexpected "s" expecting "nullsfirst" or "nullslast""#),
    ])
    func orders(value: String, column: Int, details: String) throws {
        let e = try #require(Self.error("order", value))
        #expect(e.message == "\"failed to parse order (\(value))\" (line 1, column \(column))")
        #expect(e.details == details)
    }

    @Test(arguments: [
        ("or", "()", 4, #"unexpected ")" expecting field name (* or [a..z0..9_$]), negation operator (not) or logic operator (and, or)"#),
        ("or", "(id.in.1,2,id.eq.3)", 10, #"unexpected "1" expecting "(""#),
        ("and", "(ord(id.eq.1,id.eq.1),id.eq.2)", 7, #"unexpected "d" expecting "(""#),
        ("or", "(id.eq.1,not.xor(id.eq.2,id.eq.3))", 16, #"unexpected "x" expecting logic operator (and, or)"#),
    ])
    func logicTrees(key: String, value: String, column: Int, details: String) throws {
        let e = try #require(Self.error(key, value))
        #expect(e.message == "\"failed to parse logic tree (\(value))\" (line 1, column \(column))")
        #expect(e.details == details)
    }

    @Test(arguments: [
        ("name!hint", 5, #"unexpected '!' expecting letter, digit, "-", "->>", "->", "::", ".", ")", "," or end of input"#),
        ("id,,name", 4, #"unexpected "," expecting "...", field name (* or [a..z0..9_$]), "*" or "count()""#),
        ("name::", 7, "unexpected end of input expecting letter or digit"),
        ("data->>-78xy", 11, #"unexpected 'x' expecting digit, "->", "::", ".", "," or end of input"#),
    ])
    func selects(value: String, column: Int, details: String) throws {
        let e = try #require(Self.error("select", value))
        #expect(e.message == "\"failed to parse select parameter (\(value))\" (line 1, column \(column))")
        #expect(e.details == details)
    }

    /// `columns=` on an insert: `pColumns`, field names separated by commas.
    @Test func columnsOfAnInsert() throws {
        let api = try RestAPITests.api()
        let r = api.handle(RestAPITests.post("market_data", "[]", query: "columns=close,,open"))
        #expect(r.status == 400 && r.body == #"{"code":"PGRST100","details":"unexpected \",\" expecting field name (* or [a..z0..9_$])","hint":null,"message":"\"failed to parse columns parameter (close,,open)\" (line 1, column 7)"}"#, "\(r.body)")
    }

    @Test func onConflictOfAnUpsert() throws {
        let api = try RestAPITests.api()
        let r = api.handle(RestAPITests.post("market_data", "[]", query: "on_conflict=ticker_id,", headers: [("Prefer", "resolution=merge-duplicates")]))
        #expect(r.status == 400 && r.body == #"{"code":"PGRST100","details":"unexpected end of input expecting field name (* or [a..z0..9_$])","hint":null,"message":"\"failed to parse on_conflict parameter (ticker_id,)\" (line 1, column 11)"}"#, "\(r.body)")
    }

    /// PostgREST's parsers do not require the end of the text after what they read: `is.nullx`
    /// is `IS NULL`, as pTriVal reads `null` and stops.
    @Test func isReadsItsWordAndStops() throws {
        let q = try TableQuery(items: [("close", "not.is.NULLx")])
        #expect(q.filters.first?.operand == "null" && q.filters.first?.negated == true)
    }
}
