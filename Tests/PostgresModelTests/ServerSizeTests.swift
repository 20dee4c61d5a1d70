import Foundation
import Testing
@testable import PostgresModel
import Schema
import Storage
import TestSupport

/// Loads data into the throwaway PostgreSQL 15, measures `pg_relation_size` per relation and fork,
/// and compares with the model, for indexes present during COPY (incremental) and built after it (bulk).
/// Bars: heap main fork exact, every B-tree within ±3 %, BRIN exact, total within ±2 %.
@Suite(.serialized) struct ServerSizeTests {
    struct Variant {
        var name: String
        var table: String
        var tableSQL: String
        var constraintSQL: String
        var indexSQL: String
        var csvPath: URL
    }

    static func compare(_ v: Variant, build: IndexBuild) throws {
        let pg = try #require(try ServerCase.cluster())
        let db = try pg.createDatabase("size")
        if build == .incremental {
            try pg.query(v.tableSQL + v.constraintSQL + v.indexSQL, database: db)
        } else {
            try pg.query(v.tableSQL, database: db)
        }
        try pg.query("\\copy \(v.table) FROM '\(v.csvPath.path)' WITH (FORMAT csv, HEADER)", database: db)
        try pg.query("VACUUM (ANALYZE) \(v.table)", database: db)
        if build == .bulk { try pg.query(v.constraintSQL + v.indexSQL, database: db) }
        let measured = try ServerCase.relationSizes(pg, database: db, table: v.table)
        try pg.query("DROP DATABASE \(db)")
        // Generated files are scratch: remove them once both sides have read them.
        defer { if v.csvPath.lastPathComponent.hasPrefix("chunkwise-gen-") { try? FileManager.default.removeItem(at: v.csvPath) } }

        let (findings, catalog) = MigrationCheck.run(files: [("\(v.name).sql", v.tableSQL + v.constraintSQL + v.indexSQL)])
        #expect(!findings.contains { $0.severity == .error }, "\(findings)")
        guard let table = catalog.tables[v.table] else { Issue.record("no table \(v.table)"); return }
        let rows = try CopyReader(table: table, loadTime: 0).read(path: v.csvPath.path)
        let predicted = try RelationSizeModel.predict(rows: rows, build: { _ in build })
        var predictedTotal = 0, measuredTotal = 0
        var report = "size model vs PostgreSQL 15, \(v.name), \(build.rawValue), \(rows.count) rows\n"
        for r in predicted {
            let key = r.kind == .toast ? "toast" : r.name
            guard let m = measured[key] else { Issue.record("\(v.name): server has no \(key)"); continue }
            predictedTotal += r.totalBytes
            measuredTotal += m.main + m.fsm + m.vm
            let error = m.main == 0 ? 0 : Double(r.mainBytes - m.main) / Double(m.main) * 100
            report += "| \(v.name) | \(build.rawValue) | \(r.name) | \(r.kind.rawValue) | \(m.main / 8192) | \(r.mainBytes / 8192) | \(String(format: "%+.2f", error)) % | \(m.fsm / 8192)/\(r.fsmBytes / 8192) | \(m.vm / 8192)/\(r.vmBytes / 8192) |\n"
            switch r.kind {
            case .heap:
                #expect(r.mainBytes == m.main, "\(v.name) \(build) heap \(r.mainBytes) vs \(m.main)")
                #expect(r.fsmBytes == m.fsm && r.vmBytes == m.vm, "\(v.name) \(build) heap forks")
            case .brin:
                #expect(r.mainBytes == m.main, "\(v.name) \(build) \(r.name) \(r.mainBytes) vs \(m.main)")
            case .btree:
                #expect(abs(error) <= 3, "\(v.name) \(build) \(r.name) \(r.mainBytes) vs \(m.main)")
            case .toast:
                #expect(abs(r.totalBytes - (m.main + m.fsm + m.vm)) <= max(2 * 8192, (m.main + m.fsm + m.vm) / 50), "\(v.name) toast")
            }
        }
        for name in measured.keys where !predicted.contains(where: { ($0.kind == .toast ? "toast" : $0.name) == name }) {
            Issue.record("\(v.name): model has no relation \(name)")
        }
        let totalError = Double(predictedTotal - measuredTotal) / Double(max(measuredTotal, 1)) * 100
        report += "| \(v.name) | \(build.rawValue) | total | | \(measuredTotal) B | \(predictedTotal) B | \(String(format: "%+.2f", totalError)) % | | |"
        print(report)
        #expect(abs(totalError) <= 2, "\(v.name) \(build) total \(predictedTotal) vs \(measuredTotal)")
    }

    static var nqpVariant: Variant? {
        guard let url = try? SharedData.require("data/real/nq_1m_5m_2023.csv") else { return nil }
        let sql = NQPMigrations.initial()
        // Constraints and indexes come after the table for the bulk build.
        let tableOnly = sql.replacingOccurrences(of: "PRIMARY KEY DEFAULT", with: "DEFAULT")
            .replacingOccurrences(of: ",\n  UNIQUE (ticker_id, \"timestamp\", interval)", with: "")
            .components(separatedBy: "CREATE INDEX")[0]
        let indexes = "CREATE INDEX" + sql.components(separatedBy: "CREATE INDEX").dropFirst().joined(separator: "CREATE INDEX")
        return Variant(name: "nq (12,2) + 009", table: "market_data", tableSQL: tableOnly,
                       constraintSQL: "ALTER TABLE market_data ADD PRIMARY KEY (id), ADD UNIQUE (ticker_id, \"timestamp\", interval);\n",
                       indexSQL: indexes + "\n" + NQPMigrations.indexes009, csvPath: url)
    }

    static var equitiesVariant: Variant? {
        guard let url = try? SharedData.require("data/real/equities_1m_numeric14_4.csv") else { return nil }
        let table = NQPMigrations.initial(numeric: "numeric(14,4)")
            .replacingOccurrences(of: "PRIMARY KEY DEFAULT", with: "DEFAULT")
            .replacingOccurrences(of: ",\n  UNIQUE (ticker_id, \"timestamp\", interval)", with: "")
            .components(separatedBy: "CREATE INDEX")[0]
            .replacingOccurrences(of: "\n);", with: "\n) WITH (fillfactor = 80);")
        return Variant(name: "equities (14,4) ff80", table: "market_data", tableSQL: table,
                       constraintSQL: "ALTER TABLE market_data ADD PRIMARY KEY (id);\n",
                       indexSQL: """
                           CREATE INDEX md_ticker_ts ON market_data (ticker_id, "timestamp") WITH (fillfactor = 70);
                           CREATE INDEX md_close ON market_data (close);
                           CREATE INDEX md_big_volume ON market_data (ticker_id, "timestamp" DESC) WHERE volume > 1000;
                           CREATE INDEX md_brin16 ON market_data USING brin ("timestamp") WITH (pages_per_range = 16);
                           """, csvPath: url)
    }

    /// NaN, Infinity and -Infinity among numbers in an unconstrained numeric and NaN in a
    /// numeric(12,2), with B-trees on both (their order and deduplication take the specials).
    static func specialNumericVariant() throws -> Variant {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-gen-specials-\(getpid()).csv")
        var g = SeededGenerator(seed: 13)
        var csv = "id,price,fixed,note\n"
        for i in 0..<6000 {
            let r = Int.random(in: 0..<10, using: &g)
            let price = r < 3 ? ["NaN", "Infinity", "-Infinity"][r] : "\(Int.random(in: -99_999...99_999, using: &g)).\(Int.random(in: 0...99, using: &g))"
            let fixed = Int.random(in: 0..<5, using: &g) == 0 ? "NaN" : "\(Int.random(in: 0...9_999, using: &g)).25"
            csv += "\(i),\(price),\(fixed),\(i % 13 == 0 ? "" : "n\(i % 97)")\n"
        }
        try csv.write(to: url, atomically: true, encoding: .utf8)
        return Variant(name: "numeric NaN/±Infinity", table: "specials",
                       tableSQL: "CREATE TABLE specials (id int4 NOT NULL, price numeric, fixed numeric(12,2), note text);\n",
                       constraintSQL: "ALTER TABLE specials ADD PRIMARY KEY (id);\n",
                       indexSQL: "CREATE INDEX specials_price ON specials (price);\nCREATE INDEX specials_fixed ON specials (fixed);\n",
                       csvPath: url)
    }

    /// NUMERIC wider than 18 digits (up to 60 digits, exponents, long fractions) beside narrow
    /// values in the same columns, indexed.
    static func wideNumericVariant() throws -> Variant {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-gen-wide-\(getpid()).csv")
        var g = SeededGenerator(seed: 29)
        func digits(_ n: Int) -> String { String((0..<n).map { k in Character(String(Int.random(in: (k == 0 ? 1 : 0)...9, using: &g))) }) }
        var csv = "id,amount,fixed\n"
        for i in 0..<20000 {
            let amount: String
            switch Int.random(in: 0..<6, using: &g) {
            case 0: amount = digits(Int.random(in: 19...60, using: &g))
            case 1: amount = "-" + digits(Int.random(in: 1...30, using: &g)) + "." + digits(Int.random(in: 1...40, using: &g))
            case 2: amount = "0.000000" + digits(Int.random(in: 15...30, using: &g))
            case 3: amount = "\(digits(2))e\(Int.random(in: 17...90, using: &g))"
            default: amount = digits(Int.random(in: 1...8, using: &g)) + "." + digits(2)
            }
            let fixed = Int.random(in: 0..<2, using: &g) == 0 ? digits(Int.random(in: 15...20, using: &g)) + "." + digits(12) : digits(3) + ".5"
            csv += "\(i),\(amount),\(fixed)\n"
        }
        try csv.write(to: url, atomically: true, encoding: .utf8)
        return Variant(name: "numeric wider than 18 digits", table: "wide",
                       tableSQL: "CREATE TABLE wide (id int4 NOT NULL, amount numeric, fixed numeric(30,10));\n",
                       constraintSQL: "ALTER TABLE wide ADD PRIMARY KEY (id);\n",
                       indexSQL: "CREATE INDEX wide_amount ON wide (amount);\nCREATE INDEX wide_fixed ON wide (fixed);\n",
                       csvPath: url)
    }

    /// Only bounded columns (`character(n)` blank-padded, `varchar(n)`, `numeric(p,s)`): no TOAST
    /// table; a partial index no row meets (its metapage alone), a BRIN over fewer heap pages
    /// than one range (its first range summarized from its creation when present during the load),
    /// and a unique index over a column 40 % NULL (its NULL keys deduplicated when present during
    /// the load).
    static func boundedTypesVariant() throws -> Variant {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-gen-bounded-\(getpid()).csv")
        var g = SeededGenerator(seed: 41)
        var csv = "code,flag,name,price,at,seq\n"
        for i in 0..<3000 {
            let code = String((0..<Int.random(in: 0...8, using: &g)).map { _ in Character(UnicodeScalar(UInt8(Int.random(in: 65...90, using: &g)))) })
            let name = Int.random(in: 0..<4, using: &g) == 0 ? "" : "n\(Int.random(in: 0...99_999, using: &g))é"
            csv += "\"\(code)\",\(i % 3 == 0 ? "" : "y"),\(name),\(Int.random(in: 0...999_999, using: &g)).\(Int.random(in: 10...99, using: &g)),2024-01-01 00:\(String(format: "%02d", i % 60)):00+00,\(Int.random(in: 0..<5, using: &g) < 2 ? "" : String(i))\n"
        }
        try csv.write(to: url, atomically: true, encoding: .utf8)
        return Variant(name: "bounded: char(n), varchar(n), numeric(p,s)", table: "bounded",
                       tableSQL: "CREATE TABLE bounded (code char(8) NOT NULL, flag character, name varchar(40), price numeric(12,2), at timestamptz, seq int4);\n",
                       constraintSQL: "",
                       indexSQL: """
                           CREATE INDEX bounded_code ON bounded (code);
                           CREATE INDEX bounded_none ON bounded (price) WHERE price < 0;
                           CREATE INDEX bounded_at_brin ON bounded USING brin (at);
                           CREATE UNIQUE INDEX bounded_seq ON bounded (seq);
                           """, csvPath: url)
    }

    /// Minmax BRINs over text of varied widths, with NULLs and a numeric beside: each range's
    /// tuple holds its own min and max, short varlenas unaligned (it was sized as the widest value
    /// at int alignment: 20–40 % large).
    static func brinTextVariant() throws -> Variant {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-gen-brintext-\(getpid()).csv")
        var g = SeededGenerator(seed: 47)
        var csv = "ts,name,v,price\n"
        for i in 0..<20_000 {
            let name = String((0..<Int.random(in: 3...90, using: &g)).map { _ in Character(UnicodeScalar(UInt8(Int.random(in: 97...106, using: &g)))) })
            let v = Int.random(in: 0..<10, using: &g) == 0 ? "" : String(Int.random(in: 0...1000, using: &g))
            csv += "2024-01-01 00:\(String(format: "%02d", i % 60)):00+00,\(name),\(v),\(Int.random(in: 0...99_999, using: &g)).\(Int.random(in: 0...99, using: &g))\n"
        }
        try csv.write(to: url, atomically: true, encoding: .utf8)
        return Variant(name: "brin over text", table: "bt",
                       tableSQL: "CREATE TABLE bt (ts timestamptz NOT NULL, name text NOT NULL, v integer, price numeric(12,2));\n",
                       constraintSQL: "",
                       indexSQL: """
                           CREATE INDEX bt_name ON bt USING brin (name) WITH (pages_per_range = 1);
                           CREATE INDEX bt_name_v_price ON bt USING brin (name, v, price) WITH (pages_per_range = 2);
                           CREATE INDEX bt_v_name ON bt USING brin (v, name) WITH (pages_per_range = 4);
                           """, csvPath: url)
    }

    /// character(n) wider than a page's TOAST threshold holding short values: PostgreSQL pads them
    /// with blanks, which pglz then compresses inline.
    static func wideBlankPaddedVariant() throws -> Variant {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-gen-padded-\(getpid()).csv")
        var g = SeededGenerator(seed: 43)
        var csv = "id,c,d\n"
        for i in 0..<2000 {
            let c = String((0..<[2, 50, 900][Int.random(in: 0..<3, using: &g)]).map { _ in Character(UnicodeScalar(UInt8(Int.random(in: 97...122, using: &g)))) })
            csv += "\(i),\(c),\(String(repeating: "x", count: Int.random(in: 0..<2, using: &g) == 0 ? 1 : 100))\n"
        }
        try csv.write(to: url, atomically: true, encoding: .utf8)
        return Variant(name: "char(3000) and char(2500), short values", table: "padded",
                       tableSQL: "CREATE TABLE padded (id int4 NOT NULL, c char(3000), d char(2500));\n",
                       constraintSQL: "ALTER TABLE padded ADD PRIMARY KEY (id);\n", indexSQL: "", csvPath: url)
    }

    /// json beside jsonb: json stored as typed (spacing and duplicate keys kept, some documents
    /// long enough to be compressed inline or moved to TOAST), jsonb as its binary form.
    static func jsonVariant() throws -> Variant {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-gen-json-\(getpid()).csv")
        var g = SeededGenerator(seed: 47)
        var csv = "id,doc,bdoc\n"
        for i in 0..<4000 {
            let n = Int.random(in: 0...999, using: &g)
            let docs = [#"{"a": \#(n),   "b" : [1, 2, 3]}"#, #" {"k":"v\#(n)","k":"w"} "#, "[]",
                        #"{"text": ""# + String(repeating: "ab\(n % 10)", count: Int.random(in: 1...900, using: &g)) + #""}"#]
            let doc = docs[Int.random(in: 0..<docs.count, using: &g)]
            let quoted = "\"" + doc.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            csv += "\(i),\(i % 7 == 0 ? "" : quoted),\(i % 5 == 0 ? "" : quoted)\n"
        }
        try csv.write(to: url, atomically: true, encoding: .utf8)
        return Variant(name: "json beside jsonb", table: "docs", tableSQL: "CREATE TABLE docs (id int4 NOT NULL, doc json, bdoc jsonb);\n",
                       constraintSQL: "ALTER TABLE docs ADD PRIMARY KEY (id);\n", indexSQL: "", csvPath: url)
    }

    /// Types Chunkwise carries as text, stored as the server stores them: interval (16 bytes,
    /// double-aligned, no TOAST table of its own, never deduplicated), bytea and inet at their
    /// binary size, money and timetz at their fixed lengths, bit and varbit at their packed size;
    /// B-tree keys in the server's order.
    static func carriedTypesVariant() throws -> Variant {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-gen-carried-\(getpid()).csv")
        var g = SeededGenerator(seed: 53)
        var bitsRandom = SeededGenerator(seed: 59)
        var csv = "id,iv,b,a,m,z,f,v\n"
        for i in 0..<5000 {
            let iv = ["1 day", "\(Int.random(in: 0...99, using: &g)):30:00", "\(Int.random(in: 0...11, using: &g)) mons 2 days", "-3 days"][Int.random(in: 0..<4, using: &g)]
            // Rows of one width (the incremental B-tree model's known residual is rows of varying
            // width that the free space map places out of file order; docs/SIZE_MODEL.md).
            let bytes = (0..<4).map { _ in String(format: "%02x", Int.random(in: 0...255, using: &g)) }.joined()
            let a = Int.random(in: 0..<4, using: &g) == 0 ? "2001:db8::\(String(Int.random(in: 0...65535, using: &g), radix: 16))"
                : "10.\(Int.random(in: 0...255, using: &g)).\(Int.random(in: 0...255, using: &g)).\(Int.random(in: 0...255, using: &g))"
            let m = "\(Int.random(in: 0...20_000, using: &g)).\(String(format: "%02d", Int.random(in: 0...99, using: &g)))"
            let z = String(format: "%02d:%02d:00%+03d", Int.random(in: 0...23, using: &g), Int.random(in: 0...59, using: &g), Int.random(in: -5...5, using: &g))
            // bit(12) and varbit(40): a 4-byte bit count and the bits packed, not their text (33 to
            // 40 bits, binary or hex: five bytes either way, so rows keep one width).
            let f = (0..<12).map { _ in Bool.random(using: &bitsRandom) ? "1" : "0" }.joined()
            let v = i % 7 == 0 ? "X" + (0..<10).map { _ in String(Int.random(in: 0...15, using: &bitsRandom), radix: 16) }.joined()
                : (0..<Int.random(in: 33...40, using: &bitsRandom)).map { _ in Bool.random(using: &bitsRandom) ? "1" : "0" }.joined()
            csv += "\(i),\(i % 9 == 0 ? "" : iv),\\x\(bytes),\(a),\(m),\(z),\(f),\(v)\n"
        }
        try csv.write(to: url, atomically: true, encoding: .utf8)
        return Variant(name: "types carried as text", table: "carried",
                       tableSQL: "CREATE TABLE carried (id int4 NOT NULL, iv interval, b bytea, a inet, m money, z timetz, f bit(12), v varbit(40));\n",
                       constraintSQL: "",
                       indexSQL: """
                           CREATE INDEX carried_iv ON carried (iv);
                           CREATE INDEX carried_a ON carried (a DESC);
                           CREATE INDEX carried_m_z ON carried (m, z);
                           CREATE INDEX carried_b ON carried (b);
                           """, csvPath: url)
    }

    /// Enum columns: 4-byte, int-aligned values (their labels' OIDs) whatever the label's length,
    /// B-tree keys in the labels' sort order (a label added BEFORE another sorts first), deduplicated.
    static func enumVariant() throws -> Variant {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-gen-enum-\(getpid()).csv")
        var g = SeededGenerator(seed: 61)
        let sides = ["buy", "sell", "short_sell_exempt"], levels = ["low", "medium", "high", "critical", "none"]
        var csv = "id,s,l,qty\n"
        for i in 0..<6000 {
            let l = i % 11 == 0 ? "" : levels[Int.random(in: 0..<levels.count, using: &g)]
            csv += "\(i),\(sides[Int.random(in: 0..<sides.count, using: &g)]),\(l),\(Int.random(in: 1...500, using: &g))\n"
        }
        try csv.write(to: url, atomically: true, encoding: .utf8)
        return Variant(name: "enum columns", table: "orders",
                       tableSQL: """
                           CREATE TYPE side AS ENUM ('buy', 'sell', 'short_sell_exempt');
                           CREATE TYPE "Level" AS ENUM ('low', 'medium', 'high', 'critical');
                           ALTER TYPE "Level" ADD VALUE 'none' BEFORE 'low';
                           CREATE TABLE orders (id int4 NOT NULL, s side NOT NULL, l "Level", qty int2);

                           """,
                       constraintSQL: "ALTER TABLE orders ADD PRIMARY KEY (id);\n",
                       indexSQL: """
                           CREATE INDEX orders_l ON orders (l);
                           CREATE INDEX orders_s_l ON orders (s, l DESC);
                           """, csvPath: url)
    }

    /// Array columns at their binary size (header, dimensions, NULL bitmap, aligned elements;
    /// varlena elements with 4-byte headers), long ones pglz-compressed as that binary form.
    static func arrayVariant() throws -> Variant {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-gen-array-\(getpid()).csv")
        var g = SeededGenerator(seed: 67)
        var csv = "id,ints,tags,prices,big\n"
        func list(_ n: Int, _ element: () -> String) -> String { "\"{" + (0..<n).map { _ in element() }.joined(separator: ",") + "}\"" }
        for i in 0..<3000 {
            let n = [0, 1, 3, 8, 30, 200][Int.random(in: 0..<6, using: &g)]
            let ints = list(n) { Int.random(in: 0..<10, using: &g) == 0 ? "NULL" : String(Int.random(in: -50_000...50_000, using: &g)) }
            let tags = list(min(n, 12)) { ["alpha", "beta", "\"\"gamma delta\"\"", "x"][Int.random(in: 0..<4, using: &g)] }
            let prices = list(n) { "\(Int.random(in: 0...99_999, using: &g)).\(Int.random(in: 10...99, using: &g))" }
            let big = n > 0 && n < 30 ? "\"{{\(n),2},{3,4}}\"" : ""
            csv += "\(i),\(ints),\(tags),\(prices),\(big)\n"
        }
        try csv.write(to: url, atomically: true, encoding: .utf8)
        return Variant(name: "array columns", table: "arrays",
                       tableSQL: "CREATE TABLE arrays (id int4 NOT NULL, ints int4[], tags text[], prices numeric(10,2)[], big int8[]);\n",
                       constraintSQL: "ALTER TABLE arrays ADD PRIMARY KEY (id);\n", indexSQL: "", csvPath: url)
    }

    /// jsonb documents shaped like order payloads (`items`: objects of strings, small integers,
    /// two-place prices and tag arrays) and number arrays (`numarr`: three-place numbers, which are
    /// 8–10-byte NUMERIC varlenas in the binary form and compress far worse than their text),
    /// 200–4,000 characters: the long ones compressed inline or moved to TOAST as their binary
    /// form. `indexed` puts a B-tree on the column (index entries compressed as that form too) and
    /// keeps to `items`, whose compressed entries stay under the 2,704-byte B-tree maximum.
    static func jsonbDocumentsVariant(indexed: Bool) throws -> Variant {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-gen-jsonb-\(indexed)-\(getpid()).csv")
        var g = SeededGenerator(seed: indexed ? 71 : 73)
        var csv = "id,payload\n"
        let tags = ["red", "blue", "sale", "new", "clearance", "gift"]
        for i in 0..<3000 {
            let numbers = !indexed && i % 2 == 1
            let target = i % 3 == 0 ? Int.random(in: 200...1200, using: &g) : Int.random(in: 2200...4000, using: &g)
            var parts: [String] = []
            var length = 20
            while length < target {
                let part: String
                if numbers {
                    part = "\(Int.random(in: 0...999, using: &g)).\(Int.random(in: 0...999, using: &g))"
                } else {
                    let t = tags.shuffled(using: &g).prefix(2).map { "\"\"\($0)\"\"" }.joined(separator: ", ")
                    part = "{\"\"sku\"\": \"\"SKU-\(String(Int.random(in: 10000...59999, using: &g)))\"\", \"\"qty\"\": \(Int.random(in: 1...4, using: &g)), "
                        + "\"\"price\"\": \(Int.random(in: 1...499, using: &g)).\(Int.random(in: 10...99, using: &g)), \"\"tags\"\": [\(t)]}"
                }
                parts.append(part)
                length += part.count + 2
            }
            let key = numbers ? "v" : "items"
            csv += "\(i),\"{\"\"user\"\": \(Int.random(in: 0..<1_000_000, using: &g)), \"\"\(key)\"\": [\(parts.joined(separator: ", "))]}\"\n"
        }
        try csv.write(to: url, atomically: true, encoding: .utf8)
        return Variant(name: indexed ? "jsonb items, B-tree" : "jsonb items and number arrays", table: "jdocs",
                       tableSQL: "CREATE TABLE jdocs (id int4 NOT NULL, payload jsonb NOT NULL);\n",
                       constraintSQL: "", indexSQL: indexed ? "CREATE INDEX jdocs_payload ON jdocs (payload);\n" : "", csvPath: url)
    }

    static func generatedVariant() throws -> Variant {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-gen-\(getpid()).csv")
        try GeneratedMarketData.csv(tickers: 20, steps: 1000).write(to: url, atomically: true, encoding: .utf8)
        return Variant(name: "generated (NULLs, TOAST, int keys)", table: "gen", tableSQL: GeneratedMarketData.schemaTable,
                       constraintSQL: GeneratedMarketData.schemaConstraints + "\n", indexSQL: GeneratedMarketData.schemaIndexes, csvPath: url)
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared"), arguments: IndexBuild.allCases) func nqpSchemaOnRealNQBars(build: IndexBuild) throws {
        let v = try #require(Self.nqpVariant)
        try Self.compare(v, build: build)
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared"), arguments: IndexBuild.allCases) func numeric14_4WithFillfactorsPartialAndBrin16(build: IndexBuild) throws {
        let v = try #require(Self.equitiesVariant)
        try Self.compare(v, build: build)
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs postgresql-15"), arguments: IndexBuild.allCases)
    func numericNaNAndInfinities(build: IndexBuild) throws {
        try Self.compare(try Self.specialNumericVariant(), build: build)
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs postgresql-15"), arguments: IndexBuild.allCases)
    func numericWiderThan18Digits(build: IndexBuild) throws {
        try Self.compare(try Self.wideNumericVariant(), build: build)
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs postgresql-15"), arguments: IndexBuild.allCases)
    func boundedTypesWithoutToast(build: IndexBuild) throws {
        try Self.compare(try Self.boundedTypesVariant(), build: build)
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs postgresql-15"), arguments: IndexBuild.allCases)
    func wideBlankPaddedValuesCompressInline(build: IndexBuild) throws {
        try Self.compare(try Self.wideBlankPaddedVariant(), build: build)
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs postgresql-15"), arguments: IndexBuild.allCases)
    func jsonStoredAsTypedBesideJsonb(build: IndexBuild) throws {
        try Self.compare(try Self.jsonVariant(), build: build)
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs postgresql-15"), arguments: IndexBuild.allCases)
    func jsonbCompressedAndToastedAsItsBinaryForm(build: IndexBuild) throws {
        try Self.compare(try Self.jsonbDocumentsVariant(indexed: false), build: build)
        try Self.compare(try Self.jsonbDocumentsVariant(indexed: true), build: build)
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs postgresql-15"), arguments: IndexBuild.allCases)
    func typesCarriedAsTextStoredAsTheServerStoresThem(build: IndexBuild) throws {
        try Self.compare(try Self.carriedTypesVariant(), build: build)
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs postgresql-15"), arguments: IndexBuild.allCases)
    func enumColumnsStoredAsLabelOids(build: IndexBuild) throws {
        try Self.compare(try Self.enumVariant(), build: build)
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs postgresql-15"), arguments: IndexBuild.allCases)
    func arrayColumnsAtTheirBinarySize(build: IndexBuild) throws {
        try Self.compare(try Self.arrayVariant(), build: build)
    }

    @Test(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "needs postgresql-15"))
    func brinOverTextBuiltAfterTheLoad() throws {
        try Self.compare(try Self.brinTextVariant(), build: .bulk)
    }

    @Test(arguments: IndexBuild.allCases) func generatedNullHeavyToastingRows(build: IndexBuild) throws {
        try Self.compare(try Self.generatedVariant(), build: build)
    }
}
