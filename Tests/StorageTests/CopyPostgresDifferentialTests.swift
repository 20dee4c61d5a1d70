import Foundation
import Schema
import Storage
import Testing
import TestSupport

/// Chunkwise's COPY CSV reader and writer against a real PostgreSQL 15: same bytes out, same errors.
@Suite("COPY CSV against PostgreSQL", .serialized)
struct CopyPostgresDifferentialTests {
    static let createSQL = """
        CREATE TABLE awkward (
            id integer NOT NULL,
            ref uuid,
            note text,
            code varchar(10),
            price numeric(6,2) CHECK (price > -1000),
            meta jsonb,
            at timestamptz,
            flag boolean,
            big bigint
        );
        """

    static let table = TableDefinition(
        name: "awkward",
        columns: [
            ColumnDefinition("id", .int4, notNull: true),
            ColumnDefinition("ref", .uuid),
            ColumnDefinition("note", .text),
            ColumnDefinition("code", .varchar(10)),
            ColumnDefinition("price", .numeric(precision: 6, scale: 2)),
            ColumnDefinition("meta", .jsonb),
            ColumnDefinition("at", .timestamptz),
            ColumnDefinition("flag", .bool),
            ColumnDefinition("big", .int8),
        ],
        checks: [CheckConstraint(name: "awkward_price_check",
                                 predicate: .comparison(.gt, .column("price"), .literal(.numeric(PGNumeric(unscaled: -1000, scale: 0)))),
                                 sql: "CHECK (price > -1000)")])

    static let header = "id,ref,note,code,price,meta,at,flag,big\n"

    /// Quotes, commas, newlines, empty string vs NULL, Unicode, nested jsonb, negative and rounded numerics.
    static let awkwardRows = [
        "1,a195767f-12d8-ede4-e262-52f9b971474a,\"say \"\"hi\"\", then, leave\",abc,-12.345,\"{\"\"b\"\": [1, {\"\"z\"\": null, \"\"a\"\": true}], \"\"a\"\": \"\"x\"\"}\",2024-03-10 01:59:59.999999-05,t,-9223372036854775808",
        "2,,\"\",,0.005,,,f,",
        "3,{A195767F-12D8-EDE4-E262-52F9B971474A},\"line one\nline two\r\nline three\",\"  pad  \",999.994,{},2024-01-01 12:00:00+05:30,true,42",
        "4,a195767f12d8ede4e26252f9b971474a,\"naïve café — 東京 🚀\",\"ünïcødé\",-0.004,\"{\"\"k\"\": \"\"tab\\tquote\\\"\"\"\"}\",2024-06-30 23:59:60+00,0,0",
        "5,, leading and trailing ,\"a,b\",-1.25E1,\"[]\",2024-02-29 00:00:00.1234565+00,yes,+7",
    ]

    /// PostgreSQL's first ERROR message for a COPY of `text` (CSV with a header) into `table`, or
    /// "(accepted)".
    static func serverError(copying text: String, into table: String, pg: PostgresCluster, database db: String) throws -> String {
        do {
            _ = try pg.psql(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db], input: "COPY \(table) FROM STDIN WITH (FORMAT csv, HEADER);\n" + text + "\\.\n")
            return "(accepted)"
        } catch PostgresCluster.Failure.command(_, _, let output) {
            return output.split(separator: "\n").first { $0.hasPrefix("ERROR:  ") }.map { String($0.dropFirst(8)) } ?? output
        }
    }

    /// Creates the table `ddl` defines on the server and in a catalog, loads `good` (COPY CSV with
    /// a header) into both (each must take `count` rows), then copies each of `bad` (rows under
    /// the same header) into both: Chunkwise must refuse every row the server refuses, with its
    /// message. Returns Chunkwise's error for each bad row.
    @discardableResult
    func expectSameLoads(ddl: String, table name: String, good: String, count: Int, bad: [String]) throws -> [String: CopyError] {
        let pg = try #require(try cluster())
        var catalog = SchemaCatalog()
        // A carried column gets a "not modelled; treated as text" warning: carried, not stored natively.
        for statement in try SQLParser.parse(text: ddl, file: "\(name).sql") { _ = catalog.apply(statement) }
        let table = try #require(catalog.tables[name])
        let header = String(good.prefix { $0 != "\n" }) + "\n"
        let db = try pg.createDatabase(name)
        defer { _ = try? pg.query("DROP DATABASE \(db)") }
        let loaded = try pg.psql(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", db],
                                 input: ddl + "COPY \(name) FROM STDIN WITH (FORMAT csv, HEADER);\n" + good + "\\.\nSELECT count(*) FROM \(name);\n")
        #expect(loaded.trimmingCharacters(in: .whitespacesAndNewlines) == String(count))
        #expect(try CopyReader(table: table).read(string: good).count == count)
        var errors: [String: CopyError] = [:]
        for row in bad {
            let text = header + row + "\n"
            let theirs = try Self.serverError(copying: text, into: name, pg: pg, database: db)
            do {
                _ = try CopyReader(table: table, loadTime: 0).read(string: text)
                Issue.record("\(row): Chunkwise accepted what PostgreSQL answered with \(theirs)")
            } catch {
                #expect(error.message == theirs, "\(row)")
                errors[row] = error
            }
        }
        return errors
    }

    func cluster() throws -> PostgresCluster? {
        if !PostgresCluster.isInstalled && !PostgresCluster.mustRun {
            print("skipped: PostgreSQL 15 is not installed")
            return nil
        }
        return try PostgresCluster.shared()
    }

    /// COPY FROM STDIN then COPY TO STDOUT in one psql session.
    func roundTrip(_ pg: PostgresCluster, csv: String) throws -> String {
        let db = try pg.createDatabase("copy")
        let script = Self.createSQL + "\nCOPY awkward FROM STDIN WITH (FORMAT csv, HEADER);\n" + csv + "\\.\n"
            + "COPY awkward TO STDOUT WITH (FORMAT csv, HEADER);\n"
        return try pg.psql(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db], input: script) + "\n"
    }

    /// PostgreSQL's primary error message and line (from the COPY context) for a bad load.
    func postgresError(_ pg: PostgresCluster, csv: String) throws -> (message: String, line: Int?, detail: String?) {
        do {
            _ = try roundTrip(pg, csv: csv)
            return ("(accepted)", nil, nil)
        } catch PostgresCluster.Failure.command(_, _, let output) {
            let lines = output.split(separator: "\n").map(String.init)
            let message = lines.first { $0.hasPrefix("ERROR:  ") }.map { String($0.dropFirst(8)) } ?? output
            let detail = lines.first { $0.hasPrefix("DETAIL:  ") }.map { String($0.dropFirst(9)) }
            let context = lines.first { $0.hasPrefix("CONTEXT:  COPY awkward, line ") }
            let line = context.flatMap { Int($0.dropFirst("CONTEXT:  COPY awkward, line ".count).prefix { $0.isNumber }) }
            return (message, line, detail)
        }
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func writerMatchesPostgreSQLsCopyOutputByteForByte() throws {
        let pg = try #require(try cluster())
        let csv = Self.header + Self.awkwardRows.joined(separator: "\n") + "\n"
        let expected = try roundTrip(pg, csv: csv)
        let rows = try CopyReader(table: Self.table).read(string: csv)
        #expect(CopyWriter().writeString(rows) == expected)
    }

    /// json keeps the text as typed (spacing, key order, duplicate keys, `\u0000`); jsonb the
    /// canonical document. Both refuse what is not JSON with the same words.
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func jsonKeepsItsTextWhereJsonbRewritesIt() throws {
        let pg = try #require(try cluster())
        let table = TableDefinition(name: "docs", columns: [ColumnDefinition("id", .int4), ColumnDefinition("doc", .json),
                                                            ColumnDefinition("bdoc", .jsonb)])
        let documents = [
            #"{"b": 1,  "a" : [1, 2.50, 1e2]}"#, #" {"a":1,"a":2} "#, "[ ]", #""\u0000 and \u00e9""#, "\n{\"x\"\t:\r null}\n",
            "12.0", #"{"long": ""# + String(repeating: "x", count: 300) + #""}"#,
        ]
        var csv = "id,doc,bdoc\n"
        for (i, d) in documents.enumerated() {
            let quoted = "\"" + d.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            // jsonb refuses \u0000: that row's jsonb is NULL.
            csv += "\(i),\(quoted),\(d.contains(#"\u0000"#) ? "" : quoted)\n"
        }
        let db = try pg.createDatabase("json")
        let load = "CREATE TABLE docs (id integer, doc json, bdoc jsonb);\nCOPY docs FROM STDIN WITH (FORMAT csv, HEADER);\n"
        let expected = try pg.psql(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db],
                                   input: load + csv + "\\.\nCOPY docs TO STDOUT WITH (FORMAT csv, HEADER);\n") + "\n"
        #expect(CopyWriter().writeString(try CopyReader(table: table).read(string: csv)) == expected)

        let refused = [("json", "9,{bad,"), ("jsonb zero escape", #"9,,"""\u0000""""#), ("json trailing", #"9,"[1] 2","#)]
        for (name, bad) in refused {
            let text = "id,doc,bdoc\n" + bad + "\n"
            let theirs = try Self.serverError(copying: text, into: "docs", pg: pg, database: db)
            do {
                _ = try CopyReader(table: table, loadTime: 0).read(string: text)
                Issue.record("\(name): Chunkwise accepted what PostgreSQL answered with \(theirs)")
            } catch {
                #expect(error.message == theirs, "\(name)")
            }
        }
        _ = try pg.query("DROP DATABASE \(db)")
    }

    /// Array and address columns (carried as text) refuse what `array_in`, the element type's
    /// input function and `inet_in` refuse, with the server's message; what they take loads.
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func carriedTypesRefuseWhatTheServerRefuses() throws {
        let good = "id,a,t,ip,r\n1,\"{1,2,3}\",\"{a,\"\"b c\"\",NULL}\",10.0.0.1,\"[1,5)\"\n2,{},\"[0:1]={x,y}\",::1,empty\n"
            + "3,\"{{1,2},{3,4}}\",{},192.168.1.0/24,\"(,3]\"\n"
        try expectSameLoads(ddl: "CREATE TABLE carried (id integer, a integer[], t text[], ip inet, r int4range);\n", table: "carried",
                            good: good, count: 3,
                            bad: ["9,\"{1,x}\",,,", "9,\"{1,2\",,,", "9,,\"{a,,b}\",,", "9,,\"{{a},b}\",,", "9,,x,,", "9,,,999.1.1.1,",
                                  "9,\"{{1,2},{3}}\",,,", "9,\"{1} x\",,,", "9,\"{2147483648}\",,,", "9,,\"[1:3]={a}\",,",
                                  "9,,,,\"[5,1)\"", "9,,,,\"[1,2\"", "9,,,,\"(2147483647,)\"", "9,,,,emptyx", "9,,,,\"[x,2]\""])
    }

    /// `cidr`, `bytea` and `inet[]` columns load what the server loads (abbreviated networks, hex
    /// and escape bytea) and refuse what it refuses, with its words: host bits right of the mask
    /// (and that detail), bad hex digits, an odd digit count, a lone backslash, a bad element.
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func networkAndByteaColumnsRefuseWhatTheServerRefuses() throws {
        let good = "id,c,b,ips\n1,10.1,\\x00ff,\"{10.0.0.1,::1}\"\n2,192.168.0.0/16,a\\\\b\\001,{}\n3,::/0,,\"{10.1/16}\"\n"
        let errors = try expectSameLoads(ddl: "CREATE TABLE nets (id integer, c cidr, b bytea, ips inet[]);\n", table: "nets",
                                         good: good, count: 3,
                                         bad: ["9,10.1.2.3/16,,", "9,10.1.2.3/33,,", "9,,\\x0g,", "9,,\\x012,", "9,,a\\b,", "9,,\\x0 1,",
                                               "9,,,\"{10.0.0.1,x}\"", "9,1.2.3.4.5,,"])
        #expect(errors["9,10.1.2.3/16,,"]?.valueDetail == "Value has bits set to right of mask.")
    }

    /// `character(n)` columns refuse a value longer than n characters unless only blanks pass n,
    /// as `bpcharin` does on COPY (an explicit cast would truncate; assignment does not).
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func characterColumnsRefuseLongerValues() throws {
        let good = "id,cur,ex,v\n1,USD,N,ab\n2,EU  ,X,a  \n3,\"é  \",,\n"
        try expectSameLoads(ddl: "CREATE TABLE codes (id integer, cur character(3), ex char, v varchar(2));\n", table: "codes",
                            good: good, count: 3, bad: ["9,ABCD,,", "9,,NY,", "9,,,abc", "9,ééé é,,", "9,,\" x\","])
    }

    /// `interval` columns load the spellings the server reads (its own output among them) and
    /// refuse what it refuses.
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func intervalColumnsRefuseWhatTheServerRefuses() throws {
        let good = "id,i,a\n1,1 day,\"{1 hour,PT5M}\"\n2,-1 days +01:00:00,{}\n3,1 year 2 mons 3 days 04:05:06.5,\n4,P1DT12H,\n5,3 days ago,\n6,00:00:00.000001,\n"
        try expectSameLoads(ddl: "CREATE TABLE spans (id integer, i interval, a interval[]);\n", table: "spans", good: good, count: 6,
                            bad: ["9,zz,", "9,1 day 1 day,", "9,12:60,", "9,days,", "9,1 fortnight,", "9,,\"{1 day,x}\"", "9,P1X,"])
    }

    /// `money`, `oid` and `macaddr8` columns load what `cash_in`, `oidin` and `macaddr8_in` read
    /// (`$1,234.56`, `(5)`, `-1` as an oid, a six-byte address) and refuse what they refuse.
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func moneyOidAndMacaddr8ColumnsRefuseWhatTheServerRefuses() throws {
        let good = "id,m,o,ms,e\n1,\"$1,234.56\",42,\"{1.5,$2}\",08:00:2b:01:02:03\n2,(5),-1,{},0800.2b01.0203.0405\n3,1.005-,4294967295,,08002b0102030405\n4,,,,\n"
        try expectSameLoads(ddl: "CREATE TABLE cash (id integer, m money, o oid, ms money[], e macaddr8);\n", table: "cash", good: good, count: 4,
                            bad: ["9,abc,,,", "9,1.2.3,,,", "9,92233720368547758.08,,,", "9,,4294967296,,", "9,,x,,", "9,,1 2,,",
                                  "9,,,\"{1,x}\",", "9,,,,08:00:2b:01:02", "9,,,,08:00-2b:01:02:03", "9,,,,08:00:2b:01:02:03 x"])
    }

    /// `timetz`, `point`, `line`, `lseg`, `box`, `circle`, `timetz[]` and `point[]` columns load what
    /// `timetz_in` and geo_ops.c's input functions read and refuse what they refuse, in their words
    /// (a zone past 15 hours, a line with A and B zero, a negative radius, `1e400`); a `box[]`
    /// literal, whose elements `;` separates, loads.
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func timetzAndGeometricColumnsRefuseWhatTheServerRefuses() throws {
        let good = """
            id,t,p,l,s,b,c,ts,ps,bs
            1,10:30:00+05:30,"(1,2)","{1,2,3}","[(1,2),(3,4)]","(3,4),(1,2)","<(1,2),3>","{10:00+05,11:00:00.5-03:30}","{""(1,2)"",""(nan,-inf)""}","{(1,2),(3,4);(5,6),(7,8)}"
            2, 1030 pm ,"1,2","(1,2),(3,5)","1,2,3,4","(1,2),(3,4)","1,2,3",{},{},{}
            3,2024-07-01 10:00 America/New_York,"(1e-310,Infinity)","[(0,0),(1,0)]","((1,2),(3,4))","1,2,3,4","((1,2),0)",,,
            4,,,,,,,,,

            """
        try expectSameLoads(ddl: "CREATE TABLE geo (id integer, t timetz, p point, l line, s lseg, b box, c circle, ts timetz[], ps point[], bs box[]);\n",
                            table: "geo", good: good, count: 4,
                            bad: ["9,10:00+16,,,,,,,,", "9,25:00,,,,,,,,", "9,10:00 +foo,,,,,,,,", "9,10:00 jan,,,,,,,,", "9,13:00 pm,,,,,,,,",
                                  "9,,x,,,,,,,", "9,,\"(1e400,2)\",,,,,,,", "9,,\"(1,2\",,,,,,,", "9,,,\"{0,0,1}\",,,,,,",
                                  "9,,,\"(1,2),(1,2)\",,,,,,", "9,,,,\"[(1,2),(3,4)\",,,,,", "9,,,,,\"[(1,2),(3,4)]\",,,,",
                                  "9,,,,,,\"<(1,2),-3>\",,,", "9,,,,,,,\"{10:00,25:00}\",,", "9,,,,,,,,\"{\"\"(1,x)\"\"}\",",
                                  "9,,,,,,,,,{(1,2)"])
    }

    /// `bit(n)`, `bit` (which is `bit(1)` as a column's type), `bit varying(n)` and `bit(n)[]`
    /// columns take values of exactly or at most n bits, checked before the digits, as `bit_in`
    /// and `varbit_in` check them on COPY.
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func bitColumnsRefuseWhatTheServerRefuses() throws {
        let good = "id,f,one,v,a\n1,1010,1,B101,\"{101,B011}\"\n2,XA,0,,{}\n3,b0000,,X1F,\n"
        try expectSameLoads(ddl: "CREATE TABLE flags (id integer, f bit(4), one bit, v bit varying(8), a bit(3)[]);\n", table: "flags",
                            good: good, count: 3,
                            bad: ["9,101,,,", "9,10201,,,", "9,X1F,,,", "9,,10,,", "9,,,X1FF,", "9,,,1x1,", "9,,,,\"{1010}\"", "9,,,,\"{10é}\""])
    }

    /// An array column declared with a modifier applies it to every element, as `array_in` does:
    /// `varchar(3)[]` refuses a longer element, `numeric(5,2)[]` one that overflows after rounding.
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func arrayElementsTakeTheColumnsModifier() throws {
        let ddl = "CREATE TABLE mods (id integer, v varchar(3)[], n numeric(5,2)[], c character(2)[]);\n"
        var catalog = SchemaCatalog()
        for statement in try SQLParser.parse(text: ddl, file: "mods.sql") { _ = catalog.apply(statement) }
        #expect(catalog.tables["mods"]?.columns[2].arrayElementType == .modelled(.numeric(precision: 5, scale: 2)))
        #expect(catalog.tables["mods"]?.columns[3].arrayElementType == .blankPadded(length: 2))
        let good = "id,v,n,c\n1,\"{abc,ab,NULL}\",\"{999.994,-1.5}\",\"{ab,a}\"\n2,{},\"{{1,2},{3,4}}\",\"{\"\"ab  \"\"}\"\n"
        try expectSameLoads(ddl: ddl, table: "mods", good: good, count: 2,
                            bad: ["9,\"{abcd}\",,", "9,,\"{999.995}\",", "9,,\"{1,x}\",", "9,,,\"{abc}\"", "9,,,\"{\"\"é é\"\"}\""])
    }

    /// An enum column takes its labels exactly (case and spaces count) and refuses anything else
    /// with the server's message, the type's name quoted as the server quotes it.
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func enumColumnsTakeOnlyTheirLabels() throws {
        let pg = try #require(try cluster())
        let ddl = "CREATE TYPE \"Side\" AS ENUM ('buy', 'sell', 'sell short');\nCREATE TABLE orders (id integer, s \"Side\" NOT NULL);\n"
        var catalog = SchemaCatalog()
        for statement in try SQLParser.parse(text: ddl, file: "enum.sql") {
            let findings = catalog.apply(statement)
            #expect(findings.isEmpty, "\(findings)")
        }
        let table = try #require(catalog.tables["orders"])
        #expect(table.columns[1].enumLabels == ["buy", "sell", "sell short"])
        let csv = "id,s\n1,buy\n2,sell short\n3,\"sell\"\n4,buy\n"
        let db = try pg.createDatabase("enum")
        let expected = try pg.psql(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db],
                                   input: ddl + "COPY orders FROM STDIN WITH (FORMAT csv, HEADER);\n" + csv + "\\.\nCOPY orders TO STDOUT WITH (FORMAT csv, HEADER);\n") + "\n"
        #expect(CopyWriter().writeString(try CopyReader(table: table).read(string: csv)) == expected)
        for bad in ["5,Buy", "5,hold", "5,buy ", "5,\"\""] {
            let text = "id,s\n1,buy\n" + bad + "\n"
            let theirs = try Self.serverError(copying: text, into: "orders", pg: pg, database: db)
            do {
                _ = try CopyReader(table: table, loadTime: 0).read(string: text)
                Issue.record("\(bad): Chunkwise accepted what PostgreSQL answered with \(theirs)")
            } catch {
                #expect(error.message == theirs, "\(bad)")
                #expect(error.line == 3, "\(bad)")
            }
        }
        _ = try pg.query("DROP DATABASE \(db)")
    }

    /// A domain column stores its base type, fills the domain's default, and refuses a NULL or a
    /// value its CHECKs fail with the domain's wording, at the row PostgreSQL names.
    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func domainColumnsKeepTheirDomainsRules() throws {
        let pg = try #require(try cluster())
        let ddl = """
            CREATE DOMAIN price AS numeric(12,2) CONSTRAINT price_positive CHECK (VALUE > 0);
            CREATE DOMAIN qty AS int NOT NULL DEFAULT 1 CHECK (VALUE >= 0) CHECK (VALUE < 100);
            CREATE TABLE orders (id integer, p price, q qty, note varchar(8) CHECK (note <> 'x'));

            """
        var catalog = SchemaCatalog()
        for statement in try SQLParser.parse(text: ddl, file: "domain.sql") {
            let findings = catalog.apply(statement)
            #expect(findings.isEmpty, "\(findings)")
        }
        let table = try #require(catalog.tables["orders"])
        #expect(table.columns.map(\.type) == [.int4, .numeric(precision: 12, scale: 2), .int4, .varchar(8)])
        let db = try pg.createDatabase("domain")
        _ = try pg.psql(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db], input: ddl)
        let good = [("id,p,q,note", "1,5.5,3,a\n2,,0,\n3,7,99,b\n"), ("id,p,note", "4,1.005,c\n")]
        for (header, rows) in good {
            let expected = try pg.psql(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db],
                                       input: "BEGIN;\nCOPY orders (\(header)) FROM STDIN WITH (FORMAT csv);\n" + rows
                                           + "\\.\nCOPY orders TO STDOUT WITH (FORMAT csv, HEADER);\nROLLBACK;\n") + "\n"
            #expect(CopyWriter().writeString(try CopyReader(table: table).read(string: header + "\n" + rows)) == expected)
        }
        let refused = [
            "id,p,q,note\n1,5,3,a\n2,-1,3,a\n", "id,p,q,note\n1,5,3,a\n2,5,,a\n", "id,p,q,note\n1,5,3,a\n2,5,100,a\n",
            "id,p,q,note\n1,5,3,a\n2,5,-1,a\n", "id,p,q,note\n1,5,3,x\n2,-1,3,a\n", "id,p,q,note\n1,-5,,a\n",
            "id,p,q,note\n1,-5,3,x\n", "id,p,q,note\n1,5,101,x\n",
        ]
        for text in refused {
            let theirs = try Self.serverError(copying: text, into: "orders", pg: pg, database: db)
            do {
                _ = try CopyReader(table: table, loadTime: 0).read(string: text)
                Issue.record("\(text): Chunkwise accepted what PostgreSQL answered with \(theirs)")
            } catch {
                #expect(error.message == theirs, "\(text)")
            }
        }
        _ = try pg.query("DROP DATABASE \(db)")
    }

    @Test(.enabled(if: PostgresCluster.canRun, "needs postgresql-15")) func errorsMatchPostgreSQLs() throws {
        let pg = try #require(try cluster())
        let good = "7,,x,y,1,,,,"
        let cases: [(String, String)] = [
            ("numeric overflow", "8,,,,10000,,,,"),
            ("varchar too long", "8,,,abcdefghijk,,,,,"),
            ("bad uuid", "8,not-a-uuid,,,,,,,"),
            ("not null", ",,,,,,,,"),
            ("check", "8,,,,-1000,,,,"),
            ("extra data", "8,,,,,,,,,"),
            ("missing data", "8,,,"),
            ("integer range", "2147483648,,,,,,,,"),
            ("bigint range", "8,,,,,,,,9223372036854775808"),
            ("timestamp field range", "8,,,,,,2024-02-30 00:00:00+00,,"),
            ("timestamp syntax", "8,,,,,,yesterday noon,,"),
            ("json", "8,,,,,{bad,,,"),
            ("boolean", "8,,,,,,,maybe,"),
            ("numeric syntax", "8,,,,1e0x,,,,"),
            ("unterminated", "8,\"open,,,,,,,"),
        ]
        for (name, bad) in cases {
            let csv = Self.header + good + "\n" + bad + "\n"
            let theirs = try postgresError(pg, csv: csv)
            do {
                _ = try CopyReader(table: Self.table, loadTime: 0).read(string: csv)
                Issue.record("\(name): Chunkwise accepted what PostgreSQL refused with \(theirs.message)")
            } catch {
                #expect(error.message == theirs.message, "\(name)")
                if let line = theirs.line, name != "unterminated" { #expect(error.line == line, "\(name) line") }
                if name == "not null" || name == "check" || name == "numeric overflow" {
                    #expect(error.valueDetail == theirs.detail, "\(name) detail")
                }
            }
        }
    }
}
