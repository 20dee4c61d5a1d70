import Testing
@testable import Analytics
import Schema
import TestSupport

/// PGDecimal against PostgreSQL's own NUMERIC, operation by operation, on random and edge operands.
@Suite struct NumericDifferentialTests {
    static func randomDecimal(_ g: inout SeededGenerator) -> String {
        let digits = Int.random(in: 1...22, using: &g)
        var s = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &g)) }.joined()
        let scale = Int.random(in: 0...min(digits, 8), using: &g)
        if scale > 0 { s.insert(".", at: s.index(s.endIndex, offsetBy: -scale)) }
        if s.hasPrefix(".") { s = "0" + s }
        return (Bool.random(using: &g) ? "-" : "") + s
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func divisionMultiplicationRoundingAndAverageMatchPostgres() throws {
        let server = try #require(try ReferenceServer.shared())
        var g = SeededGenerator(seed: 20_251_124)
        var pairs: [(String, String)] = [("1", "3"), ("2", "3"), ("100.0", "32"), ("0.0", "7"), ("9999", "9999"), ("10000", "9999"),
                                         ("1", "10000"), ("0.0001", "3"), ("123456789.123", "0.07"), ("5", "-0.5")]
        for _ in 0..<300 { pairs.append((Self.randomDecimal(&g), Self.randomDecimal(&g))) }
        pairs = pairs.filter { PGDecimal($0.1)?.isZero == false }
        var sql = "SELECT "
        sql += pairs.map { "($$\($0.0)$$::numeric / $$\($0.1)$$::numeric)::text || ' ' || round($$\($0.0)$$::numeric / $$\($0.1)$$::numeric, 2)::text || ' ' || ($$\($0.0)$$::numeric * $$\($0.1)$$::numeric)::text || ' ' || ($$\($0.0)$$::numeric + $$\($0.1)$$::numeric)::text" }
            .joined(separator: " || E'\\n' || ")
        sql += ";\n"
        let lines = try server.run(sql).split(separator: "\n").map(String.init)
        try #require(lines.count == pairs.count)
        var mismatches: [String] = []
        for (pair, line) in zip(pairs, lines) {
            let a = try #require(PGDecimal(pair.0)), b = try #require(PGDecimal(pair.1))
            let q = try #require(a.divided(by: b))
            let mine = "\(q) \(q.rounded(toScale: 2)) \(a * b) \(a + b)"
            if mine != line { mismatches.append("\(pair): PostgreSQL \(line) / Chunkwise \(mine)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func averagesOfNumericColumnsMatchPostgres() throws {
        let server = try #require(try ReferenceServer.shared())
        var g = SeededGenerator(seed: 77)
        var groups: [[String]] = [["10.00", "10.01"], ["1.00", "1.00", "2.00"], ["0.01", "0.00", "0.00"], ["99.99"], ["33.33", "33.33", "33.34"]]
        for _ in 0..<200 {
            let n = Int.random(in: 1...40, using: &g)
            groups.append((0..<n).map { _ in
                let cents = Int.random(in: 0...10_000, using: &g)
                return "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
            })
        }
        var sql = ""
        for grp in groups {
            sql += "SELECT avg(x)::text || ' ' || round(avg(x), 2)::text || ' ' || sum(x)::text FROM (VALUES \(grp.map { "(\($0)::numeric(5,2))" }.joined(separator: ","))) v(x);\n"
        }
        let lines = try server.run(sql).split(separator: "\n").map(String.init)
        try #require(lines.count == groups.count)
        var mismatches: [String] = []
        for (grp, line) in zip(groups, lines) {
            var acc = NumericAccumulator()
            for v in grp { acc.add(try PGNumeric.parse(v, precision: 5, scale: 2)) }
            let avg = try #require(acc.average), sum = try #require(acc.sumValue)
            let mine = "\(avg) \(avg.rounded(toScale: 2)) \(sum)"
            if mine != line { mismatches.append("\(grp): PostgreSQL \(line) / Chunkwise \(mine)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    /// Groups mixing NaN and the infinities with numbers: SUM, AVG, ROUND(AVG, 2), MAX and MIN as
    /// PostgreSQL 15 computes them (NaN wins SUM/AVG and MAX, `Infinity + -Infinity` is NaN, MIN
    /// skips NaN unless every value is NaN), through ``NumericAccumulator`` and ``PGNumeric``'s order.
    static let specialGroups: [[String]] = [
        ["NaN"], ["NaN", "NaN"], ["NaN", "1.50"], ["1.50", "NaN", "-3"], ["Infinity"], ["-Infinity"],
        ["Infinity", "-Infinity"], ["Infinity", "1.50"], ["-Infinity", "1.50", "-Infinity"], ["NaN", "1.5", "Infinity"],
        ["-Infinity", "NaN"], ["Infinity", "Infinity", "2.25"], ["0.00", "-Infinity", "99999999999.99"], ["inf", " nan "],
        ["1.00", "2.00"], ["33.33", "33.33", "33.34"],
    ]

    @Test func specialGroupsAggregateAsPostgresDoes() throws {
        // Measured on PostgreSQL 15 (see the differential test below for the same groups on a server).
        func aggregate(_ group: [String]) throws -> String {
            var acc = NumericAccumulator()
            let values = try group.map { try PGNumeric.parse($0) }
            for v in values { acc.add(v) }
            let avg = try #require(acc.average), sum = try #require(acc.sumValue)
            return "\(sum) \(avg) \(avg.rounded(toScale: 2)) \(values.max()!) \(values.min()!)"
        }
        #expect(try aggregate(["NaN", "1.50"]) == "NaN NaN NaN NaN 1.50")
        #expect(try aggregate(["Infinity", "-Infinity"]) == "NaN NaN NaN Infinity -Infinity")
        #expect(try aggregate(["Infinity", "1.50"]) == "Infinity Infinity Infinity Infinity 1.50")
        #expect(try aggregate(["NaN", "NaN"]) == "NaN NaN NaN NaN NaN")
        #expect(try aggregate(["1.00", "2.00"]) == "3.00 1.5000000000000000 1.50 2.00 1.00")
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func specialGroupsMatchPostgres() throws {
        let server = try #require(try ReferenceServer.shared())
        var sql = ""
        for grp in Self.specialGroups {
            sql += "SELECT sum(x)::text || ' ' || avg(x)::text || ' ' || round(avg(x), 2)::text || ' ' || max(x)::text || ' ' || min(x)::text "
            sql += "FROM (VALUES \(grp.map { "('\($0)'::numeric)" }.joined(separator: ","))) v(x);\n"
        }
        let lines = try server.run(sql).split(separator: "\n").map(String.init)
        try #require(lines.count == Self.specialGroups.count)
        var mismatches: [String] = []
        for (grp, line) in zip(Self.specialGroups, lines) {
            var acc = NumericAccumulator()
            let values = try grp.map { try PGNumeric.parse($0) }
            for v in values { acc.add(v) }
            let avg = try #require(acc.average), sum = try #require(acc.sumValue)
            let mine = "\(sum) \(avg) \(avg.rounded(toScale: 2)) \(values.max()!) \(values.min()!)"
            if mine != line { mismatches.append("\(grp): PostgreSQL \(line) / Chunkwise \(mine)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }
}
