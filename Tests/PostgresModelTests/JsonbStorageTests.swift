import Testing
@testable import PostgresModel
import Schema
import TestSupport

@Suite struct JsonbStorageTests {
    static let documents = [
        "{}", "[]", "{\"a\": 1}", "{\"source\": \"yfinance\", \"delayed\": true}", "[1, 2.5, \"x\", null]",
        "{\"levels\": {\"high\": 18234.25, \"low\": 18100.5}, \"blocks\": [1, 2, 3], \"note\": \"ok\"}", "\"scalar\"", "12345.67",
        "{\"b\": 1, \"a\": 2, \"aa\": 3}",
    ]

    @Test func emptyObjectIsFourBytesAfterTheHeader() {
        #expect(JsonbStorage.dataSize(canonical: "{}") == 4)
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func sizesMatchPgColumnSize() throws {
        let pg = try #require(try ServerCase.cluster())
        for doc in Self.documents {
            let canonical = try JSONBText.canonical(doc)
            let server = try pg.query("SELECT pg_column_size('\(doc)'::jsonb)")
            #expect(Int(server) == 4 + JsonbStorage.dataSize(canonical: canonical), "\(doc)")
        }
    }
}
