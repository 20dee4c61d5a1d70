import Foundation
import Testing
@testable import PostgresModel
import Schema
import TestSupport

/// ``JsonbBinary`` against the bytes PostgreSQL 15 stores: documents loaded into a table whose
/// jsonb column is `STORAGE PLAIN` (never compressed or moved out of line), read back with
/// pageinspect's `heap_page_items(get_raw_page(...)).t_data`.
@Suite struct JsonbBinaryTests {
    @Test func emptyContainersAndATopLevelScalar() {
        #expect(JsonbBinary.encode(canonical: "{}") == [0, 0, 0, 0x20])
        #expect(JsonbBinary.encode(canonical: "[]") == [0, 0, 0, 0x40])
        // A one-element raw-scalar array; the first JEntry holds its (zero) end offset.
        #expect(JsonbBinary.encode(canonical: "true") == [1, 0, 0, 0x50, 0, 0, 0, 0xB0])
        #expect(JsonbStorage.dataSize(canonical: "{\"a\": 1}") == JsonbBinary.encode(canonical: "{\"a\": 1}").count)
    }

    @Test func duplicateKeysKeepTheLastValueAndKeysSortShorterFirst() {
        #expect(JsonbBinary.encode(canonical: #"{"bb": 1, "a": 2, "a": "x"}"#) == JsonbBinary.encode(canonical: #"{"a": "x", "bb": 1}"#))
    }

    /// Random documents: nested containers, empty ones, objects and arrays past the 32-entry offset
    /// stride, duplicate keys, escapes and non-ASCII strings, numbers of every NUMERIC shape (short
    /// and long headers, zero with a scale, exponents), top-level scalars.
    static func documents(count: Int, seed: UInt64) -> [String] {
        var g = SeededGenerator(seed: seed)
        func pick<T>(_ a: [T]) -> T { a[Int(g.next() % UInt64(a.count))] }
        let strings = [#""""#, #""a""#, #""héllo wörld""#, #""日本語テキスト""#, #""\ud83d\ude00 smile""#, #""line\nbreak\ttab""#,
                       #""quote \" backslash \\ slash \/""#, #""ctl \u0001\u001f""#, #""\u00e9\u4e2d""#, #""SKU-01234""#,
                       "\"" + String(repeating: "long text ", count: 30) + "\""]
        let numbers = ["0", "-0", "0.0", "0.000", "0e-70", "1", "-1", "1.5", "1.50", "-2.25", "1e-20", "1E+3", "2.5e2", "1e-130", "1e200",
                       "123456789012345678901234567890", "-98765432109876543210.0123456789", "0.000123", "-0.000123", "9999.9999",
                       "10000", "100000000", "12345678.9", "3.14159265358979323846264338327950288419716939937510582097494459",
                       "1e-70", "0.1", "0.01", "0.001", "0.0001", "0.00001", "42"]
        func scalar() -> String {
            switch g.next() % 6 {
            case 0, 1: return pick(strings)
            case 2: return pick(["true", "false", "null"])
            case 3: return pick(numbers)
            case 4: return String(Int64(bitPattern: g.next()) >> Int(g.next() % 63))
            default:
                let whole = Int(g.next() % 100_000) - 50_000
                let places = Int(g.next() % 7)
                let fraction = String(g.next() % 1_000_000_000).prefix(places)
                return places == 0 || fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
            }
        }
        func value(depth: Int) -> String {
            guard depth < 3, g.next() % 3 == 0 else { return scalar() }
            let size = g.next() % 5 == 0 ? Int(g.next() % 45) : Int(g.next() % 6)
            if g.next() % 2 == 0 {
                return "[" + (0..<size).map { _ in value(depth: depth + 1) }.joined(separator: ", ") + "]"
            }
            // A small key set makes duplicates; the rest are unique.
            let keys = (0..<size).map { k in g.next() % 4 == 0 ? pick(["a", "bb", "a", "é", "key"]) : "k\(k)_\(g.next() % 1000)" }
            return "{" + keys.map { "\"\($0)\": \(value(depth: depth + 1))" }.joined(separator: ", ") + "}"
        }
        var out: [String] = []
        while out.count < count {
            let doc = g.next() % 10 == 0 ? scalar() : value(depth: 0)
            // STORAGE PLAIN rows must fit a page.
            if (try? JSONBText.canonical(doc)).map({ JsonbBinary.encode(canonical: $0).count < 6000 }) == true { out.append(doc) }
        }
        return out
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func bytesMatchTheServersTuples() throws {
        let pg = try #require(try ServerCase.cluster())
        let db = try pg.createDatabase("jsonb")
        defer { _ = try? pg.query("DROP DATABASE \(db)") }
        let documents = Self.documents(count: 400, seed: 20261207)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-gen-jsonb-bytes-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var csv = ""
        for (i, doc) in documents.enumerated() { csv += "\(i),\"" + doc.replacingOccurrences(of: "\"", with: "\"\"") + "\"\n" }
        try csv.write(to: url, atomically: true, encoding: .utf8)
        try pg.query("""
            CREATE EXTENSION pageinspect;
            CREATE TABLE j (id int4 NOT NULL, payload jsonb NOT NULL);
            ALTER TABLE j ALTER COLUMN payload SET STORAGE PLAIN;
            \\copy j FROM '\(url.path)' WITH (FORMAT csv)
            """, database: db)
        let rows = try pg.query("""
            SELECT encode(h.t_data, 'hex') FROM generate_series(0, (pg_relation_size('j') / 8192)::int - 1) AS b,
                   LATERAL heap_page_items(get_raw_page('j', b)) AS h WHERE h.t_data IS NOT NULL
            """, database: db).split(separator: "\n")
        #expect(rows.count == documents.count)
        var matched = 0
        for row in rows {
            let bytes = Self.bytes(hex: row)
            // id int4, then the jsonb varlena at offset 4 (int-aligned either way).
            let id = Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16 | Int(bytes[3]) << 24
            let value = Array(bytes[4...])
            let data: [UInt8]
            if value[0] & 1 == 1 {
                data = Array(value[1..<Int(value[0] >> 1)])  // 1-byte header
            } else {
                #expect(value[0] & 3 == 0, "row \(id) is compressed")
                let size = (Int(value[0]) | Int(value[1]) << 8 | Int(value[2]) << 16 | Int(value[3]) << 24) >> 2
                data = Array(value[4..<size])
            }
            let canonical = try JSONBText.canonical(documents[id])
            let encoded = JsonbBinary.encode(canonical: canonical)
            #expect(encoded == data, "document \(id): \(documents[id])\nmodel  \(Self.hex(encoded))\nserver \(Self.hex(data))")
            #expect(JsonbStorage.dataSize(canonical: canonical) == data.count)
            if encoded == data { matched += 1 }
        }
        print("jsonb binary encoder vs PostgreSQL 15 pageinspect: \(matched)/\(documents.count) documents byte-identical")
    }

    static func bytes(hex: Substring) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(hex.count / 2)
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            out.append(UInt8(hex[i..<j], radix: 16) ?? 0)
            i = j
        }
        return out
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
