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

    /// `pg_column_size(text::numeric)` on PostgreSQL 15.20 (a datum: 4-byte header) for values of
    /// every width; the narrow ones go through the same entry point.
    @Test(arguments: [
        ("1234567890123456789012.5", 20), ("1e30", 8), ("-1e30", 8), ("1.00000000000000000000", 8),
        ("0.00000000000000000000000000001", 8), ("123456789012345678901234567890.123456789012345678901234567890", 38),
        ("1e300", 10), ("1e-200", 10), ("-98765432109876543210.0001", 18), ("12345.67", 12),
    ])
    func sizesOfEveryWidthMatchMeasuredValues(text: String, bytes: Int) throws {
        #expect(NumericStorage.inMemorySize(try NumericValue.parse(text)) == bytes, "\(text)")
    }

    /// The on-disk payload of a wide value is built by the same rule as a narrow one: a narrow
    /// value written through the wide path's group arithmetic gives identical bytes (18-digit
    /// values whose padding to whole groups passes UInt64 included: they used to read as zero).
    @Test(arguments: ["12345.67", "-0.0001", "100000000", "0.5", "-99999999.99", "0.000000000000001", "123456789012345678",
                      "99999999999999999.9", "-1234567890123456.78"])
    func widePayloadRuleAgreesWithTheNarrowOne(text: String) throws {
        let n = try PGNumeric.parse(text)
        let digits = n.unscaled == 0 ? [] : Array(String(n.unscaled.magnitude).utf8).map { $0 - 0x30 }
        let (groups, weight) = NumericValue.baseTenThousandGroups(digits: digits, scale: n.scale)
        #expect(DatumSerialization.numericPayload(negative: n.unscaled < 0, dscale: n.scale, weight: weight, groups: groups)
                == DatumSerialization.numericPayload(unscaled: n.unscaled, scale: n.scale), "\(text)")
    }
}
