import Testing
import Schema

/// `CAST(value AS type)` as PostgreSQL 15 answers it (each expectation is the server's output for
/// the same cast, `SET TimeZone = 'America/New_York'`).
@Suite struct ValueCastTests {
    let newYork = PGTimeZone(name: "America/New_York")!

    func cast(_ text: String, _ source: PGType, _ target: PGType) throws -> String? {
        let value = try Value.parse(text, as: source, zone: newYork)
        return try ValueCast.cast(value, from: source, to: target, zone: newYork).text(as: target, zone: newYork)
    }

    func refusal(_ text: String, _ source: PGType, _ target: PGType) -> String? {
        do {
            _ = try ValueCast.cast(try Value.parse(text, as: source, zone: newYork), from: source, to: target, zone: newYork)
            return nil
        } catch {
            return "\(error.sqlState) \(error.message)"
        }
    }

    let numeric = PGType.numeric(precision: nil, scale: nil)

    /// `select 2.5::numeric::int, (-2.5)::numeric::int, 0.5::numeric::int, (-0.49)::numeric::int,
    /// 9999999999.99::numeric::bigint, 2.5::float8::int, 3.5::float8::int` → 3 -3 1 0 10000000000 2 4.
    @Test func numbersRoundAsTheirCastsDo() throws {
        #expect(try cast("2.5", numeric, .int4) == "3")
        #expect(try cast("-2.5", numeric, .int4) == "-3")
        #expect(try cast("0.5", numeric, .int4) == "1")
        #expect(try cast("-0.49", numeric, .int4) == "0")
        #expect(try cast("9999999999.99", .numeric(precision: 12, scale: 2), .int8) == "10000000000")
        #expect(try cast("2.5", .float8, .int4) == "2")
        #expect(try cast("3.5", .float8, .int4) == "4")
        #expect(try cast("-9223372036854775808", .int8, .int8) == "-9223372036854775808")
        #expect(try cast("-2147483648.4", numeric, .int4) == "-2147483648")
    }

    /// `0.1::float8::numeric, (1/3::float8)::numeric, 0.1::float4::numeric, 12345.678::numeric::float4,
    /// 1e20::float8::numeric` → 0.1 0.333333333333333 0.1 12345.678 100000000000000000000.
    @Test func floatsAndNumericsConvertThroughText() throws {
        #expect(try cast("0.1", .float8, numeric) == "0.1")
        #expect(try cast("0.333333333333333314829616256247", .float8, numeric) == "0.333333333333333")
        #expect(try cast("0.1", .float4, numeric) == "0.1")
        #expect(try cast("12345.678", numeric, .float4) == "12345.678")
        #expect(try cast("1e20", .float8, numeric) == "100000000000000000000")
    }

    /// `true::text` is `booltext`'s `true`, not `t`; the date/time casts read the session zone:
    /// `'2024-03-10 07:30:00+00'::timestamptz::timestamp` → 2024-03-10 03:30:00, `::date` →
    /// 2024-03-10, `::time` → 03:30:00, `'2024-03-10'::date::timestamptz` → 2024-03-10 00:00:00-05,
    /// `'infinity'::timestamptz::date` → infinity, `::time` → NULL.
    @Test func textBooleansAndTimes() throws {
        #expect(try cast("true", .bool, .text) == "true")
        #expect(try cast("f", .bool, .varchar(nil)) == "false")
        #expect(try cast("2024-03-10 07:30:00+00", .timestamptz, .timestamp) == "2024-03-10 03:30:00")
        #expect(try cast("2024-03-10 07:30:00+00", .timestamptz, .date) == "2024-03-10")
        #expect(try cast("2024-03-10 07:30:00+00", .timestamptz, .time) == "03:30:00")
        #expect(try cast("2024-03-10 07:30:00+00", .timestamptz, .text) == "2024-03-10 03:30:00-04")
        #expect(try cast("2024-03-10", .date, .timestamptz) == "2024-03-10 00:00:00-05")
        #expect(try cast("infinity", .timestamptz, .date) == "infinity")
        #expect(try cast("infinity", .timestamptz, .time) == nil)
    }

    /// The server's errors for the same casts.
    @Test func refusalsAreTheServers() {
        #expect(refusal("NaN", numeric, .int4) == "0A000 cannot convert NaN to integer")
        #expect(refusal("Infinity", numeric, .int8) == "0A000 cannot convert infinity to bigint")
        #expect(refusal("NaN", .float8, .int4) == "22003 integer out of range")
        #expect(refusal("9999999999.99", numeric, .int4) == "22003 integer out of range")
        #expect(refusal("40000", .int8, .int2) == "22003 smallint out of range")
        #expect(refusal("1e39", .float8, .float4) == "22003 value out of range: overflow")
        #expect(refusal("1e-50", .float8, .float4) == "22003 value out of range: underflow")
        #expect(refusal("4714-11-24 00:00:00+00 BC", .timestamptz, .timestamp) == "22008 timestamp out of range")
        #expect(refusal("11111111-1111-4111-8111-111111111111", .uuid, .int4) == "42846 cannot cast type uuid to integer")
        #expect(refusal("t", .bool, .int8) == "42846 cannot cast type boolean to bigint")
        #expect(refusal("10.00", .numeric(precision: 12, scale: 2), .bool) == "42846 cannot cast type numeric to boolean")
        #expect(refusal("NQ=F", .varchar(20), .int4) == "22P02 invalid input syntax for type integer: \"NQ=F\"")
    }
}
