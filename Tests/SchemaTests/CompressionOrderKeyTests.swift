import Testing
import Schema

/// The one `compress_orderby` / `compress_segmentby` grammar (tsl/src/compression/compression_with_clause.c:
/// the option is read as the ORDER BY / GROUP BY list of a SELECT, so anything else is refused).
@Suite struct CompressionOrderKeyTests {
    @Test func directionsNullsAndQuoting() throws {
        let keys = try CompressionOrderKey.parseList(#"ts DESC, "Mixed Case" ASC NULLS FIRST, Price nulls last"#)
        #expect(keys == [CompressionOrderKey(column: "ts", descending: true),
                         CompressionOrderKey(column: "Mixed Case", descending: false, nullsFirst: true),
                         CompressionOrderKey(column: "price", descending: false, nullsFirst: false)])
        // DESC sorts NULLs first unless told otherwise.
        #expect(keys[0].nullsFirst)
        #expect(keys.map(\.description) == ["ts DESC", "Mixed Case NULLS FIRST", "price"])
        #expect(keys.map(\.sqlText) == ["ts DESC", "\"Mixed Case\" NULLS FIRST", "price"])
        #expect(try CompressionOrderKey.parseList("").isEmpty)
    }

    @Test func unknownWordsAreRefusedWithTimescaleDBsWording() {
        for text in ["ts SIDEWAYS", "ts DESC DESC", "ts NULLS", "ts NULLS MIDDLE", "ts,", ", ts", "\"ts", "ts ASC NULLS FIRST x"] {
            #expect(throws: CompressionOrderKey.ParseError.orderBy(text), "\(text)") { try CompressionOrderKey.parseList(text) }
        }
        #expect(CompressionOrderKey.ParseError.orderBy("ts x").description == "unable to parse ordering option \"ts x\"")
    }

    @Test func segmentByIsAListOfNames() throws {
        #expect(try CompressionOrderKey.parseSegmentBy(#"ticker_id, "Mixed Case""#) == ["ticker_id", "Mixed Case"])
        #expect(throws: CompressionOrderKey.ParseError.segmentBy("ticker_id DESC")) { try CompressionOrderKey.parseSegmentBy("ticker_id DESC") }
        #expect(CompressionOrderKey.ParseError.segmentBy("a b").description == "unable to parse segmenting option \"a b\"")
    }

    @Test func quoteIdentFollowsTheKeywordCategories() {
        // timestamp and interval are column-name keywords; price is not a keyword; "desc" is reserved.
        #expect(QuotedIdentifier.quote("timestamp") == "\"timestamp\"")
        #expect(QuotedIdentifier.quote("price") == "price")
        #expect(QuotedIdentifier.quote("desc") == "\"desc\"")
        #expect(QuotedIdentifier.quote("Mixed") == "\"Mixed\"")
        #expect(QuotedIdentifier.quote("a\"b") == "\"a\"\"b\"")
        #expect(QuotedIdentifier.quote("1a") == "\"1a\"")
        // Unreserved keywords stay bare.
        #expect(QuotedIdentifier.quote("name") == "name")
    }
}
