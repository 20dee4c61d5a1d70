import Testing
@testable import PostgresModel
import Schema

@Suite struct NumericStorageTests {
    /// POSTGRES_STORAGE.md §3, measured on PostgreSQL 15.
    @Test(arguments: [
        ("12345.67", 9), ("18234.25", 9), ("0.5", 5), ("100", 5), ("18234.00", 7), ("10000", 5), ("0", 3), ("0.00", 3), ("99999999.99", 9),
    ])
    func storedSizeMatchesMeasuredValues(text: String, bytes: Int) throws {
        let n = try PGNumeric.parse(text)
        #expect(NumericStorage.storedSize(unscaled: n.unscaled, scale: n.scale) == bytes)
    }

    @Test func inMemorySizeIsThreeBytesMoreThanStoredForShortValues() throws {
        let n = try PGNumeric.parse("12345.67")
        #expect(NumericStorage.inMemorySize(unscaled: n.unscaled, scale: n.scale) == 12)
    }

    /// `pg_column_size` on PostgreSQL 15: 6 bytes for NaN, Infinity and -Infinity as a datum, 3 in a
    /// row (1-byte varlena header + the 2-byte special header).
    @Test(arguments: ["NaN", "Infinity", "-Infinity"])
    func specialValuesAreTheirTwoByteHeader(text: String) throws {
        let n = try PGNumeric.parse(text)
        #expect(NumericStorage.inMemorySize(unscaled: n.unscaled, scale: n.scale) == 6)
        #expect(NumericStorage.storedSize(unscaled: n.unscaled, scale: n.scale) == 3)
    }
}
