import Foundation
import Server
import Testing
import TestSupport

/// The PostgreSQL errors the server writes itself — a misspelled column with its "Perhaps you
/// meant" hint, LIKE on a non-text column, a bad jsonb operand — must read as PostgreSQL 15
/// writes them for the SQL PostgREST 12 sends (message, DETAIL, HINT).
@Suite(.enabled(if: PostgresCluster.isInstalled || PostgresCluster.mustRun, "PostgreSQL 15 is not installed"))
struct ErrorTextDifferentialTests {
    static let schema = """
        CREATE TABLE quotes (id bigint PRIMARY KEY, close numeric(12,2), open numeric(12,2), high numeric(12,2), volume bigint,
                             clos text, note varchar(10), meta jsonb, ab int, ac int, ad int);
        GRANT ALL ON quotes TO anon;
        """

    /// (query string of `GET /rest/v1/quotes`, the statement PostgREST runs for it).
    static let cases: [(String, String)] = [
        ("select=clse", #"SELECT "public"."quotes"."clse" FROM "public"."quotes""#),
        ("select=id,closee", #"SELECT "public"."quotes"."closee" FROM "public"."quotes""#),
        ("select=volum", #"SELECT "public"."quotes"."volum" FROM "public"."quotes""#),
        ("select=xyzzy", #"SELECT "public"."quotes"."xyzzy" FROM "public"."quotes""#),
        ("select=cl", #"SELECT "public"."quotes"."cl" FROM "public"."quotes""#),
        ("select=ope", #"SELECT "public"."quotes"."ope" FROM "public"."quotes""#),
        ("select=a", #"SELECT "public"."quotes"."a" FROM "public"."quotes""#),
        ("select=aa", #"SELECT "public"."quotes"."aa" FROM "public"."quotes""#),
        ("select=abc", #"SELECT "public"."quotes"."abc" FROM "public"."quotes""#),
        ("hihg=eq.1", #"SELECT * FROM "public"."quotes" WHERE "public"."quotes"."hihg" = '1'"#),
        ("order=vlume", #"SELECT * FROM "public"."quotes" ORDER BY "public"."quotes"."vlume""#),
        ("close=like.1*", #"SELECT * FROM "public"."quotes" WHERE "public"."quotes"."close" LIKE '1%'"#),
        ("note=gt.1&volume=ilike.1", #"SELECT * FROM "public"."quotes" WHERE "public"."quotes"."volume" ILIKE '1'"#),
        ("meta=eq.bad", #"SELECT * FROM "public"."quotes" WHERE "public"."quotes"."meta" = 'bad'"#),
        ("meta=eq.%7B%22a%22:", #"SELECT * FROM "public"."quotes" WHERE "public"."quotes"."meta" = '{"a":'"#),
    ]

    /// psql's ERROR, DETAIL and HINT lines of one failed statement.
    struct Reported: Equatable, CustomStringConvertible {
        var message = "", detail: String?, hint: String?
        var description: String { "\(message) | \(detail ?? "-") | \(hint ?? "-")" }
    }

    @Test func errorsReadAsPostgres() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("errtext-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let schemaFile = dir.appendingPathComponent("schema.sql")
        try Self.schema.write(to: schemaFile, atomically: true, encoding: .utf8)
        var config = ServedDatabase.Configuration()
        config.schemaFiles = [schemaFile.path]
        let api = RestAPI(database: try ServedDatabase(config))

        let cluster = try PostgresCluster.shared()
        let db = try cluster.createDatabase("errtext")
        try cluster.query("DO $$ BEGIN CREATE ROLE anon; EXCEPTION WHEN duplicate_object THEN NULL; END $$;\n" + Self.schema, database: db)
        var script = ""
        for (i, c) in Self.cases.enumerated() { script += "\\echo '#case \(i)'\n\(c.1);\n" }
        let out = try cluster.script(script, file: "errtext-\(UInt32.random(in: 0...UInt32.max)).sql", database: db)
        var expected: [Reported] = []
        for line in out.split(separator: "\n") {
            if line.hasPrefix("#case ") { expected.append(Reported()); continue }
            guard !expected.isEmpty else { continue }
            if let r = line.range(of: "ERROR:  ") { expected[expected.count - 1].message = String(line[r.upperBound...]) }
            if line.hasPrefix("DETAIL:  ") { expected[expected.count - 1].detail = String(line.dropFirst(9)) }
            if line.hasPrefix("HINT:  ") { expected[expected.count - 1].hint = String(line.dropFirst(7)) }
        }
        #expect(expected.count == Self.cases.count)
        // A guard against comparing nothing: PostgreSQL hinted and detailed some of these.
        #expect(expected.filter { $0.hint?.hasPrefix("Perhaps you meant") == true }.count >= 5, "\(expected)")
        #expect(expected.contains { $0.hint?.contains(" or the column ") == true }, "\(expected)")
        #expect(expected.contains { $0.detail == "Token \"bad\" is invalid." }, "\(expected)")
        for (i, c) in Self.cases.enumerated() where i < expected.count {
            let r = api.handle(RestRequest(method: "GET", path: "/rest/v1/quotes", query: c.0))
            let body = try JSONSerialization.jsonObject(with: Data(r.body.utf8)) as? [String: Any] ?? [:]
            let served = Reported(message: body["message"] as? String ?? "", detail: body["details"] as? String, hint: body["hint"] as? String)
            #expect(!expected[i].message.isEmpty && served == expected[i], "\(c.0)\n  serve: \(served)\n  pg:    \(expected[i])")
        }
    }
}
