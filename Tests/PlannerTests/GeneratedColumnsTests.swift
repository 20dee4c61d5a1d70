import Foundation
import Testing
import Schema
import Storage
import TestSupport
@testable import Planner

/// Stored generated columns: computed per row as PostgreSQL 15 computes them, left out of COPY
/// in and out as COPY leaves them out, and drawn by the generator from the row, not as readings.
@Suite("generated columns against PostgreSQL", .serialized)
struct GeneratedColumnsTests {
    static let ddl = """
        CREATE TABLE fills (ts timestamptz NOT NULL, symbol text NOT NULL, price numeric(12,2) NOT NULL, qty integer NOT NULL,
                            bid double precision, ask double precision,
                            notional numeric GENERATED ALWAYS AS (price * qty) STORED,
                            mid double precision GENERATED ALWAYS AS ((bid + ask) / 2) STORED,
                            lots bigint GENERATED ALWAYS AS (qty / 100) STORED,
                            cents integer GENERATED ALWAYS AS (price * 100) STORED,
                            side text GENERATED ALWAYS AS (CASE WHEN qty > 0 THEN 'B' ELSE 'S' END) STORED,
                            size_class integer GENERATED ALWAYS AS (CASE qty WHEN 3 THEN 1 WHEN 250 THEN 2.5 END) STORED,
                            label text GENERATED ALWAYS AS (symbol || '-x') STORED,
                            unmodelled text GENERATED ALWAYS AS (upper(symbol)) STORED);
        """
    static let csv = """
        ts,symbol,price,qty,bid,ask
        2024-01-01 00:00:00+00,A,10.50,3,10.25,10.75
        2024-01-01 00:01:00+00,A,0.05,250,,1
        2024-01-01 00:02:00+00,B,99999.99,-7,0.1,0.2
        2024-01-01 00:03:00+00,B,1.25,150,1e10,3.5

        """

    static func table() throws -> TableDefinition {
        try TableResolution.resolve(table: "fills", sources: [("fills.sql", Self.ddl)]).table
    }

    @Test func catalogKeepsTheExpressionsAndWarnsOfWhatIsNotComputed() throws {
        let resolution = try TableResolution.resolve(table: "fills", sources: [("fills.sql", Self.ddl)])
        let t = resolution.table
        #expect(t.columns.filter { $0.generated != nil }.map(\.name) == ["notional", "mid", "lots", "cents", "side", "size_class", "label", "unmodelled"])
        #expect(resolution.warnings.contains { $0.contains("generated column \"unmodelled\"") && $0.contains("not computed") })
        #expect(!resolution.warnings.contains {
            $0.contains("generated column \"notional\"") || $0.contains("generated column \"side\"") || $0.contains("generated column \"label\"")
        })
        let renamed = try TableResolution.resolve(table: "fills", sources: [("fills.sql", Self.ddl + "ALTER TABLE fills RENAME COLUMN qty TO quantity;")]).table
        #expect(renamed.column("lots")?.generated?.referencedColumns == ["quantity"])
        let dropped = try TableResolution.resolve(table: "fills", sources: [("fills.sql", Self.ddl + "ALTER TABLE fills ALTER COLUMN notional DROP EXPRESSION;")]).table
        #expect(dropped.column("notional")?.generated == nil && dropped.column("mid")?.generated != nil)
        let copied = try CopyReader(table: dropped).read(string: "ts,symbol,price,qty,notional\n2024-01-01 00:00:00+00,A,1,1,7\n")
        #expect(copied.column("notional")?.value(at: 0) == .numeric(PGNumeric(unscaled: 7, scale: 0)), "a plain column once its expression is dropped")
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func copyComputesWhatTheServerStores() throws {
        let t = try Self.table()
        let rows = try CopyReader(table: t).read(string: Self.csv)
        let names = ["notional", "mid", "lots", "cents", "side", "size_class", "label", "unmodelled"]
        let ours = (0..<rows.count).map { r in
            names.map { name -> String in
                let column = t.column(name)!
                let v = rows.column(name)!.value(at: r)
                return v.isNull ? "\\N" : v.text(as: column.type) ?? "?"
            }
        }
        let script = Self.ddl + "COPY fills FROM STDIN WITH (FORMAT csv, HEADER);\n" + Self.csv + "\\.\n"
            + "COPY (SELECT notional, mid, lots, cents, side, size_class, label, unmodelled FROM fills ORDER BY ts) TO STDOUT;\n"
        let theirs = try PostgresCluster.output(ofScript: script, databasePrefix: "generated").split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(theirs.count == ours.count)
        for (o, s) in zip(ours, theirs) {
            // `unmodelled` calls upper(), which Chunkwise leaves NULL (and says so); the rest are equal.
            #expect(Array(o.prefix(7)) == Array(s.prefix(7)), "\(o) vs \(s)")
            #expect(o[7] == "\\N")
        }
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func copyRefusesAGeneratedColumnAndWritesWithoutThem() throws {
        let t = try Self.table()
        #expect {
            _ = try CopyReader(table: t).read(string: "ts,symbol,price,qty,notional\n2024-01-01 00:00:00+00,A,1,1,1\n")
        } throws: { "\($0)".contains("column \"notional\" is a generated column") }
        let rows = try CopyReader(table: t).read(string: Self.csv)
        let written = CopyWriter().writeString(rows)
        #expect(written.hasPrefix("ts,symbol,price,qty,bid,ask\n"))
        let script = Self.ddl + "COPY fills FROM STDIN WITH (FORMAT csv, HEADER);\n" + Self.csv + "\\.\n" + "COPY fills TO STDOUT WITH (FORMAT csv, HEADER);\n"
        let theirs = try PostgresCluster.output(ofScript: script, databasePrefix: "generatedout")
        #expect(theirs.trimmingCharacters(in: .newlines) == written.trimmingCharacters(in: .newlines), "COPY TO leaves generated columns out")
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func generatedRowsLoadAndComputeAlike() throws {
        let t = try Self.table()
        let rows = try MarketDataGenerator.forTable(t, spec: SyntheticDataSpec(tickers: 2, intervals: ["1m"], days: 1, seed: 3)).rows()
        let notional = try #require(rows.column("notional")), price = try #require(rows.column("price")), qty = try #require(rows.column("qty"))
        #expect(!notional.isNull(at: 0))
        if case .numeric(let p) = price.value(at: 0), case .int(let q) = qty.value(at: 0), case .numeric(let n) = notional.value(at: 0) {
            #expect(n.approximateValue == p.approximateValue * Double(q), "price × qty, not a drawn reading")
        } else {
            Issue.record("unexpected value kinds")
        }
        let csv = CopyWriter().writeString(rows)
        let script = Self.ddl + "COPY fills FROM STDIN WITH (FORMAT csv, HEADER);\n" + csv + "\\.\nCOPY (SELECT count(*), sum(notional) FROM fills) TO STDOUT;\n"
        let out = try PostgresCluster.output(ofScript: script, databasePrefix: "generatedgen").trimmingCharacters(in: .whitespacesAndNewlines)
        var total = Decimal(0)
        for r in 0..<rows.count { if case .numeric(let n) = notional.value(at: r) { total += Decimal(string: n.description) ?? 0 } }
        let fields = out.split(separator: "\t").map(String.init)
        #expect(fields.first == String(rows.count), "generated rows load into PostgreSQL 15")
        #expect(Decimal(string: fields.last ?? "") == total, "and their notional sums alike")
    }
}
