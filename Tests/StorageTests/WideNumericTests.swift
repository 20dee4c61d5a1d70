import Foundation
import Schema
@testable import Storage
import Testing
import TestSupport

/// NUMERIC values wider than 18 digits: read as `numeric_in` reads them (checked against
/// PostgreSQL 15), equal across widths, kept through COPY, compression and the store.
@Suite struct WideNumericTests {
    /// (text, typmod, PostgreSQL's output or nil, Chunkwise's error or nil).
    static let cases: [(text: String, typmod: (precision: Int, scale: Int)?, output: String?, error: String?)] = [
        ("1234567890123456789012.5", nil, "1234567890123456789012.5", nil),
        ("  -123456789012345678901234  ", nil, "-123456789012345678901234", nil),
        ("-999999999999999999999999.9999999999999999999", nil, "-999999999999999999999999.9999999999999999999", nil),
        ("1.00000000000000000000", nil, "1.00000000000000000000", nil),
        ("-0.000000000000000000000000000", nil, "0.000000000000000000000000000", nil),
        ("0.00000000000000000000000000000000000000000000000000000000000000001", nil,
         "0.00000000000000000000000000000000000000000000000000000000000000001", nil),
        ("1e30", nil, "1000000000000000000000000000000", nil),
        ("1.5e-25", nil, "0.00000000000000000000000015", nil),
        ("1e00001", nil, "10", nil),
        ("1e 5", nil, "100000", nil),
        ("1.e2", nil, "100", nil),
        (".5e1", nil, "5", nil),
        ("0e200000", nil, "0", nil),
        ("0.5e-18", nil, "0.0000000000000000005", nil),
        ("1e-16383", nil, "0." + String(repeating: "0", count: 16382) + "1", nil),
        ("0.1000000000000000000000", (30, 25), "0.1000000000000000000000000", nil),
        ("12345678901234567890.555", (25, 2), "12345678901234567890.56", nil),
        ("123456789012345678901234567890.12", (40, 1), "123456789012345678901234567890.1", nil),
        ("99999999999999999999.5", (21, 0), "100000000000000000000", nil),
        ("12345678901234567890123", (25, 0), "12345678901234567890123", nil),
        ("4.9999e-4", (10, 3), "0.000", nil),
        ("5e-4", (10, 3), "0.001", nil),
        ("1e-2000", (10, 3), "0.000", nil),
        ("123456789012345678901234567890", (25, 2), nil,
         "numeric field overflow (A field with precision 25, scale 2 must round to an absolute value less than 10^23.)"),
        ("999999999999999999999.995", (23, 2), nil,
         "numeric field overflow (A field with precision 23, scale 2 must round to an absolute value less than 10^21.)"),
        ("9.5", (1, 0), nil, "numeric field overflow (A field with precision 1, scale 0 must round to an absolute value less than 10^1.)"),
        ("1e5", (3, 0), nil, "numeric field overflow (A field with precision 3, scale 0 must round to an absolute value less than 10^3.)"),
        // The values fuzzer's timeout: a huge exponent in a numeric(p, s) column is refused
        // before any digit is padded.
        ("1e999999999", (14, 4), nil, "numeric field overflow (A field with precision 14, scale 4 must round to an absolute value less than 10^10.)"),
        ("999966e666666695", (14, 4), nil, "numeric field overflow (A field with precision 14, scale 4 must round to an absolute value less than 10^10.)"),
        ("-5e1000000", (30, 2), nil, "numeric field overflow (A field with precision 30, scale 2 must round to an absolute value less than 10^28.)"),
        ("1e-16384", nil, nil, "value overflows numeric format"),
        ("1e131072", nil, nil, "value overflows numeric format"),
        ("1e1073741823", nil, nil, "value overflows numeric format"),
        ("1e", nil, nil, "invalid input syntax for type numeric: \"1e\""),
        ("1e+ 5", nil, nil, "invalid input syntax for type numeric: \"1e+ 5\""),
        ("12345678901234567890123x", nil, nil, "invalid input syntax for type numeric: \"12345678901234567890123x\""),
        ("1234567890123456789012.5.5", nil, nil, "invalid input syntax for type numeric: \"1234567890123456789012.5.5\""),
    ]

    static func parse(_ text: String, _ typmod: (precision: Int, scale: Int)?) throws(ValueError) -> NumericValue {
        try NumericValue.parse(text, precision: typmod?.precision, scale: typmod?.scale)
    }

    @Test(arguments: cases.indices)
    func readsAsNumericInReads(_ i: Int) throws {
        let c = Self.cases[i]
        do {
            let value = try Self.parse(c.text, c.typmod)
            #expect(c.error == nil, "accepted \(c.text)")
            #expect(value.description == c.output, "\(c.text)")
            // A wide value always has more than 18 digits: the narrow form holds every other one.
            if case .wide(let w) = value { #expect(w.digits.count > 18 && w.digits.first != 0) }
        } catch {
            #expect(error.description == c.error, "\(c.text)")
        }
    }

    @Test func theLimitsOfTheFormat() throws {
        let widest = "1" + String(repeating: "0", count: 131_071)
        #expect(try Self.parse(widest, nil).description == widest)
        #expect(throws: ValueError.numericValueOverflow) { try Self.parse(widest + "0", nil) }
        let longestFraction = "0." + String(repeating: "1", count: 16_383)
        #expect(try Self.parse(longestFraction, nil).description == longestFraction)
        #expect(throws: ValueError.numericValueOverflow) { try Self.parse(longestFraction + "1", nil) }
        // A fraction past the limit is fine once a column scale rounds it away.
        #expect(try Self.parse(longestFraction + "1", (10, 2)).description == "0.11")
    }

    @Test func equalityOrderAndHashingHoldAcrossWidths() throws {
        let one = try Self.parse("1.00000000000000000000", nil)
        guard case .wide = one else { Issue.record("1 with 20 zeros should be wide"); return }
        let narrowOne = NumericValue.narrow(PGNumeric(unscaled: 1, scale: 0))
        #expect(one == narrowOne)
        #expect(one.hashValue == narrowOne.hashValue)
        #expect(Value(one) == Value.numeric(PGNumeric(unscaled: 100, scale: 2)))
        #expect(Value(one).hashValue == Value.numeric(PGNumeric(unscaled: 100, scale: 2)).hashValue)
        let texts = ["1e30", "-1e30", "999999999999999999", "1000000000000000000.5", "0.0000000000000000000001", "-0.5",
                     "NaN", "Infinity", "-Infinity", "12345678901234567890", "12345678901234567891", "0"]
        let sorted = try texts.map { try Self.parse($0, nil) }.sorted().map(\.description)
        #expect(sorted == ["-Infinity", "-1000000000000000000000000000000", "-0.5", "0", "0.0000000000000000000001",
                           "999999999999999999", "1000000000000000000.5", "12345678901234567890", "12345678901234567891",
                           "1000000000000000000000000000000", "Infinity", "NaN"])
    }

    static let table = TableDefinition(name: "amounts", columns: [
        ColumnDefinition("ts", .timestamptz, notNull: true),
        ColumnDefinition("symbol", .text, notNull: true),
        ColumnDefinition("amount", .numeric(precision: nil, scale: nil)),
    ])

    static let csv = """
        ts,symbol,amount
        2024-01-01 00:00:00+00,A,1.5
        2024-01-01 00:01:00+00,A,1234567890123456789012.5
        2024-01-01 00:02:00+00,B,
        2024-01-01 00:03:00+00,B,-0.000000000000000000000000012345
        2024-01-01 00:04:00+00,A,NaN
        2024-01-01 00:05:00+00,B,1e40

        """

    @Test func copyReadsWideValuesAndWritesThemBack() throws {
        let rows = try CopyReader(table: Self.table, loadTime: 0).read(string: Self.csv)
        let amount = try #require(rows.column("amount"))
        guard case .wideNumeric = amount.storage else { Issue.record("expected the wide storage, got \(amount.storage)"); return }
        #expect(CopyWriter().writeString(rows) == Self.csv.replacingOccurrences(of: "1e40", with: "1" + String(repeating: "0", count: 40)))
    }

    @Test func compressionAndTheStoreKeepEveryDigit() throws {
        let rows = try CopyReader(table: Self.table, loadTime: 0).read(string: Self.csv)
        var ht = try Hypertable(table: Self.table, options: HypertableOptions(timeColumn: "ts", chunkInterval: 86_400_000_000))
        try ht.enableCompression(CompressionSettings(segmentBy: "symbol", orderBy: "amount, ts DESC", timeColumn: "ts"))
        try ht.insert(rows)
        let name = try #require(ht.chunks.first?.name)
        try ht.compressChunk(named: name)
        let back = try #require(try ht.rows(ofChunk: name))
        let texts = Set((0..<back.count).map { back.row($0)[2].text(as: .numeric(precision: nil, scale: nil)) ?? "NULL" })
        #expect(texts == ["1.5", "1234567890123456789012.5", "NULL", "-0.000000000000000000000000012345", "NaN",
                          "1" + String(repeating: "0", count: 40)])
        // Batch summaries of the orderby column hold wide values too.
        let summaries = try #require(ht.chunk(named: name)).batches.flatMap(\.orderSummaries)
        #expect(summaries.contains { if case .wideNumeric = $0.max { true } else { false } })
    }

    /// A unique key sees `1` and `1` with twenty zeros as the same value, as PostgreSQL's numeric
    /// equality does, whichever width each row is held in.
    @Test func aUniqueKeyComparesAcrossWidths() throws {
        let table = TableDefinition(name: "u", columns: Self.table.columns,
                                    indexes: [IndexDefinition(name: "u_key", table: "u", keys: [.init(column: "symbol"), .init(column: "amount"), .init(column: "ts")],
                                                              unique: true, origin: .uniqueConstraint)])
        var ht = try Hypertable(table: table, options: HypertableOptions(timeColumn: "ts", chunkInterval: 86_400_000_000))
        try ht.insert(try CopyReader(table: table, loadTime: 0).read(string: "ts,symbol,amount\n2024-01-01 00:00:00+00,A,1\n"))
        do {
            try ht.insert(try CopyReader(table: table, loadTime: 0).read(string: "ts,symbol,amount\n2024-01-01 00:00:00+00,A,1.00000000000000000000\n"))
            Issue.record("the duplicate was accepted")
        } catch {
            #expect("\(error)".hasPrefix("duplicate key value violates unique constraint \"u_key\""), "\(error)")
        }
        try ht.insert(try CopyReader(table: table, loadTime: 0).read(string: "ts,symbol,amount\n2024-01-01 00:00:00+00,A,1.00000000000000000001\n"))
        #expect(ht.rowCount == 2)
    }

    @Test func storeValuesRoundTrip() throws {
        guard case .wide(let w) = try Self.parse("-98765432109876543210.0001", nil) else { Issue.record("not wide"); return }
        var encoder = StoreEncoder()
        encoder.value(.wideNumeric(w))
        var decoder = StoreDecoder(encoder.bytes)
        #expect(try decoder.value("value") == .wideNumeric(w))
    }

    // MARK: Against PostgreSQL 15

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs Debian's postgresql-15"))
    func verdictsMatchPostgres() throws {
        let pg = try PostgresCluster.shared()
        for c in Self.cases {
            // numeric_in with the column's typmod, as COPY calls it (a literal cast applies the
            // typmod only after numeric_in, so it reports format limits first).
            let typmod = c.typmod.map { (($0.precision << 16) | $0.scale) + 4 } ?? -1
            do {
                let answer = try pg.query("SELECT numeric_in($q$\(c.text)$q$, 0, \(typmod))::text")
                #expect(answer == c.output, "\(c.text)")
            } catch PostgresCluster.Failure.command(_, _, let output) {
                let first = (c.error ?? "").split(separator: " (", maxSplits: 1).map(String.init).first ?? ""
                #expect(c.error != nil && output.contains("ERROR:  " + first), "\(c.text): \(output)")
            }
        }
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs Debian's postgresql-15"))
    func orderMatchesPostgres() throws {
        let pg = try PostgresCluster.shared()
        var g = SeededGenerator(seed: 41)
        var texts: [String] = ["1e30", "-1e30", "1.00000000000000000000", "1", "0.00000000000000000000000000001", "NaN"]
        for _ in 0..<60 {
            let integer = String((0..<Int.random(in: 1...40, using: &g)).map { _ in Character(String(Int.random(in: 0...9, using: &g))) })
            let fraction = String((0..<Int.random(in: 0...70, using: &g)).map { _ in Character(String(Int.random(in: 0...9, using: &g))) })
            texts.append((Bool.random(using: &g) ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction))
        }
        let list = texts.map { "($q$\($0)$q$::numeric)" }.joined(separator: ",")
        let ordered = try pg.query("SELECT string_agg(v::text, ' ' ORDER BY v) FROM (VALUES \(list)) t(v)")
        let mine = try texts.map { try NumericValue.parse($0) }.sorted()
        // Equal values may print differently (1 and 1.000…): compare the order by value.
        let theirs = try ordered.split(separator: " ").map { try NumericValue.parse($0) }
        #expect(mine == theirs)
    }
}
