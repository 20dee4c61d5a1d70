import Foundation
import Testing
import Schema
import Storage

/// The hash dimension's partition hash against PostgreSQL 15's own hash functions, the ones
/// TimescaleDB's `get_partition_hash` calls (`hash & 0x7fffffff`): a row goes to the partition it
/// goes to on the server.
@Suite struct SpaceDimensionHashTests {
    /// A value, the SQL literal of it, and the PostgreSQL hash function of its type.
    struct Case {
        var value: Value
        var sql: String
        var function: String
    }

    static func cases() throws -> [Case] {
        var out: [Case] = []
        var random = SystemRandomNumberGenerator()
        for v: Int64 in [0, 1, -1, 5, -5, 42, Int64(Int32.max), Int64(Int32.min), 5_000_000_000, -5_000_000_000, Int64.max, Int64.min] {
            out.append(Case(value: .int(v), sql: "(\(v))::int8", function: "hashint8"))
            if let small = Int32(exactly: v) { out.append(Case(value: .int(v), sql: "(\(small))::int4", function: "hashint4")) }
            if let tiny = Int16(exactly: v) { out.append(Case(value: .int(v), sql: "(\(tiny))::int2", function: "hashint2")) }
        }
        for _ in 0..<40 {
            let v = Int64.random(in: Int64.min...Int64.max, using: &random)
            out.append(Case(value: .int(v), sql: "(\(v))::int8", function: "hashint8"))
            let u = PGUUID(high: UInt64.random(in: 0...UInt64.max, using: &random), low: UInt64.random(in: 0...UInt64.max, using: &random))
            out.append(Case(value: .uuid(u), sql: "'\(u)'::uuid", function: "uuid_hash"))
        }
        for text in ["", "a", "ES", "NQ", "abc", "ticker-0001", "exactly12byt", "thirteen byte", "24 bytes of ticker text!", "naïve café ✓"] {
            out.append(Case(value: .text(text), sql: "'\(text)'::text", function: "hashtext"))
            out.append(Case(value: .text(text), sql: "'\(text)'::varchar", function: "hashtext"))
        }
        for d in [0.0, -0.0, 1.5, -2.25, 1e300, 3.141592653589793, Double.nan, Double.infinity] {
            let literal = d.isNaN ? "'NaN'" : d.isInfinite ? "'Infinity'" : "\(d)"
            out.append(Case(value: .float(d), sql: "\(literal)::float8", function: "hashfloat8"))
        }
        out.append(Case(value: .float(Double(Float(0.1))), sql: "0.1::float4", function: "hashfloat4"))
        // timestamptz hashes with timestamp_hash over the same µs (its opclass's support function).
        for text in ["2024-01-01 00:00:00+00", "1999-12-31 23:59:59.999999+00", "1970-01-01 00:00:00+00"] {
            out.append(Case(value: .timestamp(try PGTimestamp.parse(text)), sql: "'\(text)'::timestamptz AT TIME ZONE 'UTC'", function: "timestamp_hash"))
        }
        out.append(Case(value: .timestamp(PGTimestamp.infinity), sql: "'infinity'::timestamptz AT TIME ZONE 'UTC'", function: "timestamp_hash"))
        // date hashes with hashint4 over its days since 2000.
        for (days, text) in [(Int64(19_723), "2024-01-01"), (10_957, "2000-01-01"), (0, "1970-01-01")] {
            out.append(Case(value: .date(days), sql: "'\(text)'::date - '2000-01-01'::date", function: "hashint4"))
        }
        out.append(Case(value: .bool(true), sql: "true::int::\"char\"", function: "hashchar"))
        out.append(Case(value: .bool(false), sql: "false::int::\"char\"", function: "hashchar"))
        return out
    }

    @Test func partitionHashesAreTheServers() throws {
        guard let pg = try ServerCase.cluster() else { return }
        let cases = try Self.cases()
        let selects = cases.enumerated().map { "SELECT \($0.offset) AS k, \($0.element.function)(\($0.element.sql)) & 2147483647" }
            .joined(separator: " UNION ALL ") + " ORDER BY k"
        let rows = try pg.query(selects).split(separator: "\n").map { Int64($0.split(separator: "|").last.map(String.init) ?? "") }
        #expect(rows.count == cases.count)
        for (c, server) in zip(cases, rows) {
            #expect(SpaceDimension.hash(c.value) == server, "\(c.function)(\(c.sql))")
        }
    }

    @Test func theSliceFollowsTheHash() {
        // 4 partitions of [0, INT32_MAX]: width 536,870,911; the first from −∞, the last to +∞.
        let d = SpaceDimension(column: "ticker_id", partitions: 4)
        #expect(d.slice(forHash: 0) == ChunkRange(start: Int64.min, end: 536_870_911))
        #expect(d.slice(forHash: 536_870_911) == ChunkRange(start: 536_870_911, end: 1_073_741_822))
        #expect(d.slice(forHash: Int64(Int32.max)) == ChunkRange(start: 1_610_612_733, end: Int64.max))
    }
}
